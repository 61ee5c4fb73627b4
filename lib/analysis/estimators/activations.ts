/**
 * Activation memory per GPU of a GPT-style transformer (Korthikanti et al. 2022, "Reducing
 * Activation Recomputation in Large Transformer Models"), with the model shape inferred from the
 * parameter count when the text gives no shape.
 */

import { DEFAULTS } from '../defaults';
import { formatBytes } from '../format';
import type { ActivationRecomputation, Estimate, Quantities } from '../types';
import { UNIT } from '../units';
import { estimate, num } from './inputs';

/** Transformer shape: layers L, hidden size h, attention heads a. */
export type ModelShape = {
  numLayers: number;
  hiddenSize: number;
  numHeads: number;
  description: string;
};

export const KORTHIKANTI_SOURCE =
  'Korthikanti et al. 2022, Reducing Activation Recomputation in Large Transformer Models (arXiv:2205.05198), Table 2: s·b·h·(34 + 5·a·s/h) bytes per layer with 16-bit activations';

/** Published shapes used when only the parameter count is known. */
const KNOWN_SHAPES: ReadonlyArray<{
  name: string;
  parameters: number;
  numLayers: number;
  hiddenSize: number;
  numHeads: number;
  source: string;
}> = [
  {
    name: 'GPT-3 Small',
    parameters: 125e6,
    numLayers: 12,
    hiddenSize: 768,
    numHeads: 12,
    source: 'Brown et al. 2020, Table 2.1',
  },
  {
    name: 'GPT-3 Medium',
    parameters: 350e6,
    numLayers: 24,
    hiddenSize: 1024,
    numHeads: 16,
    source: 'Brown et al. 2020, Table 2.1',
  },
  {
    name: 'GPT-3 Large',
    parameters: 760e6,
    numLayers: 24,
    hiddenSize: 1536,
    numHeads: 16,
    source: 'Brown et al. 2020, Table 2.1',
  },
  {
    name: 'GPT-3 XL',
    parameters: 1.3e9,
    numLayers: 24,
    hiddenSize: 2048,
    numHeads: 24,
    source: 'Brown et al. 2020, Table 2.1',
  },
  {
    name: 'GPT-3 2.7B',
    parameters: 2.7e9,
    numLayers: 32,
    hiddenSize: 2560,
    numHeads: 32,
    source: 'Brown et al. 2020, Table 2.1',
  },
  {
    name: 'LLaMA 7B',
    parameters: 6.7e9,
    numLayers: 32,
    hiddenSize: 4096,
    numHeads: 32,
    source: 'Touvron et al. 2023, Table 2',
  },
  {
    name: 'LLaMA 13B',
    parameters: 13e9,
    numLayers: 40,
    hiddenSize: 5120,
    numHeads: 40,
    source: 'Touvron et al. 2023, Table 2',
  },
  {
    name: 'LLaMA 33B',
    parameters: 32.5e9,
    numLayers: 60,
    hiddenSize: 6656,
    numHeads: 52,
    source: 'Touvron et al. 2023, Table 2',
  },
  {
    name: 'LLaMA 65B',
    parameters: 65.2e9,
    numLayers: 80,
    hiddenSize: 8192,
    numHeads: 64,
    source: 'Touvron et al. 2023, Table 2',
  },
  {
    name: 'GPT-3 175B',
    parameters: 175e9,
    numLayers: 96,
    hiddenSize: 12288,
    numHeads: 96,
    source: 'Brown et al. 2020, Table 2.1',
  },
  {
    name: 'Llama 3 405B',
    parameters: 405e9,
    numLayers: 126,
    hiddenSize: 16384,
    numHeads: 128,
    source: 'Llama 3 (Meta 2024), Table 3',
  },
  {
    name: 'MT-NLG 530B',
    parameters: 530e9,
    numLayers: 105,
    hiddenSize: 20480,
    numHeads: 128,
    source: 'Smith et al. 2022',
  },
  {
    name: 'Megatron-LM 1T',
    parameters: 1.008e12,
    numLayers: 128,
    hiddenSize: 25600,
    numHeads: 160,
    source: 'Narayanan et al. 2021, Table 1',
  },
];

/** A known shape is used when the parameter count is within this factor of it. */
const KNOWN_SHAPE_MAX_RATIO = 1.5;
/** Hidden size per layer (h / L) of GPT-3 175B, used to shape models far from any known one. */
const HIDDEN_PER_LAYER = 128;
/** Head dimension h / a of GPT-3 175B and the LLaMA family. */
const HEAD_DIM = 128;

/**
 * Returns the transformer shape: stated where the text gives it, otherwise the nearest published
 * shape within 1.5× of the parameter count, otherwise L and h from N ≈ 12·L·h² with h = 128·L.
 */
