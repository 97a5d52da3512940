// Play / pause, single step, reset (same seed → same start), speed; and a live step counter that is
// written straight into the DOM once per frame instead of re-rendering React at step rate.
import { useEffect, useRef } from 'react';
import { type Speed, SPEEDS } from '../../gpu/workerProtocol';
import { recStep } from '../../store/recordView';
import { useConfigStore } from '../../store/configStore';
import { histories, setPlaying, speedometer, stepOnce } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';
import { SelectField } from './fields';

const SPEED_LABELS: Record<string, string> = {
  '1': '1 step/s',
  '5': '5 steps/s',
  '20': '20 steps/s',
  '100': '100 steps/s',
  '0': 'as fast as possible',
};

function StepCounter() {
  const ref = useRef<HTMLOutputElement>(null);
  useEffect(() => {
    let frame = 0;
    const paint = () => {
      frame = 0;
      const el = ref.current;
      if (!el) return;
      const last = histories[0].latest;
      const step = last ? recStep(last) : null;
      const rate = speedometer.value;
      el.textContent =
        step === null
          ? 'step —'
          : `step ${step.toLocaleString('en')}${rate > 0 ? ` · engine ${rate >= 100 ? Math.round(rate) : rate.toFixed(1)} steps/s` : ''}`;
    };
    const mark = () => {
      if (frame === 0) frame = requestAnimationFrame(paint);
    };
    const off = histories[0].subscribe(mark);
    mark();
    return () => {
      off();
      cancelAnimationFrame(frame);
    };
  }, []);
  return <output ref={ref} className="step-counter" data-testid="step-counter" aria-live="off" />;
}

export function Playback() {
  const playing = useRunStore((s) => s.playing);
  const speed = useRunStore((s) => s.speed);
  const setSpeed = useRunStore((s) => s.setSpeed);
  const ready = useRunStore((s) => s.slots[0]?.status === 'ready');
  const reset = useConfigStore((s) => s.reset);
  // Every run refused or failed (e.g. "needs 58.8 GB…"): nothing trains, so the button must not say
  // Pause. It shows Play, disabled, with the reason; a config change restarts the runs and frees it.
  const refusal = useRunStore((s) =>
    s.slots.length > 0 && s.slots.every((x) => x.status === 'error')
      ? (s.slots[0].error ?? 'the run failed')
      : null,
  );
  const shownPlaying = playing && refusal === null;
  return (
    <fieldset className="playback" aria-label="Playback">
      <button
        type="button"
        className="primary"
        data-testid="play"
        aria-pressed={shownPlaying}
        disabled={refusal !== null}
        title={refusal !== null ? `Nothing to play: ${refusal}` : undefined}
        onClick={() => setPlaying(!playing)}
      >
        {shownPlaying ? 'Pause' : 'Play'}
      </button>
      <button type="button" data-testid="step" disabled={!ready} onClick={() => stepOnce(1)}>
        Step
      </button>
      <button type="button" data-testid="reset" onClick={reset} title="Restart from the same seed">
        Reset
      </button>
      <SelectField
        label="speed"
        value={String(speed)}
        options={SPEEDS.map(String)}
        labels={SPEED_LABELS}
        testId="speed"
        onChange={(v) => setSpeed(Number(v) as Speed)}
      />
      <StepCounter />
    </fieldset>
  );
}
