/**
 * Shared types of the problem analyser: what the text states (`Quantities`) and what follows
 * from it (`Estimates`). Bytes are bytes, durations carry their unit in the key name.
 */

/** A stated rate such as `{ value: 1000, unit: "samples/s" }` or `{ value: 380, unit: "tokens/s/GPU" }`. */
export type Throughput = { value: number; unit: string };

/** How much of the forward pass is recomputed in the backward pass to save activation memory. */
export type ActivationRecomputation = 'none' | 'selective' | 'full';

/**
 * Quantities stated in the problem text. Every key is absent unless the text states it (or, for
 * `gpuCount`, states it as nodes times GPUs per node). Fractions are 0..1, not percentages.
 */
export type Quantities = {
  /** Model parameter count N. */
  parameters?: number;
  /** Training tokens D. */
  tokens?: number;
  /** Total GPUs in the job. */
  gpuCount?: number;
  /** A `GPU_CATALOGUE` id such as "A100 80GB" or "H100 SXM". */
  gpuModel?: string;
  budgetUsd?: number;
  /** Uptime target as a fraction, e.g. 0.999 for "99.9% uptime". */
  uptimeTarget?: number;
  /** Time allowed to recover from a failure. */
  recoveryMinutes?: number;
  /** Maximum training progress that may be lost to a failure. */
  maxLostProgressMinutes?: number;
  throughput?: Throughput;
  /** Tokens per training sequence (context length). */
  sequenceLength?: number;
  /** Time one checkpoint save blocks training. */
  checkpointWriteMinutes?: number;
  /** Stated time between checkpoints. */
  checkpointIntervalMinutes?: number;
  /** Mean time between failures of the whole job, in hours. */
  mtbfHours?: number;
  /** Mean time between failures of one node (server), in hours. The job MTBF divides it by the node count. */
  mtbfHoursPerNode?: number;
  /** Failures per GPU per hour of operation (a per-GPU rate, not a job rate). */
  failuresPerGpuHour?: number;
  /** Wall-clock time available for the run. */
  timelineDays?: number;
  /** Inter-node network bandwidth per GPU, in gigabits per second. */
  networkGbps?: number;
  /** Checkpoint storage write bandwidth available to the job, in bytes per second. */
  storageBytesPerSecond?: number;
  /** Model FLOPs utilisation as a fraction of the GPU's dense BF16/FP16 peak. */
  mfu?: number;
  /** Achieved training throughput per GPU, in FLOP/s (e.g. "140 TFLOP/s per GPU"). */
  achievedFlopsPerGpu?: number;
  pricePerGpuHourUsd?: number;
  /** ZeRO stage 0..3, where 0 is plain data parallelism and FSDP full sharding counts as 3. */
  zeroStage?: number;
  tensorParallel?: number;
  pipelineParallel?: number;
  dataParallel?: number;
  microBatchSize?: number;
  globalBatchSize?: number;
  nodes?: number;
  gpusPerNode?: number;
  hiddenSize?: number;
  numLayers?: number;
  numHeads?: number;
  activationRecomputation?: ActivationRecomputation;
};

/**
 * An estimate with its working: the value in `unit`, the formula with the numbers filled in, every
 * assumption (defaults included) and the source of the method.
 */
export type Estimate<V = number> = {
  value: V;
  unit: string;
  formula: string;
  assumptions: string[];
  source: string;
};

/** Degrees of tensor, pipeline and data parallelism with the ZeRO stage of the data-parallel group. */
export type ParallelismLayout = { tp: number; pp: number; dp: number; zeroStage: number };

/** Estimates derived from `Quantities`. Each key is absent when the inputs do not allow it. */
export type Estimates = {
  /** Training tokens D used by the estimates: stated, or 20 per parameter (Chinchilla). */
  trainingTokens?: Estimate;
  gpuMemoryBytes?: Estimate;
  modelStateBytes?: Estimate;
  memoryPerGpuDdpBytes?: Estimate;
  memoryPerGpuZero1Bytes?: Estimate;
  memoryPerGpuZero2Bytes?: Estimate;
  memoryPerGpuZero3Bytes?: Estimate;
  activationBytesPerGpu?: Estimate;
  trainingFlops?: Estimate;
  trainingDays?: Estimate;
  gpuHours?: Estimate;
  costUsd?: Estimate;
  checkpointBytes?: Estimate;
  checkpointWeightsBytes?: Estimate;
  checkpointWriteSeconds?: Estimate;
  jobMtbfHours?: Estimate;
  checkpointIntervalMinutes?: Estimate;
  expectedLostWorkMinutes?: Estimate;
  failuresDuringRun?: Estimate;
  expectedDowntimeFraction?: Estimate;
  allReduceSecondsPerStep?: Estimate;
  parallelismLayout?: Estimate<ParallelismLayout>;
  layoutMemoryPerGpuBytes?: Estimate;
};

/** The analyser's result: stated quantities, derived estimates and plain-sentence notes. */
export type Analysis = { quantities: Quantities; estimates: Estimates; notes: string[] };
