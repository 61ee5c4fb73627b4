/**
 * Every default the analyser may apply when the problem text leaves a quantity open, with its
 * value, unit and source. An estimate that uses one lists it in its `assumptions`.
 */

import { GPU_CATALOGUE } from './gpus';

/** A default value with the unit it is expressed in and where it comes from. */
export type Default<V> = { value: V; unit: string; source: string };

/** Unexpected job interruptions in the Llama 3 405B pre-training snapshot. */
const LLAMA3_UNEXPECTED_INTERRUPTIONS = 419;
const LLAMA3_SNAPSHOT_DAYS = 54;
const LLAMA3_GPUS = 16_384;
const LLAMA3_GPUS_PER_SERVER = 8;
/** Sustained throughput of the Tectonic file system that stored Llama 3 checkpoints. */
const LLAMA3_STORAGE_BYTES_PER_SECOND = 2e12;

function mapCatalogue<V>(field: (id: string) => V): Record<string, V> {
  return Object.fromEntries(Object.keys(GPU_CATALOGUE).map((id) => [id, field(id)]));
}

export const DEFAULTS = {
  mfu: {
    value: 0.4,
    unit: 'fraction of dense BF16 peak',
    source:
      'Large dense runs report 38–52% MFU: Megatron-LM (Narayanan et al. 2021) 44–52% of A100 peak; ' +
      'LLaMA 65B (Touvron et al. 2023) 380 tokens/s/GPU ≈ 48% of A100 peak; ' +
      'Llama 3 405B (2024) 38–43% of H100 peak',
  } satisfies Default<number>,

  tokensPerParameter: {
    value: 20,
    unit: 'tokens per parameter',
    source:
      'Chinchilla compute-optimal ratio (Hoffmann et al. 2022): 70B parameters on 1.4T tokens',
  } satisfies Default<number>,

  unqualifiedH100: {
    value: 'H100 SXM',
    unit: 'GPU catalogue id',
    source:
      'Assumption: DGX and HGX training servers use the SXM5 part, and a PCIe card is usually named as such',
  } satisfies Default<string>,

  unqualifiedA100: {
    value: 'A100 80GB',
    unit: 'GPU catalogue id',
    source:
      'Assumption: the 80GB part is the usual training configuration, and the 40GB part is usually named',
  } satisfies Default<string>,

  failuresPerGpuHour: {
    value: LLAMA3_UNEXPECTED_INTERRUPTIONS / (LLAMA3_SNAPSHOT_DAYS * 24 * LLAMA3_GPUS),
    unit: 'failures per GPU-hour',
    source:
      'Llama 3 (Meta 2024): 419 unexpected interruptions in a 54-day snapshot on 16,384 H100 GPUs, ' +
      'so 419 / (54 × 24 × 16,384) ≈ 1.97e-5 per GPU-hour, one job interruption about every 3 hours',
  } satisfies Default<number>,

  storageWriteBytesPerSecondPerNode: {
    value: LLAMA3_STORAGE_BYTES_PER_SECOND / (LLAMA3_GPUS / LLAMA3_GPUS_PER_SERVER),
    unit: 'bytes/s per 8-GPU node',
    source:
      'Llama 3 (Meta 2024): Tectonic sustained 2 TB/s for up to 16,384 GPUs in 8-GPU servers, ' +
      'so 2 TB/s / 2,048 servers ≈ 0.98 GB/s per server',
  } satisfies Default<number>,

  sequenceLength: {
    value: 2048,
    unit: 'tokens',
    source:
      'GPT-3 (Brown et al. 2020) and every Megatron-LM 2021 benchmark model used 2,048-token sequences',
  } satisfies Default<number>,

  microBatchSize: {
    value: 1,
    unit: 'sequences per GPU per micro-step',
    source: 'Smallest micro-batch, the usual setting for the largest models (Megatron-LM 2021)',
  } satisfies Default<number>,

  memoryReserveFraction: {
    value: 0.1,
    unit: 'fraction of GPU memory',
    source:
      'Engineering margin for the CUDA context, communication buffers and allocator fragmentation, ' +
      'which the ZeRO paper counts as residual memory. Not a measured figure',
  } satisfies Default<number>,

  networkGbpsByGpu: {
    value: mapCatalogue((id) => GPU_CATALOGUE[id].interNodeGbps),
    unit: 'Gb/s per GPU',
    source: 'GPU_CATALOGUE interNodeGbps, whose entries each name their source',
  } satisfies Default<Record<string, number>>,

  pricePerGpuHourUsdByGpu: {
    value: mapCatalogue((id) => GPU_CATALOGUE[id].pricePerGpuHourUsd),
    unit: 'USD per GPU-hour',
    source: 'GPU_CATALOGUE pricePerGpuHourUsd, whose entries each name their date and source',
  } satisfies Default<Record<string, number>>,

  gpusPerNodeByGpu: {
    value: mapCatalogue((id) => GPU_CATALOGUE[id].gpusPerNode),
    unit: 'GPUs per node',
    source: 'GPU_CATALOGUE gpusPerNode: the typical server for each part',
  } satisfies Default<Record<string, number>>,
} as const;