export function inferShape(q: Quantities): ModelShape | undefined {
  const { hiddenSize, numLayers, numHeads, parameters } = q;

  if (hiddenSize !== undefined && numLayers !== undefined) {
    const heads = numHeads ?? Math.max(1, Math.round(hiddenSize / HEAD_DIM));
    const headsNote = numHeads === undefined ? `, ${heads} heads assumed (head size 128)` : '';
    return {
      numLayers,
      hiddenSize,
      numHeads: heads,
      description: `stated shape L = ${numLayers}, h = ${hiddenSize}${headsNote}`,
    };
  }
  if (parameters === undefined) return undefined;

  if (hiddenSize !== undefined || numLayers !== undefined) {
    const layers =
      numLayers ?? Math.max(1, Math.round(parameters / (12 * (hiddenSize ?? HEAD_DIM) ** 2)));
    const hidden = hiddenSize ?? roundTo128(Math.sqrt(parameters / (12 * layers)));
    const heads = numHeads ?? Math.max(1, Math.round(hidden / HEAD_DIM));
    return {
      numLayers: layers,
      hiddenSize: hidden,
      numHeads: heads,
      description: `L = ${layers}, h = ${hidden} from N ≈ 12·L·h² with the stated ${numLayers === undefined ? 'hidden size' : 'layer count'}`,
    };
  }

  const nearest = [...KNOWN_SHAPES].sort(
    (a, b) =>
      Math.abs(Math.log(a.parameters / parameters)) - Math.abs(Math.log(b.parameters / parameters)),
  )[0];
  if (Math.abs(Math.log(nearest.parameters / parameters)) <= Math.log(KNOWN_SHAPE_MAX_RATIO)) {
    return {
      numLayers: nearest.numLayers,
      hiddenSize: nearest.hiddenSize,
      numHeads: numHeads ?? nearest.numHeads,
      description: `shape of ${nearest.name} (L = ${nearest.numLayers}, h = ${nearest.hiddenSize}, a = ${nearest.numHeads}; ${nearest.source}), the nearest published model to ${num(parameters)} parameters`,
    };
  }

  const layers = Math.max(1, Math.round(Math.cbrt(parameters / (12 * HIDDEN_PER_LAYER ** 2))));
  const hidden = roundTo128(Math.sqrt(parameters / (12 * layers)));
  const heads = numHeads ?? Math.max(1, Math.round(hidden / HEAD_DIM));
  return {
    numLayers: layers,
    hiddenSize: hidden,
    numHeads: heads,
    description: `L = ${layers}, h = ${hidden}, a = ${heads} from N ≈ 12·L·h² with GPT-3's aspect ratio h ≈ 128·L (no published model within 1.5× of ${num(parameters)})`,
  };
}

/**
 * Returns activation bytes of one transformer layer on one GPU (Korthikanti et al. 2022, Table 2)
 * for sequence length s, micro-batch b, hidden size h, heads a and tensor-parallel degree t.
 * - No recomputation: s·b·h·(10 + 24/t + 5·a·s/(h·t)), which is s·b·h·(34 + 5·a·s/h) at t = 1.
 * - Selective recomputation: s·b·h·(10 + 24/t).
 * - Full recomputation: 2·s·b·h, the layer input only.
 */
export function activationBytesPerLayer(
  s: number,
  b: number,
  shape: ModelShape,
  t: number,
  recomputation: ActivationRecomputation,
): number {
  const { hiddenSize: h, numHeads: a } = shape;
  const sbh = s * b * h;
  if (recomputation === 'full') return 2 * sbh;
  if (recomputation === 'selective') return sbh * (10 + 24 / t);
  return sbh * (10 + 24 / t + (5 * a * s) / (h * t));
}

/**
 * Returns activation bytes per GPU: L layers' worth, because with the 1F1B pipeline schedule the
 * first stage keeps p micro-batches of L/p layers each. Under full recomputation one layer's full
 * activations are rebuilt during its backward pass, so that layer is added once.
 */
export function activationBytesPerGpu(
  s: number,
  b: number,
  shape: ModelShape,
  t: number,
  recomputation: ActivationRecomputation,
): number {
  const stored = shape.numLayers * activationBytesPerLayer(s, b, shape, t, recomputation);
  if (recomputation !== 'full') return stored;
  return stored + activationBytesPerLayer(s, b, shape, t, 'none');
}

/** Estimates activation memory per GPU for the stated (or default) sequence length, micro-batch and recomputation. */
export function estimateActivationBytesPerGpu(q: Quantities, tp: number): Estimate | undefined {
  const shape = inferShape(q);
  if (shape === undefined) return undefined;

  const s = q.sequenceLength ?? DEFAULTS.sequenceLength.value;
  const b = q.microBatchSize ?? DEFAULTS.microBatchSize.value;
  const recomputation = q.activationRecomputation ?? 'none';
  const bytes = activationBytesPerGpu(s, b, shape, tp, recomputation);
  const { numLayers: l, hiddenSize: h, numHeads: a } = shape;

  const perLayer = perLayerFormula(recomputation, tp);

  return estimate(
    bytes,
    UNIT.bytes,
    `${perLayer} × L = ${l} layers with s = ${s}, b = ${b}, h = ${h}, a = ${a}${tp > 1 ? `, t = ${tp}` : ''} → ${formatBytes(bytes)} per GPU`,
    [
      `Model shape: ${shape.description}`,
      q.sequenceLength === undefined &&
        `Sequence length ${s} (default: ${DEFAULTS.sequenceLength.source})`,
      q.microBatchSize === undefined &&
        `Micro-batch ${b} (default: ${DEFAULTS.microBatchSize.source})`,
      q.activationRecomputation === undefined
        ? 'No activation recomputation (none stated)'
        : `Activation recomputation: ${recomputation}`,
      tp > 1 &&
        'Tensor parallelism without sequence parallelism (the 10·s·b·h term stays replicated)',
      'The 5·a·s/h term is the stored attention scores. FlashAttention-style kernels do not store them, which removes it',
      'Embedding and output-layer activations are left out (small next to L layers)',
    ],
    KORTHIKANTI_SOURCE,
  );
}

function perLayerFormula(recomputation: ActivationRecomputation, tp: number): string {
  if (recomputation === 'full')
    return '2·s·b·h per layer kept + one layer rebuilt at s·b·h·(34 + 5·a·s/h)';
  if (recomputation === 'selective') return 's·b·h·(10 + 24/t) per layer';
  if (tp > 1) return 's·b·h·(10 + 24/t + 5·a·s/(h·t)) per layer';
  return 's·b·h·(34 + 5·a·s/h) per layer';
}

function roundTo128(value: number): number {
  return Math.max(128, Math.round(value / 128) * 128);
}
