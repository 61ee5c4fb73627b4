/**
 * GPU catalogue: dense BF16/FP16 tensor peak, memory, interconnect and a dated reference price for
 * each accelerator the analyser recognises, with each field's source, plus name matching for
 * problem text.
 */

/** One accelerator. Bandwidths are per GPU, and prices are on-demand USD per GPU-hour. */
export type GpuSpec = {
  /** Catalogue id used in `Quantities.gpuModel`, e.g. "H100 SXM". */
  id: string;
  vendor: 'NVIDIA' | 'AMD';
  /** Peak dense (no structured sparsity) BF16 tensor FLOP/s, or FP16 where BF16 is absent. */
  peakDenseFlops: number;
  peakSource: string;
  memoryBytes: number;
  memorySource: string;
  /** Aggregate bidirectional GPU-to-GPU bandwidth inside a server, in bytes per second. */
  intraNodeBytesPerSecond: number;
  intraNodeLink: string;
  intraNodeSource: string;
  /** Typical inter-node network bandwidth per GPU, in gigabits per second. */
  interNodeGbps: number;
  interNodeSource: string;
  /** GPUs in the typical server for this part. */
  gpusPerNode: number;
  pricePerGpuHourUsd: number;
  /** Month the reference price was observed, as YYYY-MM. */
  priceAsOf: string;
  priceSource: string;
  /** Whether the price comes from a source that was read, rather than a placeholder estimate. */
  priceVerified: boolean;
};

/** A GPU named in text: the catalogue entry, where it was found, and any interpretation made. */
export type GpuMatch = { gpu: GpuSpec; index: number; length: number; note?: string };

const NVIDIA_A100_DATASHEET = 'NVIDIA A100 Tensor Core GPU datasheet';
const NVIDIA_H100_DATASHEET = 'NVIDIA H100 Tensor Core GPU datasheet';
const DGX_A100_NETWORK =
  'NVIDIA DGX A100 system: eight 200 Gb/s HDR InfiniBand ports for eight GPUs';
const DGX_H100_NETWORK =
  'NVIDIA DGX H100 system: eight 400 Gb/s ConnectX-7 ports for eight GPUs, and Llama 3 (2024) reports 400 Gbps per GPU';
const PRICE_A100_80GB =
  'Midpoint of the typical on-demand range $1.49–$2.49 (pricegpu.pages.dev, "H100 vs A100 Cloud Pricing", early 2026)';
const UNVERIFIED_PRICE = 'Unverified placeholder: no public list price was checked for this part';

