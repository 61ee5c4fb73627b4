/**
 * Signals from the analysis numbers: model-state and activation memory against the GPU, multi-node
 * scale, uptime, recovery and lost-progress targets, failure rates, checkpoint stalls, budget,
 * throughput targets, timeline and total compute. Every figure is quoted as the analysis panel
 * formats it.
 */

import { formatBytes, formatDuration, formatPercent, formatUsd } from '../analysis/format';
import type { Analysis } from '../analysis/types';
import {
  activationCondition,
  budgetFacts,
  clusterFacts,
  describeOneGpu,
  formatStatedMinutes,
  formatWhole,
  LARGEST_GPU_MEMORY_BYTES,
  memoryFacts,
  quote,
  stageMemory,
  type ClusterFacts,
  type MemoryFacts,
} from './facts';
import type { Signal, SignalTarget } from './signals';
import { OUT_OF_MEMORY_WORDS } from './word-signals';

/** Sequences at least this long (tokens) make attention activations a topic of their own. */
const LONG_SEQUENCE_TOKENS = 8192;
/** Jobs of at least this many GPUs hear about failure rates even without an uptime target. */
const FAILURE_SCALE_GPUS = 512;
const DAYS_PER_MONTH = 30;
const SECONDS_PER_DAY = 86_400;

const MULTI_NODE_WORDS =
  /multi-?node|across (?:the )?nodes|inter-?node|(?:both|two|several|many) (?:servers|nodes)/i;

/** Derives the signals that the analysis numbers support, in a fixed order. */
export function deriveNumberSignals(problemText: string, analysis: Analysis): Signal[] {
  const cluster = clusterFacts(analysis);
  const memory = memoryFacts(analysis);
  const signals: Array<Signal | undefined> = [
    modelMemorySignal(analysis, cluster, memory),
    activationSignal(problemText, analysis, cluster, memory),
    longSequenceSignal(analysis),
    multiNodeSignal(problemText, analysis, cluster),
    singleNodeSignal(cluster),
    uptimeSignal(analysis, cluster),
    recoverySignal(analysis),
    lostProgressSignal(analysis),
    failuresAtScaleSignal(analysis, cluster),
    checkpointStallSignal(analysis),
    budgetSignal(analysis),
    throughputSignal(analysis),
    timelineSignal(analysis),
    computeSignal(analysis),
  ];
  return signals.filter((signal): signal is Signal => signal !== undefined);
}

