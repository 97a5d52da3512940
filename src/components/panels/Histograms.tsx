// Per-layer activation histograms (a ridgeline), the same fixed range for every layer and step, so a
// collapsing signal piles into the middle bins and an exploding one leaves the range (counted at the right).
import { histories } from '../../store/runtime';
import { drawRidges } from '../charts/ridgeChart';
import { useCanvasChart } from '../charts/useCanvasChart';
import { shownRecord } from './shownRecord';
import { Panel } from './Panel';

const ROWS = 10;

export function Histograms() {
  const ref = useCanvasChart(
    (ctx, w, h, theme) => drawRidges(ctx, w, h, theme, shownRecord(), ROWS),
    [histories[0]],
    [],
  );
  return (
    <Panel
      name="histograms"
      title="Activation histograms"
      help="Distribution of each layer's activations h on a fixed range (up to 10 layers shown, first and last included). Bar height is √count; at the right, the share of values beyond the range (above its top, and below its bottom when there are any)."
    >
      <canvas
        ref={ref}
        className="chart tall"
        role="img"
        aria-label="Histograms of activations for selected layers"
      />
    </Panel>
  );
}
