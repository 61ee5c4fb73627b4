/**
 * Extractors for the cluster: GPU model, GPU count, nodes and GPUs per node, inter-node network
 * bandwidth and checkpoint storage bandwidth.
 */

import { GPU_CATALOGUE } from '../gpus';
import { BYTES_PER_GB } from '../units';
import { GPU_TOKEN, type ParseContext } from './context';
import { NUMBER, parseDecimal } from './numbers';

const G = `${GPU_TOKEN}\\s*`;
const VENDOR = String.raw`(?:(?:nvidia|amd)\s+)?`;
const NODE_WORD = String.raw`(?:nodes?|servers?|machines?|hosts?|boxes|instances|vms?|systems?)\b`;
const NODE_PREFIX = String.raw`(?:(?:dgx|hgx|gpu|compute|training|worker|cloud)\s+)?`;
const GPU_WORD = String.raw`(?:gpus?|accelerators?|cards?|devices?)\b`;
/** A per-node GPU count: "8 GPUs", "8 H100", "8x H100 80GB GPUs". */
const GPUS = String.raw`(?<![\w.]|(?:^|[\s(=:~≈])-)(\d+)\s*(?:x\s*)?${VENDOR}(?:${G}(?:${GPU_WORD})?|${GPU_WORD})`;

/** "32 nodes of 8 GPUs", "32 nodes x 8 H100", "2 servers with 8 GPUs each". */
const NODES_TIMES_GPUS = new RegExp(
  String.raw`${NUMBER}\s*${NODE_PREFIX}(?:${G})?${NODE_PREFIX}${NODE_WORD}\s*(?:,|:|of|with|x|each\s+with|each\s+having|containing|having|that\s+each\s+have|each\s+has)\s*(?:each\s+)?${GPUS}`,
  'g',
);
/** "2 H100 servers (8 GPUs and 4 NICs each)" or "4 nodes (32 GPUs)". */
const NODES_PARENTHESIS = new RegExp(
  String.raw`${NUMBER}\s*${NODE_PREFIX}(?:${G})?${NODE_PREFIX}${NODE_WORD}\s*\(\s*${GPUS}([^()]{0,80})\)`,
  'g',
);
/** "(16 GPUs)" or "(16 GPUs in total)" right after a node phrase. */
const TOTAL_PARENTHESIS = new RegExp(
  String.raw`^\s*\(\s*(\d+)\s*(?:${G})?${GPU_WORD}(?:\s*(?:in\s+)?total)?\s*\)`,
);
/** "one 8x H100 node", "4 8xA100 servers", "an 8x H100 box". */
const COUNT_X_GPU_NODES = new RegExp(
  String.raw`(?:(${NUMBER.replace(/^\(/, '(?:')}|one|an?)\s+)?(?<![\w.]|(?:^|[\s(=:~≈])-)(\d+)\s*x\s*${G}(?:${GPU_WORD}\s*)?(nodes?|servers?|machines?|hosts?|boxes|box|instances?|systems?|vms?)\b`,
  'g',
);
const GPUS_PER_NODE_PATTERNS = [
  new RegExp(
    String.raw`(?<![\w.]|(?:^|[\s(=:~≈])-)(\d+)\s*(?:x\s*)?${VENDOR}(?:${G})?(?:${GPU_WORD})?\s*(?:per|\/|in\s+each|on\s+each|a)\s+(?:node|server|machine|host|box|instance|system|vm)\b`,
    'g',
  ),
  new RegExp(
    String.raw`(?<![\w.]|(?:^|[\s(=:~≈])-)(\d+)-(?:${G})?gpu\s+(?:[a-z0-9-]+\s+){0,2}?${NODE_WORD}`,
    'g',
  ),
  new RegExp(String.raw`\(\s*(\d+)\s*(?:${G})?${GPU_WORD}[^()]{0,80}\beach\b[^()]{0,20}\)`, 'g'),
  new RegExp(String.raw`(?<![\w.]|(?:^|[\s(=:~≈])-)(\d+)\s*(?:${G})?${GPU_WORD}\s+each\b`, 'g'),
];
const NODES_ALONE = new RegExp(
  String.raw`${NUMBER}\s*${NODE_PREFIX}(?:${G})?${NODE_PREFIX}${NODE_WORD}`,
  'g',
);
/** "256 A100s" and "4k H100s": a total, with an optional "k" for thousands. */
const GPU_TOTAL = new RegExp(
  String.raw`${NUMBER}(k\b)?\s*(?:x\s*)?${VENDOR}(?:${G}(?:${GPU_WORD})?|(?:gpus?|accelerators?)\b)`,
  'g',
);

