/**
 * The six-role analysis: architect, data lead, training engineer, SRE, cost officer and red team,
 * in `ROLE_IDS` order. Every view, evidence line, risk, trade-off and action is built from this
 * problem's analysis and selected concepts. Evidence quotes estimates as the analysis panel
 * formats them, followed by their working.
 */

import { DEFAULTS } from '../analysis/defaults';
import { formatBytes, formatCount, formatPercent, formatUsd } from '../analysis/format';
import type { Analysis, Estimate } from '../analysis/types';
import type { CatalogueIndex } from './catalogue-index';
import {
  budgetFacts,
  clusterFacts,
  formatStatedMinutes,
  formatWhole,
  LARGEST_GPU_MEMORY_BYTES,
  memoryFacts,
  mfuFacts,
  PESSIMISTIC_MFU,
  quote,
  activationCondition,
  allReduceVolumeNote,
  capitalise,
  formatDays,
  recomputationNote,
  stageMemory,
  timelineFacts,
  type BudgetFacts,
  type ClusterFacts,
  type MemoryFacts,
} from './facts';
import { joinAnd } from './text';
import { TITLE_MATCH_STRENGTH, type TopicId } from './topics';
import { ROLE_IDS, type LessonConcept, type RoleAnalysis, type RoleId } from './types';

/** Facts shared by the role builders. */
export interface RoleContext {
  analysis: Analysis;
  concepts: readonly LessonConcept[];
  index: RoleCatalogue;
  cluster: ClusterFacts;
  memory: MemoryFacts | undefined;
  budget: BudgetFacts | undefined;
}

/** The part of the catalogue index the roles read: each concept's topics. */
export type RoleCatalogue = Pick<CatalogueIndex, 'topicsById'>;

type RoleParts = Omit<RoleAnalysis, 'role'>;

/** Bytes per stored token id when a dataset is tokenised ahead of the run: int32 ids. */
const TOKEN_ID_BYTES = 4;

/** Topics in each role's remit. The lesson's concepts in these topics feed the role. */
const ROLE_TOPICS: Readonly<Record<RoleId, readonly TopicId[]>> = {
  architect: [
    'sharding',
    'modelParallel',
    'pipelineParallel',
    'tensorParallel',
    'offload',
    'memory',
    'network',
    'intraNode',
    'collective',
    'allReduce',
    'distributed',
    'dataParallel',
  ],
  'data-lead': ['dataLoading', 'storage', 'batch', 'sequenceParallel'],
  'training-engineer': [
    'activation',
    'precision',
    'numerics',
    'stability',
    'rollback',
    'compute',
    'throughput',
    'attentionKernel',
    'overlap',
    'shardedOptimizer',
    'batch',
  ],
  sre: [
    'faultTolerance',
    'elastic',
    'failureRate',
    'checkpoint',
    'asyncCheckpoint',
    'monitoring',
    'scheduling',
    'spot',
  ],
  'cost-officer': ['cost', 'spot', 'compute', 'throughput'],
  'red-team': [],
};

const BUILDERS: Readonly<Record<RoleId, (context: RoleContext) => RoleParts>> = {
  architect: architectRole,
  'data-lead': dataLeadRole,
  'training-engineer': trainingEngineerRole,
  sre: sreRole,
  'cost-officer': costOfficerRole,
  'red-team': redTeamRole,
};

/** Builds the six role analyses in `ROLE_IDS` order. */
export function buildRoles(
  analysis: Analysis,
  concepts: readonly LessonConcept[],
  index: RoleCatalogue,
): RoleAnalysis[] {
  const context = createRoleContext(analysis, concepts, index);
  return ROLE_IDS.map((role) => ({ role, ...BUILDERS[role](context) }));
}

/** Gathers the facts the role builders share. */
export function createRoleContext(
  analysis: Analysis,
  concepts: readonly LessonConcept[],
  index: RoleCatalogue,
): RoleContext {
  return {
    analysis,
    concepts,
    index,
    cluster: clusterFacts(analysis),
    memory: memoryFacts(analysis),
    budget: budgetFacts(analysis),
  };
}

/** Formats one evidence line: the label, the value as the panel shows it, and its working. */
export function evidenceLine(label: string, estimate: Estimate<unknown>): string {
  return `${label}: ${quote(estimate)} (${estimate.formula})`;
}

