'use client';

import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import type { DomainMastery, ForecastDay, ReviewDay } from '@/lib/progress/summary';

/** Series colours that read on both the light and the dark background. */
const COLORS = {
  new: '#94a3b8',
  learning: '#f59e0b',
  review: '#3b82f6',
  mastered: '#10b981',
  again: '#e11d48',
  hard: '#d97706',
  good: '#059669',
  easy: '#0284c7',
  due: '#6366f1',
} as const;

/** Axis and legend text take the page's text colour, so they follow light and dark mode. */
const AXIS_TICK = { fill: 'currentColor', fontSize: 12 };
const TOOLTIP_STYLE = { backgroundColor: '#0f172a', border: 'none', color: '#f8fafc' };
const GRID_STROKE = 'rgba(148, 163, 184, 0.3)';

/** Returns "04-02" for "2026-04-02": the year adds nothing on a 30-day axis. */
function shortDate(date: string): string {
  return date.slice(5);
}

export interface MasteryChartProps {
  byDomain: DomainMastery[];
}

/** Stacked horizontal bars: each domain's concepts by status. */
export function MasteryChart({ byDomain }: MasteryChartProps) {
  const height = Math.max(160, byDomain.length * 30 + 60);
  return (
    <figure aria-label="Mastery by domain" data-chart="mastery">
      <ResponsiveContainer width="100%" height={height}>
        <BarChart data={byDomain} layout="vertical" margin={{ left: 24, right: 16 }}>
          <CartesianGrid stroke={GRID_STROKE} horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
          <YAxis type="category" dataKey="domain" width={96} tick={AXIS_TICK} />
          <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: 'rgba(148, 163, 184, 0.15)' }} />
          <Legend />
          <Bar
            dataKey="mastered"
            stackId="status"
            fill={COLORS.mastered}
            name="Mastered"
            isAnimationActive={false}
          />
          <Bar
            dataKey="review"
            stackId="status"
            fill={COLORS.review}
            name="In review"
            isAnimationActive={false}
          />
          <Bar
            dataKey="learning"
            stackId="status"
            fill={COLORS.learning}
            name="Learning"
            isAnimationActive={false}
          />
          <Bar
            dataKey="new"
            stackId="status"
            fill={COLORS.new}
            name="New"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export interface ReviewsChartProps {
  days: ReviewDay[];
}

/** Stacked columns: own reviews per day over the last 30 days, by rating. */
export function ReviewsChart({ days }: ReviewsChartProps) {
  return (
    <figure aria-label="Reviews per day" data-chart="reviews">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={days} margin={{ right: 16 }}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="date" tickFormatter={shortDate} tick={AXIS_TICK} minTickGap={16} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={32} />
          <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: 'rgba(148, 163, 184, 0.15)' }} />
          <Legend />
          <Bar
            dataKey="again"
            stackId="rating"
            fill={COLORS.again}
            name="Again"
            isAnimationActive={false}
          />
          <Bar
            dataKey="hard"
            stackId="rating"
            fill={COLORS.hard}
            name="Hard"
            isAnimationActive={false}
          />
          <Bar
            dataKey="good"
            stackId="rating"
            fill={COLORS.good}
            name="Good"
            isAnimationActive={false}
          />
          <Bar
            dataKey="easy"
            stackId="rating"
            fill={COLORS.easy}
            name="Easy"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export interface ForecastChartProps {
  days: ForecastDay[];
}

/** Columns: cards coming due on each of the next 30 days; today includes overdue cards. */
export function ForecastChart({ days }: ForecastChartProps) {
  return (
    <figure aria-label="Due forecast for the next 30 days" data-chart="forecast">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={days} margin={{ right: 16 }}>
          <CartesianGrid stroke={GRID_STROKE} vertical={false} />
          <XAxis dataKey="date" tickFormatter={shortDate} tick={AXIS_TICK} minTickGap={16} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={32} />
          <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: 'rgba(148, 163, 184, 0.15)' }} />
          <Bar dataKey="due" fill={COLORS.due} name="Cards due" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
