// Layer × step heatmaps of log10 std, activations and gradients: growth or decay over training at a glance.
import { H, L } from '../../gpu/workerProtocol';
import { field } from '../charts/records';
import { histories } from '../../store/runtime';
import { drawHeatmap } from '../charts/heatmapChart';
import { useCanvasChart } from '../charts/useCanvasChart';
import { Panel } from './Panel';

export function Heatmap() {
  const actRef = useCanvasChart(
    (ctx, w, h, theme) =>
      drawHeatmap(ctx, w, h, theme, histories[0].records, L.actStd, 'layer (activations)'),
    [histories[0]],
    [],
  );
  const gradRef = useCanvasChart(
    (ctx, w, h, theme) => {
      const recs = histories[0].records;
      // Gradients have no natural scale of 1: white is the top layer's gradient std at init.
      const top = recs[0] ? field(recs[0], recs[0][H.nLayers] - 1, L.gradStd) : 1;
      const center = top > 0 && Number.isFinite(top) ? Math.log10(top) : 0;
      drawHeatmap(ctx, w, h, theme, recs, L.gradStd, 'layer (gradients)', center);
    },
    [histories[0]],
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
          gradient at init. Layer 1 is at the top.
        </>
      }
    >
      <canvas
        ref={actRef}
        className="chart"
        role="img"
        aria-label="Heatmap of activation std, layer by step"
      />
      <canvas
        ref={gradRef}
        className="chart"
        role="img"
        aria-label="Heatmap of gradient std, layer by step"
      />
    </Panel>
  );
}