function modelMemorySignal(
  analysis: Analysis,
  cluster: ClusterFacts,
  memory: MemoryFacts | undefined,
): Signal | undefined {
  if (memory === undefined) return undefined;
  const oneGpu = describeOneGpu(cluster);
  const ddp = stageMemory(memory, 0);
  const precision: SignalTarget = {
    topic: 'precision',
    weight: 0.3,
    consequence:
      'bf16 weights and gradients beside fp32 optimizer states make the 16 bytes per parameter',
  };

  // Without a named GPU the comparison is with the catalogue, a weaker fact than the learner's own GPU.
  if (oneGpu === undefined || ddp?.fits === undefined) {
    if (memory.modelStates.value <= LARGEST_GPU_MEMORY_BYTES) {
      return {
        id: 'model-size',
        strength: 0.3,
        fact: `${memory.modelStatesText} of model states at 16 bytes per parameter`,
        targets: [
          { topic: 'memory', weight: 1, consequence: 'the GPU choice decides whether they fit' },
        ],
      };
    }
    return {
      id: 'model-size',
      strength: 0.4,
      fact: `${memory.modelStatesText} of model states exceed the ${formatBytes(LARGEST_GPU_MEMORY_BYTES)} of the largest GPU in the catalogue`,
      targets: [
        {
          topic: 'sharding',
          weight: 1,
          consequence: 'they must be sharded across data-parallel ranks',
        },
        { topic: 'modelParallel', weight: 0.8, consequence: 'the model must be split across GPUs' },
        {
          topic: 'memory',
          weight: 0.5,
          consequence: 'every byte per parameter has to be accounted for',
        },
        {
          topic: 'pipelineParallel',
          weight: 0.6,
          consequence: 'layers can be split into pipeline stages',
        },
        {
          topic: 'tensorParallel',
          weight: 0.5,
          consequence: "each layer's matrices can be split across GPUs",
        },
        precision,
      ],
    };
  }

  if (ddp.fits) {
    return {
      id: 'model-memory',
      strength: 0.3,
      fact: `${memory.modelStatesText} of model states fit on ${oneGpu} under plain data parallelism`,
      targets: [
        { topic: 'memory', weight: 1, consequence: 'activations decide the remaining headroom' },
      ],
    };
  }

  // A stated ZeRO stage that already fits moves the question from model states to activations.
  const statedStage = analysis.quantities.zeroStage;
  const stated =
    statedStage === undefined || statedStage === 0 ? undefined : stageMemory(memory, statedStage);
  if (stated?.fits === true) {
    return {
      id: 'model-memory',
      strength: 0.4,
      fact: `${stated.label} already brings ${memory.modelStatesText} of model states to ${stated.text} per GPU, within ${oneGpu}`,
      targets: [
        {
          topic: 'memory',
          weight: 1,
          consequence: 'what else fills the GPU has to be accounted for',
        },
        {
          topic: 'sharding',
          weight: 0.6,
          consequence: 'more sharding of model states cannot free much more',
        },
        {
          topic: 'offload',
          weight: 0.4,
          consequence: 'offloading the sharded states frees little more',
        },
      ],
    };
  }

  const zero3 = stageMemory(memory, 3);
  const fact = `${memory.modelStatesText} of model states cannot fit on ${oneGpu}`;
  const alreadySharded = statedStage !== undefined && statedStage > 0 && stated === undefined;
  if (zero3 !== undefined && zero3.fits === false) {
    return {
      id: 'model-memory',
      strength: 1,
      fact,
      targets: [
        {
          topic: 'offload',
          weight: 1,
          consequence: `even ZeRO-3 leaves ${zero3.text} per GPU and offloading is the next lever`,
        },
        { topic: 'sharding', weight: 0.9, consequence: `even ZeRO-3 leaves ${zero3.text} per GPU` },
        {
          topic: 'modelParallel',
          weight: 0.9,
          consequence: 'the model must also be split across GPUs',
        },
        {
          topic: 'tensorParallel',
          weight: 0.8,
          consequence: "each layer's matrices must be split across the GPUs of a node",
        },
        {
          topic: 'pipelineParallel',
          weight: 0.8,
          consequence: 'layers must be split into pipeline stages',
        },
        {
          topic: 'memory',
          weight: 0.5,
          consequence: 'every byte per parameter has to be accounted for',
        },
        precision,
      ],
    };
  }

  const shardingConsequence =
    zero3 === undefined
      ? 'they must be sharded across data-parallel ranks'
      : `ZeRO-3 brings them to ${zero3.text} per GPU`;
  const multiNode = (cluster.nodes ?? 1) > 1;
  return {
    id: 'model-memory',
    // The problem already shards but gives no GPU count, so the per-GPU figure is unknown.
    strength: alreadySharded ? 0.5 : 1,
    fact,
    targets: [
      { topic: 'sharding', weight: 1, consequence: shardingConsequence },
      {
        topic: 'modelParallel',
        weight: 0.85,
        consequence: 'splitting the model across GPUs is the other way to fit them',
      },
      {
        topic: 'pipelineParallel',
        weight: multiNode ? 0.75 : 0.5,
        consequence: 'layers can be split into pipeline stages',
      },
      {
        topic: 'memory',
        weight: 0.5,
        consequence: 'every byte per parameter has to be accounted for',
      },
      {
        topic: 'tensorParallel',
        weight: 0.5,
        consequence: "each layer's matrices can be split across the GPUs of a node",
      },
      { topic: 'offload', weight: 0.2, consequence: 'offloading to CPU memory is a fallback' },
      precision,
    ],
  };
}

