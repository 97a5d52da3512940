// Compare mode's overlays (SVG, recharts): the runs' training loss against the step and their activation
// and gradient std per layer, with one legend whose entries hide or show a run in all three.
import { layerCount, layerValue } from '../../store/recordView';
import { useRef } from 'react';
import type { RunConfig } from '../../engine/config';
import { histories } from '../../store/runtime';
import { logAxis, valueRange } from '../charts/axes';
import { useChartTheme } from '../charts/chartTheme';
import { tipNumber } from '../charts/ChartTooltip';
import { overlayRows } from '../charts/curveData';
import { onLogAxis } from '../charts/depthData';
import { LayerLineChart } from '../charts/LayerLineChart';
import type { Theme } from '../charts/plot';
import { SeriesLegend } from '../charts/SeriesLegend';
import { StepLineChart } from '../charts/StepLineChart';
import { useChartData } from '../charts/useChartData';
import { useHidden } from '../charts/useHidden';
import { slotLabels } from '../labels';

/** Legend entries of the runs, shared by the overlays (one toggle hides a run in all of them). */
function runLines(count: number, theme: Theme, hidden: ReadonlySet<string>) {
  return Array.from({ length: count }, (_, i) => ({
    key: `run${i}`,
    color: theme.slots[i],
    width: 2,
    hidden: hidden.has(`run${i}`),
  }));
}

function runTips(count: number, theme: Theme, hidden: ReadonlySet<string>, step?: boolean) {
  return Array.from({ length: count }, (_, i) => i)
    .filter((i) => !hidden.has(`run${i}`))
    .map((i) => ({
      key: `run${i}`,
      label: `run ${i + 1}`,
      color: theme.slots[i],
      value: (row: Record<string, unknown>) => {
        const v = tipNumber(row[`run${i}`]);
        if (v === null) return null;
        // A run a step or two behind the others shows its own step.
        const at = row[`run${i}Step`];
        return step && typeof at === 'number' && at !== row.step ? `${v} (step ${at})` : v;
      },
    }));
}

function DepthOverlay({
  count,
  f,
  label,
  hidden,
}: {
  count: number;
  f: 'actStd' | 'gradStd';
  label: string;
  hidden: ReadonlySet<string>;
}) {
  const theme = useChartTheme();
  const sources = histories.slice(0, count);
  const [data, ref, ready] = useChartData(sources, () => {
    let layers = 0;
    const recs = sources.map((h) => h.latest);
    for (const r of recs) if (r) layers = Math.max(layers, layerCount(r));
    const rows = Array.from({ length: layers }, (_, i) => {
      const row: Record<string, unknown> = { layer: i + 1, raw: {} };
      recs.forEach((r, k) => {
        if (!r || i >= layerCount(r)) return;
        const v = layerValue(r, i, f);
        (row.raw as Record<string, number>)[`run${k}`] = v;
        row[`run${k}`] = onLogAxis(v);
      });
      return row;
    });
    const keys = recs.map((_, k) => `run${k}`);
    // A run with nothing on a log axis (zero init: every std 0) is named instead of silently missing.
    const offAxis = keys.filter((k, i) => recs[i] && valueRange(rows, [k]) === null);
    return { layers, rows, range: valueRange(rows, keys), offAxis };
  }, [count, f]);
  const lines = runLines(count, theme, hidden).map((l) => ({ ...l, dots: data.layers <= 12 }));
  // Mounted with the first data (charts take turns, one per task) and kept through restarts.
  const mounted = useRef(false);
  if (ready && data.layers > 0) mounted.current = true;
  const tips = runTips(count, theme, hidden).map((t) => ({
    ...t,
    value: (row: Record<string, unknown>) => tipNumber((row.raw as Record<string, number>)[t.key]),
  }));
  return (
    <figure ref={ref} className="chart-box">
      {!mounted.current ? (
        <p className="chart chart-empty">waiting…</p>
      ) : (
        <LayerLineChart
          rows={data.rows}
          layers={data.layers}
          lines={lines}
          range={data.range}
          tipItems={tips}
          theme={theme}
          className="chart"
          label={`${label} for every compared run, log scale`}
        />
      )}
      {data.offAxis.length > 0 && (
        <p className="chart-note">
          std 0 or not finite, off the log axis:{' '}
          {data.offAxis.map((k) => `run ${Number(k.slice(3)) + 1}`).join(', ')}
        </p>
      )}
      <figcaption>{label} (now)</figcaption>
    </figure>
  );
}

function LossOverlay({ count, hidden }: { count: number; hidden: ReadonlySet<string> }) {
  const theme = useChartTheme();
  const sources = histories.slice(0, count);
  const [rows, ref, ready] = useChartData(
    sources,
    () =>
      overlayRows(
        sources.map((h) => h.records),
        'loss',
        true,
      ),
    [count],
  );
  const keys = Array.from({ length: count }, (_, i) => `run${i}`);
  const range = valueRange(rows, keys);
  const mounted = useRef(false);
  if (ready && rows.length > 0) mounted.current = true;
  return (
    <figure ref={ref}>
      {!mounted.current ? (
        <p className="chart chart-empty">waiting…</p>
      ) : (
        <StepLineChart
          rows={rows}
          lines={runLines(count, theme, hidden)}
          y={logAxis(range?.[0] ?? 0.01, range?.[1] ?? 10, [0.01, 10])}
          log
          yLabel="loss (log)"
          tipItems={runTips(count, theme, hidden, true)}
          theme={theme}
          className="chart"
          label="Training loss of every compared run, log scale"
        />
      )}
      <figcaption>training loss (log, smoothed)</figcaption>
    </figure>
  );
}

export function OverlayCharts({ configs }: { configs: RunConfig[] }) {
  const theme = useChartTheme();
  const [hidden, toggle] = useHidden();
  const count = configs.length;
  const entries = slotLabels(configs).map((name, i) => ({
    key: `run${i}`,
    label: `Run ${i + 1}: ${name}`,
    color: theme.slots[i],
  }));
  return (
    <>
      <SeriesLegend
        entries={entries}
        hidden={hidden}
        onToggle={toggle}
        label="Runs: click one to hide or show it"
      />
      <div className="compare-charts">
        <LossOverlay count={count} hidden={hidden} />
        <DepthOverlay count={count} f="actStd" label="activation std per layer" hidden={hidden} />
        <DepthOverlay count={count} f="gradStd" label="gradient std per layer" hidden={hidden} />
      </div>
    </>
  );
}