function architectRole(context: RoleContext): RoleParts {
  const { analysis, cluster, memory } = context;
  const { estimates } = analysis;
  const evidence: string[] = [];
  const risks: string[] = [];
  const tradeoffs: string[] = [];
  const actions: string[] = [];

  if (estimates.gpuMemoryBytes !== undefined)
    evidence.push(evidenceLine('GPU memory', estimates.gpuMemoryBytes));
  if (memory !== undefined) evidence.push(evidenceLine('Model states', memory.modelStates));
  const lowest =
    memory?.lowestFittingStage === undefined
      ? undefined
      : stageMemory(memory, memory.lowestFittingStage);
  const ddp = memory === undefined ? undefined : stageMemory(memory, 0);
  if (ddp !== undefined && ddp !== lowest)
    evidence.push(evidenceLine('Per GPU under DDP', ddp.estimate));
  if (lowest !== undefined)
    evidence.push(evidenceLine(`Per GPU under ${lowest.label}`, lowest.estimate));
  if (estimates.parallelismLayout !== undefined)
    evidence.push(evidenceLine('Layout that fits', estimates.parallelismLayout));
  if (estimates.layoutMemoryPerGpuBytes !== undefined) {
    evidence.push(evidenceLine('Per GPU under that layout', estimates.layoutMemoryPerGpuBytes));
  }
  if (estimates.allReduceSecondsPerStep !== undefined) {
    evidence.push(evidenceLine('Gradient all-reduce per step', estimates.allReduceSecondsPerStep));
    const volumeNote = allReduceVolumeNote(analysis).trim();
    if (volumeNote !== '') evidence.push(`All-reduce under ZeRO-3: ${volumeNote}`);
  }

  const zero3 = memory === undefined ? undefined : stageMemory(memory, 3);
  if (
    memory !== undefined &&
    memory.stages.length > 1 &&
    memory.lowestFittingStage === undefined &&
    zero3 !== undefined
  ) {
    risks.push(
      `No ZeRO stage fits: even ZeRO-3 leaves ${zero3.text} per GPU, so the model must also be split with tensor or pipeline parallelism.`,
    );
  }
  const activations = estimates.activationBytesPerGpu;
  if (activations !== undefined && lowest !== undefined && cluster.gpuMemoryBytes !== undefined) {
    const total = activations.value + lowest.estimate.value;
    if (total > cluster.gpuMemoryBytes) {
      risks.push(
        `${capitalise(activationCondition(analysis))}, activations of ${quote(activations)} per GPU plus ${lowest.text} of model states under ${lowest.label} come to ${formatBytes(total)}, ${timesText(total / cluster.gpuMemoryBytes)} the ${formatBytes(cluster.gpuMemoryBytes)} card.${recomputationNote(analysis)}`,
      );
    }
  }
  const zeroNote = allReduceVolumeNote(analysis);
  if (zeroNote !== '' && estimates.allReduceSecondsPerStep !== undefined) {
    risks.push(
      `The gradient all-reduce estimate of ${quote(estimates.allReduceSecondsPerStep)} per step counts the plain data-parallel (DDP) volume, but ZeRO-3 also gathers parameters in the forward and backward pass and moves about 1.5 times that volume (Rajbhandari et al. 2020, ZeRO).`,
    );
  }
  const timeline = timelineFacts(analysis);
  if (timeline?.over === true) {
    const gpusNeeded =
      cluster.gpuCount === undefined
        ? ''
        : `: at the same MFU it needs about ${formatWhole(Math.ceil(cluster.gpuCount * timeline.factor))} GPUs instead of ${formatWhole(cluster.gpuCount)}, or fewer tokens`;
    risks.push(
      `The estimated ${timeline.trainingText} of training is ${timesText(timeline.factor)} the ${timeline.timelineText}${gpusNeeded}.`,
    );
  }
  if (
    (cluster.nodes ?? 0) > 1 &&
    analysis.quantities.networkGbps === undefined &&
    cluster.gpu !== undefined
  ) {
    risks.push(
      `The inter-node bandwidth is the ${cluster.gpu.interNodeGbps} Gb/s per GPU typical of ${cluster.gpu.id} servers, not a figure for this cluster.`,
    );
  }

  if (memory !== undefined && ddp?.fits === false) {
    tradeoffs.push(
      'ZeRO-3 keeps the model code unchanged but adds a parameter all-gather per layer, while tensor parallelism inside a node cuts per-GPU memory without crossing the inter-node network.',
    );
  }
  if ((cluster.nodes ?? 0) > 1 && memory !== undefined) {
    tradeoffs.push(
      'Pipeline stages across nodes send only activations between stages, but idle (p − 1)/(m + p − 1) of each step for p stages and m micro-batches.',
    );
  }

  if (estimates.parallelismLayout !== undefined) {
    actions.push(
      `Start from ${quote(estimates.parallelismLayout)} and measure step time on one node before scaling out.`,
    );
  }
  if (lowest !== undefined && cluster.gpuMemoryBytes !== undefined) {
    actions.push(
      `Budget memory per GPU as ${lowest.text} of model states under ${lowest.label} plus measured activations, against ${formatBytes(cluster.gpuMemoryBytes)}.`,
    );
  }
  if ((cluster.nodes ?? 0) > 1 && cluster.gpu !== undefined) {
    actions.push(
      `Run an all-reduce benchmark across all ${formatWhole(cluster.nodes ?? 0)} nodes and compare its bus bandwidth with ${cluster.gpu.interNodeGbps} Gb/s per GPU.`,
    );
  }

  if (memory !== undefined && cluster.gpuCount === undefined) {
    const gpus = Math.ceil(memory.modelStates.value / LARGEST_GPU_MEMORY_BYTES);
    actions.push(
      `Choose the GPU count: ${memory.modelStatesText} of model states need at least ${formatWhole(gpus)} GPUs of ${formatBytes(LARGEST_GPU_MEMORY_BYTES)}, the largest in the catalogue, under ZeRO-3 before activations.`,
    );
  }

  const view = architectView(context, lowest?.label);
  return finishRole(context, 'architect', { view, evidence, risks, tradeoffs, actions });
}

