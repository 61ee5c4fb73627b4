import { describe, expect, it } from 'vitest';

import { extractQuantities, type Quantities } from '@/lib/analysis';

type Case = [text: string, key: keyof Quantities, expected: unknown];

/** Phrasings people use in problem statements, each with the one quantity it must yield. */
const PHRASINGS: Case[] = [
  ['Train a 175B model from scratch', 'parameters', 175e9],
  ['a 175 billion parameter GPT model', 'parameters', 175e9],
  ['a 7,000M params network', 'parameters', 7e9],
  ['Fine-tune Llama-3 70B on our data', 'parameters', 70e9],
  ['we pre-train on 1.3T tokens', 'tokens', 1.3e12],
  ['trained over 1.4 trillion tokens', 'tokens', 1.4e12],
  ['300B training tokens', 'tokens', 300e9],
  ['on 256 A100s', 'gpuCount', 256],
  ['a 256x H100 80GB cluster', 'gpuCount', 256],
  ['a cluster of 32 nodes of 8 GPUs', 'gpuCount', 256],
  ['32 nodes x 8 H100', 'gpuCount', 256],
  ['4 nodes x 4 A100 80GB (16 GPUs)', 'gpuCount', 16],
  ['one 8x H100 box', 'gpuCount', 8],
  ['an 8xH100 node', 'gpuCount', 8],
  ['a single node of 8 A100 80GB GPUs', 'gpuCount', 8],
  ['two H100 servers (8 GPUs and 4 RDMA NICs each)', 'gpuCount', 16],
  ['2 servers with 8 GPUs each', 'gpuCount', 16],
  ['8-GPU NVSwitch servers', 'gpusPerNode', 8],
  ['1024 A100 GPUs', 'gpuCount', 1024],
  ['256 A100s', 'gpuModel', 'A100 80GB'],
  ['A100 40GB cards', 'gpuModel', 'A100 40GB'],
  ['a100-80g instances', 'gpuModel', 'A100 80GB'],
  ['8 H100 GPUs', 'gpuModel', 'H100 SXM'],
  ['H100 PCIe nodes', 'gpuModel', 'H100 PCIe'],
  ['MI300X accelerators', 'gpuModel', 'MI300X'],
  ['a budget of $500k', 'budgetUsd', 500_000],
  ['we can spend $1.2M', 'budgetUsd', 1_200_000],
  ['cost under $2 million', 'budgetUsd', 2_000_000],
  ['1.5 million dollars of credits', 'budgetUsd', 1_500_000],
  ['$2.50 per GPU-hour', 'pricePerGpuHourUsd', 2.5],
  ['$2/hr per GPU', 'pricePerGpuHourUsd', 2],
  ['$32/hour per node of 8 GPUs', 'pricePerGpuHourUsd', 4],
  ['99.9% uptime', 'uptimeTarget', 0.999],
  ['availability of 99.5%', 'uptimeTarget', 0.995],
  ['three nines of availability', 'uptimeTarget', 0.999],
  ['recover within 5 minutes', 'recoveryMinutes', 5],
  ['recovery time under 90 seconds', 'recoveryMinutes', 1.5],
  ['no more than 10 minutes of progress', 'maxLostProgressMinutes', 10],
  ['without losing more than 10 minutes of training progress', 'maxLostProgressMinutes', 10],
  ['lose at most 15 minutes of work', 'maxLostProgressMinutes', 15],
  ['throughput above 1000 samples/sec', 'throughput', { value: 1000, unit: 'samples/s' }],
  ['380 tokens/sec/GPU', 'throughput', { value: 380, unit: 'tokens/s/GPU' }],
  ['8k context', 'sequenceLength', 8192],
  ['sequences longer than 8,192 tokens', 'sequenceLength', 8192],
  ['sequence length 4096', 'sequenceLength', 4096],
  ['128k context window', 'sequenceLength', 131_072],
  ['400 Gb/s InfiniBand', 'networkGbps', 400],
  ['200Gbps RoCE', 'networkGbps', 200],
  ['3.2 Tbps per node', 'networkGbps', 400],
  ['NDR InfiniBand', 'networkGbps', 400],
  ['the disk writes at 2.2 GB/s', 'storageBytesPerSecond', 2.2e9],
  ['finish in 3 weeks', 'timelineDays', 21],
  ['within 2 months', 'timelineDays', 60.88],
  ['MTBF of 10 hours', 'mtbfHours', 10],
  ['a failure every 3 hours', 'mtbfHours', 3],
  ['419 unexpected interruptions in a 54-day snapshot', 'mtbfHours', (54 * 24) / 419],
  ['a checkpoint takes 5 minutes to write', 'checkpointWriteMinutes', 5],
  [
    'each checkpoint save blocks training for about six and a half minutes',
    'checkpointWriteMinutes',
    6.5,
  ],
  ['we checkpoint every 30 minutes', 'checkpointIntervalMinutes', 30],
  ['MFU of 45%', 'mfu', 0.45],
  ['45% MFU', 'mfu', 0.45],
  ['ZeRO-3', 'zeroStage', 3],
  ['ZeRO stage 3', 'zeroStage', 3],
  ['ZeRO-1 optimizer sharding', 'zeroStage', 1],
  ['FSDP', 'zeroStage', 3],
  ['TP8 PP4', 'tensorParallel', 8],
  ['TP8 PP4', 'pipelineParallel', 4],
  ['tensor parallel 8', 'tensorParallel', 8],
  ['8-way tensor parallelism', 'tensorParallel', 8],
  ['pipeline parallelism of 4', 'pipelineParallel', 4],
  ['micro-batch 256', 'microBatchSize', 256],
  ['global batch 2,048', 'globalBatchSize', 2048],
  ['batch size 1536', 'globalBatchSize', 1536],
  ['hidden size 12288, 96 layers', 'hiddenSize', 12288],
  ['hidden size 12288, 96 layers', 'numLayers', 96],
  ['96 attention heads', 'numHeads', 96],
  ['140 TFLOP/s per GPU', 'achievedFlopsPerGpu', 140e12],
  ['163 teraFLOPs per GPU', 'achievedFlopsPerGpu', 163e12],
  ['full activation recomputation', 'activationRecomputation', 'full'],
  ['gradient checkpointing', 'activationRecomputation', 'full'],
  ['selective activation recomputation', 'activationRecomputation', 'selective'],
];

