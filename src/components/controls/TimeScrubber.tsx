// The time scrubber: a slider over the recorded steps for the per-layer panels (depth profile, histograms,
// layer table; the heatmap and loss chart mark the step). Training goes on meanwhile; "Live" returns to the
// newest step. The history thins itself as it fills, so the slider moves over the steps it still holds,
// and says which those are.
import { recStep } from '../../store/recordView';
import { useId } from 'react';
import { histories } from '../../store/runtime';
import { indexAtOrBefore, useScrub } from '../../store/scrub';
import { useThrottled } from '../panels/useThrottled';

export interface KeptSteps {
  steps: number[];
  spacing: number;
}

function keptSteps(): KeptSteps {
  const h = histories[0];
  return { steps: h.records.map((r) => recStep(r)), spacing: h.spacing };
}

/** What the thinned history still holds, in words. */
export function describeKept({ steps, spacing }: KeptSteps): string {
  const n = steps.length;
  if (n === 0) return 'No steps recorded yet.';
  const last = steps[n - 1];
  if (n === 1) return `Holds step ${last} only.`;
  if (spacing <= 1) return `Holds every step from 0 to ${last.toLocaleString('en')}.`;
  return `Holds ${n.toLocaleString('en')} of ${(last + 1).toLocaleString('en')} steps: step 0, then one every ${spacing} steps up to ${last.toLocaleString('en')} (older steps are thinned so memory stays flat).`;
}

export function TimeScrubber() {
  const id = useId();
  const step = useScrub((s) => s.step);
  const setStep = useScrub((s) => s.setStep);
  const kept = useThrottled(histories[0], keptSteps, 500);
  const { steps } = kept;
  const n = steps.length;
  const index =
    step === null
      ? n - 1
      : Math.max(
          0,
          indexAtOrBefore((i) => steps[i], n, step),
        );
  const shown = n > 0 ? steps[index] : null;
  return (
    <fieldset className="scrubber" aria-label="Time scrubber" data-testid="scrubber">
      <div className="scrub-head">
        <label htmlFor={id}>
          Per-layer panels at{' '}
          <b data-testid="scrub-step">{shown === null ? '—' : `step ${shown.toLocaleString('en')}`}</b>
          {step === null ? ' (live)' : ''}
        </label>
        <span className="scrub-buttons">
          <button
            type="button"
            data-testid="scrub-live"
            disabled={step === null}
            aria-pressed={step === null}
            onClick={() => setStep(null)}
          >
            Live
          </button>
          <button type="button" data-testid="scrub-init" disabled={n === 0} onClick={() => setStep(0)}>
            Step 0
          </button>
        </span>
      </div>
      <input
        id={id}
        type="range"
        min={0}
        max={Math.max(0, n - 1)}
        step={1}
        value={Math.max(0, index)}
        disabled={n === 0}
        aria-valuetext={shown === null ? 'no steps yet' : `step ${shown}`}
        data-testid="scrub-slider"
        onChange={(e) => {
          const i = Number(e.target.value);
          if (steps[i] !== undefined) setStep(steps[i]);
        }}
      />
      <p className="scrub-info" data-testid="scrub-info">
        {describeKept(kept)}
      </p>
    </fieldset>
  );
}
