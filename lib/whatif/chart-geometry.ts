/**
 * Chart geometry as plain data: scales, ticks, polyline paths and limit lines in SVG user units,
 * so the lesson page and the offline export can draw the same chart without a chart library.
 */

/** Size of every chart's SVG viewBox, in SVG units. */
export const CHART_SIZE = { width: 520, height: 260 } as const;
/**
 * Smallest margins around the plot area, in SVG units. The left margin grows to fit the widest y
 * tick label, and the right one to fit an x tick label centred near the right edge.
 */
const MIN_MARGIN = { top: 14, right: 18, bottom: 46, left: 40 } as const;

/** Font size of tick labels in SVG units, as `ScenarioCharts` and the export draw them. */
export const TICK_FONT_SIZE = 11;
/**
 * Right edge of the rotated y-axis title, in SVG units: drawn at x = 12 in a 12-unit font, its
 * glyphs reach about 3 units right of the baseline.
 */
const Y_TITLE_RIGHT = 15;
/** Space between a y tick label and the plot, as the renderers draw it at `plot.left − 6`. */
const Y_TICK_OFFSET = 6;
/** Space kept between labels, and between a label and the edge of the viewBox, in SVG units. */
const LABEL_GAP = 4;

/** Most ticks on one axis, so labels do not collide at this width. */
const MAX_TICKS = 7;

/**
 * Character advance widths in em, rounded up from DejaVu Sans: the sans-serif font of Debian's
 * Chromium, and wider than Arial, Helvetica or Segoe UI, so a label measured with these widths fits
 * in any of those fonts.
 */