function activationSignal(
  problemText: string,
  analysis: Analysis,
  cluster: ClusterFacts,
  memory: MemoryFacts | undefined,
): Signal | undefined {
  const activations = analysis.estimates.activationBytesPerGpu;
  if (
    activations === undefined ||
    cluster.gpuMemoryBytes === undefined ||
    cluster.gpu === undefined
  ) {
    return undefined;
  }

  const statedStage = analysis.quantities.zeroStage;
  const stage =
    memory === undefined
      ? undefined
      : stageMemory(memory, statedStage ?? memory.lowestFittingStage ?? 3);
  const statesBytes = stage?.estimate.value ?? 0;
  const totalBytes = activations.value + statesBytes;
  const overflow = totalBytes > cluster.gpuMemoryBytes;
  const share = activations.value / cluster.gpuMemoryBytes;
  if (!overflow && share < 0.3) return undefined;

  const onTop =
    stage === undefined ? '' : ` on top of ${stage.text} of model states under ${stage.label}`;
  const verdict = overflow
    ? `, more than the ${formatBytes(cluster.gpuMemoryBytes)} of the ${cluster.gpu.id}`
    : `, ${formatPercent(share)} of the ${cluster.gpu.id}'s memory`;
  // An estimate built on the default sequence length and an inferred shape weighs less than one
  // the problem's own numbers or its out-of-memory report back up.
  const backedByProblem =
    analysis.quantities.sequenceLength !== undefined || OUT_OF_MEMORY_WORDS.test(problemText);
  const strength = (overflow ? 1 : 0.5) * (backedByProblem ? 1 : 0.6);
  return {
    id: 'activation-memory',
    strength,
    fact: `Activations take ${quote(activations)} per GPU ${activationCondition(analysis)}${onTop}${verdict}`,
    targets: [
      {
        topic: 'activation',
        weight: 1,
        consequence: 'recomputing them in the backward pass trades compute for memory',
      },
      {
        topic: 'sequenceParallel',
        weight: 0.7,
        consequence: 'splitting the sequence across GPUs divides them',
      },
      {
        topic: 'attentionKernel',
        weight: 0.5,
        consequence: 'a fused attention kernel never stores the sequence-squared score matrix',
      },
      {
        topic: 'memory',
        weight: 0.6,
        consequence: 'the per-GPU budget has to count them beside model states',
      },
      {
        topic: 'batch',
        weight: 0.6,
        consequence: 'a smaller micro-batch with gradient accumulation shrinks them',
      },
      {
        topic: 'tensorParallel',
        weight: 0.6,
        consequence:
          'tensor parallelism with sequence parallelism divides them by the tensor-parallel degree',
      },
      {
        topic: 'precision',
        weight: 0.3,
        consequence: 'they are stored in 16-bit precision, 2 bytes per value',
      },
    ],
  };
}

function longSequenceSignal(analysis: Analysis): Signal | undefined {
  const tokens = analysis.quantities.sequenceLength;
  if (tokens === undefined || tokens < LONG_SEQUENCE_TOKENS) return undefined;
  return {
    id: 'long-sequence',
    strength: 0.8,
    fact: `${formatWhole(tokens)}-token sequences make activation memory grow with sequence length, and unfused attention scores with its square`,
    targets: [
      {
        topic: 'sequenceParallel',
        weight: 1,
        consequence: 'the sequence itself can be split across GPUs',
      },
      {
        topic: 'attentionKernel',
        weight: 1,
        consequence: 'a tiled attention kernel avoids storing the sequence-squared scores',
      },
      { topic: 'activation', weight: 0.8, consequence: 'recomputation is the first memory lever' },
      { topic: 'memory', weight: 0.3 },
    ],
  };
}

function multiNodeSignal(
  problemText: string,
  analysis: Analysis,
  cluster: ClusterFacts,
): Signal | undefined {
  const allReduce = analysis.estimates.allReduceSecondsPerStep;
  const allReduceConsequence =
    allReduce === undefined
      ? 'the gradient all-reduce crosses the inter-node network every step'
      : `a ring all-reduce of the bf16 gradients takes ${quote(allReduce)} per step over the inter-node network`;
  const targets: SignalTarget[] = [
    { topic: 'network', weight: 1, consequence: 'gradients cross the inter-node network' },
    { topic: 'allReduce', weight: 0.8, consequence: allReduceConsequence },
    {
      topic: 'collective',
      weight: 0.8,
      consequence: 'every step waits on collectives over the inter-node network',
    },
    {
      topic: 'distributed',
      weight: 0.8,
      consequence: 'every rank across the nodes joins one process group',
    },
    {
      topic: 'dataParallel',
      weight: 0.7,
      consequence: 'each data-parallel step synchronises gradients across nodes',
    },
    {
      topic: 'overlap',
      weight: 0.5,
      consequence: 'hiding communication behind compute decides scaling efficiency',
    },
    {
      topic: 'intraNode',
      weight: 0.4,
      consequence: 'links inside a node and across nodes run at very different speeds',
    },
    {
      topic: 'pipelineParallel',
      weight: 0.3,
      consequence: 'pipeline stages can sit on different nodes',
    },
    { topic: 'scheduling', weight: 0.2, consequence: 'all nodes must be scheduled together' },
  ];

  if (cluster.nodes !== undefined && cluster.gpuCount !== undefined && cluster.nodes > 1) {
    return {
      id: 'multi-node',
      strength: 1,
      fact: `${formatWhole(cluster.gpuCount)} GPUs span ${formatWhole(cluster.nodes)} nodes`,
      targets,
    };
  }
  if (cluster.nodes === undefined && MULTI_NODE_WORDS.test(problemText)) {
    return { id: 'multi-node', strength: 0.6, fact: 'the job spans several nodes', targets };
  }
  return undefined;
}

