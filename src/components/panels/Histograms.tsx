// Per-layer activation histograms (a ridgeline), the same fixed range for every layer and step, so a
// collapsing signal piles into the middle bins and an exploding one leaves the range (counted at the right).
// Pointing at a bin reads its range and count; the linked layer's row is shaded (and shown even when it is
// not among the evenly spread rows).
import { highlightedLayer, layerFocusSource, useLayerFocus } from '../../store/layerFocus';
import { histories } from '../../store/runtime';
import { scrubSource } from '../../store/scrub';
import { CanvasReadout, drew, useReadout } from '../charts/CanvasReadout';
import { drawRidges } from '../charts/ridgeChart';
import { useCanvasChart } from '../charts/useCanvasChart';
import { Panel } from './Panel';
import { shownRecord } from './shownRecord';
import { histogramSummary } from './summaries';
import { useThrottled } from './useThrottled';
import { useScrub } from '../../store/scrub';

function HistogramCaption() {
  const scrubbed = useScrub((s) => s.step);
  const text = useThrottled(histories[0], () => histogramSummary(shownRecord()), 500, [scrubbed]);
  return (
    <p className="caption" data-testid="histogram-summary">
      {text}
    </p>
  );
}

const ROWS = 10;

export function Histograms() {
  const readout = useReadout();
  const ref = useCanvasChart(
    (ctx, w, h, theme) =>
      drew(
        readout,
        drawRidges(ctx, w, h, theme, shownRecord(), ROWS, highlightedLayer(useLayerFocus.getState())),
      ),
    [histories[0], layerFocusSource, scrubSource],
    [],
  );
  return (
    <Panel
      name="histograms"
      title="Activation histograms"
      help="Distribution of each layer's activations h on a fixed range (up to 10 layers shown, first and last included). Bar height is √count; at the right, the share of values beyond the range (above its top, and below its bottom when there are any). Point at a bar for its count."
    >
      <CanvasReadout
        readout={readout}
        canvasRef={ref}
        className="chart tall"
        canvasLabel="Histograms of activations for selected layers"
        hint="Arrow keys move a cursor over layers and bins; Enter pins its layer."
        testId="histograms-chart"
      />
      <HistogramCaption />
    </Panel>
  );
}
