// A line chart against the training step in SVG (recharts): loss and accuracy, and compare mode's
// overlay. Rows come downsampled (curveData.ts); the time scrubber's step is marked with a vertical line.
import { useCallback, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useScrub } from '../../store/scrub';
import { type AxisSpec, stepAxis } from './axes';
import { ChartTooltip, type TipItem } from './ChartTooltip';
import type { Theme } from './plot';
import { axisStyle, FILL, fmtTick2, fmtTick3, MARGIN, Y_AXIS_WIDTH } from './rechartsProps';
import { useStable } from './useStable';

const stepTitle = (r: Record<string, unknown>) => `step ${r.step}`;
const DOT = new Map<string, { r: number; fill: string; strokeWidth: number }>();
const ACTIVE_DOT = { r: 3.5 };

function dotOf(color: string) {
  let d = DOT.get(color);
  if (!d) {
    d = { r: 2.2, fill: color, strokeWidth: 0 };
    DOT.set(color, d);
  }
  return d;
}

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
  // Stable references while the content is the same: new ones make recharts re-register axes and series.
  const x = useStable(stepAxis(maxStep));
  const yAxis = useStable(y);
  const stableLines = useStable(lines);
  const style = useMemo(() => axisStyle(theme), [theme]);
  const xLabel = useMemo(() => style.xLabel('step'), [style]);
  const yLab = useMemo(() => style.yLabel(yLabel), [style, yLabel]);
  const stableTips = useStable(tipItems.map(({ key, label, color }) => ({ key, label, color })));
  // biome-ignore lint/correctness/useExhaustiveDependencies: tipItems' value readers are recreated with the same meaning; stableTips says when they change
  const tooltip = useCallback(
    (p: object) => <ChartTooltip {...p} title={stepTitle} items={tipItems} />,
    [stableTips],
  );
  return (
    <div className={`${className} rchart`}>
      <LineChart data={rows as { step: number }[]} responsive style={FILL} margin={MARGIN} title={label}>
        <CartesianGrid stroke={theme.grid} vertical={false} />
        <XAxis
          dataKey="step"
          type="number"
          domain={x.domain}
          ticks={x.ticks}
          interval={0}
          stroke={theme.muted}
          tickFormatter={fmtTick3}
          tick={style.tick}
          label={xLabel}
        />
        <YAxis
          type="number"
          scale={log ? 'log' : 'linear'}
          domain={yAxis.domain}
          ticks={yAxis.ticks}
          interval={0}
          allowDataOverflow
          stroke={theme.muted}
          tickFormatter={fmtTick2}
          tick={style.tick}
          width={Y_AXIS_WIDTH}
          label={yLab}
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
        {stableLines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            type="linear"
            stroke={l.color}
            strokeOpacity={l.faint ? 0.3 : 1}
            strokeWidth={l.width}
            strokeDasharray={l.dash}
            dot={l.dots ? dotOf(l.color) : false}
            activeDot={l.faint ? false : ACTIVE_DOT}
            hide={l.hidden}
            connectNulls={l.connect ?? false}
            isAnimationActive={false}
          />
        ))}
        <Tooltip isAnimationActive={false} cursor={style.cursor} content={tooltip} />
      </LineChart>
    </div>
  );
}
