// Steps to reach a target loss / accuracy for every compared run, with the speed-up relative to run 1,
// measured live from the runs' histories (smoothed train metrics, so one lucky batch does not count).
import { useId } from 'react';
import type { RunConfig } from '../../engine/config';
import { recLoss, recStep } from '../../store/recordView';
import { histories } from '../../store/runtime';
import { useUiStore } from '../../store/uiStore';
import { fmt } from '../charts/plot';
import { stepsToTarget } from '../charts/records';
import { NumberField } from '../controls/fields';
import { useThrottled } from '../panels/useThrottled';
import { type StepsBar, StepsChart } from './StepsChart';
import { slotLabels } from '../labels';

export interface Reach {
  loss: number | null;
  acc: number | null;
  step: number;
  lastLoss: number;
}

/**
 * Speed-up relative to run 1: steps₁ / stepsᵢ ("×1.31"). While run 1 has not reached the target after
 * `firstNow` steps, the speed-up is at least firstNow / stepsᵢ ("≥ ×2.1").
 */
export function speedup(first: number | null, mine: number | null, index: number, firstNow: number): string {
  if (index === 0) return mine === null ? 'not yet' : 'baseline';
  if (mine === null) return 'not yet';
  if (mine === 0) return first === 0 ? '×1' : 'at init';
  if (first === null) return `≥ ×${fmt(Math.max(1, firstNow) / mine, 2)}`;
  return `×${fmt(first / mine, 3)}`;
}

export function CompareTable({ configs }: { configs: RunConfig[] }) {
  const lossTarget = useUiStore((s) => s.lossTarget);
  const accTarget = useUiStore((s) => s.accTarget);
  const set = useUiStore((s) => s.set);
  const caption = useId();
  const names = slotLabels(configs);
  const reach: Reach[] = useThrottled(
    histories[0],
    () =>
      configs.map((_, i) => {
        const recs = histories[i].records;
        const last = histories[i].latest;
        return {
          loss: stepsToTarget(recs, lossTarget, 'loss'),
          acc: stepsToTarget(recs, accTarget, 'accuracy'),
          step: last ? recStep(last) : 0,
          lastLoss: last ? recLoss(last) : Number.NaN,
        };
      }),
    500,
    [configs, lossTarget, accTarget],
  );
  const cell = (v: number | null) => (v === null ? '—' : String(v));
  const bars: StepsBar[] = reach.map((r, i) => ({
    name: `run ${i + 1}`,
    steps: r.loss ?? r.step,
    reached: r.loss !== null,
    slot: i,
  }));
  return (
    <div className="compare-table">
      <div className="row">
        <NumberField
          label="target loss ≤"
          value={lossTarget}
          min={0}
          testId="cmp-loss-target"
          onCommit={(v) => set({ lossTarget: v })}
        />
        <NumberField
          label="target accuracy ≥"
          value={accTarget}
          min={0}
          max={1}
          testId="cmp-acc-target"
          onCommit={(v) => set({ accTarget: v })}
        />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be keyboard-reachable (WCAG 2.1.1) */}
      <section className="table-wrap" aria-labelledby={caption} tabIndex={0}>
        <table data-testid="compare-table">
          <caption id={caption}>Steps until the smoothed training loss / accuracy reaches the target</caption>
          <thead>
            <tr>
              <th scope="col">run</th>
              <th scope="col">step</th>
              <th scope="col">loss now</th>
              <th scope="col">steps to loss ≤ {fmt(lossTarget)}</th>
              <th scope="col">speed-up</th>
              <th scope="col">steps to acc ≥ {fmt(accTarget)}</th>
              <th scope="col">speed-up</th>
            </tr>
          </thead>
          <tbody>
            {reach.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: slots are positional
              <tr key={i}>
                <th scope="row">
                  <span className={`swatch slot${i}`} /> {i + 1}: {names[i] ?? ''}
                </th>
                <td>{r.step}</td>
                <td>{fmt(r.lastLoss)}</td>
                <td>{cell(r.loss)}</td>
                <td>{speedup(reach[0]?.loss ?? null, r.loss, i, reach[0]?.step ?? 0)}</td>
                <td>{cell(r.acc)}</td>
                <td>{speedup(reach[0]?.acc ?? null, r.acc, i, reach[0]?.step ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <StepsChart bars={bars} target={lossTarget} />
    </div>
  );
}