function architectView(context: RoleContext, lowestLabel: string | undefined): string {
  const { analysis, cluster, memory } = context;
  const gpus = describeCluster(cluster);
  const layout = analysis.estimates.parallelismLayout;
  if (gpus !== undefined && memory !== undefined) {
    const fit =
      lowestLabel === undefined
        ? 'and no ZeRO stage alone fits them'
        : `and ${lowestLabel} is the lowest ZeRO stage that fits them`;
    const layoutText = layout === undefined ? '' : ` The analyser's layout is ${quote(layout)}.`;
    return `${gpus} must hold ${memory.modelStatesText} of model states, ${fit}.${layoutText}`;
  }
  if (gpus !== undefined)
    return `${gpus}: the design question is how data moves inside and between nodes.`;
  if (memory !== undefined) {
    return `${memory.modelStatesText} of model states must be placed, but no GPU count is stated, so the layout stays open.`;
  }
  return viewFromConcepts(
    context,
    'architect',
    'No cluster or model size is stated, so the design follows',
  );
}

function dataLeadRole(context: RoleContext): RoleParts {
  const { analysis, cluster } = context;
  const { estimates, quantities } = analysis;
  const evidence: string[] = [];
  const risks: string[] = [];
  const tradeoffs: string[] = [];
  const actions: string[] = [];

  const tokens = estimates.trainingTokens;
  if (tokens !== undefined) evidence.push(evidenceLine('Training tokens', tokens));
  if (quantities.sequenceLength !== undefined)
    evidence.push(`Sequence length: ${formatWhole(quantities.sequenceLength)} tokens (stated).`);
  if (quantities.throughput !== undefined) {
    evidence.push(
      `Throughput target: ${formatWhole(quantities.throughput.value)} ${quantities.throughput.unit} (stated).`,
    );
  }
  if (quantities.timelineDays !== undefined)
    evidence.push(`Timeline: ${formatWhole(quantities.timelineDays)} days (stated).`);
  // With a stated timeline the loader must finish the tokens within it; otherwise within the
  // estimated training time.
  const days = estimates.trainingDays;
  const deliveryDays = quantities.timelineDays ?? days?.value;
  let deliveryText = days === undefined ? '' : quote(days);
  if (quantities.timelineDays !== undefined)
    deliveryText = `the ${formatWhole(quantities.timelineDays)}-day timeline`;
  const tokensPerSecond =
    tokens !== undefined && deliveryDays !== undefined && deliveryDays > 0
      ? tokens.value / (deliveryDays * 86_400)
      : undefined;
  if (tokensPerSecond !== undefined && tokens !== undefined) {
    evidence.push(
      `Tokens the pipeline must deliver: ${formatCount(tokensPerSecond)} tokens/s, ${quote(tokens)} over ${deliveryText}.`,
    );
  }

  if (tokens !== undefined && quantities.tokens === undefined) {
    risks.push(
      `The ${quote(tokens)} figure assumes 20 tokens per parameter, Chinchilla's compute-optimal ratio; a dataset of that size has to exist after filtering and deduplication.`,
    );
  }
  if (tokens !== undefined && quantities.tokens !== undefined && tokensPerSecond !== undefined) {
    const perGpu =
      cluster.gpuCount === undefined
        ? ''
        : `, ${formatCount(tokensPerSecond / cluster.gpuCount)} tokens/s for each of the ${formatWhole(cluster.gpuCount)} GPUs`;
    risks.push(
      `The stated ${quote(tokens)} over ${deliveryText} need ${formatCount(tokensPerSecond)} tokens/s from storage, tokenizer and loader${perGpu}, without a stall.`,
    );
  }
  if (tokens !== undefined) {
    const path =
      tokensPerSecond === undefined
        ? 'the training loop'
        : `the ${formatCount(tokensPerSecond)} tokens/s path`;
    tradeoffs.push(
      `Tokenising the ${quote(tokens)} once ahead of the run stores about ${formatBytes(tokens.value * TOKEN_ID_BYTES)} of int32 token ids, but takes tokenisation off ${path}.`,
    );
  }
  if (quantities.throughput !== undefined && cluster.gpuCount !== undefined) {
    const perGpu = quantities.throughput.value / cluster.gpuCount;
    risks.push(
      `Each of the ${formatWhole(cluster.gpuCount)} GPUs must be fed ${formatCount(perGpu)} ${quantities.throughput.unit} without a stall.`,
    );
  } else if (quantities.throughput !== undefined) {
    risks.push(
      `A stall in loading or decoding shows directly against the ${formatWhole(quantities.throughput.value)} ${quantities.throughput.unit} target.`,
    );
  }
  if (quantities.sequenceLength !== undefined && quantities.sequenceLength >= 8192) {
    tradeoffs.push(
      `Packing documents into ${formatWhole(quantities.sequenceLength)}-token sequences wastes no padding but needs document masks so attention does not cross documents.`,
    );
  }
  if (tokensPerSecond !== undefined) {
    actions.push(
      `Measure loader throughput alone and confirm it exceeds ${formatCount(tokensPerSecond)} tokens/s with margin.`,
    );
  }
  if (tokens !== undefined && quantities.tokens === undefined) {
    actions.push(
      `Count the tokens left after filtering and deduplication against the ${quote(tokens)} the plan needs.`,
    );
  }
  if (quantities.throughput !== undefined) {
    actions.push(
      `Profile the input pipeline at the ${formatWhole(quantities.throughput.value)} ${quantities.throughput.unit} target before adding GPUs.`,
    );
  }

  const view =
    tokens !== undefined
      ? `The run consumes ${quote(tokens)}${tokensPerSecond === undefined ? '' : `, about ${formatCount(tokensPerSecond)} tokens/s over ${deliveryText}`}, so data volume and loader speed are planned, not assumed.`
      : quantities.throughput !== undefined
        ? `The data path must sustain ${formatWhole(quantities.throughput.value)} ${quantities.throughput.unit} from storage to GPU.`
        : viewFromConcepts(
            context,
            'data-lead',
            'No data volume or rate is stated, so the data questions come from',
          );
  return finishRole(context, 'data-lead', { view, evidence, risks, tradeoffs, actions });
}

