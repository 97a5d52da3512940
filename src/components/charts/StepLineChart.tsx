// A line chart against the training step in SVG (recharts): loss and accuracy, and compare mode's
// overlay. Rows come downsampled (curveData.ts); the time scrubber's step is marked with a vertical line.
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useScrub } from '../../store/scrub';
import { type AxisSpec, stepAxis } from './axes';
import { ChartTooltip, type TipItem } from './ChartTooltip';
import { fmt, type Theme } from './plot';

export interface StepLine {
  key: string;
  color: string;
  width: number;
  dash?: string;
  /** Faint (the raw per-batch values under the smoothed line). */
  faint?: boolean;
  dots?: boolean;
  /** Draw across gaps (sparse series such as test evaluations). */
  connect?: boolean;
  hidden: boolean;
}

export function StepLineChart({
  rows,
  lines,
  y,
  log,
  yLabel,
  tipItems,
  theme,
  className,
  label,
}: {
  rows: readonly { step: number }[];
  lines: readonly StepLine[];
  y: AxisSpec;
  log: boolean;
  yLabel: string;
  tipItems: readonly TipItem[];
  theme: Theme;
  className: string;
  label: string;
}) {
  const scrubbed = useScrub((s) => s.step);
  const maxStep = rows.length > 0 ? rows[rows.length - 1].step : 1;
  const x = stepAxis(maxStep);
  return (
    <div className={`${className} rchart`}>
      <LineChart
        data={rows as { step: number }[]}
        responsive
        style={{ width: '100%', height: '100%' }}
        margin={{ top: 8, right: 12, bottom: 18, left: 4 }}
        title={label}
      >
        <CartesianGrid stroke={theme.grid} vertical={false} />
        <XAxis
          dataKey="step"
          type="number"
          domain={x.domain}
          ticks={x.ticks}
          interval={0}
          stroke={theme.muted}
          tickFormatter={(v: number) => fmt(v, 3)}
          tick={{ fill: theme.muted }}
          label={{ value: 'step', position: 'insideBottom', offset: -12, fill: theme.fg }}
        />
        <YAxis
          type="number"
          scale={log ? 'log' : 'linear'}
          domain={y.domain}
          ticks={y.ticks}
          interval={0}
          allowDataOverflow
          stroke={theme.muted}
          tickFormatter={(v: number) => fmt(v, 2)}
          tick={{ fill: theme.muted }}
          width={52}
          label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: theme.fg }}
        />
        {scrubbed !== null && (
          <ReferenceLine
            x={scrubbed}
            stroke={theme.fg}
            strokeOpacity={0.5}
            strokeDasharray="2 2"
            ifOverflow="hidden"
          />
        )}
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            type="linear"
            stroke={l.color}
            strokeOpacity={l.faint ? 0.3 : 1}
            strokeWidth={l.width}
            strokeDasharray={l.dash}
            dot={l.dots ? { r: 2.2, fill: l.color, strokeWidth: 0 } : false}
            activeDot={l.faint ? false : { r: 3.5 }}
            hide={l.hidden}
            connectNulls={l.connect ?? false}
            isAnimationActive={false}
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          cursor={{ stroke: theme.muted, strokeDasharray: '3 3' }}
          content={(p) => <ChartTooltip {...p} title={(r) => `step ${r.step}`} items={tipItems} />}
        />
      </LineChart>
    </div>
  );
}
