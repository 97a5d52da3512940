// Loss and accuracy against the step: train (per batch, smoothed; raw values faint) and test (held-out
// split, dots). SVG (recharts), rebuilt at ≤ 4 Hz from ≤ 300 sampled records; tooltips give exact values.
import { useMemo, useRef } from 'react';
import { histories } from '../../store/runtime';
import { useUiStore } from '../../store/uiStore';
import { logAxis, valueRange } from '../charts/axes';
import { useChartTheme } from '../charts/chartTheme';
import { tipNumber } from '../charts/ChartTooltip';
import { type CurveRow, curveRows } from '../charts/curveData';
import { fmt, linearTicks, type Theme } from '../charts/plot';
import { SeriesLegend } from '../charts/SeriesLegend';
import { StepLineChart } from '../charts/StepLineChart';
import { useChartData } from '../charts/useChartData';
import { useHidden } from '../charts/useHidden';
import { CheckField } from '../controls/fields';
import { Panel } from './Panel';
import { useThrottled } from './useThrottled';

const SERIES = [
  { key: 'train', label: 'train (smoothed)' },
  { key: 'raw', label: 'train, per batch' },
  { key: 'test', label: 'test' },
] as const;

/** The text alternative: the latest values in words. */
function summary(rows: readonly CurveRow[]): string {
  const last = rows[rows.length - 1];
  if (!last) return 'No steps yet.';
  let test = '';
  for (let i = rows.length - 1; i >= 0; i--)
    if (rows[i].testLoss !== null) {
      test = ` Test at step ${rows[i].step}: loss ${fmt(rows[i].testLoss ?? Number.NaN)}, accuracy ${fmt(100 * (rows[i].testAcc ?? Number.NaN), 3)} %.`;
      break;
    }
  const first = rows[0];
  return `Step ${last.step}: train loss ${fmt(last.loss ?? Number.NaN)} (smoothed; ${fmt(first.lossRaw ?? Number.NaN)} at step ${first.step}), accuracy ${fmt(100 * (last.acc ?? Number.NaN), 3)} %.${test}`;
}

const ACC_Y = { domain: [0, 1] as [number, number], ticks: [0, 0.25, 0.5, 0.75, 1] };

function lossAxis(rows: readonly CurveRow[], logY: boolean) {
  const range = valueRange(rows, ['loss', 'lossRaw', 'testLoss']);
  if (logY) return logAxis(range?.[0] ?? 0.01, range?.[1] ?? 10, [0.01, 10]);
  const hi = range ? range[1] * 1.05 : 1;
  const lo = range ? Math.min(0, range[0]) : 0;
  return { domain: [lo, hi] as [number, number], ticks: linearTicks(lo, hi, 4) };
}

/**
 * One of the two charts, with its own data: each takes its own turn in the chart queue, so the loss and the
 * accuracy chart never render (nor trigger recharts' follow-up render) in the same task.
 */
function CurvePane({
  which,
  logY,
  hidden,
  theme,
}: {
  which: 'loss' | 'acc';
  logY: boolean;
  hidden: ReadonlySet<string>;
  theme: Theme;
}) {
  const log = which === 'loss' && logY;
  const [rows, ref, ready] = useChartData([histories[0]], () => curveRows(histories[0].records, log), [log]);
  const { lines, tipItems } = useMemo(() => {
    const colors = { train: theme.act, raw: theme.act, test: theme.test };
    const keys = { train: which, raw: `${which}Raw`, test: which === 'loss' ? 'testLoss' : 'testAcc' };
    return {
      lines: [
        { key: keys.raw, color: colors.raw, width: 1, faint: true, hidden: hidden.has('raw') },
        { key: keys.train, color: colors.train, width: 2, hidden: hidden.has('train') },
        {
          key: keys.test,
          color: colors.test,
          width: 1.2,
          dash: '4 3',
          dots: true,
          connect: true,
          hidden: hidden.has('test'),
        },
      ],
      tipItems: SERIES.filter((s) => !hidden.has(s.key)).map((s) => ({
        key: s.key,
        label: `${s.label} ${which === 'loss' ? 'loss' : 'accuracy'}`,
        color: colors[s.key],
        value: (row: Record<string, unknown>) => tipNumber(row[keys[s.key]]),
      })),
    };
  }, [theme, hidden, which]);
  // Mounted with the first data (a queued update, one chart per task) and kept through restarts.
  const mountedChart = useRef(false);
  if (ready && rows.length > 0) mountedChart.current = true;
  return (
    <div ref={ref} className="curve-pane">
      {!mountedChart.current ? (
        <p className="chart chart-empty">no steps yet</p>
      ) : (
        <StepLineChart
          rows={rows}
          lines={lines}
          y={which === 'loss' ? lossAxis(rows, logY) : ACC_Y}
          log={log}
          yLabel={which === 'acc' ? 'accuracy' : logY ? 'loss (log)' : 'loss'}
          tipItems={tipItems}
          theme={theme}
          className="chart"
          label={`${which === 'loss' ? 'Loss' : 'Accuracy'} against training step, train and test`}
        />
      )}
    </div>
  );
}

function LossSummary() {
  const text = useThrottled(histories[0], () => summary(curveRows(histories[0].records, false)), 500);
  return (
    <p className="caption" data-testid="loss-summary">
      {text}
    </p>
  );
}

export function LossChart() {
  const logY = useUiStore((s) => s.lossLogY);
  const set = useUiStore((s) => s.set);
  const theme = useChartTheme();
  const [hidden, toggle] = useHidden();
  const entries = SERIES.map((s) => ({
    key: s.key,
    label: s.label,
    color: s.key === 'test' ? theme.test : theme.act,
    dash: s.key === 'test' ? '4 3' : undefined,
  }));
  return (
    <Panel
      name="loss"
      title="Loss and accuracy"
      help="Solid: training batches (smoothed; raw values faint). Dashed dots: the held-out test split, evaluated every 25 steps. Point at a curve for exact values."
      actions={
        <CheckField
          label="log scale"
          checked={logY}
          onChange={(v) => set({ lossLogY: v })}
          testId="loss-log"
        />
      }
    >
      <div className="two-charts" data-testid="loss-charts">
        <CurvePane which="loss" logY={logY} hidden={hidden} theme={theme} />
        <CurvePane which="acc" logY={logY} hidden={hidden} theme={theme} />
      </div>
      <SeriesLegend entries={entries} hidden={hidden} onToggle={toggle} />
      <LossSummary />
    </Panel>
  );
}
