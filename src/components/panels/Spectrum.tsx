// The input–output Jacobian's singular values (computed in the training worker from the run's weights, at
// most once a second while this panel is on screen): at init and now, with theory's root mean square.
import { useEffect, useRef } from 'react';
import { useConfigStore } from '../../store/configStore';
import { wantSpectrum } from '../../store/runtime';
import { type SpectrumData, spectrumAtInit, spectrumLatest } from '../../store/spectrum';
import { fmt } from '../charts/plot';
import { drawSpectrum } from '../charts/spectrumChart';
import { useCanvasChart } from '../charts/useCanvasChart';
import { Panel } from './Panel';
import { useOnScreen } from './useOnScreen';
import { useThrottled } from './useThrottled';

function caption(d: SpectrumData | null): string {
  if (!d) return 'Waiting for the network…';
  if ('refused' in d) return d.refused;
  const v = d.values;
  const [rows, cols] = d.shape;
  const few =
    cols < rows
      ? ` The input has ${cols} dimensions, so J (${rows}×${cols}) has ${cols} singular values; data = probe (in = width) shows all ${rows}.`
      : '';
  return (
    `Step ${d.step}: σ from ${fmt(v[v.length - 1], 3)} to ${fmt(v[0], 3)}, ` +
    `root mean square ${fmt(Math.sqrt(d.meanSquared), 3)} (theory ${fmt(Math.sqrt(d.theoryMeanSquared), 3)}).${few}`
  );
}

export function Spectrum() {
  const depth = useConfigStore((s) => s.config.depth);
  const seen = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(seen);
  useEffect(() => {
    if (!onScreen) return;
    wantSpectrum(true);
    return () => wantSpectrum(false);
  }, [onScreen]);
  const latest = useThrottled(spectrumLatest, () => spectrumLatest.value, 500);
  const ref = useCanvasChart(
    (ctx, w, h, theme) => drawSpectrum(ctx, w, h, theme, spectrumLatest.value, spectrumAtInit.value),
    [spectrumLatest, spectrumAtInit],
    [],
  );
  return (
    <Panel
      name="spectrum"
      title="Jacobian spectrum"
      help={
        <>
          Singular values of J = ∂h<sup>{depth}</sup>/∂h<sup>0</sup>, how the {depth} hidden layers stretch a
          small change of one input (the first training point): <span className="key blue">filled</span> now,{' '}
          outlined at init. Solid line: their root mean square; dashed: mean-field theory's, √∏χ over the
          layers. Orthogonal weights with a near-linear activation keep every σ near 1 (dynamical isometry);
          Gaussian weights spread them over orders of magnitude as depth grows.
        </>
      }
    >
      <div ref={seen} />
      <canvas
        ref={ref}
        className="chart"
        role="img"
        aria-label="Histogram of the Jacobian's singular values, log scale"
      />
      <p className="caption" data-testid="spectrum-caption">
        {caption(latest)}
      </p>
    </Panel>
  );
}
