// Bars of the compare table's "steps to target loss" per run (SVG, recharts). The bars change only when the
// table does (twice a second), so the chart re-renders rarely; tick positions are given, so recharts does
// not measure text.
import { useEffect, useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from 'recharts';
import { cancelChartUpdate, queueChartUpdate } from '../charts/chartQueue';
import { useChartTheme } from '../charts/chartTheme';
import { ChartTooltip } from '../charts/ChartTooltip';
import { fmt, linearTicks } from '../charts/plot';

export interface StepsBar {
  name: string;
  /** Steps to reach the target, or the steps run so far when it has not (drawn pale, labelled "> n"). */
  steps: number;
  reached: boolean;
  /** Index into the theme's run colours. */
  slot: number;
}

const barText = (b: StepsBar) => (b.reached ? String(b.steps) : `> ${b.steps}`);

/** The bar's value right of its end: a plain <text> (recharts' own label wraps it to a width it measures). */
function barLabel(p: { x?: unknown; y?: unknown; width?: unknown; height?: unknown; value?: unknown }) {
  const [x, y, w, h] = [p.x, p.y, p.width, p.height].map(Number);
  if (![x, y, w, h].every(Number.isFinite)) return null;
  return (
    <text x={x + w + 4} y={y + h / 2} dominantBaseline="middle" className="bar-label">
      {String(p.value ?? '')}
    </text>
  );
}

export function StepsChart({ bars: latest, target }: { bars: StepsBar[]; target: number }) {
  const theme = useChartTheme();
  // The table's bars reach the chart in its turn among the SVG charts (one render per task).
  const key = latest.map((b) => `${b.slot}:${b.steps}:${b.reached}`).join(',');
  const [bars, setBars] = useState<StepsBar[] | null>(null);
  const owner = useMemo(() => ({}), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the bars' content
  useEffect(() => {
    queueChartUpdate(owner, () => setBars(latest));
    return () => cancelChartUpdate(owner);
  }, [key, owner]);
  if (!bars) return <p className="chart short chart-empty">waiting…</p>;
  const max = Math.max(1, ...bars.map((b) => b.steps));
  const ticks = linearTicks(0, max, 4);
  const rows = bars.map((b) => ({ ...b, label: barText(b) }));
  return (
    <figure className="steps-chart">
      <div
        className="chart short rchart"
        data-testid="steps-chart"
        data-bars={bars.map((b) => (b.reached ? b.steps : `>${b.steps}`)).join(',')}
      >
        <BarChart
          data={rows}
          layout="vertical"
          responsive
          style={{ width: '100%', height: '100%' }}
          margin={{ top: 4, right: 44, bottom: 4, left: 4 }}
          title={`Steps to smoothed training loss ≤ ${fmt(target)} per run: ${bars.map((b) => `${b.name} ${b.reached ? b.steps : `not yet after ${b.steps}`}`).join('; ')}`}
        >
          <CartesianGrid stroke={theme.grid} horizontal={false} />
          <XAxis
            type="number"
            domain={[0, ticks[ticks.length - 1] ?? max]}
            ticks={ticks}
            interval={0}
            stroke={theme.muted}
            tick={{ fill: theme.muted }}
            tickFormatter={(v: number) => fmt(v)}
          />
          <YAxis
            type="category"
            dataKey="name"
            interval={0}
            width={48}
            stroke={theme.muted}
            tick={{ fill: theme.fg }}
          />
          <Bar dataKey="steps" isAnimationActive={false}>
            {rows.map((b) => (
              <Cell
                key={b.slot}
                fill={theme.slots[b.slot % theme.slots.length]}
                fillOpacity={b.reached ? 0.9 : 0.25}
              />
            ))}
            <LabelList dataKey="label" content={barLabel} />
          </Bar>
          <Tooltip
            isAnimationActive={false}
            cursor={{ fill: theme.grid, fillOpacity: 0.5 }}
            content={(p) => (
              <ChartTooltip
                {...p}
                title={(r) => String(r.name)}
                items={[
                  {
                    key: 'steps',
                    label: `steps to loss ≤ ${fmt(target)}`,
                    color: (r) => theme.slots[Number(r.slot) % theme.slots.length],
                    value: (r) => (r.reached ? String(r.steps) : `not reached after ${r.steps} steps`),
                  },
                ]}
              />
            )}
          />
        </BarChart>
      </div>
      <figcaption>
        Steps to smoothed training loss ≤ {fmt(target)} (pale: not reached yet, steps so far). Shorter is
        faster.
      </figcaption>
    </figure>
  );
}