const BANDWIDTH = new RegExp(
  String.raw`${NUMBER}\s?([kmgt])(i)?(b|bits?|bytes?)?\s?(?:\/\s?s(?:ec)?\b|ps\b|per\s+second\b)|${NUMBER}\s?([gt])be\b`,
  'gd',
);
const NAMED_FABRIC =
  /\b(ndr|hdr|edr|xdr)[\s-]?(?:infiniband|ib)\b|\b(?:infiniband|ib)[\s-]?(ndr|hdr|edr|xdr)\b/g;
const FABRIC_GBPS: Readonly<Record<string, number>> = { edr: 100, hdr: 200, ndr: 400, xdr: 800 };

const NETWORK_CONTEXT =
  /infiniband|\bib\b|roce|ethernet|\bnics?\b|network|interconnect|fabric|all-?reduce|bus bandwidth|\blinks?\b|slingshot|\befa\b|inter-?node|rdma|\bndr\b|\bhdr\b|\bgbe\b/;
const STORAGE_CONTEXT =
  /\bdisks?\b|nvme|\bssds?\b|storage|file ?system|lustre|gpfs|weka|\bs3\b|\bgcs\b|\bblob|\bnfs\b|\bwrites?\b|written|writing|\breads?\b|checkpoint|object store|bucket|i\/o/;
const INTRA_NODE_CONTEXT =
  /inside (?:one|a|each|the) (?:server|node)|within (?:a|one|each|the) (?:server|node)|intra-?node|nvlink|nvswitch|pcie|xgmi|infinity fabric/;
const PER_NODE = /^\s*(?:per|\/|each|a)\s*(?:node|server|host|machine|box)\b/;
const LIST_BEFORE = /\d\s*(?:,|\bor|\band|\bto|-)\s*$/;
const LIST_AFTER =
  /^\s*(?:,|\bor\b|\band\b|\bto\b|-)\s*\d+\s*(?:nodes?|servers?|machines?|hosts?)\b/;

/** Cluster facts gathered from several phrases before the GPU count is settled. */
type ClusterFacts = {
  nodes?: number;
  gpusPerNode?: number;
  totals: Array<{ count: number; phrase: string }>;
};

/** Reads the GPU model, the GPU count, nodes and GPUs per node. */
export function extractCluster(ctx: ParseContext): void {
  extractGpuModel(ctx);

  const facts: ClusterFacts = { totals: [] };
  readNodesTimesGpus(ctx, facts);
  readNodeParentheses(ctx, facts);
  readCountTimesGpuNodes(ctx, facts);
  readGpusPerNode(ctx, facts);
  readNodesAlone(ctx, facts);
  readGpuTotals(ctx, facts);

  settleGpuCount(ctx, facts);
}

/** "32 nodes x 8 H100", with an optional "(256 GPUs)" total after it. */
function readNodesTimesGpus(ctx: ParseContext, facts: ClusterFacts): void {
  for (const m of ctx.matches(NODES_TIMES_GPUS)) {
    const end = m.index + m[0].length;
    if (!ctx.isFree(m.index, end)) continue;
    ctx.consumeMatch(m);
    facts.nodes ??= parseDecimal(m[1]);

    // "4 nodes, 32 GPUs in total" gives the total, not GPUs per node.
    if (/^\s*(?:in\s+)?total\b/.test(ctx.work.slice(end, end + 16))) {
      facts.totals.push({ count: Number(m[2]), phrase: ctx.quote(m.index, end) });
      continue;
    }
    facts.gpusPerNode ??= Number(m[2]);

    const total = TOTAL_PARENTHESIS.exec(ctx.work.slice(end, end + 40));
    if (total === null) continue;
    ctx.consume(end, end + total[0].length);
    facts.totals.push({
      count: Number(total[1]),
      phrase: ctx.quote(m.index, end + total[0].length),
    });
  }
}