const NARROW_CHARACTERS = /[\s.,'ijlI]/;
const SLIGHTLY_NARROW_CHARACTERS = /[frt:;!|()[\]]/;
const WIDE_CHARACTERS = /[mwMW%@−—]/;
const NARROW_EM = 0.32;
const SLIGHTLY_NARROW_EM = 0.42;
const WIDE_EM = 1;
const UPPERCASE_EM = 0.78;
const DEFAULT_EM = 0.64;

export type Scale = 'linear' | 'log';

/** A data point with its position in SVG units. */
export interface PlotPoint {
  x: number;
  y: number;
  px: number;
  py: number;
}

export interface Tick {
  value: number;
  text: string;
  /** Position along the axis in SVG units: x for the x axis, y for the y axis. */
  position: number;
}

export interface Axis {
  label: string;
  scale: Scale;
  min: number;
  max: number;
  ticks: Tick[];
}

export interface ChartSeries {
  id: string;
  label: string;
  points: PlotPoint[];
  /** SVG path data of the polyline through the points. */
  path: string;
}

/** A horizontal line at a limit such as the GPU's memory or the budget. */
export interface ChartLimit {
  id: string;
  label: string;
  value: number;
  text: string;
  /** y of the line in SVG units. */
  position: number;
  /** Whether the limit lies inside the plotted range; a limit far off the chart is only listed. */
  visible: boolean;
}

/** The scenario's current choice: a vertical line with the series values there. */
export interface ChartMarker {
  x: number;
  label: string;
  position: number;
  values: Array<{ seriesId: string; y: number; py: number; text: string }>;
}

/** A chart ready to draw: the plot area, axes, series, limit lines and the current choice. */
export interface Chart {
  id: string;
  title: string;
  /** Sentence describing what the chart shows, for screen readers and the figure caption. */
  description: string;
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xAxis: Axis;
  yAxis: Axis;
  series: ChartSeries[];
  limits: ChartLimit[];
  marker: ChartMarker | undefined;
}

/** Data of a chart before layout. */
export interface ChartSpec {
  id: string;
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  xScale: Scale;
  yScale: Scale | 'auto';
  series: Array<{ id: string; label: string; points: Array<{ x: number; y: number }> }>;
  limits: Array<{ id: string; label: string; value: number }>;
  marker?: { x: number; label: string };
  /**
   * Chooses the x tick values for the plotted range, such as whole minutes and hours for a
   * duration axis. Without it a log axis gets powers of two or ten, and a linear axis steps of
   * 1, 2 or 5 times a power of ten.
   */
  xTickValues?: (min: number, max: number) => number[];
  /** Chooses the y tick values for the plotted range, as `xTickValues` does for x. */
  yTickValues?: (min: number, max: number) => number[];
  /** Formats an x tick. `range` is the axis's [min, max], so one unit can serve the whole axis. */
  formatX: (value: number, range: readonly [number, number]) => string;
  /** Formats a y tick. `range` is the axis's [min, max], so one unit can serve the whole axis. */
  formatY: (value: number, range: readonly [number, number]) => string;
  /** Formats a y value at the marker or a limit, with more precision than a tick; `formatY` if absent. */
  formatValue?: (value: number) => string;
}

/** Ratio of largest to smallest value above which an 'auto' y axis becomes logarithmic. */
const LOG_RANGE_RATIO = 30;

/**
 * Lays a chart out: the ranges, the ticks, and the SVG coordinates of every point. A limit line
 * widens the range only when it is within a factor of the data, so a 24 GB line shows beside
 * 30 GB figures but a $1 budget does not flatten a $1M curve. Points that are not finite, or not
 * positive on a log axis, are dropped.
 */
export function layoutChart(spec: ChartSpec): Chart {
  const xs = spec.series.flatMap((series) => series.points.map((point) => point.x));
  const ys = spec.series.flatMap((series) => series.points.map((point) => point.y));
  const yScale = spec.yScale === 'auto' ? chooseScale(ys) : spec.yScale;
  const cleanXs = usable(xs, spec.xScale);
  const cleanYs = usable(ys, yScale);
  const dataYMin = cleanYs.length > 0 ? Math.min(...cleanYs) : 0;
  const dataYMax = cleanYs.length > 0 ? Math.max(...cleanYs) : 1;
  const nearLimits = spec.limits.filter((limit) =>
    limitNear(limit.value, dataYMin, dataYMax, yScale),
  );

  const xRange = range(cleanXs, spec.xScale, false);
  const yRange = range([...cleanYs, ...nearLimits.map((limit) => limit.value)], yScale, true);
  const xTicks = labelTicks(
    spec.xTickValues?.(...xRange) ?? defaultTicks(xRange, spec.xScale, true),
    spec.formatX,
    xRange,
  );
  const yTicks = labelTicks(
    spec.yTickValues?.(...yRange) ?? defaultTicks(yRange, yScale, false),
    spec.formatY,
    yRange,
  );

  const plot = plotArea(xTicks, xRange, spec.xScale, yTicks);
  const toPx = project(xRange, spec.xScale, plot.left, plot.right);
  const toPy = project(yRange, yScale, plot.bottom, plot.top);

  const series = spec.series.map((entry) => {
    const points = entry.points
      .filter((point) => isPlottable(point.x, spec.xScale) && isPlottable(point.y, yScale))
      .map((point) => ({ ...point, px: round(toPx(point.x)), py: round(toPy(point.y)) }));
    return { id: entry.id, label: entry.label, points, path: pathOf(points) };
  });

  const formatValue = spec.formatValue ?? ((value: number) => spec.formatY(value, yRange));
  const limits = spec.limits.map((limit) => {
    const visible =
      isPlottable(limit.value, yScale) && limit.value >= yRange[0] && limit.value <= yRange[1];
    return {
      ...limit,
      text: formatValue(limit.value),
      position: visible ? round(toPy(limit.value)) : Number.NaN,
      visible,
    };
  });

  let marker: ChartMarker | undefined;
  if (spec.marker !== undefined && isPlottable(spec.marker.x, spec.xScale)) {
    const { x, label } = spec.marker;
    marker = {
      x,
      label,
      position: round(toPx(x)),
      values: series.flatMap((entry) => {
        const point = entry.points.find((candidate) => candidate.x === x);
        return point === undefined
          ? []
          : [{ seriesId: entry.id, y: point.y, py: point.py, text: formatValue(point.y) }];
      }),
    };
  }

  return {
    id: spec.id,
    title: spec.title,
    description: spec.description,
    width: CHART_SIZE.width,
    height: CHART_SIZE.height,
    plot,
    xAxis: axis(spec.xLabel, spec.xScale, xRange, xTicks, toPx),
    yAxis: axis(spec.yLabel, yScale, yRange, yTicks, toPy),
    series,
    limits,
    marker,
  };
}

function chooseScale(values: number[]): Scale {
  const positive = values.filter((value) => Number.isFinite(value) && value > 0);
  if (positive.length < 2) return 'linear';
  return Math.max(...positive) / Math.min(...positive) > LOG_RANGE_RATIO ? 'log' : 'linear';
}

function isPlottable(value: number, scale: Scale): boolean {
  return Number.isFinite(value) && (scale === 'linear' || value > 0);
}

function usable(values: number[], scale: Scale): number[] {
  return values.filter((value) => isPlottable(value, scale));
}

/** Returns whether a limit is close enough to the data to widen the range for it: within 10× on a log axis. */
function limitNear(value: number, min: number, max: number, scale: Scale): boolean {
  if (!isPlottable(value, scale)) return false;
  if (scale === 'log') return value >= min / 10 && value <= max * 10;
  return value >= 0 && value <= Math.max(max * 2, min + 1);
}

/**
 * Returns [min, max] covering the values. A linear y range starts at 0 and gets 10% headroom. A
 * log range widens to whole decades when it spans less than one. An empty or single-valued range
 * is widened so the scale is never degenerate.
 */
function range(values: number[], scale: Scale, isY: boolean): [number, number] {
  if (values.length === 0) return scale === 'log' ? [1, 10] : [0, 1];
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (scale === 'log') {
    if (isY) {
      min = 10 ** Math.floor(Math.log10(min));
      max = 10 ** Math.ceil(Math.log10(max));
    }
    if (max <= min) max = min * 10;
    return [min, max];
  }
  if (isY) {
    min = Math.min(0, min);
    max = max === min ? min + 1 : max + (max - min) * 0.1;
  } else if (max === min) {
    min -= 1;
    max += 1;
  }
  return [min, max];
}

function project(
  [min, max]: [number, number],
  scale: Scale,
  from: number,
  to: number,
): (value: number) => number {
  if (scale === 'log') {
    const low = Math.log(min);
    const span = Math.log(max) - low;
    return (value) => from + ((Math.log(value) - low) / span) * (to - from);
  }
  return (value) => from + ((value - min) / (max - min)) * (to - from);
}

function axis(
  label: string,
  scale: Scale,
  [min, max]: [number, number],
  ticks: ReadonlyArray<{ value: number; text: string }>,
  toPosition: (value: number) => number,
): Axis {
  return {
    label,
    scale,
    min,
    max,
    ticks: ticks.map(({ value, text }) => ({ value, text, position: round(toPosition(value)) })),
  };
}

/** Returns the default tick values of a range: see `ChartSpec.xTickValues`. */
function defaultTicks([min, max]: [number, number], scale: Scale, binary: boolean): number[] {
  return scale === 'log' ? logTicks(min, max, binary) : linearTicks(min, max);
}

/**
 * Formats tick values. Tick values are round, so trailing zeros after the decimal point go
 * ("10 GB", not "10.0 GB"), and a zero tick reads "0" rather than "$0.00" or "0 ms".
 */
function labelTicks(
  values: readonly number[],
  format: (value: number, range: readonly [number, number]) => string,
  range: readonly [number, number],
): Array<{ value: number; text: string }> {
  return values.map((value) => ({
    value,
    text:
      value === 0
        ? '0'
        : format(value, range).replace(/\.(\d*?)0+(?!\d)/g, (_, kept: string) =>
            kept === '' ? '' : `.${kept}`,
          ),
  }));
}

/**
 * Returns the plot area, with margins wide enough for every tick label. The left margin fits the
 * widest y label and half the first x label. The right margin keeps each x label, centred on its
 * tick, inside the viewBox.
 */
function plotArea(
  xTicks: ReadonlyArray<{ value: number; text: string }>,
  xRange: [number, number],
  xScale: Scale,
  yTicks: ReadonlyArray<{ value: number; text: string }>,
): Chart['plot'] {
  const widestY = Math.max(0, ...yTicks.map((tick) => textWidth(tick.text, TICK_FONT_SIZE)));
  const firstXHalf = xTicks.length === 0 ? 0 : textWidth(xTicks[0].text, TICK_FONT_SIZE) / 2;
  const left = Math.ceil(
    Math.max(
      MIN_MARGIN.left,
      Y_TITLE_RIGHT + LABEL_GAP + widestY + Y_TICK_OFFSET,
      firstXHalf + LABEL_GAP,
    ),
  );

  // A label at fraction f of the axis sits at left + f × (right − left) and must end by the edge.
  const fraction = project(xRange, xScale, 0, 1);
  let right = CHART_SIZE.width - MIN_MARGIN.right;
  for (const tick of xTicks) {
    const f = fraction(tick.value);
    if (!(f > 0)) continue;
    const halfWidth = textWidth(tick.text, TICK_FONT_SIZE) / 2;
    right = Math.min(right, left + (CHART_SIZE.width - LABEL_GAP - halfWidth - left) / f);
  }

  return {
    left,
    right: Math.floor(right),
    top: MIN_MARGIN.top,
    bottom: CHART_SIZE.height - MIN_MARGIN.bottom,
  };
}

/**
 * Estimates the width of a label in SVG units from per-character widths of a wide sans-serif font,
 * so the estimate is at least the drawn width in the usual fonts.
 */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const character of text) {
    if (NARROW_CHARACTERS.test(character)) ems += NARROW_EM;
    else if (SLIGHTLY_NARROW_CHARACTERS.test(character)) ems += SLIGHTLY_NARROW_EM;
    else if (WIDE_CHARACTERS.test(character)) ems += WIDE_EM;
    else if (/[A-Z]/.test(character)) ems += UPPERCASE_EM;
    else ems += DEFAULT_EM;
  }
  return ems * fontSize;
}

