/**
 * Topics of the field that analysis signals, applied sections, roles and objectives refer to.
 * A concept belongs to a topic when its title or tags match the topic's pattern, so the lesson
 * code works on any catalogue that uses the field's usual names, not on fixed concept ids.
 */

import type { Concept } from '../knowledge/types';

export const TOPIC_IDS = [
  'distributed',
  'dataParallel',
  'sharding',
  'modelParallel',
  'pipelineParallel',
  'tensorParallel',
  'offload',
  'memory',
  'shardedOptimizer',
  'activation',
  'sequenceParallel',
  'attentionKernel',
  'network',
  'intraNode',
  'collective',
  'allReduce',
  'overlap',
  'checkpoint',
  'asyncCheckpoint',
  'faultTolerance',
  'elastic',
  'failureRate',
  'spot',
  'cost',
  'compute',
  'throughput',
  'dataLoading',
  'storage',
  'monitoring',
  'precision',
  'numerics',
  'stability',
  'rollback',
  'batch',
  'scheduling',
] as const;
export type TopicId = (typeof TOPIC_IDS)[number];

/**
 * Pattern per topic, tested on the lowercase title and then on the tags joined by spaces. "Checkpoint" excludes
 * activation (gradient) checkpointing, which is a memory technique, not a saved training state.
 */
const TOPIC_PATTERNS: Readonly<Record<TopicId, RegExp>> = {
  distributed: /\bdistributed training\b|\bworld-size\b|\btorchrun\b/,
  dataParallel: /\bdata parallel|\bdata-parallel\b|\bddp\b/,
  sharding: /\bzero\b|\bzero-[123]\b|\bfsdp\b|fully.shard|distributed.optimizer/,
  modelParallel: /\bmodel parallel|\bmodel-parallel\b/,
  pipelineParallel: /\bpipeline parallel|\bpipeline-parallel\b/,
  tensorParallel: /\btensor parallel|\btensor-parallel\b/,
  offload: /offload/,
  memory: /(?<!pin-|pinned-|shared-)\bmemory\b(?! hierarchy|-bound|-bandwidth)|\boom\b/,
  shardedOptimizer: /distributed.optimizer|\bzero-1\b|optimizer.state.shard/,
  activation: /activation|recomputation|gradient-checkpointing/,
  sequenceParallel: /sequence.*parallel|context.parallel|ring-attention|\bulysses\b/,
  attentionKernel: /flash.?attention|fused attention|\bsdpa\b|online-softmax/,
  network: /infiniband|\brdma\b|\broce\b|network|fabric|gpudirect/,
  intraNode: /nvlink|nvswitch|pcie|numa/,
  collective: /all-reduce|collective|\bnccl\b|reduce-scatter|all-gather/,
  allReduce: /all-reduce|allreduce/,
  overlap: /\boverlap\b|scaling efficiency|communication overlap/,
  checkpoint: /(?<!activation-|gradient-)checkpoint/,
  asyncCheckpoint: /async|distributed checkpoint|sharded-checkpoint|checkpoint-stall|\bdcp\b/,
  faultTolerance: /fault|restart|requeue|resilien|watchdog/,
  elastic: /elastic|rendezvous/,
  failureRate: /failure rates?|checkpoint interval|\bmtbf\b/,
  spot: /\bspot\b|preempt/,
  cost: /(?<!checkpoint-)\bcost\b|budget|gpu-hours/,
  compute: /compute and time|\bflops\b|\b6nd\b|\bmfu\b|scaling.laws?|compute-budget/,
  throughput: /throughput|utiliz|\bmfu\b|tokens-per-second|performance/,
  dataLoading:
    /data loading|dataloader|input-pipeline|prefetch|num-workers|webdataset|preprocessing/,
  storage: /(?<!checkpoint )storage|file system|lustre|\bs3\b|object-storage|striping/,
  monitoring: /monitor|\bdcgm\b|profil|straggler|\bhang\b|experiment tracking|nsight/,
  precision: /mixed precision|mixed-precision|\bfp8 training\b|\bamp\b|loss-scaling/,
  numerics: /numeric|tensor.cores?|\bbf16\b|\bfp16\b|\bfp8\b|\btf32\b/,
  stability: /stability|loss.spike|(?<!kl-)divergence|gradient clipping|grad-norm|warmup/,
  rollback: /rollback|roll back|loss spike recovery|\bresum/,
  batch: /batch|gradient accumulation|gradient-accumulation/,
  scheduling: /slurm|kubernetes|schedul|quota|gang|kueue/,
};

/** Strength of a topic match on the title. A match on tags alone counts `TAG_MATCH_STRENGTH`. */
export const TITLE_MATCH_STRENGTH = 1;
export const TAG_MATCH_STRENGTH = 0.5;

/**
 * Returns the topics a concept belongs to with the strength of each match: 1 when the title
 * matches the topic, 0.5 when only a tag does. Topics appear in `TOPIC_IDS` order.
 */
export function conceptTopics(concept: Pick<Concept, 'title' | 'tags'>): Map<TopicId, number> {
  const title = concept.title.toLowerCase();
  const tags = concept.tags.join(' ').toLowerCase();
  const topics = new Map<TopicId, number>();
  for (const topic of TOPIC_IDS) {
    const pattern = TOPIC_PATTERNS[topic];
    if (pattern.test(title)) topics.set(topic, TITLE_MATCH_STRENGTH);
    else if (pattern.test(tags)) topics.set(topic, TAG_MATCH_STRENGTH);
  }
  return topics;
}
