// The page's main chart: how the signal's std changes from the first hidden layer to the last, forward
// (activations) and backward (gradients), now and at init, with the mean-field prediction dashed.
import { useMemo } from 'react';
import { useConfigStore } from '../../store/configStore';
import { H, L } from '../../gpu/workerProtocol';
import { hasGroup, perLayer as layerSeries } from '../../store/recordView';
import { histories } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';
import { type DepthSeries, drawDepth } from '../charts/depthChart';
import { fmt } from '../charts/plot';
import { field, perLayer } from '../charts/records';
import { useCanvasChart } from '../charts/useCanvasChart';
import { Panel } from './Panel';
import { shownRecord } from './shownRecord';
import { suggestion } from './suggestion';
import { useThrottled } from './useThrottled';

const runSource = { subscribe: (fn: () => void) => useRunStore.subscribe(fn) };

/** Theory's gradient profile is a ratio; anchor it at the measured step-0 gradient std of the top layer. */
export function anchoredGradTheory(
  gradRatio: readonly number[],
  first: Float32Array | undefined,
): number[] | null {
  // Residual networks have no gradient prediction (all NaN): draw none rather than an empty dashed series.
  if (!first || !gradRatio.some(Number.isFinite)) return null;
  const top = field(first, first[H.nLayers] - 1, L.gradStd);
  if (!(top > 0) || !Number.isFinite(top)) return null;
  return gradRatio.map((r) => r * top);
}

function DepthCaption() {
  const latest = useThrottled(histories[0], shownRecord, 500);
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
  const n = latest[H.nLayers];
  const a1 = field(latest, 0, L.actStd);
  const aL = field(latest, n - 1, L.actStd);
  const g1 = field(latest, 0, L.gradStd);
  const gL = field(latest, n - 1, L.gradStd);
  const ratio = (a: number, b: number) => (a > 0 && Number.isFinite(b / a) ? ` (×${fmt(b / a, 2)})` : '');
  return (
    <p className="caption" data-testid="depth-caption">
      Step {latest[H.step]}
      {nf ? ' (where values stopped being finite)' : ''}: activation std goes from {fmt(a1)} at layer 1 to{' '}
      {fmt(aL)} at layer {n}
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

export function DepthProfile() {
  const theory = useRunStore((s) => s.slots[0]?.theory ?? null);
  const ref = useCanvasChart(
    (ctx, w, h, theme) => {
      const h0 = histories[0];
      const latest = shownRecord();
      const first = h0.records[0];
      const series: DepthSeries[] = [];
      if (latest) {
        if (first && first !== latest && first[H.step] === 0) {
          series.push({
            values: perLayer(first, L.actStd),
            style: { color: theme.act, width: 1, dash: [1, 3] },
          });
          series.push({
            values: perLayer(first, L.gradStd),
            style: { color: theme.grad, width: 1, dash: [1, 3] },
          });
        }
        if (theory) {
          series.push({
            values: theory.actStd,
            style: { color: theme.act, width: 1.5, dash: [6, 4], dots: false },
            label: 'theory',
          });
          const g = anchoredGradTheory(theory.gradRatio, first);
          if (g)
            series.push({ values: g, style: { color: theme.grad, width: 1.5, dash: [6, 4], dots: false } });
        }
        // Residual networks: the stream x^ℓ, which the head reads (act is only each block's branch input).
        if (hasGroup(latest, 'stream')) {
          const stream = theme.slots[2];
          if (theory?.streamStd)
            series.push({
              values: theory.streamStd,
              style: { color: stream, width: 1.5, dash: [6, 4], dots: false },
            });
          series.push({
            values: layerSeries(latest, 'streamStd'),
            style: { color: stream, width: 2.2 },
            label: 'stream',
          });
        }
        // Labelled so an all-zero profile (zero init) is named in the plot instead of leaving it blank.
        series.push({
          values: perLayer(latest, L.actStd),
          style: { color: theme.act, width: 2.2 },
          label: 'activations',
        });
        series.push({
          values: perLayer(latest, L.gradStd),
          style: { color: theme.grad, width: 2.2 },
          label: 'gradients',
        });
      }
      drawDepth(ctx, w, h, theme, series, latest ? latest[H.nLayers] : 0, 'waiting for the network at init…');
    },
    [histories[0], runSource],
    [theory],
  );
  const residual = useConfigStore((s) => s.config.res === 1);
  const legend = useMemo(
    () => (
      <ul className="legend" aria-label="Legend">
        <li>
          <span className="swatch act" /> activations h<sup>ℓ</sup> (now)
        </li>
        <li>
          <span className="swatch grad" /> gradients δ<sup>ℓ</sup> = ∂L/∂z<sup>ℓ</sup> (now)
        </li>
        {residual && (
          <li>
            <span className="swatch slot2" /> residual stream x<sup>ℓ</sup> (now)
          </li>
        )}
        <li>
          <span className="swatch dotted" /> at step 0
        </li>
        <li>
          <span className="swatch dashed" /> theory (at init)
        </li>
      </ul>
    ),
    [residual],
  );
  return (
    <Panel
      name="depth"
      title="Depth profile"
      help="Each point is one hidden layer's standard deviation (log scale). A healthy network keeps both lines flat; a line falling to the right (activations) or to the left (gradients) is a signal vanishing with depth, a rising one is exploding."
    >
      <canvas
        ref={ref}
        className="chart tall"
        role="img"
        aria-label="Depth profile: std of activations and gradients per layer, log scale"
      />
      {legend}
      <DepthCaption />
      <TryNext />
    </Panel>
  );
}