function singleNodeSignal(cluster: ClusterFacts): Signal | undefined {
  if (cluster.nodes !== 1 || cluster.gpuCount === undefined || cluster.gpuCount < 2)
    return undefined;
  const link = cluster.gpu === undefined ? 'the intra-node links' : cluster.gpu.intraNodeLink;
  return {
    id: 'single-node',
    strength: 0.3,
    fact: `${formatWhole(cluster.gpuCount)} GPUs share one node, so collectives run over ${link}`,
    targets: [
      {
        topic: 'intraNode',
        weight: 1,
        consequence: 'the intra-node link bounds collective bandwidth',
      },
      { topic: 'collective', weight: 0.6 },
      { topic: 'dataParallel', weight: 0.6 },
    ],
  };
}

function uptimeSignal(analysis: Analysis, cluster: ClusterFacts): Signal | undefined {
  const uptime = analysis.quantities.uptimeTarget;
  if (uptime === undefined) return undefined;

  const trainingDays = analysis.estimates.trainingDays;
  const downtime =
    trainingDays === undefined
      ? `${formatDuration((1 - uptime) * DAYS_PER_MONTH * SECONDS_PER_DAY)} of downtime in 30 days`
      : `${formatDuration((1 - uptime) * trainingDays.value * SECONDS_PER_DAY)} of downtime in ${quote(trainingDays)} of training`;
  const mtbf = analysis.estimates.jobMtbfHours;
  const failureConsequence =
    mtbf === undefined || cluster.gpuCount === undefined
      ? 'the expected failure rate sets the checkpoint interval'
      : `${formatWhole(cluster.gpuCount)} GPUs see a failure about every ${quote(mtbf)}`;
  return {
    id: 'uptime',
    strength: 1,
    fact: `${formatPercent(uptime)} uptime allows ${downtime}`,
    targets: [
      {
        topic: 'faultTolerance',
        weight: 1,
        consequence: 'failures must be detected and restarted automatically',
      },
      {
        topic: 'checkpoint',
        weight: 0.85,
        consequence: 'each restart resumes from the last saved training state',
      },
      { topic: 'failureRate', weight: 0.8, consequence: failureConsequence },
      {
        topic: 'elastic',
        weight: 0.4,
        consequence: 'continuing on fewer nodes avoids waiting for a replacement',
      },
      { topic: 'monitoring', weight: 0.3, consequence: 'hangs must be caught quickly' },
    ],
  };
}

function recoverySignal(analysis: Analysis): Signal | undefined {
  const minutes = analysis.quantities.recoveryMinutes;
  if (minutes === undefined) return undefined;
  return {
    id: 'recovery',
    strength: 1,
    fact: `recovering within ${formatStatedMinutes(minutes)} leaves no time for a manual restart`,
    targets: [
      {
        topic: 'faultTolerance',
        weight: 1,
        consequence: 'detection and restart must be automatic',
      },
      {
        topic: 'elastic',
        weight: 0.9,
        consequence: 'the job should continue on the nodes that remain',
      },
      {
        topic: 'checkpoint',
        weight: 0.7,
        consequence: 'the checkpoint must load within that window',
      },
      {
        topic: 'asyncCheckpoint',
        weight: 0.5,
        consequence: 'sharded checkpoints load in parallel',
      },
      {
        topic: 'spot',
        weight: 0.5,
        consequence: 'the same machinery handles reclaimed spot capacity',
      },
      {
        topic: 'rollback',
        weight: 0.5,
        consequence: 'rolling back to the last good checkpoint is the same step a loss spike needs',
      },
      {
        topic: 'scheduling',
        weight: 0.3,
        consequence: 'the scheduler must requeue the job at once',
      },
    ],
  };
}