/** Accelerators in the catalogue, keyed by id. */
export const GPU_CATALOGUE: Readonly<Record<string, GpuSpec>> = {
  'A100 40GB': {
    id: 'A100 40GB',
    vendor: 'NVIDIA',
    peakDenseFlops: 312e12,
    peakSource: `${NVIDIA_A100_DATASHEET}: BF16 Tensor Core 312 TFLOPS dense (624 with sparsity)`,
    memoryBytes: 40e9,
    memorySource: `${NVIDIA_A100_DATASHEET}: 40 GB HBM2`,
    intraNodeBytesPerSecond: 600e9,
    intraNodeLink: 'NVLink 3 through NVSwitch',
    intraNodeSource: `${NVIDIA_A100_DATASHEET}: NVLink 600 GB/s`,
    interNodeGbps: 200,
    interNodeSource: DGX_A100_NETWORK,
    gpusPerNode: 8,
    pricePerGpuHourUsd: 1.5,
    priceAsOf: '2026-05',
    priceSource: `${UNVERIFIED_PRICE}. Set at about 75% of the A100 80GB reference`,
    priceVerified: false,
  },
  'A100 80GB': {
    id: 'A100 80GB',
    vendor: 'NVIDIA',
    peakDenseFlops: 312e12,
    peakSource: `${NVIDIA_A100_DATASHEET}: BF16 Tensor Core 312 TFLOPS dense (624 with sparsity)`,
    memoryBytes: 80e9,
    memorySource: `${NVIDIA_A100_DATASHEET}: 80 GB HBM2e`,
    intraNodeBytesPerSecond: 600e9,
    intraNodeLink: 'NVLink 3 through NVSwitch',
    intraNodeSource: `${NVIDIA_A100_DATASHEET}: NVLink 600 GB/s`,
    interNodeGbps: 200,
    interNodeSource: DGX_A100_NETWORK,
    gpusPerNode: 8,
    pricePerGpuHourUsd: 1.99,
    priceAsOf: '2026-01',
    priceSource: PRICE_A100_80GB,
    priceVerified: true,
  },
  'H100 SXM': {
    id: 'H100 SXM',
    vendor: 'NVIDIA',
    peakDenseFlops: 989e12,
    peakSource: `${NVIDIA_H100_DATASHEET} (SXM5): BF16 Tensor Core 1,979 TFLOPS with sparsity, 989 dense`,
    memoryBytes: 80e9,
    memorySource: `${NVIDIA_H100_DATASHEET} (SXM5): 80 GB HBM3`,
    intraNodeBytesPerSecond: 900e9,
    intraNodeLink: 'NVLink 4 through NVSwitch',
    intraNodeSource: `${NVIDIA_H100_DATASHEET} (SXM5): NVLink 900 GB/s`,
    interNodeGbps: 400,
    interNodeSource: DGX_H100_NETWORK,
    gpusPerNode: 8,
    pricePerGpuHourUsd: 2.95,
    priceAsOf: '2026-05',
    priceSource:
      'AIMultiple Cloud GPU Rental Price Index: H100 on-demand median, updated 2026-05-20',
    priceVerified: true,
  },
  'H100 PCIe': {
    id: 'H100 PCIe',
    vendor: 'NVIDIA',
    peakDenseFlops: 756e12,
    peakSource: `${NVIDIA_H100_DATASHEET} (PCIe): BF16 Tensor Core 1,513 TFLOPS with sparsity, 756 dense`,
    memoryBytes: 80e9,
    memorySource: `${NVIDIA_H100_DATASHEET} (PCIe): 80 GB HBM2e`,
    intraNodeBytesPerSecond: 128e9,
    intraNodeLink: 'PCIe Gen5 x16 (NVLink bridges join only pairs)',
    intraNodeSource: `${NVIDIA_H100_DATASHEET} (PCIe): PCIe Gen5 128 GB/s, NVLink bridge 600 GB/s per pair`,
    interNodeGbps: 200,
    interNodeSource: 'Typical PCIe server with one 400 Gb/s NIC per two GPUs, not a vendor figure',
    gpusPerNode: 8,
    pricePerGpuHourUsd: 2.4,
    priceAsOf: '2026-05',
    priceSource: `${UNVERIFIED_PRICE}. Set at about 80% of the H100 SXM reference`,
    priceVerified: false,
  },
  H200: {
    id: 'H200',
    vendor: 'NVIDIA',
    peakDenseFlops: 989e12,
    peakSource:
      'NVIDIA H200 Tensor Core GPU datasheet (SXM): BF16 1,979 TFLOPS with sparsity, 989 dense',
    memoryBytes: 141e9,
    memorySource: 'NVIDIA H200 Tensor Core GPU datasheet: 141 GB HBM3e',
    intraNodeBytesPerSecond: 900e9,
    intraNodeLink: 'NVLink 4 through NVSwitch',
    intraNodeSource: 'NVIDIA H200 Tensor Core GPU datasheet (SXM): NVLink 900 GB/s',
    interNodeGbps: 400,
    interNodeSource: 'HGX H200 servers use the DGX H100 network design: one 400 Gb/s NIC per GPU',
    gpusPerNode: 8,
    pricePerGpuHourUsd: 4,
    priceAsOf: '2026-05',
    priceSource:
      'Midpoint of the specialty-cloud on-demand range $3.50–$4.50 (Mercatus, "Cloud GPU pricing", May 2026)',
    priceVerified: true,
  },
  B200: {
    id: 'B200',
    vendor: 'NVIDIA',
    peakDenseFlops: 2.25e15,
    peakSource: 'NVIDIA HGX B200 at 1,000 W: BF16 dense 2,250 TFLOPS, 4,500 with sparsity',
    memoryBytes: 180e9,
    memorySource: 'NVIDIA DGX B200: 1,440 GB HBM3e across eight GPUs',
    intraNodeBytesPerSecond: 1.8e12,
    intraNodeLink: 'NVLink 5 through NVSwitch',
    intraNodeSource: 'NVIDIA DGX B200: fifth-generation NVLink, 1.8 TB/s per GPU',
    interNodeGbps: 400,
    interNodeSource: 'NVIDIA DGX B200: eight 400 Gb/s ConnectX-7 ports for eight GPUs',
    gpusPerNode: 8,
    pricePerGpuHourUsd: 5.5,
    priceAsOf: '2026-05',
    priceSource: UNVERIFIED_PRICE,
    priceVerified: false,
  },
  V100: {
    id: 'V100',
    vendor: 'NVIDIA',
    peakDenseFlops: 125e12,
    peakSource: 'NVIDIA V100 datasheet (SXM2): FP16 Tensor Core 125 TFLOPS (V100 has no BF16)',
    memoryBytes: 32e9,
    memorySource: 'NVIDIA V100 datasheet: 32 GB HBM2',
    intraNodeBytesPerSecond: 300e9,
    intraNodeLink: 'NVLink 2',
    intraNodeSource: 'NVIDIA V100 datasheet (SXM2): NVLink 300 GB/s',
    interNodeGbps: 50,
    interNodeSource:
      'ZeRO paper (Rajbhandari et al. 2020) cluster: DGX-2 nodes of 16 V100s with 800 Gbps inter-node bandwidth',
    gpusPerNode: 8,
    pricePerGpuHourUsd: 0.97,
    priceAsOf: '2026-05',
    priceSource:
      'AIMultiple Cloud GPU Rental Price Index: legacy-GPU on-demand median, driven by V100 listings, May 2026',
    priceVerified: true,
  },
  'V100 16GB': {
    id: 'V100 16GB',
    vendor: 'NVIDIA',
    peakDenseFlops: 125e12,
    peakSource: 'NVIDIA V100 datasheet (SXM2): FP16 Tensor Core 125 TFLOPS (V100 has no BF16)',
    memoryBytes: 16e9,
    memorySource: 'NVIDIA V100 datasheet: 16 GB HBM2',
    intraNodeBytesPerSecond: 300e9,
    intraNodeLink: 'NVLink 2',
    intraNodeSource: 'NVIDIA V100 datasheet (SXM2): NVLink 300 GB/s',
    interNodeGbps: 50,
    interNodeSource: 'DGX-1: four 100 Gb/s EDR InfiniBand ports for eight V100s',
    gpusPerNode: 8,
    pricePerGpuHourUsd: 0.97,
    priceAsOf: '2026-05',
    priceSource:
      'AIMultiple Cloud GPU Rental Price Index: legacy-GPU on-demand median, driven by V100 listings, May 2026',
    priceVerified: true,
  },
  L40S: {
    id: 'L40S',
    vendor: 'NVIDIA',
    peakDenseFlops: 362e12,
    peakSource: 'NVIDIA L40S datasheet: BF16 Tensor Core 362.05 TFLOPS dense, 733 with sparsity',
    memoryBytes: 48e9,
    memorySource: 'NVIDIA L40S datasheet: 48 GB GDDR6 with ECC',
    intraNodeBytesPerSecond: 64e9,
    intraNodeLink: 'PCIe Gen4 x16 (no NVLink)',
    intraNodeSource: 'NVIDIA L40S datasheet: PCIe Gen4 x16, 64 GB/s bidirectional',
    interNodeGbps: 100,
    interNodeSource:
      'Typical PCIe inference server with one 200 Gb/s NIC per two GPUs, not a vendor figure',
    gpusPerNode: 8,
    pricePerGpuHourUsd: 1,
    priceAsOf: '2026-05',
    priceSource: UNVERIFIED_PRICE,
    priceVerified: false,
  },
  A10G: {
    id: 'A10G',
    vendor: 'NVIDIA',
    // NOTE: NVIDIA publishes no datasheet for the AWS-only A10G. 70 TFLOPS is the commonly quoted
    // dense FP16 tensor peak and was not checked against a primary source (the A10 gives 125).
    peakDenseFlops: 70e12,
    peakSource:
      'Commonly quoted A10G dense FP16 tensor peak, unverified because NVIDIA publishes no A10G datasheet',
    memoryBytes: 24e9,
    memorySource: 'AWS EC2 G5 instances: 24 GB GDDR6 per A10G',
    intraNodeBytesPerSecond: 64e9,
    intraNodeLink: 'PCIe Gen4 x16 (no NVLink)',
    intraNodeSource: 'PCIe Gen4 x16, 64 GB/s bidirectional',
    interNodeGbps: 12.5,
    interNodeSource: 'AWS g5.48xlarge: 100 Gbps of networking for eight A10G GPUs',
    gpusPerNode: 8,
    pricePerGpuHourUsd: 1.01,
    priceAsOf: '2025-06',
    priceSource: 'AWS g5.xlarge on-demand (one A10G and 4 vCPUs), about $1.00/hr as quoted in 2025',
    priceVerified: false,
  },
  MI250X: {
    id: 'MI250X',
    vendor: 'AMD',
    peakDenseFlops: 383e12,
    peakSource: 'AMD Instinct MI250X datasheet: 383 TFLOPS peak FP16 and BF16 (two GCDs combined)',
    memoryBytes: 128e9,
    memorySource: 'AMD Instinct MI250X datasheet: 128 GB HBM2e (64 GB per GCD)',
    intraNodeBytesPerSecond: 800e9,
    intraNodeLink: 'Infinity Fabric',
    intraNodeSource:
      'AMD Instinct MI250X datasheet: up to eight Infinity Fabric links, 800 GB/s peak',
    interNodeGbps: 200,
    interNodeSource: 'OLCF Frontier: four 200 Gb/s Slingshot NICs per node of four MI250X',
    gpusPerNode: 4,
    pricePerGpuHourUsd: 1.5,
    priceAsOf: '2026-05',
    priceSource: UNVERIFIED_PRICE,
    priceVerified: false,
  },
  MI300X: {
    id: 'MI300X',
    vendor: 'AMD',
    peakDenseFlops: 1307.4e12,
    peakSource:
      'AMD Instinct MI300X datasheet: 1,307.4 TFLOPS peak FP16/BF16 dense, 2,614.9 with sparsity',
    memoryBytes: 192e9,
    memorySource: 'AMD Instinct MI300X datasheet: 192 GB HBM3',
    intraNodeBytesPerSecond: 896e9,
    intraNodeLink: 'Infinity Fabric (fully connected eight-GPU mesh)',
    intraNodeSource:
      'AMD Instinct MI300X platform: seven Infinity Fabric links, 896 GB/s aggregate',
    interNodeGbps: 400,
    interNodeSource: 'Typical MI300X server with one 400 Gb/s NIC per GPU, not a vendor figure',
    gpusPerNode: 8,
    pricePerGpuHourUsd: 1.85,
    priceAsOf: '2025-01',
    priceSource: 'Vultr on-demand MI300X listing, as shown on gpu.blog (2025)',
    priceVerified: true,
  },
};

