/**
 * The what-if charts in the export as inline SVG, drawn from the same `lib/whatif` geometry as the
 * lesson page's `ScenarioCharts`. Each has a title and description for screen readers, dashed limit
 * lines, the current choice (a vertical line with a dot on each series) and a legend. Colours come
 * from the style sheet's light and dark palettes through classes.
 */

import type { Chart } from '../../whatif/chart-geometry';
import { escapeHtml } from '../escape';

/** Series colours cycle through this many classes, `series-0` to `series-3`. */
const SERIES_CLASS_COUNT = 4;

/** Returns every chart in a grid, or an empty string when there is none. */
export function renderScenarioCharts(charts: readonly Chart[]): string {
  if (charts.length === 0) return '';
  return `<div class="whatif-charts">${charts.map(renderChart).join('\n')}</div>`;
}

/** Returns one chart as a figure with its SVG and legend. Test hook: `data-chart="<chart id>"`. */
export function renderChart(chart: Chart): string {
  const titleId = `chart-${chart.id}-title`;
  const descriptionId = `chart-${chart.id}-description`;
  const { plot, xAxis, yAxis } = chart;
  const text = (x: number, y: number, size: number, content: string, extra = '') =>
    `<text x="${x}" y="${y}" font-size="${size}" fill="currentColor"${extra}>${escapeHtml(content)}</text>`;

  const yTicks = yAxis.ticks.map(
    (tick) =>
      `<line class="grid" x1="${plot.left}" x2="${plot.right}" y1="${tick.position}" y2="${tick.position}"/>` +
      text(
        plot.left - 6,
        tick.position,
        11,
        tick.text,
        ' text-anchor="end" dominant-baseline="middle"',
      ),
  );
  const xTicks = xAxis.ticks.map((tick) =>
    text(tick.position, plot.bottom + 16, 11, tick.text, ' text-anchor="middle"'),
  );
  const limits = chart.limits
    .filter((limit) => limit.visible)
    .map(
      (limit) =>
        `<g data-limit-line="${escapeHtml(limit.id)}"><line class="limit-line" x1="${plot.left}" x2="${plot.right}" y1="${limit.position}" y2="${limit.position}" stroke-dasharray="6 4" stroke-width="1.5"/>` +
        `<text class="limit-text" x="${plot.right - 4}" y="${limit.position - 5}" text-anchor="end" font-size="11">${escapeHtml(`${limit.label}: ${limit.text}`)}</text></g>`,
    );
  const series = chart.series.map(
    (entry, index) =>
      `<path class="series series-${index % SERIES_CLASS_COUNT}" d="${entry.path}" fill="none" stroke-width="2"/>`,
  );
  const marker = chart.marker
    ? `<g data-marker=""><line class="marker-line" x1="${chart.marker.position}" x2="${chart.marker.position}" y1="${plot.top}" y2="${plot.bottom}" stroke-width="1"/>${chart.marker.values
        .map((value) => {
          const index = chart.series.findIndex((entry) => entry.id === value.seriesId);
          return `<circle class="marker-dot series-${index % SERIES_CLASS_COUNT}" cx="${chart.marker!.position}" cy="${value.py}" r="4" stroke-width="2"/>`;
        })
        .join('')}</g>`
    : '';

  const svg = [
    `<svg viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-labelledby="${titleId} ${descriptionId}">`,
    `<title id="${titleId}">${escapeHtml(chart.title)}</title>`,
    `<desc id="${descriptionId}">${escapeHtml(chart.description)}</desc>`,
    ...yTicks,
    ...xTicks,
    `<line class="axis" x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}"/>`,
    text(
      (plot.left + plot.right) / 2,
      chart.height - 6,
      12,
      `${xAxis.label}${xAxis.scale === 'log' ? ' (log scale)' : ''}`,
      ' text-anchor="middle"',
    ),
    `<text transform="translate(12 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="currentColor">${escapeHtml(`${yAxis.label}${yAxis.scale === 'log' ? ' (log)' : ''}`)}</text>`,
    ...limits,
    ...series,
    marker,
    '</svg>',
  ].join('');

  return [
    `<figure class="scenario-chart" data-chart="${escapeHtml(chart.id)}">`,
    `<figcaption>${escapeHtml(chart.title)}</figcaption>`,
    svg,
    renderLegend(chart),
    '</figure>',
  ].join('');
}

function renderLegend(chart: Chart): string {
  const items = chart.series.map(
    (entry, index) =>
      `<li><span class="swatch series-${index % SERIES_CLASS_COUNT}" aria-hidden="true"></span>${escapeHtml(entry.label)}</li>`,
  );
  if (chart.marker) {
    const single = chart.marker.values.length === 1 ? ` → ${chart.marker.values[0].text}` : '';
    items.push(`<li>${escapeHtml(`Current: ${chart.marker.label}${single}`)}</li>`);
  }
  for (const limit of chart.limits.filter((entry) => !entry.visible)) {
    items.push(
      `<li class="limit-text">${escapeHtml(`${limit.label} ${limit.text} (off the chart)`)}</li>`,
    );
  }
  return `<ul class="chart-legend">${items.join('')}</ul>`;
}
