// Layer × step heatmaps of log10 std, activations and gradients: growth or decay over training at a glance.
// Pointing at a cell (or arrowing to it) reads its layer, step and std; the linked layer's row is outlined
// and the time scrubber's step marked.
import { layerCount, layerValue } from '../../store/recordView';
import { highlightedLayer, layerFocusSource, useLayerFocus } from '../../store/layerFocus';
import { histories } from '../../store/runtime';
import { scrubSource, useScrub } from '../../store/scrub';
import { CanvasReadout, drew, useReadout } from '../charts/CanvasReadout';
import { drawHeatmap } from '../charts/heatmapChart';
import { useCanvasChart } from '../charts/useCanvasChart';
import { Panel } from './Panel';
import { heatmapSummary } from './summaries';
import { useThrottled } from './useThrottled';

function HeatmapCaption() {
  const text = useThrottled(
    histories[0],
    () => heatmapSummary(histories[0].records[0], histories[0].latest),
    500,
  );
  return (
    <p className="caption" data-testid="heatmap-summary">
      {text}
    </p>
  );
}

const HINT = 'Arrow keys move a cursor over layers and steps; Enter pins its layer.';

function marks() {
  return { layer: highlightedLayer(useLayerFocus.getState()), step: useScrub.getState().step };
}

export function Heatmap() {
  const actReadout = useReadout();
  const gradReadout = useReadout();
  const actRef = useCanvasChart(
    (ctx, w, h, theme) =>
      drew(
        actReadout,
        drawHeatmap(ctx, w, h, theme, histories[0].records, 'actStd', 'layer (activations)', 0, marks()),
      ),
    [histories[0], layerFocusSource, scrubSource],
    [],
  );
  const gradRef = useCanvasChart(
    (ctx, w, h, theme) => {
      const recs = histories[0].records;
      // Gradients have no natural scale of 1: white is the top layer's gradient std at init.
      const top = recs[0] ? layerValue(recs[0], layerCount(recs[0]) - 1, 'gradStd') : 1;
      const center = top > 0 && Number.isFinite(top) ? Math.log10(top) : 0;
      drew(gradReadout, drawHeatmap(ctx, w, h, theme, recs, 'gradStd', 'layer (gradients)', center, marks()));
    },
    [histories[0], layerFocusSource, scrubSource],
    [],
  );
  return (
    <Panel
      name="heatmap"
      title="Layer × step"
      help={
        <>
          Colour is log<sub>10</sub> of each layer's std over training: <span className="key blue">blue</span>{' '}
          shrunk below 1 (vanishing), <span className="key white">white</span> about 1,{' '}
          <span className="key red">red</span> grown above 1 (exploding),{' '}
          <span className="key black">black</span> not finite. For gradients, white is the last layer's
          gradient at init. Layer 1 is at the top. Point at a cell for its value.
        </>
      }
    >
      <CanvasReadout
        readout={actReadout}
        canvasRef={actRef}
        className="chart"
        canvasLabel="Heatmap of activation std, layer by step"
        hint={HINT}
        testId="heatmap-act"
      />
      <CanvasReadout
        readout={gradReadout}
        canvasRef={gradRef}
        className="chart"
        canvasLabel="Heatmap of gradient std, layer by step"
        hint={HINT}
        testId="heatmap-grad"
      />
      <HeatmapCaption />
    </Panel>
  );
}