function trainingEngineerRole(context: RoleContext): RoleParts {
  const { analysis, cluster } = context;
  const { estimates, quantities } = analysis;
  const evidence: string[] = [];
  const risks: string[] = [];
  const tradeoffs: string[] = [];
  const actions: string[] = [];

  if (estimates.trainingFlops !== undefined)
    evidence.push(evidenceLine('Training compute', estimates.trainingFlops));
  if (estimates.trainingDays !== undefined)
    evidence.push(evidenceLine('Training time', estimates.trainingDays));
  if (estimates.activationBytesPerGpu !== undefined) {
    evidence.push(evidenceLine('Activations per GPU', estimates.activationBytesPerGpu));
  }
  if (quantities.mfu !== undefined)
    evidence.push(`MFU: ${formatPercent(quantities.mfu)} (stated).`);

  const activations = estimates.activationBytesPerGpu;
  if (
    activations !== undefined &&
    cluster.gpuMemoryBytes !== undefined &&
    activations.value > cluster.gpuMemoryBytes / 2
  ) {
    const share =
      activations.value > cluster.gpuMemoryBytes
        ? `exceed the ${formatBytes(cluster.gpuMemoryBytes)} card ${timesText(activations.value / cluster.gpuMemoryBytes)} over`
        : `take ${formatPercent(activations.value / cluster.gpuMemoryBytes)} of the ${formatBytes(cluster.gpuMemoryBytes)} card`;
    risks.push(
      `Activations of ${quote(activations)} per GPU ${activationCondition(analysis)} ${share}, so micro-batch size and recomputation decide whether a step fits.${recomputationNote(analysis)}`,
    );
  }
  if (activations !== undefined && activationCondition(analysis) === 'without recomputation') {
    tradeoffs.push(
      `Full activation recomputation saves most of the ${quote(activations)} of activations per GPU for about 33% more compute (8·N·D instead of 6·N·D FLOPs).`,
    );
  }
  const mfu = mfuFacts(analysis);
  if (mfu?.isDefault === true && estimates.trainingDays !== undefined) {
    risks.push(
      `The ${quote(estimates.trainingDays)} figure assumes ${formatPercent(mfu.mfu)} MFU, and a run that reaches less takes proportionally longer.`,
    );
  }
  if (
    estimates.checkpointWriteSeconds !== undefined &&
    estimates.checkpointIntervalMinutes !== undefined
  ) {
    const share =
      estimates.checkpointWriteSeconds.value / (estimates.checkpointIntervalMinutes.value * 60);
    tradeoffs.push(
      `Each checkpoint stalls training for ${quote(estimates.checkpointWriteSeconds)}; at the ${quote(estimates.checkpointIntervalMinutes)} interval that is ${formatPercent(share)} of training time.`,
    );
  }
  if (estimates.trainingDays !== undefined) {
    actions.push(
      `Measure MFU in the first hundred steps and rescale the ${quote(estimates.trainingDays)} estimate by measured over assumed MFU.`,
    );
  }
  if (activations !== undefined) {
    actions.push(
      `Check the activation estimate of ${quote(activations)} per GPU against peak memory from one step at the planned micro-batch.`,
    );
  }

  const view =
    estimates.trainingFlops !== undefined && estimates.trainingDays !== undefined
      ? `The model needs ${quote(estimates.trainingFlops)}, ${quote(estimates.trainingDays)} at the assumed utilisation, so every point of MFU and every stall changes the schedule.`
      : estimates.trainingFlops !== undefined
        ? `The model needs ${quote(estimates.trainingFlops)}; without a GPU count the schedule is open, but memory per step is not.`
        : viewFromConcepts(
            context,
            'training-engineer',
            'No model size is stated, so the training questions come from',
          );
  return finishRole(context, 'training-engineer', { view, evidence, risks, tradeoffs, actions });
}

