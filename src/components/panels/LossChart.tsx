// Loss and accuracy against the step: train (per batch, smoothed) and test (held-out split, dots).
import { histories } from '../../store/runtime';
import { useUiStore } from '../../store/uiStore';
import { drawCurves } from '../charts/curveChart';
import { useCanvasChart } from '../charts/useCanvasChart';
import { CheckField } from '../controls/fields';
import { Panel } from './Panel';

export function LossChart() {
  const logY = useUiStore((s) => s.lossLogY);
  const set = useUiStore((s) => s.set);
  const lossRef = useCanvasChart(
    (ctx, w, h, theme) =>
      drawCurves(
        ctx,
        w,
        h,
        theme,
        [{ recs: histories[0].records, color: theme.act, raw: true, test: true }],
        'loss',
        logY,
      ),
    [histories[0]],
    [logY],
  );
  const accRef = useCanvasChart(
    (ctx, w, h, theme) =>
      drawCurves(
        ctx,
        w,
        h,
        theme,
        [{ recs: histories[0].records, color: theme.act, raw: true, test: true }],
        'accuracy',
        false,
      ),
    [histories[0]],
    [],
  );
  return (
    <Panel
      name="loss"
      title="Loss and accuracy"
      help="Solid: training batches (smoothed; raw values faint). Dashed dots: the held-out test split, evaluated every 25 steps."
      actions={
        <CheckField
          label="log scale"
          checked={logY}
          onChange={(v) => set({ lossLogY: v })}
          testId="loss-log"
        />
      }
    >
      <div className="two-charts">
        <canvas
          ref={lossRef}
          className="chart"
          role="img"
          aria-label="Loss against training step, train and test"
        />
        <canvas
          ref={accRef}
          className="chart"
          role="img"
          aria-label="Accuracy against training step, train and test"
        />
      </div>
    </Panel>
  );
}
