import { describe, expect, it } from 'vitest';

import { analyzeProblem } from '@/lib/analysis';
import {
  CHART_SIZE,
  layoutChart,
  textWidth,
  TICK_FONT_SIZE,
  type Chart,
} from '@/lib/whatif/chart-geometry';
import { buildCharts, gpuCountsToSweep } from '@/lib/whatif/charts';
import { recompute, scenarioFromAnalysis, setField } from '@/lib/whatif/scenario';

import { gpt3Analysis, gpt3With, realProblems, seedExamples } from './fixtures';

function chart(charts: Chart[], id: string): Chart {
  const found = charts.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no chart "${id}" among ${charts.map((c) => c.id)}`);
  return found;
}

function pointAt(entry: Chart, seriesId: string, x: number) {
  return entry.series.find((series) => series.id === seriesId)!.points.find((p) => p.x === x)!;
}

describe('gpuCountsToSweep', () => {
  it('covers a sixteenth to sixteen times the GPU count in powers of two', () => {
    expect(gpuCountsToSweep({ gpuCount: 256 })).toEqual([
      16, 32, 64, 128, 256, 512, 1024, 2048, 4096,
    ]);
  });

  it('includes a count that is not a power of two', () => {
    expect(gpuCountsToSweep({ gpuCount: 96 })).toEqual([8, 16, 32, 64, 96, 128, 256, 512, 1024]);
  });

  it('starts at one data-parallel replica', () => {
    expect(gpuCountsToSweep({ gpuCount: 64, tensorParallel: 8, pipelineParallel: 4 })).toEqual([
      32, 64, 128, 256, 512, 1024,
    ]);
  });
});

describe('buildCharts', () => {
  const charts = buildCharts(gpt3Analysis);

  it('draws memory, days, cost, lost work and downtime for the reference problem', () => {
    expect(charts.map((entry) => entry.id)).toEqual([
      'memory-per-gpu',
      'training-days',
      'cost',
      'lost-work',
      'downtime',
    ]);
  });

  it('plots the analyser estimate for another GPU count', () => {
    const memory = chart(charts, 'memory-per-gpu');
    const at1024 = analyzeProblem(gpt3With(1024, 'A100')).estimates;
    expect(pointAt(memory, 'memoryPerGpuZero3Bytes', 1024).y).toBe(
      at1024.memoryPerGpuZero3Bytes!.value,
    );
    expect(pointAt(chart(charts, 'training-days'), 'trainingDays', 1024).y).toBe(
      at1024.trainingDays!.value,
    );
  });

  it('marks the current GPU count and the GPU memory line', () => {
    const memory = chart(charts, 'memory-per-gpu');
    expect(memory.marker?.x).toBe(256);
    expect(memory.marker?.label).toBe('256 GPUs');
    const zero3 = memory.marker!.values.find(
      (value) => value.seriesId === 'memoryPerGpuZero3Bytes',
    );
    expect(zero3?.text).toBe('10.9 GB');
    expect(memory.limits).toEqual([
      expect.objectContaining({ id: 'gpu-memory', value: 80e9, text: '80.0 GB', visible: true }),
    ]);
  });

  it('draws the budget line and the uptime allowance', () => {
    expect(chart(charts, 'cost').limits[0]).toMatchObject({ value: 500_000, text: '$500k' });
    expect(chart(charts, 'downtime').limits[0]).toMatchObject({ text: '0.1%' });
  });

  it('marks the Young interval on the lost-work chart', () => {
    const lostWork = chart(charts, 'lost-work');
    const young = gpt3Analysis.estimates.checkpointIntervalMinutes!.value;
    expect(lostWork.marker?.x).toBe(young);
    expect(lostWork.marker?.label).toBe('Young optimum, 2.9 h');
    expect(pointAt(lostWork, 'expectedLostWorkMinutes', young).y).toBeCloseTo(
      gpt3Analysis.estimates.expectedLostWorkMinutes!.value,
      9,
    );
  });

  it('keeps every point inside the plot area', () => {
    for (const entry of charts) {
      for (const series of entry.series) {
        for (const point of series.points) {
          expect(point.px, entry.id).toBeGreaterThanOrEqual(entry.plot.left);
          expect(point.px, entry.id).toBeLessThanOrEqual(entry.plot.right);
          expect(point.py, entry.id).toBeGreaterThanOrEqual(entry.plot.top);
          expect(point.py, entry.id).toBeLessThanOrEqual(entry.plot.bottom);
        }
      }
    }
  });

  it('follows an edit', () => {
    const scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'gpuModel', 'A10G');
    const memory = chart(buildCharts(recompute(scenario)), 'memory-per-gpu');
    expect(memory.limits[0]).toMatchObject({ label: 'A10G memory', value: 24e9 });
  });

  it('leaves out charts without a GPU count', () => {
    expect(buildCharts(analyzeProblem('Train a 7B model.')).map((entry) => entry.id)).toEqual([]);
  });
});

describe('layoutChart', () => {
  it('places a linear series from zero with ticks at round values', () => {
    const laid = layoutChart({
      id: 'line',
      title: 'Line',
      description: 'A line.',
      xLabel: 'x',
      yLabel: 'y',
      xScale: 'linear',
      yScale: 'linear',
      series: [
        {
          id: 's',
          label: 's',
          points: [
            { x: 0, y: 0 },
            { x: 10, y: 100 },
          ],
        },
      ],
      limits: [{ id: 'cap', label: 'Cap', value: 50 }],
      marker: { x: 10, label: 'now' },
      formatX: String,
      formatY: String,
    });
    expect(laid.yAxis.ticks.map((tick) => tick.value)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(laid.series[0].path).toBe(
      `M${laid.plot.left} ${laid.plot.bottom} L${laid.plot.right} ${laid.series[0].points[1].py}`,
    );
    // 100 sits under the 10% headroom: (bottom − top) × 100 / 110 above the bottom.
    expect(laid.series[0].points[1].py).toBeCloseTo(
      laid.plot.bottom - (laid.plot.bottom - laid.plot.top) / 1.1,
      0,
    );
    expect(laid.limits[0].visible).toBe(true);
    expect(laid.marker?.values[0].text).toBe('100');
  });

  it('drops points a log axis cannot show', () => {
    const laid = layoutChart({
      id: 'log',
      title: 'Log',
      description: 'A log line.',
      xLabel: 'x',
      yLabel: 'y',
      xScale: 'log',
      yScale: 'log',
      series: [
        {
          id: 's',
          label: 's',
          points: [
            { x: 1, y: 0 },
            { x: 2, y: 10 },
            { x: 4, y: Number.NaN },
            { x: 8, y: 1000 },
          ],
        },
      ],
      limits: [{ id: 'far', label: 'Far', value: 1e9 }],
      formatX: String,
      formatY: String,
    });
    expect(laid.series[0].points.map((point) => point.x)).toEqual([2, 8]);
    expect(laid.yAxis.ticks.map((tick) => tick.value)).toEqual([10, 100, 1000]);
    expect(laid.limits[0].visible).toBe(false);
  });
});

describe('chart labels', () => {
  const texts = (entry: Chart, axis: 'xAxis' | 'yAxis') =>
    entry[axis].ticks.map((tick) => tick.text);

  it('drops trailing zeros from tick labels', () => {
    expect(texts(chart(buildCharts(gpt3Analysis), 'memory-per-gpu'), 'yAxis')).toEqual([
      '100 MB',
      '1 GB',
      '10 GB',
      '100 GB',
      '1 TB',
      '10 TB',
    ]);
  });

  it('writes one day and one GPU in the singular', () => {
    const charts = buildCharts(analyzeProblem('Train a 1B model on 1 H100 GPU.'));
    const days = chart(charts, 'training-days');
    expect(texts(days, 'yAxis')).toEqual(['0', '1 day', '2 days', '3 days']);
    expect(days.marker?.label).toBe('1 GPU');
    expect(texts(chart(charts, 'lost-work'), 'xAxis')).toContain('1 day');
  });

  it('ticks the checkpoint interval at round durations', () => {
    const lostWork = chart(buildCharts(gpt3Analysis), 'lost-work');
    expect(texts(lostWork, 'xAxis')).toEqual(['30 min', '1 h', '2 h', '4 h', '8 h', '16 h']);
    expect(lostWork.xAxis.ticks.map((tick) => tick.value)).toEqual([30, 60, 120, 240, 480, 960]);
    expect(texts(lostWork, 'yAxis')).toEqual(['0', '5 h', '10 h']);
  });

  it('keeps a wide last label inside the chart', () => {
    const laid = layoutChart({
      id: 'wide',
      title: 'Wide',
      description: 'A label at the right edge.',
      xLabel: 'x',
      yLabel: 'y',
      xScale: 'log',
      yScale: 'linear',
      series: [
        {
          id: 's',
          label: 's',
          points: [
            { x: 16, y: 1 },
            { x: 1024, y: 2 },
          ],
        },
      ],
      limits: [],
      formatX: (value) => `${value} minutes long`,
      formatY: String,
    });
    const last = laid.xAxis.ticks[laid.xAxis.ticks.length - 1];
    expect(last.text).toBe('1024 minutes long');
    expect(last.position).toBe(laid.plot.right);
    // The default right margin of 18 units would cut this 84-unit label at the edge.
    expect(last.position + textWidth(last.text, TICK_FONT_SIZE) / 2).toBeLessThanOrEqual(
      CHART_SIZE.width,
    );
  });

  // Edits that move the checkpoint interval, so long labels land near either edge.
  const edits: Array<[string, number, number]> = [1, 3, 20, 68.27, 500, 1e5].map((mtbfHours) => [
    `the reference problem at an MTBF of ${mtbfHours} h`,
    mtbfHours,
    2,
  ]);
  const analyses = [
    ...edits.map(([name, mtbfHours, writeMinutes]) => {
      let scenario = setField(scenarioFromAnalysis(gpt3Analysis), 'mtbfHours', mtbfHours);
      scenario = setField(scenario, 'checkpointWriteMinutes', writeMinutes);
      return [name, recompute(scenario)] as const;
    }),
    ...realProblems.map((problem) => [problem.id, analyzeProblem(problem.problem)] as const),
    ...seedExamples.map(
      (example) => [example.name, analyzeProblem(example.problem, example.constraints)] as const,
    ),
  ];

  it.each(analyses)('fits every tick label of %s', (_, analysis) => {
    for (const entry of buildCharts(analysis)) {
      const xTicks = entry.xAxis.ticks.map((tick) => ({
        ...tick,
        halfWidth: textWidth(tick.text, TICK_FONT_SIZE) / 2,
      }));
      for (const tick of xTicks) {
        expect(tick.position - tick.halfWidth, `${entry.id} x ${tick.text}`).toBeGreaterThanOrEqual(
          0,
        );
        expect(tick.position + tick.halfWidth, `${entry.id} x ${tick.text}`).toBeLessThanOrEqual(
          CHART_SIZE.width,
        );
      }
      for (let index = 1; index < xTicks.length; index += 1) {
        const gap =
          xTicks[index].position -
          xTicks[index].halfWidth -
          (xTicks[index - 1].position + xTicks[index - 1].halfWidth);
        expect(gap, `${entry.id} x ${xTicks[index].text}`).toBeGreaterThan(0);
      }
      for (const tick of entry.yAxis.ticks) {
        // The rotated y-axis title ends about 15 units from the left edge.
        const start = entry.plot.left - 6 - textWidth(tick.text, TICK_FONT_SIZE);
        expect(start, `${entry.id} y ${tick.text}`).toBeGreaterThanOrEqual(15);
      }
    }
  });
});