/** Phrasings that must not produce a quantity, with the quantity they could be mistaken for. */
const NON_QUANTITIES: Array<[text: string, key: keyof Quantities]> = [
  ['GPT-3 on 64 GPUs', 'parameters'],
  ['Llama-3-style training', 'parameters'],
  ['from 7B to 70B parameters', 'parameters'],
  ['every model size from a single layer up to 1B parameters', 'parameters'],
  ['8-GPU NVSwitch servers with eight RoCE NICs each', 'gpuCount'],
  ['whether we use 1, 2 or 4 nodes', 'nodes'],
  ['when one GPU fails the job stops', 'gpuCount'],
  ['a €500k budget', 'budgetUsd'],
  ['$20k per month of storage', 'budgetUsd'],
  ['GPU memory use is only about 10%', 'mfu'],
  ['in the first few thousand steps', 'tokens'],
  ['a micro-batch of 8 sequences', 'sequenceLength'],
  ['480 GB/s of bus bandwidth inside one server', 'networkGbps'],
  ['480 GB/s of bus bandwidth inside one server', 'storageBytesPerSecond'],
  ['activation checkpointing takes 30% more compute', 'checkpointWriteMinutes'],
];

function expectQuantity(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') {
    expect(typeof actual).toBe('number');
    // Relative tolerance: parsed values go through decimal-to-binary conversion.
    expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThan(1e-3);
    return;
  }
  expect(actual).toEqual(expected);
}

describe('extractQuantities phrasings', () => {
  it.each(PHRASINGS)('reads "%s" as %s', (text, key, expected) => {
    const { quantities } = extractQuantities(text);
    expectQuantity(quantities[key], expected);
  });
});

describe('extractQuantities non-quantities', () => {
  it.each(NON_QUANTITIES)('leaves "%s" without %s', (text, key) => {
    const { quantities } = extractQuantities(text);
    expect(quantities[key]).toBeUndefined();
  });
});

describe('extractQuantities notes', () => {
  it('notes unqualified A100', () => {
    const { notes } = extractQuantities('Train on 64 A100 GPUs');
    expect(notes.some((note) => note.includes('A100 80GB'))).toBe(true);
  });

  it('notes unqualified H100', () => {
    const { notes } = extractQuantities('Train on 64 H100 GPUs');
    expect(notes.some((note) => note.includes('H100 SXM'))).toBe(true);
  });

  it('notes a second model size', () => {
    const { quantities, notes } = extractQuantities(
      'Our 30B model OOMs although a 6.7B model trained fine.',
    );
    expect(quantities.parameters).toBe(30e9);
    expect(notes.some((note) => note.includes('6.7B'))).toBe(true);
  });

  it('lists numbers it did not read', () => {
    const { notes } = extractQuantities('It stalls at every epoch boundary (every 652 batches).');
    expect(notes.some((note) => note.includes('652 batches'))).toBe(true);
  });

  it('notes a conflicting GPU total', () => {
    const { quantities, notes } = extractQuantities('4 nodes x 8 H100 (16 GPUs)');
    expect(quantities.gpuCount).toBe(16);
    expect(notes.some((note) => note.includes('not the 16 GPUs stated'))).toBe(true);
  });

  it('notes an uncatalogued accelerator', () => {
    const { quantities, notes } = extractQuantities('Serving on 4 L4 GPUs');
    expect(quantities.gpuModel).toBeUndefined();
    expect(notes.some((note) => note.includes('L4'))).toBe(true);
  });
});