function sreRole(context: RoleContext): RoleParts {
  const { analysis, cluster } = context;
  const { estimates, quantities } = analysis;
  const evidence: string[] = [];
  const risks: string[] = [];
  const tradeoffs: string[] = [];
  const actions: string[] = [];

  if (estimates.jobMtbfHours !== undefined)
    evidence.push(evidenceLine('Job MTBF', estimates.jobMtbfHours));
  if (estimates.failuresDuringRun !== undefined) {
    evidence.push(
      `Failures over the run: ${formatCount(estimates.failuresDuringRun.value)} (${estimates.failuresDuringRun.formula}).`,
    );
  }
  if (estimates.checkpointWriteSeconds !== undefined)
    evidence.push(evidenceLine('Checkpoint write', estimates.checkpointWriteSeconds));
  if (estimates.checkpointIntervalMinutes !== undefined) {
    evidence.push(evidenceLine('Young/Daly interval', estimates.checkpointIntervalMinutes));
  }
  if (estimates.expectedLostWorkMinutes !== undefined)
    evidence.push(evidenceLine('Work lost per failure', estimates.expectedLostWorkMinutes));
  if (estimates.expectedDowntimeFraction !== undefined) {
    evidence.push(
      evidenceLine('Time lost to failures and saves', estimates.expectedDowntimeFraction),
    );
  }
  if (quantities.uptimeTarget !== undefined)
    evidence.push(`Uptime target: ${formatPercent(quantities.uptimeTarget)} (stated).`);
  if (quantities.recoveryMinutes !== undefined)
    evidence.push(`Recovery target: ${formatStatedMinutes(quantities.recoveryMinutes)} (stated).`);
  if (quantities.maxLostProgressMinutes !== undefined) {
    evidence.push(
      `Most progress that may be lost: ${formatStatedMinutes(quantities.maxLostProgressMinutes)} (stated).`,
    );
  }

  const downtime = estimates.expectedDowntimeFraction;
  if (
    downtime !== undefined &&
    quantities.uptimeTarget !== undefined &&
    downtime.value > 1 - quantities.uptimeTarget
  ) {
    risks.push(
      `The estimated ${quote(downtime)} of lost time exceeds the ${formatPercent(1 - quantities.uptimeTarget)} that ${formatPercent(quantities.uptimeTarget)} uptime allows.`,
    );
  }
  const lost = estimates.expectedLostWorkMinutes;
  if (
    lost !== undefined &&
    quantities.maxLostProgressMinutes !== undefined &&
    lost.value > quantities.maxLostProgressMinutes
  ) {
    risks.push(
      `At the Young/Daly interval a failure costs ${quote(lost)} of work, more than the ${formatStatedMinutes(quantities.maxLostProgressMinutes)} allowed.`,
    );
  }
  const write = estimates.checkpointWriteSeconds;
  if (write !== undefined && estimates.checkpointIntervalMinutes === undefined) {
    const hourlyShare = Math.min(1, write.value / 3_600);
    risks.push(
      `Each save blocks training for ${quote(write)}, so even one save per hour spends ${formatPercent(hourlyShare)} of training time saving.`,
    );
    if (quantities.maxLostProgressMinutes === undefined)
      tradeoffs.push(
        `Saving less often than hourly cuts the ${quote(write)} stalls but loses more work to each failure, and no failure rate is stated to find the balance.`,
      );
  }
  if (quantities.recoveryMinutes !== undefined) {
    risks.push(
      `A restart within ${formatStatedMinutes(quantities.recoveryMinutes)} leaves no room for a person: detection, requeue and checkpoint load must all be automatic.`,
    );
  }
  if (
    estimates.jobMtbfHours !== undefined &&
    cluster.gpuCount !== undefined &&
    quantities.mtbfHours === undefined
  ) {
    risks.push(
      `The ${quote(estimates.jobMtbfHours)} MTBF uses Llama 3's failure rate per GPU; older or hotter hardware fails more often.`,
    );
  }
  if (
    quantities.maxLostProgressMinutes !== undefined &&
    estimates.checkpointWriteSeconds !== undefined
  ) {
    const share = estimates.checkpointWriteSeconds.value / (quantities.maxLostProgressMinutes * 60);
    tradeoffs.push(
      `Checkpointing every ${formatStatedMinutes(quantities.maxLostProgressMinutes)} with a ${quote(estimates.checkpointWriteSeconds)} synchronous save spends ${formatPercent(Math.min(1, share))} of training time saving.`,
    );
  } else if (
    estimates.checkpointIntervalMinutes !== undefined &&
    estimates.expectedLostWorkMinutes !== undefined
  ) {
    tradeoffs.push(
      `Saving more often than every ${quote(estimates.checkpointIntervalMinutes)} cuts the ${quote(estimates.expectedLostWorkMinutes)} lost per failure but stalls training more often.`,
    );
  }
  if (quantities.recoveryMinutes !== undefined) {
    tradeoffs.push(
      `Continuing on the remaining nodes meets the ${formatStatedMinutes(quantities.recoveryMinutes)} window without waiting for a spare, but changes the global batch or the work per GPU until the node returns.`,
    );
  }
  const checkpoint = estimates.checkpointBytes;
  if (checkpoint !== undefined) {
    actions.push(
      `Keep at least two ${quote(checkpoint)} training states on storage, ${formatBytes(2 * checkpoint.value)} in all, so a corrupt save falls back to the one before.`,
    );
  }
  if (estimates.checkpointIntervalMinutes !== undefined) {
    actions.push(
      `Checkpoint every ${quote(estimates.checkpointIntervalMinutes)} (Young/Daly), or more often if the saves are asynchronous.`,
    );
  }
  if (quantities.maxLostProgressMinutes !== undefined) {
    actions.push(
      `Set the checkpoint interval below ${formatStatedMinutes(quantities.maxLostProgressMinutes)} and make saves asynchronous so the interval costs little.`,
    );
  }
  if (quantities.recoveryMinutes !== undefined) {
    actions.push(
      `Rehearse a node failure and time detection, restart and checkpoint load against ${formatStatedMinutes(quantities.recoveryMinutes)}.`,
    );
  }

  const view =
    estimates.jobMtbfHours !== undefined && cluster.gpuCount !== undefined
      ? `${formatWhole(cluster.gpuCount)} GPUs see a failure about every ${quote(estimates.jobMtbfHours)}, so checkpoints and automatic restarts decide how much of the run survives.`
      : quantities.recoveryMinutes !== undefined || quantities.maxLostProgressMinutes !== undefined
        ? `The targets are stated in minutes (${joinAnd(statedTargets(analysis))}), so recovery must be automatic and checkpoints frequent.`
        : viewFromConcepts(
            context,
            'sre',
            'No failure rate or target is stated, so reliability follows',
          );
  return finishRole(context, 'sre', { view, evidence, risks, tradeoffs, actions });
}