/** A name pattern and the catalogue entry it resolves to, with the interpretation to report. */
type GpuPattern = {
  pattern: RegExp;
  resolve: (match: RegExpExecArray) => { id: string; note?: string } | undefined;
};

// Patterns run on ASCII-lowercased text and start with a literal, so the engine can scan for it
// quickly, and `startsName` checks the character before. Every quantifier is bounded, so no pattern
// can backtrack catastrophically.
const GPU_PATTERNS: GpuPattern[] = [
  {
    pattern:
      /a100(?:[\s-]{0,2}(sxm4?|pcie))?(?:[\s-]{0,2}(40|80)\s?gi?b?\b)?(?:[\s-]{0,2}(sxm4?|pcie))?s?\b/g,
    resolve: (m) => {
      if (m[2] === '40') return { id: 'A100 40GB' };
      if (m[2] === '80') return { id: 'A100 80GB' };
      return {
        id: 'A100 80GB',
        note: 'An A100 without a memory size was read as the A100 80GB. Say "A100 40GB" for the smaller part.',
      };
    },
  },
  {
    pattern:
      /h100(?:[\s-]{0,2}(sxm5?|pcie|nvl))?(?:[\s-]{0,2}(?:80|94|96)\s?gi?b?\b)?(?:[\s-]{0,2}(sxm5?|pcie|nvl))?s?\b/g,
    resolve: (m) => {
      const form = m[1] ?? m[2];
      if (form === 'pcie') return { id: 'H100 PCIe' };
      if (form === 'nvl') {
        return {
          id: 'H100 PCIe',
          note: 'The H100 NVL was read as the H100 PCIe entry (same PCIe form factor, 94 GB in reality).',
        };
      }
      if (form !== undefined) return { id: 'H100 SXM' };
      return {
        id: 'H100 SXM',
        note: 'An H100 without a form factor was read as the H100 SXM. Say "H100 PCIe" for the PCIe card.',
      };
    },
  },
  {
    pattern: /h200(?:[\s-]{0,2}(?:sxm|nvl))?s?\b/g,
    resolve: () => ({ id: 'H200' }),
  },
  {
    pattern: /(g)?b200s?\b/g,
    resolve: (m) =>
      m[1] === undefined
        ? { id: 'B200' }
        : {
            id: 'B200',
            note: 'A GB200 was read as its B200 GPU, without the Grace CPU memory.',
          },
  },
  {
    pattern: /v100(?:[\s-]{0,2}(?:sxm2|pcie))?(?:[\s-]{0,2}(16|32)\s?gi?b?\b)?s?\b/g,
    resolve: (m) => (m[1] === '16' ? { id: 'V100 16GB' } : { id: 'V100' }),
  },
  { pattern: /l40s\b/g, resolve: () => ({ id: 'L40S' }) },
  { pattern: /a10gs?\b/g, resolve: () => ({ id: 'A10G' }) },
  {
    pattern: /mi250(x)?s?\b/g,
    resolve: (m) =>
      m[1] === undefined
        ? {
            id: 'MI250X',
            note: 'An MI250 was read as the MI250X entry (the MI250 has slightly fewer compute units).',
          }
        : { id: 'MI250X' },
  },
  {
    pattern: /mi300(x|a)?s?\b/g,
    resolve: (m) => {
      if (m[1] === 'x') return { id: 'MI300X' };
      if (m[1] === 'a') return undefined;
      return { id: 'MI300X', note: 'An MI300 was read as the MI300X.' };
    },
  },
];

