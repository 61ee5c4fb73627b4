/**
 * The "applied" part of a card's back: Markdown that works a concept through this problem's own
 * numbers (model-state memory per ZeRO stage against the GPU, checkpoint size and Young/Daly
 * interval, cost against budget, all-reduce time and so on). Each section quotes the analysis
 * estimates with the panel's format helpers and their formulas. A section whose estimates are
 * missing is left out, and a concept with no section gets an empty string.
 */

import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatUsd,
} from '../analysis/format';
import type { Analysis } from '../analysis/types';
import {
  budgetFacts,
  clusterFacts,
  formatStatedMinutes,
  formatWhole,
  memoryFacts,
  quote,
  activationCondition,
  allReduceVolumeNote,
  capitalise,
  recomputationNote,
  stageMemory,
  type MemoryFacts,
} from './facts';
import type { TopicId } from './topics';

/** A section of applied Markdown, named for the estimates it works through. */
type SectionId =
  | 'memory'
  | 'offload'
  | 'layout'
  | 'activation'
  | 'checkpoint'
  | 'failureRate'
  | 'lostProgress'
  | 'uptime'
  | 'recovery'
  | 'cost'
  | 'compute'
  | 'cluster'
  | 'links'
  | 'allReduce'
  | 'throughput'
  | 'batch'
  | 'precision';

/** Sections per topic, most specific first. */
const SECTIONS_BY_TOPIC: Readonly<Partial<Record<TopicId, readonly SectionId[]>>> = {
  sharding: ['memory'],
  memory: ['memory'],
  shardedOptimizer: ['memory'],
  offload: ['offload', 'memory'],
  modelParallel: ['layout'],
  pipelineParallel: ['layout'],
  tensorParallel: ['layout', 'activation'],
  activation: ['activation'],
  sequenceParallel: ['activation'],
  attentionKernel: ['activation'],
  checkpoint: ['checkpoint', 'lostProgress'],
  asyncCheckpoint: ['checkpoint'],
  storage: ['checkpoint'],
  faultTolerance: ['recovery', 'uptime', 'failureRate'],
  failureRate: ['failureRate', 'uptime'],
  elastic: ['recovery'],
  rollback: ['lostProgress'],
  spot: ['lostProgress', 'cost'],
  cost: ['cost'],
  compute: ['compute'],
  throughput: ['throughput', 'compute'],
  dataLoading: ['throughput'],
  monitoring: ['throughput'],
  network: ['links'],
  allReduce: ['allReduce'],
  collective: ['links', 'allReduce'],
  overlap: ['allReduce'],
  dataParallel: ['allReduce', 'batch'],
  distributed: ['cluster'],
  intraNode: ['links'],
  batch: ['batch'],
  precision: ['precision'],
  numerics: ['precision'],
};

/** Maximum sections per card, so the back stays readable. */
const MAX_SECTIONS = 2;

const SECTION_BUILDERS: Readonly<Record<SectionId, (analysis: Analysis) => string | undefined>> = {
  memory: memorySection,
  offload: offloadSection,
  layout: layoutSection,
  activation: activationSection,
  checkpoint: checkpointSection,
  failureRate: failureRateSection,
  lostProgress: lostProgressSection,
  uptime: uptimeSection,
  recovery: recoverySection,
  cost: costSection,
  compute: computeSection,
  cluster: clusterSection,
  links: linksSection,
  allReduce: allReduceSection,
  throughput: throughputSection,
  batch: batchSection,
  precision: precisionSection,
};

/**
 * Builds the applied Markdown for a concept with the given topics (title matches first), or an
 * empty string when no estimate of the analysis bears on it.
 *
 * `shown` collects the sections and bullet lines already printed on earlier cards of the same
 * lesson. A bullet already shown is left out, and so is a section with nothing new, so each card
 * keeps only its own slice of the numbers.
 */