/** "2 servers (8 GPUs and 4 NICs each)" gives GPUs per node, and "4 nodes (32 GPUs)" the total. */
function readNodeParentheses(ctx: ParseContext, facts: ClusterFacts): void {
  for (const m of ctx.matches(NODES_PARENTHESIS)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    facts.nodes ??= parseDecimal(m[1]);

    const count = Number(m[2]);
    if (/\beach\b|per\s+(?:node|server|host|machine)/.test(m[3])) {
      facts.gpusPerNode ??= count;
    } else {
      facts.totals.push({ count, phrase: ctx.quote(m.index, m.index + m[0].length) });
    }
  }
}

/** "one 8x H100 node" and "4 8xA100 servers": the count after "x" is per node. */
function readCountTimesGpuNodes(ctx: ParseContext, facts: ClusterFacts): void {
  for (const m of ctx.matches(COUNT_X_GPU_NODES)) {
    if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
    ctx.consumeMatch(m);
    facts.gpusPerNode ??= Number(m[2]);

    const nodeCount = m[1];
    if (nodeCount !== undefined) {
      facts.nodes ??= /^(?:one|an?)$/.test(nodeCount) ? 1 : parseDecimal(nodeCount);
    } else if (!m[3].endsWith('s')) {
      facts.nodes ??= 1;
    }
  }
}

function readGpusPerNode(ctx: ParseContext, facts: ClusterFacts): void {
  for (const pattern of GPUS_PER_NODE_PATTERNS) {
    for (const m of ctx.matches(pattern)) {
      if (!ctx.isFree(m.index, m.index + m[0].length)) continue;
      ctx.consumeMatch(m);
      facts.gpusPerNode ??= Number(m[1]);
    }
  }
}

/** "32 nodes" on its own, unless it is one item of a list such as "1, 2 or 4 nodes". */
function readNodesAlone(ctx: ParseContext, facts: ClusterFacts): void {
  for (const m of ctx.matches(NODES_ALONE)) {
    const end = m.index + m[0].length;
    if (!ctx.isFree(m.index, end)) continue;
    ctx.consumeMatch(m);

    const inList =
      LIST_BEFORE.test(ctx.before(m.index, 6)) || LIST_AFTER.test(ctx.work.slice(end, end + 16));
    if (inList) {
      ctx.note(
        `"${ctx.quote(m.index, end)}" is one item of a list of node counts, so this phrase was not read as the node count.`,
      );
      continue;
    }
    facts.nodes ??= parseDecimal(m[1]);

    if (/\bdgx\b/.test(m[0]) && facts.gpusPerNode === undefined) {
      facts.gpusPerNode = /dgx[\s-]?2\b/.test(m[0]) ? 16 : 8;
      ctx.note(`A DGX node was read as ${facts.gpusPerNode} GPUs.`);
    }
  }
}

/** "256 A100s" and "16 GPUs": totals, unless "each" or "per node" follows. */
function readGpuTotals(ctx: ParseContext, facts: ClusterFacts): void {
  for (const m of ctx.matches(GPU_TOTAL)) {
    const end = m.index + m[0].length;
    if (!ctx.isFree(m.index, end)) continue;
    ctx.consumeMatch(m);

    const rest = ctx.after(end, 40);
    const perNode = /^[^()]{0,40}?\beach\b/.test(rest.split(')')[0]) || PER_NODE.test(rest);
    if (perNode) {
      facts.gpusPerNode ??= parseDecimal(m[1]);
      continue;
    }
    if (/(?:\bper|\bevery|\beach)\s*$/.test(ctx.before(m.index, 8))) continue;
    const count = parseDecimal(m[1]) * (m[2] === undefined ? 1 : 1000);
    const phrase = ctx.quote(m.index, end);
    if (m[2] !== undefined) ctx.note(`"${phrase}" was read as ${count} GPUs (k = 1,000).`);
    facts.totals.push({ count, phrase });
  }
}

