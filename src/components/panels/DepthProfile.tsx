// The page's main chart: how the signal's std changes from the first hidden layer to the last, forward
// (activations) and backward (gradients), now (or at the scrubbed step) and at init, with the mean-field
// prediction dashed. SVG (recharts) with exact values on hover; the caption is its text alternative.
import { layerCount, layerValue, recStep } from '../../store/recordView';
import { useMemo, useRef } from 'react';
import { useConfigStore } from '../../store/configStore';
import { histories } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';
import { scrubSource, useScrub } from '../../store/scrub';
import { DASH, useChartTheme } from '../charts/chartTheme';
import { tipNumber } from '../charts/ChartTooltip';
import { type DepthSeriesDef, depthData } from '../charts/depthData';
import { LayerLineChart } from '../charts/LayerLineChart';
import { fmt, type Theme } from '../charts/plot';
import { SeriesLegend } from '../charts/SeriesLegend';
import { useChartData } from '../charts/useChartData';
import { useHidden } from '../charts/useHidden';
import { Panel } from './Panel';
import { shownRecord } from './shownRecord';
import { suggestion } from './suggestion';
import { useThrottled } from './useThrottled';

const runSource = { subscribe: (fn: () => void) => useRunStore.subscribe(fn) };

function DepthCaption() {
  const scrubbed = useScrub((s) => s.step);
  const latest = useThrottled(histories[0], shownRecord, 500, [scrubbed]);
  const nf = useRunStore((s) => s.slots[0]?.nonFinite ?? null);
  const failed = useRunStore((s) => s.slots[0]?.status === 'error');
  if (!latest)
    return (
      <p className="caption">
        {failed
          ? 'No network to show: this run did not start (see the message above).'
          : 'Waiting for the network at init…'}
      </p>
    );
  const n = layerCount(latest);
  const a1 = layerValue(latest, 0, 'actStd');
  const aL = layerValue(latest, n - 1, 'actStd');
  const g1 = layerValue(latest, 0, 'gradStd');
  const gL = layerValue(latest, n - 1, 'gradStd');
  const ratio = (a: number, b: number) => (a > 0 && Number.isFinite(b / a) ? ` (×${fmt(b / a, 2)})` : '');
  const when =
    scrubbed !== null
      ? ' (chosen in the time scrubber)'
      : nf && recStep(latest) === nf.step
        ? ' (where values stopped being finite)'
        : '';
  return (
    <p className="caption" data-testid="depth-caption" data-step={recStep(latest)}>
      Step {recStep(latest)}
      {when}: activation std goes from {fmt(a1)} at layer 1 to {fmt(aL)} at layer {n}
      {ratio(a1, aL)}; the gradient std from {fmt(gL)} at layer {n} back to {fmt(g1)} at layer 1
      {ratio(gL, g1)}.
    </p>
  );
}

function TryNext() {
  const config = useConfigStore((s) => s.config);
  const setConfig = useConfigStore((s) => s.setConfig);
  const tip = suggestion(config);
  if (!tip) return null;
  return (
    <p className="try-next">
      {tip.text}{' '}
      <button type="button" data-testid="try-next" onClick={() => setConfig(tip.patch)}>
        {tip.button}
      </button>
    </p>
  );
}

const WIDTH = { now: 2.2, init: 1.2, theory: 1.5 } as const;

function lineOf(def: DepthSeriesDef, theme: Theme, layers: number, hidden: ReadonlySet<string>) {
  return {
    key: def.key,
    color: theme[def.tone],
    dash: DASH[def.kind],
    width: WIDTH[def.kind],
    // Dots mark the layers of the current lines while there are few (each dot is a component recharts
    // re-renders; with more layers the tooltip and the linked-layer line point at a layer instead).
    dots: def.kind === 'now' && layers <= 12,
    hidden: hidden.has(def.key) || hidden.has(def.kind),
  };
}

const GROUP_LABEL = { init: 'at step 0', theory: 'theory (at init)' } as const;

/**
 * Legend entries: one per current series, one for all step-0 lines and one for all theory lines (the
 * line's colour already says which signal; four entries fit a 400×300 embed).
 */
function legendEntries(present: readonly DepthSeriesDef[], theme: Theme) {
  const out: { key: string; label: string; color: string; dash?: string }[] = [];
  for (const d of present) {
    if (d.kind === 'now') out.push({ key: d.key, label: d.label, color: theme[d.tone] });
    else if (!out.some((e) => e.key === d.kind))
      out.push({ key: d.kind, label: GROUP_LABEL[d.kind], color: theme.fg, dash: DASH[d.kind] });
  }
  return out;
}

export function DepthProfile() {
  const theory = useRunStore((s) => s.slots[0]?.theory ?? null);
  const theme = useChartTheme();
  const [hidden, toggle] = useHidden();
  const [data, ref, ready] = useChartData(
    [histories[0], runSource, scrubSource],
    () => depthData({ now: shownRecord(), first: histories[0].records[0] ?? null, theory }),
    [theory],
  );
  const lines = useMemo(
    () => data.present.map((d) => lineOf(d, theme, data.layers, hidden)),
    [data, theme, hidden],
  );
  const tipItems = useMemo(
    () =>
      data.present
        .filter((d) => !hidden.has(d.key) && !hidden.has(d.kind))
        .map((d) => ({
          key: d.key,
          label: d.label,
          color: theme[d.tone],
          value: (row: Record<string, unknown>) => tipNumber((row.raw as Record<string, number>)[d.key]),
        })),
    [data, theme, hidden],
  );
  const entries = legendEntries(data.present, theme);
  const allOff = data.layers > 0 && data.extent === null;
  // Mounted with the first data (a queued update, not the page's first render) and kept mounted through
  // restarts: a remount costs several times an update.
  const mountedChart = useRef(false);
  if (ready && data.layers > 0) mountedChart.current = true;
  return (
    <Panel
      name="depth"
      title="Depth profile"
      help="Each point is one hidden layer's standard deviation (log scale). A healthy network keeps both lines flat; a line falling to the right (activations) or to the left (gradients) is a signal vanishing with depth, a rising one is exploding. Point at a layer for its values; click (or Enter) pins it in every panel."
    >
      <div ref={ref} className="chart-box" data-testid="depth-chart">
        {data.layers === 0 && (
          <p className={mountedChart.current ? 'chart-note center' : 'chart tall chart-empty'}>
            waiting for the network at init…
          </p>
        )}
        {mountedChart.current && (
          <LayerLineChart
            rows={data.rows}
            layers={data.layers}
            lines={lines}
            range={data.extent}
            tipItems={tipItems}
            theme={theme}
            className="chart tall"
            label="Depth profile: std of activations and gradients per hidden layer, log scale. Arrow keys move between layers."
          />
        )}
        {allOff && <p className="chart-note">every std is 0: nothing to draw on a log axis</p>}
        {!allOff && data.offAxis.length > 0 && (
          <p className="chart-note">
            std 0 or not finite, off the log axis: {data.offAxis.map((d) => d.label).join(', ')}
          </p>
        )}
      </div>
      <SeriesLegend entries={entries} hidden={hidden} onToggle={toggle} />
      <DepthCaption />
      <TryNext />
    </Panel>
  );
}
