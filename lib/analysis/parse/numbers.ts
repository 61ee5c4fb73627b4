/**
 * Number reading for free problem text: digit groups ("2,048"), magnitude suffixes ("175B",
 * "1.4 trillion"), duration units and spelled-out numbers ("six and a half" → "6.5").
 */

/**
 * Regex source for a number: digits with optional thousands separators and decimals. It must not
 * follow a word character, a decimal point, a comma, a letter plus hyphen or a minus sign, so
 * "GPT-3", "H100", "TP8", the "5" of "1,5" and "-8" are not read as numbers here. A minus sign is
 * a hyphen after the start, a space, "(", "=", ":", "~" or "≈", so the "8" of "4-8" is still read.
 * The checks look behind the first digit rather than ahead of it, so the engine can scan for
 * digits instead of testing every position.
 */
export const NUMBER = String.raw`(\d(?<![\w.,]\d)(?<![a-z]-\d)(?<!(?:^|[\s(=:~≈])-\d)(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?)`;

/** Regex source for a magnitude word or an attached single-letter suffix (capture group). */
export const MAGNITUDE = String.raw`(?:\s?(thousand|million|billion|trillion|bn|mn)\b|(k|m|mm|b|t)\b)`;

/** Regex source for a duration unit (capture group). */
export const DURATION_UNIT = String.raw`(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|months?|years?|yrs?)\b`;

const MAGNITUDES: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  t: 1e12,
  trillion: 1e12,
};

const MINUTES_PER_UNIT: ReadonlyArray<[RegExp, number]> = [
  [/^s(?:ec(?:ond)?s?)?$/, 1 / 60],
  [/^m(?:in(?:ute)?s?)?$/, 1],
  [/^h(?:(?:ou)?rs?)?$|^hour$/, 60],
  [/^d(?:ays?)?$/, 60 * 24],
  [/^w(?:ee)?ks?$|^weeks?$/, 60 * 24 * 7],
  [/^months?$/, 60 * 24 * 30.44],
  [/^y(?:ea)?rs?$|^years?$/, 60 * 24 * 365.25],
];

/** Parses "2,048" or "6.5" into a number, or returns NaN for anything else. */
export function parseDecimal(digits: string): number {
  return Number(digits.replace(/,/g, ''));
}

/** Returns the multiplier for a magnitude suffix ("B" → 1e9); 1 when there is none. */
export function magnitudeOf(suffix: string | undefined): number {
  if (suffix === undefined || suffix === '') return 1;
  return MAGNITUDES[suffix.toLowerCase()] ?? 1;
}

/** Converts a duration in `unit` ("min", "hours", "s") to minutes, or NaN for an unknown unit. */
export function durationToMinutes(value: number, unit: string): number {
  const normalized = unit.toLowerCase();
  for (const [pattern, minutes] of MINUTES_PER_UNIT) {
    if (pattern.test(normalized)) return value * minutes;
  }
  return Number.NaN;
}

const UNITS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

// "one" is left alone on its own ("one GPU fails" is not a count of GPUs) and only read inside a
// compound such as "one hundred" or "one and a half". "zero" is never converted: it is ZeRO.
const NUMBER_WORD = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|dozen)`;
const MULTIPLIER_WORDS = new Set(['hundred', 'thousand', 'dozen']);
const NUMBER_WORD_RUN = new RegExp(
  String.raw`\b${NUMBER_WORD}(?:[\s-]{1,3}${NUMBER_WORD}){0,6}(\s{1,3}and\s{1,3}a\s{1,3}half)?\b`,
  'gi',
);

/**
 * Replaces spelled-out numbers with digits: "six and a half minutes" → "6.5 minutes", "two H100
 * servers" → "2 H100 servers", "twenty-five" → "25". A lone "one" is kept as a word.
 */
export function replaceNumberWords(text: string): string {
  return text.replace(NUMBER_WORD_RUN, (run: string, half: string | undefined) => {
    const words = (half === undefined ? run : run.slice(0, run.length - half.length))
      .toLowerCase()
      .split(/[\s-]+/)
      .filter((word) => word !== '');
    const hasHalf = half !== undefined;

    if (words.length === 1 && words[0] === 'one' && !hasHalf) return run;
    // "a few thousand steps" and "hundreds of GPUs" give no number.
    if (MULTIPLIER_WORDS.has(words[0])) return run;

    const value = compoundValue(words);
    if (value !== undefined) return String(hasHalf ? value + 0.5 : value);

    // Not one compound ("two three"): convert each word on its own, keeping a lone "one".
    return run.replace(new RegExp(String.raw`\b${NUMBER_WORD}\b`, 'gi'), (word) => {
      const lower = word.toLowerCase();
      const single = compoundValue([lower]);
      const keep = single === undefined || lower === 'one' || MULTIPLIER_WORDS.has(lower);
      return keep ? word : String(single);
    });
  });
}

/** Evaluates number words such as ["one", "hundred", "twenty"], or returns undefined if they are not one number. */
function compoundValue(words: string[]): number | undefined {
  let total = 0;
  let current = 0;
  let lastKind: 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'thousand' | 'dozen' = 'none';

  for (const word of words) {
    const unit = word === 'one' ? 1 : UNITS[word];
    if (unit !== undefined) {
      const tensOnly = lastKind === 'tens';
      if (current % 100 !== 0 && !tensOnly) return undefined;
      current += unit;
      lastKind = 'unit';
      continue;
    }
    if (TEENS[word] !== undefined || TENS[word] !== undefined) {
      if (current % 100 !== 0) return undefined;
      current += TEENS[word] ?? TENS[word];
      lastKind = TEENS[word] !== undefined ? 'teen' : 'tens';
      continue;
    }
    if (word === 'hundred') {
      if (lastKind !== 'unit' && lastKind !== 'none') return undefined;
      current = (current === 0 ? 1 : current) * 100;
      lastKind = 'hundred';
      continue;
    }
    if (word === 'thousand') {
      if (lastKind === 'thousand') return undefined;
      total += (current === 0 ? 1 : current) * 1000;
      current = 0;
      lastKind = 'thousand';
      continue;
    }
    if (word === 'dozen') {
      if (lastKind === 'dozen') return undefined;
      current = (current === 0 ? 1 : current) * 12;
      lastKind = 'dozen';
      continue;
    }
    return undefined;
  }

  return total + current;
}
