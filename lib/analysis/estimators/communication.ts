/**
 * Gradient all-reduce time per optimizer step with the ring algorithm: each GPU sends and receives
 * 2·(d − 1)/d of the gradient bytes over its slowest link.
 */

import { formatBytes, formatDuration } from '../format';
import type { Estimate } from '../types';
import { UNIT, gbpsToBytesPerSecond } from '../units';
import { estimate, num, type Inputs } from './inputs';
import { GRADIENT_BYTES_PER_PARAM } from './memory';

const RING_SOURCE =
  'NVIDIA nccl-tests doc/PERFORMANCE.md: an all-reduce moves 2·(n − 1)/n of the buffer through each rank ("bus bandwidth"). ZeRO-3 moves 1.5× the data of DDP (Rajbhandari et al. 2020, §7)';

/** ZeRO-3 adds a parameter all-gather, so data-parallel traffic is 3Ψ instead of 2Ψ. */
const ZERO3_TRAFFIC_FACTOR = 1.5;

/**
 * Estimates seconds per step spent on the gradient all-reduce: 2·(d − 1)/d × 2·N/(tp·pp) bytes /
 * per-GPU bandwidth, over NVLink/PCIe when all d ranks share a node and over the inter-node network
 * otherwise. Ignores latency and overlap with the backward pass, so it bounds the exposed cost.
 */
export function estimateAllReduceSecondsPerStep(inputs: Inputs): Estimate | undefined {
  const { parameters, networkGbps, zeroStage } = inputs.q;
  const d = inputs.dp;
  if (parameters === undefined || d === undefined || d < 2) return undefined;

  const gradientBytes = (GRADIENT_BYTES_PER_PARAM * parameters) / (inputs.tp * inputs.pp);
  const ringFactor = (2 * (d - 1)) / d;
  const trafficFactor = zeroStage === 3 ? ZERO3_TRAFFIC_FACTOR : 1;
  const gpuCount = inputs.gpuCount ?? d * inputs.tp * inputs.pp;
  const singleNode = gpuCount <= inputs.gpusPerNode;
  const gpu = inputs.gpu;

  let bytesPerSecond: number;
  let linkNote: string;
  if (singleNode) {
    if (gpu === undefined) return undefined;
    bytesPerSecond = gpu.intraNodeBytesPerSecond / 2;
    linkNote = `All ranks in one node: ${gpu.intraNodeLink}, ${formatBytes(bytesPerSecond)}/s per direction (half of ${formatBytes(gpu.intraNodeBytesPerSecond)}/s bidirectional; ${gpu.intraNodeSource})`;
  } else {
    const gbps = networkGbps ?? gpu?.interNodeGbps;
    if (gbps === undefined) return undefined;
    bytesPerSecond = gbpsToBytesPerSecond(gbps);
    linkNote =
      networkGbps !== undefined
        ? `Inter-node network ${num(gbps)} Gb/s per GPU (stated)`
        : `Inter-node network ${num(gbps)} Gb/s per GPU, the ${gpu?.id} default (${gpu?.interNodeSource})`;
  }

  const seconds = (ringFactor * gradientBytes * trafficFactor) / bytesPerSecond;
  const zeroText = trafficFactor === 1 ? '' : ` × ${ZERO3_TRAFFIC_FACTOR} (ZeRO-3)`;
  return estimate(
    seconds,
    UNIT.seconds,
    `2·(d − 1)/d × G / B = ${num(ringFactor)} × ${formatBytes(gradientBytes)}${zeroText} / ${formatBytes(bytesPerSecond)}/s = ${formatDuration(seconds)} per step`,
    [
      `bf16 gradients: G = 2 B × ${num(parameters)} params${inputs.tp * inputs.pp > 1 ? ` / (TP ${inputs.tp} × PP ${inputs.pp})` : ''}`,
      `d = ${d} data-parallel ranks`,
      linkNote,
      !singleNode &&
        'Rail-optimised topology: each GPU has its own NIC, so the slowest hop is one NIC',
      'Latency terms and overlap with the backward pass are ignored',
    ],
    RING_SOURCE,
  );
}