/**
 * Sets nodes, GPUs per node and the GPU count. A stated total wins over nodes × GPUs per node, and
 * a disagreement between them is noted.
 */
function settleGpuCount(ctx: ParseContext, facts: ClusterFacts): void {
  if (facts.nodes !== undefined && isCount(facts.nodes)) {
    ctx.set('nodes', facts.nodes, `${facts.nodes} nodes`);
  }
  if (facts.gpusPerNode !== undefined && isCount(facts.gpusPerNode)) {
    ctx.set('gpusPerNode', facts.gpusPerNode, `${facts.gpusPerNode} GPUs per node`);
  }

  const { nodes, gpusPerNode } = ctx.quantities;
  const product =
    nodes !== undefined && gpusPerNode !== undefined ? nodes * gpusPerNode : undefined;
  const totals = facts.totals.filter((total) => isCount(total.count));
  const first = totals[0];

  if (first === undefined) {
    if (product !== undefined) ctx.quantities.gpuCount = product;
    return;
  }

  ctx.quantities.gpuCount = first.count;
  for (const other of totals.slice(1)) {
    if (other.count === first.count) continue;
    ctx.note(
      `"${other.phrase}" names another GPU count, but the estimates use the first one stated (${first.count}).`,
    );
  }
  if (product !== undefined && product !== first.count) {
    ctx.note(
      `${nodes} nodes × ${gpusPerNode} GPUs per node is ${product}, not the ${first.count} GPUs stated, so the estimates use ${first.count}.`,
    );
  }
}

function extractGpuModel(ctx: ParseContext): void {
  const first = ctx.gpuMentions[0];
  if (first === undefined) return;

  ctx.quantities.gpuModel = first.gpu.id;
  if (first.note !== undefined) ctx.note(first.note);

  const others = [...new Set(ctx.gpuMentions.map((mention) => mention.gpu.id))].filter(
    (id) => id !== first.gpu.id,
  );
  if (others.length > 0) {
    ctx.note(
      `The text also names ${others.join(', ')}, but the estimates use the first GPU named (${first.gpu.id}).`,
    );
  }
}

/** Reads inter-node network and checkpoint storage bandwidths, telling bits from bytes by case and context. */
export function extractBandwidths(ctx: ParseContext): void {
  for (const m of ctx.matches(BANDWIDTH)) {
    const end = m.index + m[0].length;
    if (!ctx.isFree(m.index, end)) continue;
    ctx.consumeMatch(m);

    const digits = m[1] ?? m[5];
    const prefix = (m[2] ?? m[6]).toLowerCase();
    const value = parseDecimal(digits) * prefixScale(prefix);
    const phrase = ctx.quote(m.index, end);
    const unit = classifyUnit(ctx, m);
    const window = ctx.lower.slice(Math.max(0, m.index - 80), Math.min(ctx.lower.length, end + 60));
    const storageHint = STORAGE_CONTEXT.test(window);
    const networkHint = NETWORK_CONTEXT.test(window);
    const perNode = PER_NODE.test(ctx.work.slice(end, end + 20));

    if (INTRA_NODE_CONTEXT.test(ctx.sentenceText(m.index)) && !storageHint) {
      ctx.note(
        `"${phrase}" reads as bandwidth inside a server, so it is not used as the inter-node network or storage bandwidth.`,
      );
      continue;
    }

    if (unit === 'bits' || (unit === 'unknown' && networkHint && !storageHint)) {
      setNetwork(ctx, value / 1e9, perNode, phrase);
      continue;
    }
    if (storageHint && !(unit === 'unknown' && networkHint)) {
      setStorage(ctx, value, perNode, phrase);
      continue;
    }
    if (unit === 'bytes' && networkHint) {
      ctx.note(
        `"${phrase}" was read as bytes per second of network bandwidth, ${round((value * 8) / 1e9)} Gb/s.`,
      );
      setNetwork(ctx, (value * 8) / 1e9, perNode, phrase);
      continue;
    }
    ctx.note(
      `"${phrase}" is a bandwidth with no network or storage named near it, so it was not used.`,
    );
  }

  if (ctx.quantities.networkGbps !== undefined) return;
  for (const m of ctx.matches(NAMED_FABRIC)) {
    const generation = m[1] ?? m[2];
    const gbps = FABRIC_GBPS[generation];
    ctx.consumeMatch(m);
    ctx.set('networkGbps', gbps, ctx.quote(m.index, m.index + m[0].length));
    ctx.note(
      `${generation.toUpperCase()} InfiniBand was read as ${gbps} Gb/s per GPU (one port per GPU).`,
    );
    return;
  }
}

