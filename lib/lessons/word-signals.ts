/**
 * Signals from the problem's wording, for what engineers report in words rather than numbers:
 * out-of-memory errors, spot or preemptible capacity, node failures, hangs, a measured speed
 * below expectation, a stalling input pipeline, loss spikes, contrastive objectives and lost
 * progress. Each fact quotes the learner's own words, so the reason can be checked.
 */

import type { Analysis } from '../analysis/types';
import type { Signal } from './signals';

export const OUT_OF_MEMORY_WORDS = /out[\s-]of[\s-]memory|\bOOMs?\b/i;

const SPOT_WORDS =
  /\bspot(?:\s+(?:instances?|vms?|capacity|gpus?|nodes?))?\b|\bpreemptible(?:\s+[a-z]+){0,2}?\s+(?:vms?|instances?|gpus?|nodes?)\b|\bpreemptible\b|\bpreempt(?:ed|ions?)\b/i;
const NODE_FAILURE_WORDS =
  /\b(?:node|gpu|host|hardware|machine|server)s?\s+(?:failures?|fail(?:s|ed|ing)?|crash(?:es|ed)?|dies|died|goes down|go down)\b|\bfailed (?:nodes?|gpus?|hosts?)\b/i;
const HANG_WORDS =
  /\bhangs?\b(?!\s+off\b)|\bhung\b|\bfreez(?:e|es|ing)\b|\bfrozen\b|\bstuck\b|\bdeadlock(?:s|ed)?\b|\btime[sd]? ?out\b|\btimeouts?\b/i;
const PERFORMANCE_GAP_WORDS =
  /\bbenchmarks?\b|\bbus ?bandwidth\b|\bbusbw\b|\bnccl-tests\b|(?:half|fraction) (?:of )?the expected|(?:slower|lower) than expected/i;
const LOADER_WORDS =
  /data ?loader|\bloader\b|input pipeline|data loading|\bprefetch|\bnum_workers\b|loader workers/i;
const STALL_WORDS =
  /\bstall(?:s|ed|ing)?\b|\bidle\b|\bdips?\b|\bstarv(?:e|es|ed|ing)\b|\bbottleneck(?:ed|s)?\b|\bwait(?:s|ing)? (?:on|for) (?:data|the loader)/i;
// A negation just before the word ("no NaNs", "without divergence") does not report instability.
const INSTABILITY_WORDS =
  /(?<!\bno |\bnot |\bwithout |\bnever )(?:\bloss spikes?\b|\bspik(?:e|es|ing)\b|\bdiverg(?:e|es|ed|ing|ence)\b|\bnans?\b|\binstabilit(?:y|ies)\b|\bunstable\b|\btraining stability\b)/i;
const MAINTAIN_WORDS =
  /\b(?:maintain|maintaining|keep|keeping|ensure|ensuring|preserve|preserving)\b/i;
const CONTRASTIVE_WORDS = /\bclip\b(?!-grad|ping)|\bcontrastive\b|\bsiglip\b/i;
const LOST_PROGRESS_WORDS =
  /\blos(?:e|es|ing|t)\s+(?:\S+\s+){0,5}?(?:progress|work|training state)\b/i;

/** Derives the signals that the problem's wording supports, in a fixed order. */
export function deriveWordSignals(problemText: string, analysis: Analysis): Signal[] {
  const signals: Array<Signal | undefined> = [
    outOfMemorySignal(problemText),
    spotSignal(problemText),
    nodeFailureSignal(problemText),
    hangSignal(problemText),
    performanceGapSignal(problemText),
    dataStallSignal(problemText),
    instabilitySignal(problemText),
    contrastiveSignal(problemText),
    lostProgressWordsSignal(problemText, analysis),
  ];
  return signals.filter((signal): signal is Signal => signal !== undefined);
}

function outOfMemorySignal(problemText: string): Signal | undefined {
  if (!OUT_OF_MEMORY_WORDS.test(problemText)) return undefined;
  return {
    id: 'out-of-memory',
    strength: 0.7,
    fact: 'the problem reports running out of GPU memory',
    targets: [
      {
        topic: 'memory',
        weight: 1,
        consequence: 'the first step is to account for every byte on the GPU',
      },
      {
        topic: 'activation',
        weight: 0.8,
        consequence: 'activations are the usual part left once model states are sharded',
      },
      { topic: 'sharding', weight: 0.6, consequence: 'sharding model states is one lever' },
      { topic: 'offload', weight: 0.6, consequence: 'offloading to CPU memory is another lever' },
      { topic: 'sequenceParallel', weight: 0.4, consequence: 'long sequences may be the cause' },
      {
        topic: 'attentionKernel',
        weight: 0.4,
        consequence: 'an unfused attention kernel may be the cause',
      },
      { topic: 'batch', weight: 0.4, consequence: 'a smaller micro-batch shrinks activations' },
    ],
  };
}