export function buildApplied(
  topics: ReadonlyMap<TopicId, number>,
  analysis: Analysis,
  shown: Set<string> = new Set(),
): string {
  // Title topics come first. Topics matched only through tags add a section only when no title
  // topic produced one, so a card is not padded with a neighbour's numbers.
  const byStrength = [...topics.entries()].sort((a, b) => b[1] - a[1]);
  const strongest = byStrength[0]?.[1] ?? 0;
  const sections: string[] = [];
  const tried = new Set<SectionId>();

  for (const [topic, strength] of byStrength) {
    if (strength < strongest && sections.length > 0) break;
    for (const id of SECTIONS_BY_TOPIC[topic] ?? []) {
      if (sections.length >= MAX_SECTIONS) break;
      if (tried.has(id)) continue;
      tried.add(id);
      const built = SECTION_BUILDERS[id](analysis);
      const section = built === undefined ? undefined : withoutShownLines(built, shown);
      if (section !== undefined) sections.push(section);
    }
  }
  return sections.join('\n\n');
}

/**
 * Removes the bullets of `section` that `shownLines` already contains and records the rest. Returns
 * undefined when the whole section, or every bullet in it, was already shown.
 */
/**
 * Builds the applied Markdown of every card in a lesson, in card order, so that no block or
 * bullet appears on two cards. Sections from each card's strongest topics (its title, where the
 * title names one) are placed first for all cards. Only a card left empty then takes sections from
 * its weaker, tag-only topics, so a number goes to the card whose title it belongs to.
 */
export function buildAppliedForCards(
  topicsPerCard: ReadonlyArray<ReadonlyMap<TopicId, number>>,
  analysis: Analysis,
): string[] {
  const shown = new Set<string>();
  const strongestTopics = topicsPerCard.map((topics) => {
    const strongest = Math.max(0, ...topics.values());
    return new Map([...topics].filter(([, strength]) => strength === strongest));
  });
  const applied = strongestTopics.map((topics) => buildApplied(topics, analysis, shown));

  return applied.map((text, at) =>
    text === '' ? buildApplied(topicsPerCard[at], analysis, shown) : text,
  );
}

