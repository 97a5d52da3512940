// The numbers behind the charts (docs/MATH.md#statistics), per hidden layer, for the shown step (latest, or the time scrubber’s).
// Dead (h = 0) and saturated (|φ'| small) fractions are highlighted when they are large. Refreshed twice a
// second. Rows take part in linked layers: pointing at or focusing a row's layer button highlights that
// layer in every per-layer panel; clicking it (or Enter) pins it.
import { hasGroup, layerCount, layerValue, recStep } from '../../store/recordView';
import type { LayerScalarKey, OptionalGroup } from '../../engine/stats/layerFields';
import { histories } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';
import { fmt } from '../charts/plot';
import { shownRecord } from './shownRecord';
import { Panel } from './Panel';
import { pickLayers } from '../charts/ridgeChart';
import { useState } from 'react';
import { useThrottled } from './useThrottled';
import { useConfigStore } from '../../store/configStore';
import { highlightedLayer, useLayerFocus } from '../../store/layerFocus';
import { useScrub } from '../../store/scrub';

interface Column {
  key: LayerScalarKey;
  label: string;
  title: string;
  percent?: boolean;
  /** Shown only for records whose layers carry this group (normalized or residual networks). */
  group?: OptionalGroup;
}

const COLUMNS: Column[] = [
  { key: 'actMean', label: 'mean h', title: 'mean of the activations h' },
  { key: 'actStd', label: 'std h', title: 'std of the activations h (population)' },
  { key: 'actMin', label: 'min h', title: 'smallest activation' },
  { key: 'actMax', label: 'max h', title: 'largest activation' },
  { key: 'zeroFrac', label: 'dead', title: 'share of activations exactly 0 (ReLU-dead)', percent: true },
  { key: 'satFrac', label: 'saturated', title: "share with |φ'(z)| < 0.05·max|φ'|", percent: true },
  { key: 'preMean', label: 'mean z', title: 'mean of the pre-activations z' },
  { key: 'preStd', label: 'std z', title: 'std of the pre-activations z' },
  { key: 'gradStd', label: 'std δ', title: 'std of the backward signal δ = ∂L/∂z' },
  { key: 'gradRms', label: 'rms δ', title: 'root mean square of δ' },
  { key: 'weightGradNorm', label: '‖∇W‖', title: 'Frobenius norm of ∂L/∂W' },
  { key: 'weightStd', label: 'std W', title: 'std of the weights' },
  { key: 'updateRatio', label: '‖ΔW‖/‖W‖', title: 'relative size of this step’s update' },
  {
    key: 'normStd',
    label: 'std u',
    title: 'std of the normalization’s output u (docs/LAYERS.md)',
    group: 'norm',
  },
  {
    key: 'streamStd',
    label: 'std x',
    title: 'std of the residual stream x after this layer',
    group: 'stream',
  },
  {
    key: 'streamGradStd',
    label: 'std ∂x',
    title: 'std of ∂L/∂x, the gradient along the stream',
    group: 'stream',
  },
];

/** ReLU zeroes about half its inputs in a healthy layer, so only clearly more than that is highlighted. */
function heat(v: number): string | undefined {
  if (!Number.isFinite(v)) return 'bad';
  if (v >= 0.9) return 'hot';
  if (v >= 0.6) return 'warm';
  return undefined;
}

function cell(v: number, c: Column) {
  if (c.percent) {
    return (
      <td key={c.key} className={heat(v)}>
        {Number.isFinite(v) ? `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%` : fmt(v)}
      </td>
    );
  }
  return (
    <td key={c.key} className={Number.isFinite(v) ? undefined : 'bad'}>
      {fmt(v)}
    </td>
  );
}

/** Rows shown unless the reader asks for all: deep nets would make every refresh a large DOM update. */
const MAX_ROWS = 40;

function LayerButton({ layer, pinned }: { layer: number; pinned: boolean }) {
  const focus = useLayerFocus.getState();
  return (
    <button
      type="button"
      className="layer-button"
      aria-pressed={pinned}
      aria-label={`Layer ${layer}: ${pinned ? 'unpin' : 'pin'} in every panel`}
      data-testid={`layer-button-${layer}`}
      onFocus={() => focus.setHover(layer)}
      onBlur={() => focus.setHover(null)}
      onClick={() => focus.togglePin(layer)}
    >
      {layer}
    </button>
  );
}

export function LayerTable() {
  const scrubbed = useScrub((s) => s.step);
  const rec = useThrottled(histories[0], shownRecord, 500, [scrubbed]);
  const highlight = useLayerFocus(highlightedLayer);
  const pinned = useLayerFocus((s) => s.pinned);
  const setHover = useLayerFocus((s) => s.setHover);
  const [all, setAll] = useState(false);
  const act = useConfigStore((s) => s.config.act);
  const failed = useRunStore((s) => s.slots[0]?.status === 'error');
  // ReLU's φ' is exactly 0 where h = 0, so its two columns always agree; say so before a student wonders.
  const reluNote =
    act === 'relu' ? ' With ReLU a dead unit is also saturated (φ′ = 0), so those two columns agree.' : '';
  const n = rec ? layerCount(rec) : 0;
  const columns = COLUMNS.filter((c) => c.group === undefined || (rec !== null && hasGroup(rec, c.group)));
  const rows = all || n <= MAX_ROWS ? Array.from({ length: n }, (_, i) => i + 1) : pickLayers(n, MAX_ROWS);
  // A highlighted layer between the evenly spaced ones gets its row too, so the link always lands.
  if (highlight !== null && highlight <= n && !rows.includes(highlight)) {
    rows.push(highlight);
    rows.sort((a, b) => a - b);
  }
  return (
    <Panel
      name="table"
      title="Layer table"
      help={
        rec
          ? `Step ${recStep(rec)}, over the batch × units of each hidden layer. Shaded: dead or saturated share ≥ 60 % (strong ≥ 90 %; a healthy ReLU layer has about 50 % zeros), and values that are not finite.${reluNote} Point at or focus a layer number to find that layer in every chart; click it to pin it.`
          : failed
            ? 'No network to show: this run did not start (see the message above).'
            : 'Waiting for the network at init…'
      }
    >
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-reachable (WCAG 2.1.1) */}
      <section className="table-wrap" aria-label="Layer statistics" tabIndex={0}>
        <table className="layer-table" data-testid="layer-table">
          <thead>
            <tr>
              <th scope="col">ℓ</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" title={c.title}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onMouseLeave={() => setHover(null)}>
            {rec &&
              rows.map((layer) => (
                <tr
                  key={layer}
                  data-layer={layer}
                  className={layer === highlight ? (layer === pinned ? 'hl pinned' : 'hl') : undefined}
                  aria-current={layer === highlight ? 'true' : undefined}
                  onMouseEnter={() => setHover(layer)}
                >
                  <th scope="row">
                    <LayerButton layer={layer} pinned={layer === pinned} />
                  </th>
                  {columns.map((c) => cell(layerValue(rec, layer - 1, c.key), c))}
                </tr>
              ))}
          </tbody>
        </table>
      </section>
      {n > MAX_ROWS && (
        <button type="button" className="link-button" onClick={() => setAll(!all)} data-testid="table-all">
          {all ? `Show ${MAX_ROWS} evenly spaced layers` : `Show all ${n} layers (${rows.length} shown)`}
        </button>
      )}
    </Panel>
  );
}
