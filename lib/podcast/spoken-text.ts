/**
 * Rewrites script text into words a speech synthesiser reads well: "3.67e24 FLOPs" becomes
 * "3.67 times ten to the 24 flops", "$16.3M" becomes "16.3 million dollars", "2.80 TB" becomes
 * "2.80 terabytes". The script keeps the written form; only the synthesiser receives this one.
 */

/** Decimal magnitude suffixes as `formatCount` and `formatUsd` write them. */
const MAGNITUDE_WORDS: Record<string, string> = {
  k: 'thousand',
  K: 'thousand',
  M: 'million',
  B: 'billion',
  T: 'trillion',
};

/** Units after a number, longest first so "GB/s" wins over "GB". */
const UNIT_WORDS: ReadonlyArray<[string, string]> = [
  ['GB/s', 'gigabytes per second'],
  ['TB/s', 'terabytes per second'],
  ['MB/s', 'megabytes per second'],
  ['Gb/s', 'gigabits per second'],
  ['Gbps', 'gigabits per second'],
  ['FLOP/s', 'flops per second'],
  ['B/param', 'bytes per parameter'],
  ['GPU-hours', 'GPU hours'],
  ['tokens/s', 'tokens per second'],
  ['samples/s', 'samples per second'],
  ['samples/sec', 'samples per second'],
  ['EB', 'exabytes'],
  ['PB', 'petabytes'],
  ['TB', 'terabytes'],
  ['GB', 'gigabytes'],
  ['MB', 'megabytes'],
  ['kB', 'kilobytes'],
  ['GiB', 'gibibytes'],
  ['ms', 'milliseconds'],
  ['min', 'minutes'],
  ['s', 'seconds'],
  ['h', 'hours'],
  ['B', 'bytes'],
];

/** Symbols with a spoken form. */
const SYMBOL_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\s*×\s*/g, ' times '],
  [/\s*·\s*/g, ' times '],
  [/\s*≈\s*/g, ' about '],
  [/\s*≤\s*/g, ' at most '],
  [/\s*≥\s*/g, ' at least '],
  [/\s*→\s*/g, ' to '],
  [/\s*√\s*/g, ' the square root of '],
  [/\s+=\s+/g, ' equals '],
  [/λ/g, 'lambda'],
  [/(\d)\s*–\s*(\d)/g, '$1 to $2'],
  [/\s+[—–]\s+/g, ', '],
];

const ESCAPE_REGEX = /[.*+?^${}()|[\]\\/]/g;

const UNIT_PATTERN = UNIT_WORDS.map(([unit]) => unit.replace(ESCAPE_REGEX, '\\$&')).join('|');

/** A number, an optional magnitude suffix and an optional unit: "8.18M GPU-hours", "2.80 TB". */
const NUMBER_WITH_UNIT = new RegExp(
  `(\\d+(?:\\.\\d+)?)(?:([kKMBT])(?![A-Za-z]))?(?:\\s?(${UNIT_PATTERN}))?(?![\\w/])`,
  'g',
);

/**
 * Returns `text` rewritten for a speech synthesiser. Markdown emphasis and code marks are
 * dropped, numbers in scientific notation, dollar amounts, magnitudes and units are spelled out.
 */
export function toSpokenText(text: string): string {
  let spoken = text.replace(/[*_`#]+/g, '');

  spoken = spoken.replace(/(\d+(?:\.\d+)?)e([+-]?\d+)/g, (_match, mantissa: string, exponent) => {
    const power = Number(exponent);
    return `${mantissa} times ten to the ${power < 0 ? 'minus ' : ''}${Math.abs(power)}`;
  });
  spoken = spoken.replace(
    /\$(\d+(?:[.,]\d+)*)([kKMBT])?(?![A-Za-z])/g,
    (_match, amount: string, magnitude?: string) =>
      `${amount}${magnitude ? ` ${MAGNITUDE_WORDS[magnitude]}` : ''} dollars`,
  );
  spoken = spoken.replace(/(\d)%/g, '$1 percent');
  spoken = spoken.replace(/ZeRO-(\d)/g, 'ZeRO stage $1');
  spoken = spoken.replace(NUMBER_WITH_UNIT, (match, number: string, magnitude?: string, unit?) => {
    if (!magnitude && !unit) return match;
    const words = [number];
    if (magnitude) words.push(MAGNITUDE_WORDS[magnitude]);
    if (unit) words.push(unitWord(unit as string));
    return words.join(' ');
  });
  spoken = spoken.replace(/\bFLOPs\b/g, 'flops');
  for (const [pattern, replacement] of SYMBOL_WORDS) spoken = spoken.replace(pattern, replacement);

  return spoken.replace(/\s+/g, ' ').trim();
}

function unitWord(unit: string): string {
  return UNIT_WORDS.find(([written]) => written === unit)?.[1] ?? unit;
}