/** Accelerator names outside the catalogue, which the parser reports in a note. */
const UNCATALOGUED_PATTERN =
  /\b(?:(?:(?:nvidia\s)?geforce\s)?rtx\s?(?:a|pro\s)?\d{4}(?:\s?ti|\s?super)?|h800|h20|gh200|a10|a800|l40|l4|t4|p100|k80|a30|a40|mi300a|mi325x|mi355x|gaudi ?[23]?|tpu ?v?\d?[a-z]?|b300|gb300)s?\b/g;

/**
 * Finds every catalogued GPU named in `text`, in order of appearance, with the interpretation made
 * for names that leave the variant open (an unqualified "A100" is the 80GB part).
 */
export function findGpuMentions(text: string): GpuMatch[] {
  const lower = /[A-Z]/.test(text) ? toAsciiLower(text) : text;
  const matches: GpuMatch[] = [];

  for (const { pattern, resolve } of GPU_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(lower); m !== null; m = pattern.exec(lower)) {
      if (!startsName(lower, m.index)) continue;
      const resolved = resolve(m);
      const gpu = resolved === undefined ? undefined : GPU_CATALOGUE[resolved.id];
      if (gpu === undefined || resolved === undefined) continue;
      matches.push({ gpu, index: m.index, length: m[0].length, note: resolved.note });
    }
  }

  return matches.sort((a, b) => a.index - b.index);
}