/**
 * Ticks at powers of ten. With `binary` (GPU counts, checkpoint intervals swept in doublings) the
 * ticks are powers of two while the range spans less than three decades.
 */
function logTicks(min: number, max: number, binary: boolean): number[] {
  const base = binary && max / min < 1000 ? 2 : 10;
  const ticks: number[] = [];
  const first = Math.ceil(Math.log(min) / Math.log(base) - 1e-9);
  const last = Math.floor(Math.log(max) / Math.log(base) + 1e-9);
  for (let power = first; power <= last; power += 1) ticks.push(base ** power);
  const stride = Math.ceil(ticks.length / MAX_TICKS);
  return ticks.filter((_, index) => index % stride === 0);
}

/** Returns ticks at the finest step of 1, 2 or 5 times a power of ten that gives at most `MAX_TICKS`. */
export function linearTicks(min: number, max: number): number[] {
  const span = max - min;
  const power = 10 ** Math.floor(Math.log10(span / MAX_TICKS));
  const step = [1, 2, 5, 10, 20]
    .map((factor) => factor * power)
    .find((candidate) => span / candidate <= MAX_TICKS - 1)!;
  const ticks: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step * 1e-9; value += step) {
    ticks.push(Number(value.toPrecision(12)));
  }
  return ticks;
}

function pathOf(points: PlotPoint[]): string {
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${point.px} ${point.py}`)
    .join(' ');
}

/** Rounds SVG coordinates to 0.1 unit, which keeps paths short and is below a pixel. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}