function lostProgressSignal(analysis: Analysis): Signal | undefined {
  const minutes = analysis.quantities.maxLostProgressMinutes;
  if (minutes === undefined) return undefined;
  const write = analysis.estimates.checkpointWriteSeconds;
  const writeText = write === undefined ? '' : ` minus the ${quote(write)} write`;
  return {
    id: 'lost-progress',
    strength: 1,
    fact: `losing at most ${formatStatedMinutes(minutes)} of progress caps the checkpoint interval at that time${writeText}`,
    targets: [
      { topic: 'checkpoint', weight: 1, consequence: 'checkpoints must be saved that often' },
      { topic: 'asyncCheckpoint', weight: 0.8, consequence: 'saves must not block training' },
      {
        topic: 'failureRate',
        weight: 0.7,
        consequence: 'the failure rate decides what the interval costs',
      },
      { topic: 'faultTolerance', weight: 0.6 },
      {
        topic: 'shardedOptimizer',
        weight: 0.3,
        consequence: 'sharded optimizer state must be saved and restored consistently',
      },
    ],
  };
}

function failuresAtScaleSignal(analysis: Analysis, cluster: ClusterFacts): Signal | undefined {
  const mtbf = analysis.estimates.jobMtbfHours;
  const { quantities } = analysis;
  const hasTarget =
    quantities.uptimeTarget !== undefined ||
    quantities.recoveryMinutes !== undefined ||
    quantities.maxLostProgressMinutes !== undefined;
  if (mtbf === undefined || cluster.gpuCount === undefined || hasTarget) return undefined;
  if (cluster.gpuCount < FAILURE_SCALE_GPUS && quantities.mtbfHours === undefined) return undefined;

  const interval = analysis.estimates.checkpointIntervalMinutes;
  return {
    id: 'failures-at-scale',
    strength: 0.6,
    fact: `${formatWhole(cluster.gpuCount)} GPUs see a failure about every ${quote(mtbf)}`,
    targets: [
      { topic: 'failureRate', weight: 1, consequence: 'failures are routine, not exceptional' },
      { topic: 'faultTolerance', weight: 0.9, consequence: 'restarts must be automatic' },
      {
        topic: 'checkpoint',
        weight: 0.7,
        consequence:
          interval === undefined
            ? 'checkpoints bound the lost work'
            : `the Young/Daly interval is ${quote(interval)}`,
      },
    ],
  };
}

function checkpointStallSignal(analysis: Analysis): Signal | undefined {
  const { quantities, estimates } = analysis;
  const statedMinutes = quantities.checkpointWriteMinutes;
  const write = estimates.checkpointWriteSeconds;
  if (statedMinutes === undefined && quantities.storageBytesPerSecond === undefined)
    return undefined;

  const size =
    estimates.checkpointBytes === undefined ? '' : ` of ${quote(estimates.checkpointBytes)}`;
  const duration =
    statedMinutes !== undefined
      ? formatStatedMinutes(statedMinutes)
      : write === undefined
        ? undefined
        : quote(write);
  if (duration === undefined) return undefined;

  const interval = estimates.checkpointIntervalMinutes;
  return {
    id: 'checkpoint-stall',
    strength: 1,
    fact: `each checkpoint save${size} blocks training for ${duration}`,
    targets: [
      {
        topic: 'asyncCheckpoint',
        weight: 1,
        consequence: 'the save should move off the training path',
      },
      { topic: 'checkpoint', weight: 0.9, consequence: 'size and write bandwidth set the stall' },
      { topic: 'storage', weight: 0.7, consequence: 'storage bandwidth bounds every save' },
      {
        topic: 'failureRate',
        weight: 0.6,
        consequence:
          interval === undefined
            ? 'the save cost sets how often to checkpoint'
            : `the Young/Daly interval is ${quote(interval)}`,
      },
      {
        topic: 'faultTolerance',
        weight: 0.6,
        consequence: 'the save cost limits how much progress a failure may take',
      },
      {
        topic: 'throughput',
        weight: 0.6,
        consequence: 'time spent saving is time the GPUs sit idle',
      },
      { topic: 'sharding', weight: 0.2, consequence: 'sharded state is what has to be saved' },
    ],
  };
}