/**
 * Tells bits from bytes: "Gb/s", "Gbps", "Gbit/s" and "GbE" are bits, "GB/s", "GBps" and "GiB/s"
 * are bytes, and an all-lowercase "gb/s" is left to context.
 */
function classifyUnit(ctx: ParseContext, m: RegExpExecArray): 'bits' | 'bytes' | 'unknown' {
  if (m[5] !== undefined) return 'bits';
  if (m[3] !== undefined) return 'bytes';
  const bitsOrBytes = m[4];
  if (bitsOrBytes === undefined) return 'unknown';
  if (bitsOrBytes.startsWith('bit')) return 'bits';
  if (bitsOrBytes.startsWith('byte')) return 'bytes';

  const indices = m.indices;
  if (indices === undefined) return 'unknown';
  const letterIndex = indices[4]?.[0];
  const prefixIndex = indices[2]?.[0];
  if (letterIndex === undefined || prefixIndex === undefined) return 'unknown';

  if (ctx.text[letterIndex] === 'B') return 'bytes';
  if (ctx.work.startsWith('ps', letterIndex + 1)) return 'bits';
  if (/[KMGT]/.test(ctx.text[prefixIndex])) return 'bits';
  return 'unknown';
}

function setNetwork(ctx: ParseContext, gbps: number, perNode: boolean, phrase: string): void {
  const model = ctx.quantities.gpuModel;
  const gpusPerNode =
    ctx.quantities.gpusPerNode ?? (model === undefined ? 8 : GPU_CATALOGUE[model].gpusPerNode);

  if (perNode || gbps > 800) {
    const perGpu = gbps / gpusPerNode;
    ctx.note(
      `"${phrase}" was read as bandwidth per node and divided by ${gpusPerNode} GPUs per node: ${round(perGpu)} Gb/s per GPU.`,
    );
    ctx.set('networkGbps', perGpu, phrase);
    return;
  }
  ctx.set('networkGbps', gbps, phrase);
}

function setStorage(
  ctx: ParseContext,
  bytesPerSecond: number,
  perNode: boolean,
  phrase: string,
): void {
  const nodes = ctx.quantities.nodes;
  if (perNode && nodes !== undefined) {
    ctx.note(
      `"${phrase}" per node was multiplied by ${nodes} nodes to give the job's storage bandwidth.`,
    );
    ctx.set('storageBytesPerSecond', bytesPerSecond * nodes, phrase);
    return;
  }
  if (perNode) {
    ctx.note(
      `"${phrase}" is per node. With no node count stated, it was used as the job's whole storage bandwidth.`,
    );
  }
  ctx.set('storageBytesPerSecond', bytesPerSecond, phrase);
}

function prefixScale(prefix: string): number {
  if (prefix === 'k') return 1e3;
  if (prefix === 'm') return 1e6;
  if (prefix === 't') return 1e12;
  return BYTES_PER_GB;
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 10_000_000;
}

function round(value: number): number {
  return Number(value.toPrecision(3));
}