function withoutShownLines(section: string, shownLines: Set<string>): string | undefined {
  if (shownLines.has(section)) return undefined;
  shownLines.add(section);

  const lines = section.split('\n');
  const isBullet = (line: string): boolean => line.startsWith('- ');
  const bulletCount = lines.filter(isBullet).length;
  const keptLines = lines.filter((line) => !isBullet(line) || !shownLines.has(line));
  for (const line of keptLines) if (isBullet(line)) shownLines.add(line);
  if (bulletCount > 0 && !keptLines.some(isBullet)) return undefined;

  // A label such as "Assumptions:" whose bullets were all shown before goes too. Bold headings stay.
  const isEmptyLabel = (line: string, at: number): boolean =>
    line.endsWith(':') && !line.startsWith('**') && !isBullet(keptLines[at + 1] ?? '');
  const cleaned = keptLines.filter((line, at) => !isEmptyLabel(line, at));
  return cleaned
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function memorySection(analysis: Analysis): string | undefined {
  const memory = memoryFacts(analysis);
  if (memory === undefined) return undefined;
  const cluster = clusterFacts(analysis);
  const lines = [
    `**Model states:** ${memory.modelStatesText}, from ${memory.modelStates.formula}.`,
  ];

  if (memory.stages.length <= 1) {
    lines.push(
      '',
      'Per-GPU figures under ZeRO need the GPU count, which the problem does not state.',
    );
    return lines.join('\n');
  }

  const gpuLabel =
    cluster.gpu === undefined || cluster.gpuMemoryBytes === undefined
      ? undefined
      : `${cluster.gpu.id} (${formatBytes(cluster.gpuMemoryBytes)})`;
  lines.push('');
  lines.push(
    gpuLabel === undefined
      ? '| Layout | Model states per GPU |'
      : `| Layout | Model states per GPU | Fits one ${gpuLabel}? |`,
  );
  lines.push(gpuLabel === undefined ? '| --- | --- |' : '| --- | --- | --- |');
  for (const stage of memory.stages) {
    const fits = stage.fits === undefined ? '' : ` ${stage.fits ? 'yes' : 'no'} |`;
    lines.push(`| ${stage.label} | ${stage.text} |${fits}`);
  }
  lines.push('', 'Working:', ...memory.stages.map((stage) => `- ${stage.estimate.formula}`));
  const verdict = memoryVerdict(analysis, memory);
  if (verdict !== undefined) lines.push('', verdict);
  return lines.join('\n');
}

function memoryVerdict(analysis: Analysis, memory: MemoryFacts): string | undefined {
  const { gpuMemoryBytes, gpu } = clusterFacts(analysis);
  if (gpuMemoryBytes === undefined || gpu === undefined) return undefined;
  const activations = analysis.estimates.activationBytesPerGpu;
  const activationNote =
    activations === undefined
      ? ''
      : ` Activations come on top, estimated at ${quote(activations)} per GPU ${activationCondition(analysis)}.${recomputationNote(analysis)}`;

  if (memory.lowestFittingStage === undefined) {
    const zero3 = stageMemory(memory, 3);
    const left = zero3 === undefined ? '' : `: even ZeRO-3 leaves ${zero3.text} per GPU`;
    return `No ZeRO stage fits the ${gpu.id}${left}. Tensor or pipeline parallelism must split the model further, or the optimizer states must move to CPU memory.${activationNote}`;
  }
  const stage = stageMemory(memory, memory.lowestFittingStage);
  if (stage === undefined) return undefined;
  const headroom = formatBytes(gpuMemoryBytes - stage.estimate.value);
  return `${stage.label} is the lowest stage that fits: ${stage.text} of ${formatBytes(gpuMemoryBytes)}, leaving ${headroom} per GPU for activations and buffers.${activationNote}`;
}

function offloadSection(analysis: Analysis): string | undefined {
  const memory = memoryFacts(analysis);
  const zero3 = memory === undefined ? undefined : stageMemory(memory, 3);
  if (zero3 === undefined) return undefined;
  // Without the 12 optimizer bytes, ZeRO-3 keeps 4 of 16 bytes per parameter on the GPU.
  const onGpu = formatBytes(zero3.estimate.value * (4 / 16));
  return [
    `**Offloading:** under ZeRO-3 each GPU holds ${zero3.text} of model states.`,
    `Moving the optimizer states (12 of the 16 bytes per parameter) to CPU memory leaves ${onGpu} per GPU, ZeRO-3 × 4/16.`,
    'The price is traffic over PCIe and an optimizer step on the CPU every iteration.',
  ].join(' ');
}

function layoutSection(analysis: Analysis): string | undefined {
  const layout = analysis.estimates.parallelismLayout;
  if (layout === undefined) return undefined;
  const lines = [`**Layout that fits:** ${quote(layout)}.`, '', layout.formula];
  const perGpu = analysis.estimates.layoutMemoryPerGpuBytes;
  if (perGpu !== undefined)
    lines.push('', `Per GPU under this layout: ${quote(perGpu)} (${perGpu.formula}).`);
  return lines.join('\n');
}

function activationSection(analysis: Analysis): string | undefined {
  const activations = analysis.estimates.activationBytesPerGpu;
  if (activations === undefined) return undefined;
  const lines = [`**Activations per GPU:** ${quote(activations)}, from ${activations.formula}.`];
  if (activations.assumptions.length > 0) {
    lines.push(
      '',
      'Assumptions:',
      ...activations.assumptions.map((assumption) => `- ${assumption}`),
    );
  }

  const { gpu, gpuMemoryBytes } = clusterFacts(analysis);
  const memory = memoryFacts(analysis);
  const stageNumber = analysis.quantities.zeroStage ?? memory?.lowestFittingStage ?? 3;
  const stage = memory === undefined ? undefined : stageMemory(memory, stageNumber);
  if (gpu !== undefined && gpuMemoryBytes !== undefined && stage !== undefined) {
    const total = activations.value + stage.estimate.value;
    const verdict =
      total > gpuMemoryBytes
        ? `${(total / gpuMemoryBytes).toFixed(1)} times the ${formatBytes(gpuMemoryBytes)} of the ${gpu.id}`
        : `within the ${formatBytes(gpuMemoryBytes)} of the ${gpu.id}`;
    lines.push(
      '',
      `${capitalise(activationCondition(analysis))} and with ${stage.text} of model states under ${stage.label}, that is ${formatBytes(total)} per GPU, ${verdict}.${recomputationNote(analysis)}`,
    );
  }
  return lines.join('\n');
}

function checkpointSection(analysis: Analysis): string | undefined {
  const { estimates, quantities } = analysis;
  const checkpoint = estimates.checkpointBytes;
  const write = estimates.checkpointWriteSeconds;
  if (checkpoint === undefined && write === undefined) return undefined;

  const lines: string[] = [];
  if (checkpoint !== undefined)
    lines.push(`- Full training state: ${quote(checkpoint)}, from ${checkpoint.formula}.`);
  const weights = estimates.checkpointWeightsBytes;
  if (weights !== undefined)
    lines.push(`- Weights alone: ${quote(weights)}, enough for inference but not to resume.`);
  if (write !== undefined)
    lines.push(`- Each save blocks training for ${quote(write)} (${write.formula}).`);

  const bandwidth = quantities.storageBytesPerSecond;
  if (
    checkpoint !== undefined &&
    bandwidth !== undefined &&
    quantities.checkpointWriteMinutes !== undefined
  ) {
    const expectedSeconds = checkpoint.value / bandwidth;
    const ratio = (quantities.checkpointWriteMinutes * 60) / expectedSeconds;
    lines.push(
      `- At the stated ${formatBytes(bandwidth)}/s, ${quote(checkpoint)} should take ${formatDuration(expectedSeconds)}. The stated ${formatStatedMinutes(quantities.checkpointWriteMinutes)} is ${ratio.toFixed(1)} times that, so the save is not limited by disk bandwidth.`,
    );
  }
  const interval = estimates.checkpointIntervalMinutes;
  if (interval !== undefined)
    lines.push(`- Young/Daly interval: ${quote(interval)} (${interval.formula}).`);
  return ['**Checkpoint numbers:**', '', ...lines].join('\n');
}

function lostProgressSection(analysis: Analysis): string | undefined {
  const { estimates, quantities } = analysis;
  const interval = estimates.checkpointIntervalMinutes;
  const lost = estimates.expectedLostWorkMinutes;
  const lines: string[] = [];

  if (lost !== undefined) lines.push(`- Work lost per failure: ${quote(lost)} (${lost.formula}).`);
  if (quantities.maxLostProgressMinutes !== undefined) {
    const limit = formatStatedMinutes(quantities.maxLostProgressMinutes);
    if (interval !== undefined) {
      const verdict = interval.value > quantities.maxLostProgressMinutes ? 'longer than' : 'within';
      lines.push(
        `- The Young/Daly interval of ${quote(interval)} is ${verdict} the ${limit} of progress you may lose.`,
      );
    } else {
      lines.push(
        `- Losing at most ${limit} of progress means a checkpoint at least every ${limit}, less the save time.`,
      );
    }
  }
  if (lines.length === 0) return undefined;
  return ['**Work lost to a failure:**', '', ...lines].join('\n');
}

function uptimeSection(analysis: Analysis): string | undefined {
  const { estimates, quantities } = analysis;
  const downtime = estimates.expectedDowntimeFraction;
  if (downtime === undefined) return undefined;
  const lines = [`- Time lost to saving, rework and recovery: ${quote(downtime)}.`];
  if (quantities.uptimeTarget !== undefined) {
    const allowed = 1 - quantities.uptimeTarget;
    const verdict =
      downtime.value > allowed
        ? `exceeds the ${formatPercent(allowed)} that ${formatPercent(quantities.uptimeTarget)} uptime allows`
        : `is within the ${formatPercent(allowed)} that ${formatPercent(quantities.uptimeTarget)} uptime allows`;
    lines.push(`- The estimated ${quote(downtime)} ${verdict}.`);
  }
  return ['**Uptime:**', '', ...lines].join('\n');
}

function recoverySection(analysis: Analysis): string | undefined {
  const { recoveryMinutes } = analysis.quantities;
  if (recoveryMinutes === undefined) return undefined;
  return [
    '**Recovery:**',
    '',
    `- Recovering within ${formatStatedMinutes(recoveryMinutes)} must cover detection, rescheduling, process start and checkpoint load.`,
  ].join('\n');
}

function failureRateSection(analysis: Analysis): string | undefined {
  const { jobMtbfHours: mtbf, failuresDuringRun: failures } = analysis.estimates;
  const lines: string[] = [];
  if (mtbf !== undefined) lines.push(`- Job MTBF: ${quote(mtbf)} (${mtbf.formula}).`);
  if (failures !== undefined)
    lines.push(`- Failures over the run: ${formatCount(failures.value)} (${failures.formula}).`);
  if (lines.length === 0) return undefined;
  return ['**Failure rate:**', '', ...lines].join('\n');
}

function costSection(analysis: Analysis): string | undefined {
  const { estimates } = analysis;
  const cost = estimates.costUsd;
  const gpuHours = estimates.gpuHours;
  if (cost === undefined || gpuHours === undefined) return undefined;

  const lines = [
    `- GPU-hours: ${quote(gpuHours)} (${gpuHours.formula}).`,
    `- Cost: ${quote(cost)} (${cost.formula}).`,
  ];
  const budget = budgetFacts(analysis);
  if (budget !== undefined) {
    const pricePerGpuHour = cost.value / gpuHours.value;
    const affordable = (analysis.quantities.budgetUsd ?? 0) / pricePerGpuHour;
    lines.push(`- ${budget.sentence}.`);
    lines.push(
      `- The budget buys ${formatCount(affordable)} GPU-hours at ${formatUsd(pricePerGpuHour)} per GPU-hour.`,
    );
  }
  const assumptions = cost.assumptions.filter((assumption) =>
    /MFU|[Pp]rice|tokens/.test(assumption),
  );
  if (assumptions.length > 0)
    lines.push('', 'Assumptions:', ...assumptions.map((assumption) => `- ${assumption}`));
  return ['**Cost numbers:**', '', ...lines].join('\n');
}

function computeSection(analysis: Analysis): string | undefined {
  const { estimates, quantities } = analysis;
  const flops = estimates.trainingFlops;
  if (flops === undefined) return undefined;
  const lines: string[] = [];
  const tokens = estimates.trainingTokens;
  if (tokens !== undefined) lines.push(`- Training tokens: ${quote(tokens)} (${tokens.formula}).`);
  lines.push(`- Training compute: ${quote(flops)} (${flops.formula}).`);
  const days = estimates.trainingDays;
  if (days !== undefined) lines.push(`- Wall-clock time: ${quote(days)} (${days.formula}).`);
  if (days !== undefined && quantities.timelineDays !== undefined) {
    const verdict = days.value > quantities.timelineDays ? 'overruns' : 'fits';
    lines.push(`- That ${verdict} the ${formatWhole(quantities.timelineDays)}-day timeline.`);
  }
  return ['**Compute numbers:**', '', ...lines].join('\n');
}

function clusterSection(analysis: Analysis): string | undefined {
  const cluster = clusterFacts(analysis);
  if (cluster.gpuCount === undefined || cluster.nodes === undefined) return undefined;
  const nodes = `${formatWhole(cluster.nodes)} node${cluster.nodes === 1 ? '' : 's'}`;
  const lines = [
    `- ${formatWhole(cluster.gpuCount)} GPUs on ${nodes} of ${cluster.gpusPerNode}, one rank per GPU.`,
  ];
  if (cluster.nodes > 1) {
    lines.push(
      `- Every collective spans ${nodes}, so the process group is initialised over the inter-node network.`,
    );
  }
  return ['**Cluster shape:**', '', ...lines].join('\n');
}

function linksSection(analysis: Analysis): string | undefined {
  const { gpu } = clusterFacts(analysis);
  if (gpu === undefined) return undefined;
  const networkGbps = analysis.quantities.networkGbps ?? gpu.interNodeGbps;
  const source = analysis.quantities.networkGbps === undefined ? 'typical for this GPU' : 'stated';
  const interNodeBytesPerSecond = (networkGbps * 1e9) / 8;
  const ratio = gpu.intraNodeBytesPerSecond / interNodeBytesPerSecond;
  return [
    '**Link bandwidth:**',
    '',
    `- Inside a node: ${gpu.intraNodeLink}, ${formatBytes(gpu.intraNodeBytesPerSecond)}/s per GPU.`,
    `- Across nodes: ${networkGbps} Gb/s per GPU (${source}), ${formatBytes(interNodeBytesPerSecond)}/s, ${ratio.toFixed(0)} times slower than inside a node.`,
  ].join('\n');
}

function allReduceSection(analysis: Analysis): string | undefined {
  const allReduce = analysis.estimates.allReduceSecondsPerStep;
  if (allReduce === undefined) return undefined;
  return [
    '**Gradient all-reduce:**',
    '',
    `- Per step: ${quote(allReduce)} (${allReduce.formula}).${allReduceVolumeNote(analysis)}`,
  ].join('\n');
}

function throughputSection(analysis: Analysis): string | undefined {
  const target = analysis.quantities.throughput;
  if (target === undefined) return undefined;
  const { gpuCount } = clusterFacts(analysis);
  const lines = [`- Target: ${formatWhole(target.value)} ${target.unit}.`];
  if (gpuCount !== undefined && !/\/GPU/i.test(target.unit)) {
    lines.push(
      `- Per GPU: ${formatCount(target.value / gpuCount)} ${target.unit} across ${formatWhole(gpuCount)} GPUs.`,
    );
  }
  const step = analysis.quantities.globalBatchSize;
  if (step !== undefined && /sample|sequence/i.test(target.unit)) {
    lines.push(
      `- A global batch of ${formatWhole(step)} must finish in ${formatDuration(step / target.value)} per step.`,
    );
  }
  return ['**Throughput numbers:**', '', ...lines].join('\n');
}

function batchSection(analysis: Analysis): string | undefined {
  const { globalBatchSize, microBatchSize, dataParallel } = analysis.quantities;
  if (globalBatchSize === undefined || microBatchSize === undefined) return undefined;
  const { gpuCount } = clusterFacts(analysis);
  const replicas = dataParallel ?? gpuCount;
  if (replicas === undefined) return undefined;
  const steps = globalBatchSize / (microBatchSize * replicas);
  const note =
    Number.isInteger(steps) && steps >= 1
      ? `${formatWhole(steps)} accumulation step${steps === 1 ? '' : 's'} per optimizer step`
      : `${steps.toPrecision(3)} accumulation steps, which is not a whole number, so the batch sizes do not divide evenly`;
  return `**Batch arithmetic:** global batch ${formatWhole(globalBatchSize)} = micro-batch ${formatWhole(microBatchSize)} × ${formatWhole(replicas)} data-parallel replicas × accumulation steps, so ${note}.`;
}

function precisionSection(analysis: Analysis): string | undefined {
  const states = analysis.estimates.modelStateBytes;
  const parameters = analysis.quantities.parameters;
  if (states === undefined || parameters === undefined) return undefined;
  const checkpoint = analysis.estimates.checkpointBytes;
  const lines = [
    `**Bytes per parameter:** mixed-precision Adam keeps 2 bytes of bf16 weights, 2 of bf16 gradients and 12 of fp32 master weights, momentum and variance, so ${formatCount(parameters)} parameters need ${quote(states)} of model states.`,
  ];
  if (checkpoint !== undefined) {
    lines.push(
      `A checkpoint drops the gradients and keeps 14 bytes per parameter: ${quote(checkpoint)}.`,
    );
  }
  return lines.join(' ');
}