function budgetSignal(analysis: Analysis): Signal | undefined {
  const budget = budgetFacts(analysis);
  const targets = (over: boolean): SignalTarget[] => [
    {
      topic: 'cost',
      weight: 1,
      consequence: over
        ? 'the plan has to change before the run starts'
        : 'the margin has to survive failures and reruns',
    },
    {
      topic: 'compute',
      weight: over ? 0.4 : 0.3,
      consequence: 'the FLOPs and GPU-hours behind the cost need checking',
    },
    {
      topic: 'throughput',
      weight: over ? 0.4 : 0.2,
      consequence: 'higher utilisation buys the same run for less',
    },
    {
      topic: 'spot',
      weight: over ? 0.4 : 0.2,
      consequence: 'discounted capacity is one way to cut the bill',
    },
  ];

  if (budget !== undefined) {
    return {
      id: 'budget',
      strength: budget.over ? 1 : 0.6,
      fact: budget.sentence,
      targets: targets(budget.over),
    };
  }
  const budgetUsd = analysis.quantities.budgetUsd;
  if (budgetUsd === undefined) return undefined;
  return {
    id: 'budget',
    strength: 0.6,
    fact: `a ${formatUsd(budgetUsd)} budget bounds the GPU-hours the run can buy`,
    targets: targets(false),
  };
}

function throughputSignal(analysis: Analysis): Signal | undefined {
  const target = analysis.quantities.throughput;
  if (target === undefined) return undefined;
  const rate = `${formatWhole(target.value)} ${target.unit}`;
  const perSample = /sample|image|sequence/i.test(target.unit);
  return {
    id: 'throughput-target',
    strength: 1,
    fact: `the run must sustain ${rate}`,
    targets: [
      {
        topic: 'throughput',
        weight: 1,
        consequence: 'every stall and idle GPU counts against the target',
      },
      {
        topic: 'dataLoading',
        weight: perSample ? 0.9 : 0.6,
        consequence: `the input pipeline alone must deliver ${rate}`,
      },
      {
        topic: 'monitoring',
        weight: 0.6,
        consequence: 'GPU utilisation shows whether the GPUs or the loader set the pace',
      },
      {
        topic: 'batch',
        weight: 0.5,
        consequence: 'the batch size sets how many samples each step processes',
      },
      {
        topic: 'precision',
        weight: 0.6,
        consequence: 'mixed precision runs the matrix math in bf16 on tensor cores',
      },
      { topic: 'cost', weight: 0.2 },
    ],
  };
}

function timelineSignal(analysis: Analysis): Signal | undefined {
  const timelineDays = analysis.quantities.timelineDays;
  const trainingDays = analysis.estimates.trainingDays;
  if (timelineDays === undefined || trainingDays === undefined) return undefined;
  const late = trainingDays.value > timelineDays;
  return {
    id: 'timeline',
    strength: late ? 1 : 0.4,
    fact: `an estimated ${quote(trainingDays)} of training ${late ? 'overruns' : 'fits'} the ${formatWhole(timelineDays)}-day timeline`,
    targets: [
      { topic: 'compute', weight: 1, consequence: 'FLOPs, GPU count and MFU must be reconciled' },
      { topic: 'throughput', weight: 0.8, consequence: 'every point of MFU shortens the run' },
      { topic: 'cost', weight: 0.3 },
    ],
  };
}

function computeSignal(analysis: Analysis): Signal | undefined {
  const flops = analysis.estimates.trainingFlops;
  if (flops === undefined) return undefined;
  const days = analysis.estimates.trainingDays;
  const time = days === undefined ? '' : `, about ${quote(days)} on the stated GPUs`;
  return {
    id: 'compute',
    strength: 0.3,
    fact: `training needs ${quote(flops)} (6·N·D)${time}`,
    targets: [
      {
        topic: 'compute',
        weight: 1,
        consequence: 'the run length follows from FLOPs, GPUs and MFU',
      },
      { topic: 'cost', weight: 0.3 },
    ],
  };
}
