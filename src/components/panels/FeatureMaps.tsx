// Feature maps of one test image, live: every conv layer's channels as greyscale tiles, so vanishing or
// exploding signal is seen rather than read off a std. The worker computes them on the run's own engine a
// few times a second (store/runtime.ts wantFeatureMaps); this component only draws.
import { useEffect, useState } from 'react';
import { MAX_FEATURE_CHANNELS } from '../../engine/featureMaps';
import { datasetShape } from '../../engine/data/shape';
import { useConfigStore } from '../../store/configStore';
import { featureMaps, wantFeatureMaps } from '../../store/runtime';
import { drawFeatureMaps, type FeatureScale, ROW_PX } from '../charts/featureMapChart';
import { useCanvasChart } from '../charts/useCanvasChart';
import { NumberField, SelectField } from '../controls/fields';
import { FASHION_CLASSES } from '../labels';
import { Panel } from './Panel';

const SCALES = ['shared', 'layer'] as const;
const SCALE_LABELS: Record<FeatureScale, string> = {
  shared: 'one scale (the input’s std)',
  layer: 'each layer its own std',
};

export function FeatureMaps() {
  const config = useConfigStore((s) => s.config);
  const conv = config.arch === 'conv';
  const [image, setImage] = useState(0);
  const [scale, setScale] = useState<FeatureScale>('shared');
  const [label, setLabel] = useState<number | null>(null);
  useEffect(() => {
    if (!conv) return;
    wantFeatureMaps(0, image);
    return () => wantFeatureMaps(0, -1);
  }, [conv, image]);
  useEffect(() => featureMaps[0].subscribe(() => setLabel(featureMaps[0].value?.label ?? null)), []);
  const ref = useCanvasChart(
    (ctx, w, h, theme) => drawFeatureMaps(ctx, w, h, theme, featureMaps[0].value, scale),
    [featureMaps[0]],
    [scale],
  );
  const lastImage = datasetShape(config).nTest - 1;
  const className =
    label === null
      ? ''
      : config.data === 'fashion'
        ? (FASHION_CLASSES[label] ?? `class ${label}`)
        : `class ${label}`;
  return (
    <Panel
      name="features"
      title="Feature maps"
      help={
        conv
          ? `One test image through the network with the current weights: each row is a layer’s output before its pool (a residual block’s stream), each tile a channel (the first ${MAX_FEATURE_CHANNELS}). Fading rows are a vanishing signal; washed-out white ones an exploding signal.`
          : 'Shown for convolutional networks (layers: convolutional).'
      }
      actions={
        conv && (
          <>
            <NumberField
              label={`test image (0–${lastImage})`}
              value={image}
              min={0}
              max={lastImage}
              step={1}
              testId="feature-image"
              onCommit={(v) => setImage(Math.min(lastImage, Math.max(0, Math.round(v))))}
            />
            <SelectField<FeatureScale>
              label="grey scale"
              value={scale}
              options={SCALES}
              labels={SCALE_LABELS}
              testId="feature-scale"
              onChange={(v) => setScale(v)}
            />
          </>
        )
      }
    >
      {conv && (
        <>
          {className && (
            <p className="caption">
              Image {image}: {className}
            </p>
          )}
          <div className="feature-scroll">
            <canvas
              ref={ref}
              className="chart"
              style={{ height: `${(config.depth + 1) * ROW_PX}px` }}
              role="img"
              aria-label="Feature maps of one test image, a row of channel tiles per layer"
            />
          </div>
        </>
      )}
    </Panel>
  );
}