/** Returns the first catalogued GPU named in `text` with its interpretation note, if any. */
export function matchGpu(text: string): GpuMatch | undefined {
  return findGpuMentions(text)[0];
}

/**
 * Returns the catalogue entry for the first GPU named in `text` ("A100", "a100-80g", "H100 PCIe",
 * "MI300X"), or a catalogue id given exactly. An unqualified "A100" resolves to the A100 80GB and
 * an unqualified "H100" to the H100 SXM; `matchGpu` also returns the note that explains the choice.
 */
export function findGpu(text: string): GpuSpec | undefined {
  const exact = GPU_CATALOGUE[text];
  if (exact !== undefined) return exact;
  return matchGpu(text)?.gpu;
}

/** Returns accelerator names in `text` that the catalogue does not cover, lowercased. */
export function findUncataloguedGpuNames(text: string): string[] {
  return [...new Set(findUncataloguedGpuSpans(text).map((span) => span.name))];
}

/**
 * Returns where `text` names an accelerator outside the catalogue ("RTX 4090", "H800"), so the
 * parser can mask the name and never read its model number as a count.
 */
export function findUncataloguedGpuSpans(
  text: string,
): Array<{ name: string; index: number; length: number }> {
  const lower = toAsciiLower(text);
  const catalogued = findGpuMentions(lower);
  const spans: Array<{ name: string; index: number; length: number }> = [];
  UNCATALOGUED_PATTERN.lastIndex = 0;
  for (let m = UNCATALOGUED_PATTERN.exec(lower); m !== null; m = UNCATALOGUED_PATTERN.exec(lower)) {
    const start = m.index;
    const end = start + m[0].length;
    // "l40s" is the catalogued L40S, not a plural of the uncatalogued L40.
    const overlaps = catalogued.some(
      (mention) => mention.index < end && start < mention.index + mention.length,
    );
    if (overlaps) continue;
    const name = m[0].replace(/\s+/g, ' ').replace(/(\d)s$/, '$1');
    spans.push({ name, index: m.index, length: m[0].length });
  }
  return spans;
}

/** Returns whether a name may start at `index`: outside a word, or right after a count as in "8xh100". */
function startsName(lower: string, index: number): boolean {
  const previous = lower[index - 1];
  if (previous === undefined || !/[a-z0-9]/.test(previous)) return true;
  return previous === 'x' && /\d/.test(lower[index - 2] ?? '');
}

/** Lowercases ASCII letters only, so string indexes stay aligned with the input. */
export function toAsciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