function statedTargets(analysis: Analysis): string[] {
  const { quantities } = analysis;
  const targets: string[] = [];
  if (quantities.recoveryMinutes !== undefined)
    targets.push(`recover within ${formatStatedMinutes(quantities.recoveryMinutes)}`);
  if (quantities.maxLostProgressMinutes !== undefined) {
    targets.push(`lose at most ${formatStatedMinutes(quantities.maxLostProgressMinutes)}`);
  }
  return targets;
}

function costOfficerRole(context: RoleContext): RoleParts {
  const { analysis, budget } = context;
  const { estimates, quantities } = analysis;
  const evidence: string[] = [];
  const risks: string[] = [];
  const tradeoffs: string[] = [];
  const actions: string[] = [];

  if (estimates.gpuHours !== undefined)
    evidence.push(evidenceLine('GPU-hours', estimates.gpuHours));
  if (estimates.costUsd !== undefined) evidence.push(evidenceLine('Cost', estimates.costUsd));
  if (quantities.budgetUsd !== undefined)
    evidence.push(`Budget: ${formatUsd(quantities.budgetUsd)} (stated).`);

  const cost = estimates.costUsd;
  const gpuHours = estimates.gpuHours;
  const pricePerGpuHour =
    cost !== undefined && gpuHours !== undefined && gpuHours.value > 0
      ? cost.value / gpuHours.value
      : undefined;
  if (
    budget !== undefined &&
    pricePerGpuHour !== undefined &&
    quantities.budgetUsd !== undefined &&
    gpuHours !== undefined
  ) {
    const affordable = quantities.budgetUsd / pricePerGpuHour;
    evidence.push(
      `GPU-hours the budget buys: ${formatCount(affordable)} at ${formatUsd(pricePerGpuHour)} per GPU-hour.`,
    );
    if (budget.over) {
      risks.push(
        `The budget covers ${formatPercent(affordable / gpuHours.value)} of the GPU-hours this plan needs.`,
      );
      actions.push(
        `Cut the plan to ${formatCount(affordable)} GPU-hours: fewer tokens, higher MFU or a lower price, because more GPUs finish sooner but use the same GPU-hours.`,
      );
    } else {
      actions.push(
        `Hold ${budget.differenceText} in reserve for restarts and reruns, which the estimate leaves out.`,
      );
    }
  }
  if (cost === undefined && quantities.budgetUsd !== undefined) {
    actions.push(
      `Name the GPU type and count, so the ${formatUsd(quantities.budgetUsd)} budget can be checked against GPU-hours.`,
    );
  }
  if (cost !== undefined && quantities.budgetUsd === undefined) {
    actions.push(
      `Set a budget against the ${quote(cost)} estimate, with a reserve for restarts and reruns, which the estimate leaves out.`,
    );
  }
  if (cost !== undefined && cost.assumptions.some((assumption) => /unverified/.test(assumption))) {
    risks.push(
      'The GPU price is an unverified placeholder, so the cost is only as good as that number.',
    );
  }
  if (cost !== undefined) {
    risks.push('The cost counts GPU time only: storage, network egress and staff are extra.');
    tradeoffs.push(
      `Spot or preemptible capacity lowers the ${formatUsd(pricePerGpuHour ?? 0)} per GPU-hour, but every reclaim costs the work since the last checkpoint.`,
    );
  }
  const timeline = timelineFacts(analysis);
  if (timeline?.over === true && gpuHours !== undefined) {
    const gpuCount = context.cluster.gpuCount;
    const gpusNeeded =
      gpuCount === undefined
        ? 'more GPUs'
        : `about ${formatWhole(Math.ceil(gpuCount * timeline.factor))} GPUs instead of ${formatWhole(gpuCount)}`;
    risks.push(
      `The estimated ${timeline.trainingText} overruns the ${timeline.timelineText}. Finishing on time needs ${gpusNeeded} at the same MFU: the ${quote(gpuHours)} and their cost stay the same, but that many GPUs must be reserved at once.`,
    );
    if (gpuCount !== undefined) {
      const needed = formatWhole(Math.ceil(gpuCount * timeline.factor));
      actions.push(
        `Get a quote for ${needed} GPUs over the ${timeline.timelineText} before committing to the schedule.`,
      );
    }
  }
  if (estimates.trainingDays !== undefined && cost !== undefined) {
    tradeoffs.push(
      `Doubling the GPU count halves the ${quote(estimates.trainingDays)} but leaves the ${quote(cost)} unchanged, ignoring scaling losses.`,
    );
  }

  const view =
    budget !== undefined
      ? budget.over
        ? `The plan does not fit the budget. ${budget.sentence}.`
        : `The plan fits the budget. ${budget.sentence}.`
      : cost !== undefined
        ? `The run costs an estimated ${quote(cost)}; no budget is stated to compare it with.`
        : quantities.budgetUsd !== undefined
          ? `The budget is ${formatUsd(quantities.budgetUsd)}, but the problem gives too little to estimate the cost against it.`
          : viewFromConcepts(
              context,
              'cost-officer',
              'No cost or budget can be computed, so cost questions come from',
            );
  return finishRole(context, 'cost-officer', { view, evidence, risks, tradeoffs, actions });
}