function spotSignal(problemText: string): Signal | undefined {
  const match = SPOT_WORDS.exec(problemText);
  if (match === null) return undefined;
  return {
    id: 'spot',
    strength: 1,
    fact: `training on "${match[0]}" means the provider can reclaim capacity at short notice`,
    targets: [
      {
        topic: 'spot',
        weight: 1,
        consequence: 'reclaims have to be planned for, not treated as rare failures',
      },
      { topic: 'checkpoint', weight: 0.7, consequence: 'only saved state survives a reclaim' },
      { topic: 'faultTolerance', weight: 0.6, consequence: 'the job must resume automatically' },
      {
        topic: 'elastic',
        weight: 0.6,
        consequence: 'the job can shrink and grow with the capacity it gets',
      },
      {
        topic: 'cost',
        weight: 0.6,
        consequence: 'the discount pays only if lost work stays small',
      },
      {
        topic: 'scheduling',
        weight: 0.3,
        consequence: 'the scheduler must requeue preempted work',
      },
    ],
  };
}

function nodeFailureSignal(problemText: string): Signal | undefined {
  const match = NODE_FAILURE_WORDS.exec(problemText);
  if (match === null) return undefined;
  return {
    id: 'node-failure',
    strength: 1,
    fact: `the problem plans for "${match[0]}"`,
    targets: [
      {
        topic: 'faultTolerance',
        weight: 1,
        consequence: 'the job must detect the loss and restart without a person',
      },
      {
        topic: 'elastic',
        weight: 0.9,
        consequence: 'the job can continue on the nodes that remain',
      },
      {
        topic: 'checkpoint',
        weight: 0.6,
        consequence: 'the restart resumes from the last saved state',
      },
      {
        topic: 'shardedOptimizer',
        weight: 0.7,
        consequence:
          'restarting on a different number of nodes means resharding the distributed optimizer state',
      },
      {
        topic: 'allReduce',
        weight: 0.8,
        consequence: 'the surviving ranks block in their next all-reduce until it times out',
      },
      {
        topic: 'stability',
        weight: 0.4,
        consequence:
          'resuming on fewer GPUs changes the global batch, which can destabilise the loss',
      },
      {
        topic: 'spot',
        weight: 0.5,
        consequence: 'a reclaimed spot node looks the same to the job',
      },
      {
        topic: 'failureRate',
        weight: 0.5,
        consequence: 'the failure rate tells how often this happens',
      },
    ],
  };
}

function hangSignal(problemText: string): Signal | undefined {
  const match = HANG_WORDS.exec(problemText);
  if (match === null) return undefined;
  return {
    id: 'hang',
    strength: 0.8,
    fact: `"${match[0]}" in the problem points to a hung collective or a straggling rank`,
    targets: [
      {
        topic: 'monitoring',
        weight: 1,
        consequence: 'the stuck rank has to be found from traces and timeouts',
      },
      {
        topic: 'collective',
        weight: 0.7,
        consequence: 'one slow or dead rank stalls every collective',
      },
      {
        topic: 'faultTolerance',
        weight: 0.7,
        consequence: 'a watchdog should turn a hang into a restart',
      },
      {
        topic: 'checkpoint',
        weight: 0.5,
        consequence: 'only a recent checkpoint limits the progress each hang costs',
      },
      { topic: 'network', weight: 0.3, consequence: 'a flapping link is a common cause' },
    ],
  };
}

