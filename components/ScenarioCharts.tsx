import { memo } from 'react';

import type { Chart } from '@/lib/whatif/chart-geometry';

export interface ScenarioChartsProps {
  charts: Chart[];
}

/** Stroke classes per series, in series order, readable on light and dark backgrounds. */
const SERIES_CLASSES = [
  'stroke-blue-600 dark:stroke-blue-400',
  'stroke-emerald-600 dark:stroke-emerald-400',
  'stroke-amber-600 dark:stroke-amber-400',
  'stroke-violet-600 dark:stroke-violet-400',
] as const;
const SWATCH_CLASSES = [
  'bg-blue-600 dark:bg-blue-400',
  'bg-emerald-600 dark:bg-emerald-400',
  'bg-amber-600 dark:bg-amber-400',
  'bg-violet-600 dark:bg-violet-400',
] as const;

/**
 * The scenario's charts as inline SVG drawn from `lib/whatif` geometry: each has a title and a
 * description for screen readers, a legend, limit lines (dashed, red) and the current choice
 * (a vertical line with a dot on each series). Memoised, so it redraws only for new charts.
 * Test hook: `data-chart="<chart id>"`.
 */
export const ScenarioCharts = memo(function ScenarioCharts({ charts }: ScenarioChartsProps) {
  if (charts.length === 0) return null;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      {charts.map((chart) => (
        <ScenarioChart key={chart.id} chart={chart} />
      ))}
    </div>
  );
});

function ScenarioChart({ chart }: { chart: Chart }) {
  const titleId = `chart-${chart.id}-title`;
  const descriptionId = `chart-${chart.id}-description`;
  const { plot, xAxis, yAxis } = chart;
  const hiddenLimits = chart.limits.filter((limit) => !limit.visible);

  return (
    <figure className="space-y-1" data-chart={chart.id}>
      <figcaption className="text-sm font-medium">{chart.title}</figcaption>
      <svg
        viewBox={`0 0 ${chart.width} ${chart.height}`}
        role="img"
        aria-labelledby={`${titleId} ${descriptionId}`}
        className="h-auto w-full text-slate-700 dark:text-slate-300"
      >
        <title id={titleId}>{chart.title}</title>
        <desc id={descriptionId}>{chart.description}</desc>

        {yAxis.ticks.map((tick) => (
          <g key={`y-${tick.value}`}>
            <line
              x1={plot.left}
              x2={plot.right}
              y1={tick.position}
              y2={tick.position}
              className="stroke-slate-200 dark:stroke-slate-800"
            />
            <text
              x={plot.left - 6}
              y={tick.position}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="11"
              fill="currentColor"
            >
              {tick.text}
            </text>
          </g>
        ))}
        {xAxis.ticks.map((tick) => (
          <text
            key={`x-${tick.value}`}
            x={tick.position}
            y={plot.bottom + 16}
            textAnchor="middle"
            fontSize="11"
            fill="currentColor"
          >
            {tick.text}
          </text>
        ))}
        <line
          x1={plot.left}
          x2={plot.right}
          y1={plot.bottom}
          y2={plot.bottom}
          className="stroke-slate-400 dark:stroke-slate-600"
        />
        <text
          x={(plot.left + plot.right) / 2}
          y={chart.height - 6}
          textAnchor="middle"
          fontSize="12"
          fill="currentColor"
        >
          {xAxis.label}
          {xAxis.scale === 'log' ? ' (log scale)' : ''}
        </text>
        <text
          transform={`translate(12 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          fontSize="12"
          fill="currentColor"
        >
          {yAxis.label}
          {yAxis.scale === 'log' ? ' (log)' : ''}
        </text>

        {chart.limits
          .filter((limit) => limit.visible)
          .map((limit) => (
            <g key={limit.id} data-limit-line={limit.id}>
              <line
                x1={plot.left}
                x2={plot.right}
                y1={limit.position}
                y2={limit.position}
                strokeDasharray="6 4"
                strokeWidth="1.5"
                className="stroke-rose-600 dark:stroke-rose-400"
              />
              <text
                x={plot.right - 4}
                y={limit.position - 5}
                textAnchor="end"
                fontSize="11"
                className="fill-rose-700 dark:fill-rose-300"
              >
                {limit.label}: {limit.text}
              </text>
            </g>
          ))}

        {chart.series.map((series, index) => (
          <path
            key={series.id}
            d={series.path}
            fill="none"
            strokeWidth="2"
            className={SERIES_CLASSES[index % SERIES_CLASSES.length]}
          />
        ))}

        {chart.marker && (
          <g data-marker="">
            <line
              x1={chart.marker.position}
              x2={chart.marker.position}
              y1={plot.top}
              y2={plot.bottom}
              strokeWidth="1"
              className="stroke-slate-500"
            />
            {chart.marker.values.map((value) => {
              const index = chart.series.findIndex((series) => series.id === value.seriesId);
              return (
                <circle
                  key={value.seriesId}
                  cx={chart.marker!.position}
                  cy={value.py}
                  r="4"
                  className={`fill-white dark:fill-slate-950 ${SERIES_CLASSES[index % SERIES_CLASSES.length]}`}
                  strokeWidth="2"
                />
              );
            })}
          </g>
        )}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        {chart.series.map((series, index) => (
          <li key={series.id} className="flex items-center gap-1">
            <span
              aria-hidden="true"
              className={`inline-block h-0.5 w-4 ${SWATCH_CLASSES[index % SWATCH_CLASSES.length]}`}
            />
            {series.label}
          </li>
        ))}
        {chart.marker && (
          <li>
            Current: {chart.marker.label}
            {chart.marker.values.length === 1 ? ` → ${chart.marker.values[0].text}` : ''}
          </li>
        )}
        {hiddenLimits.map((limit) => (
          <li key={limit.id} className="text-rose-700 dark:text-rose-300">
            {limit.label} {limit.text} (off the chart)
          </li>
        ))}
      </ul>
    </figure>
  );
}