function redTeamRole(context: RoleContext): RoleParts {
  const { analysis } = context;
  const { estimates, quantities } = analysis;
  const evidence: string[] = [];
  const risks: string[] = [];
  const tradeoffs: string[] = [];
  const actions: string[] = [];

  const defaults = defaultsUsed(analysis);
  for (const assumption of defaults) evidence.push(`Default, not stated: ${assumption}.`);

  const days = estimates.trainingDays;
  const cost = estimates.costUsd;
  if (mfuFacts(analysis)?.isDefault === true && days !== undefined) {
    const factor = DEFAULTS.mfu.value / PESSIMISTIC_MFU;
    const slowerDays = formatDays(days.value * factor);
    const costText =
      cost === undefined
        ? ''
        : ` and costs ${formatUsd(cost.value * factor)} instead of ${quote(cost)}`;
    risks.push(
      `At ${formatPercent(PESSIMISTIC_MFU)} MFU instead of ${formatPercent(DEFAULTS.mfu.value)}, the run takes ${slowerDays} instead of ${quote(days)}${costText}.`,
    );
  }
  const timeline = timelineFacts(analysis);
  if (timeline?.over === true) {
    const mfu = mfuFacts(analysis);
    const mfuText =
      mfu?.isDefault === true ? ` even at the default ${formatPercent(mfu.mfu)} MFU` : '';
    risks.push(
      `The ${timeline.timelineText} cannot hold the estimated ${timeline.trainingText} of training${mfuText}: the plan is ${timesText(timeline.factor)} too long.`,
    );
  }
  if (quantities.tokens === undefined && estimates.trainingTokens !== undefined) {
    risks.push(
      `Nothing states the token count; ${quote(estimates.trainingTokens)} is the Chinchilla ratio, and real runs often train far past it.`,
    );
  }
  const missing = missingQuantities(analysis);
  if (missing.length > 0) {
    risks.push(
      `Without ${joinAnd(missing)}, the memory, time and cost of this plan cannot be checked at all.`,
    );
  }
  for (const note of analysis.notes
    .filter((text) => /not read|ignored|skipped|not used/i.test(text))
    .slice(0, 2)) {
    risks.push(`The analyser skipped part of the text: ${note}`);
  }
  if (estimates.parallelismLayout !== undefined) {
    tradeoffs.push(
      `The layout ${quote(estimates.parallelismLayout)} is the first that fits on paper; the fastest layout is found by measuring a few candidates.`,
    );
  }
  if (defaults.length > 0) {
    actions.push(
      `Replace the ${defaults.length === 1 ? 'default' : `${defaults.length} defaults`} above with measured values before the plan is signed off.`,
    );
  }
  if (days !== undefined) {
    actions.push(
      `Run a short benchmark at full scale and recompute the ${quote(days)} from measured throughput.`,
    );
  }

  const view =
    defaults.length > 0
      ? `The plan rests on ${defaults.length} default${defaults.length === 1 ? '' : 's'} that the problem does not state; each one can move the result.`
      : Object.keys(estimates).length > 0
        ? 'Every number here follows from stated quantities, so the weak points are the formulas and what they leave out.'
        : viewFromConcepts(
            context,
            'red-team',
            'With no numbers to attack, the weak points are in',
          );
  return finishRole(context, 'red-team', { view, evidence, risks, tradeoffs, actions });
}