function performanceGapSignal(problemText: string): Signal | undefined {
  const match = PERFORMANCE_GAP_WORDS.exec(problemText);
  if (match === null) return undefined;
  const allReduce = /all-?reduce/i.test(problemText);
  return {
    id: 'performance-gap',
    strength: 0.7,
    fact: `the problem compares a measured rate ("${match[0]}") with the rate it expected`,
    targets: [
      { topic: 'monitoring', weight: 0.9, consequence: 'profiling shows where the time goes' },
      {
        topic: 'collective',
        weight: 0.8,
        consequence: 'collective benchmarks separate the links from the algorithm',
      },
      {
        topic: 'allReduce',
        weight: allReduce ? 0.8 : 0.4,
        consequence: 'all-reduce bus bandwidth is the figure to compare with the link rates',
      },
      {
        topic: 'intraNode',
        weight: 0.7,
        consequence: 'links inside a node and across nodes have very different bandwidths',
      },
      {
        topic: 'network',
        weight: 0.7,
        consequence: 'the inter-node fabric usually sets the ceiling',
      },
      { topic: 'throughput', weight: 0.4 },
    ],
  };
}

function dataStallSignal(problemText: string): Signal | undefined {
  const loader = LOADER_WORDS.exec(problemText);
  const stall = STALL_WORDS.exec(problemText);
  if (loader === null || stall === null) return undefined;
  return {
    id: 'data-stall',
    strength: 0.9,
    fact: `the problem reports the data loader leaving the GPUs waiting ("${loader[0]}", "${stall[0]}")`,
    targets: [
      {
        topic: 'dataLoading',
        weight: 1,
        consequence: 'the input pipeline has to keep every GPU fed',
      },
      {
        topic: 'monitoring',
        weight: 0.8,
        consequence: 'GPU utilisation and a profile show how long the GPUs wait on data',
      },
      { topic: 'throughput', weight: 0.7, consequence: 'every stall lowers throughput' },
      { topic: 'storage', weight: 0.6, consequence: "the storage's read rate bounds the loader" },
    ],
  };
}

function instabilitySignal(problemText: string): Signal | undefined {
  const match = INSTABILITY_WORDS.exec(problemText);
  if (match === null) return undefined;
  // "While maintaining training stability" states a goal, while "loss spikes" reports a symptom.
  const goal = MAINTAIN_WORDS.test(problemText.slice(Math.max(0, match.index - 30), match.index));
  return {
    id: goal ? 'stability-goal' : 'instability',
    strength: goal ? 0.4 : 0.9,
    fact: goal ? `the problem asks to maintain "${match[0]}"` : `the problem reports "${match[0]}"`,
    targets: [
      {
        topic: 'stability',
        weight: 1,
        consequence: 'spikes and divergence have known causes and fixes',
      },
      { topic: 'precision', weight: 0.6, consequence: 'bf16 or fp16 numerics can trigger them' },
      {
        topic: 'numerics',
        weight: 0.4,
        consequence: 'the number format bounds the range of activations and gradients',
      },
      {
        topic: 'monitoring',
        weight: 0.5,
        consequence: 'logged gradient norms and loss curves locate the first bad step',
      },
      {
        topic: 'checkpoint',
        weight: 0.3,
        consequence: 'rolling back to a checkpoint is the usual recovery',
      },
    ],
  };
}

function contrastiveSignal(problemText: string): Signal | undefined {
  const match = CONTRASTIVE_WORDS.exec(problemText);
  if (match === null) return undefined;
  return {
    id: 'contrastive',
    strength: 0.8,
    fact: `a "${match[0]}"-style contrastive loss draws its negatives from the batch`,
    targets: [
      { topic: 'batch', weight: 1, consequence: 'it needs very large global batches' },
      {
        topic: 'dataParallel',
        weight: 0.4,
        consequence: 'data parallelism supplies most of the batch',
      },
      {
        topic: 'precision',
        weight: 0.3,
        consequence: 'memory per sample decides the batch each GPU holds',
      },
    ],
  };
}

function lostProgressWordsSignal(problemText: string, analysis: Analysis): Signal | undefined {
  if (analysis.quantities.maxLostProgressMinutes !== undefined) return undefined;
  const match = LOST_PROGRESS_WORDS.exec(problemText);
  if (match === null) return undefined;
  return {
    id: 'lost-progress',
    strength: 0.8,
    fact: `the problem asks to limit lost progress ("${match[0]}")`,
    targets: [
      {
        topic: 'checkpoint',
        weight: 1,
        consequence: 'saved training state bounds what a failure takes',
      },
      {
        topic: 'faultTolerance',
        weight: 0.8,
        consequence: 'the run must resume from it automatically',
      },
      {
        topic: 'asyncCheckpoint',
        weight: 0.5,
        consequence: 'frequent saves must not block training',
      },
      { topic: 'failureRate', weight: 0.5, consequence: 'the failure rate sets how often to save' },
    ],
  };
}