/** Names the quantities that most estimates need and the problem leaves out. */
function missingQuantities(analysis: Analysis): string[] {
  const { quantities } = analysis;
  const missing: string[] = [];
  if (quantities.parameters === undefined) missing.push('a model size');
  if (quantities.gpuModel === undefined) missing.push('a GPU type');
  if (quantities.gpuCount === undefined && quantities.nodes === undefined)
    missing.push('a GPU count');
  return missing;
}

/** Lists the defaults the estimates rely on, each once, as short labels. */
export function defaultsUsed(analysis: Analysis): string[] {
  const seen = new Set<string>();
  for (const estimate of Object.values(analysis.estimates)) {
    for (const assumption of (estimate as Estimate<unknown>).assumptions) {
      const match = /^(.*?)\s*\(default: /.exec(assumption);
      if (match !== null && match[1].length > 0) seen.add(match[1]);
    }
  }
  return [...seen];
}

/**
 * Returns the lesson's concepts in a role's remit, in lesson order: those whose title names one of
 * the role's topics, or failing any, those whose tags do. The red team takes every concept.
 */
function conceptsForRole(context: RoleContext, role: RoleId): LessonConcept[] {
  if (role === 'red-team') return [...context.concepts];
  const topics = ROLE_TOPICS[role];
  const strength = (concept: LessonConcept): number => {
    const conceptTopics = context.index.topicsById.get(concept.id);
    if (conceptTopics === undefined) return 0;
    return Math.max(0, ...topics.map((topic) => conceptTopics.get(topic) ?? 0));
  };
  const byTitle = context.concepts.filter((concept) => strength(concept) >= TITLE_MATCH_STRENGTH);
  if (byTitle.length > 0) return byTitle;
  return context.concepts.filter((concept) => strength(concept) > 0);
}

function viewFromConcepts(context: RoleContext, role: RoleId, opening: string): string {
  const titles = conceptsForRole(context, role).map((concept) => concept.title);
  if (titles.length === 0)
    return `${opening} the problem's wording, and none of the lesson's concepts falls in this role's remit.`;
  return `${opening} ${joinAnd(titles.slice(0, 3))} in this lesson.`;
}

/**
 * Adds what the lesson's concepts in the role's remit contribute, and makes sure no list is
 * empty: evidence falls back to the reasons those concepts were chosen, which quote the problem.
 */
function finishRole(context: RoleContext, role: RoleId, parts: RoleParts): RoleParts {
  const concepts = conceptsForRole(context, role);
  const evidence = [...parts.evidence];
  const hasEstimates = Object.keys(context.analysis.estimates).length > 0;

  if (evidence.length === 0) {
    for (const concept of concepts.slice(0, 3))
      evidence.push(`${concept.title}: ${concept.reason}`);
  }
  // Concept reasons are not copied into risks or actions: a list stays short rather than repeat
  // the cards. The fallbacks below apply only when the problem states nothing to estimate from.
  const tradeoffs = [...parts.tradeoffs];
  if (tradeoffs.length === 0 && !hasEstimates && concepts.length >= 2) {
    tradeoffs.push(
      `${concepts[0].title} and ${concepts[1].title} both answer this problem; which comes first depends on numbers the problem does not give.`,
    );
  }
  if (evidence.length === 0) evidence.push('The problem states no quantity this role can check.');
  const risks = [...parts.risks];
  if (risks.length === 0 && parts.evidence.length === 0 && !hasEstimates) {
    risks.push(
      'Unknown: the problem gives this role nothing to measure, which is itself the first risk.',
    );
  }
  if (tradeoffs.length === 0 && !hasEstimates)
    tradeoffs.push('None can be weighed until the problem states sizes, rates or targets.');
  const actions = [...parts.actions];
  const missing = missingQuantities(context.analysis);
  // Without a model size no role can size anything, so each one requests the missing quantities.
  // Otherwise only the red team requests them, so the request is not repeated in every role.
  const asksForQuantities =
    role === 'red-team' || context.analysis.quantities.parameters === undefined;
  if (actions.length === 0 && missing.length > 0 && asksForQuantities) {
    actions.push(`State ${joinAnd(missing)}, and any targets, then regenerate the lesson.`);
  }
  return { view: parts.view, evidence, risks, tradeoffs, actions };
}

/** Formats a ratio for "3.4 times the card": one decimal below 100, whole numbers from 100. */
function timesText(ratio: number): string {
  return `${ratio >= 100 ? formatWhole(ratio) : ratio.toFixed(1)} times`;
}

function describeCluster(cluster: ClusterFacts): string | undefined {
  if (cluster.gpuCount === undefined || cluster.gpu === undefined) return undefined;
  const nodes =
    cluster.nodes === undefined
      ? ''
      : ` on ${formatWhole(cluster.nodes)} node${cluster.nodes === 1 ? '' : 's'}`;
  return `${formatWhole(cluster.gpuCount)} × ${cluster.gpu.id}${nodes}`;
}
