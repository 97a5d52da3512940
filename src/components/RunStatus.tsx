// Loading progress (the Fashion download, building the network) and run state, as text plus a bar.
import { useRunStore } from '../store/runStore';

export function RunStatus() {
  const slot = useRunStore((s) => s.slots[0]);
  const playing = useRunStore((s) => s.playing);
  if (!slot) return null;
  if (slot.status === 'loading') {
    return (
      <div className="run-status" data-testid="run-status" data-status="loading">
        <label htmlFor="load-progress">Loading: {slot.phase}…</label>
        <progress id="load-progress" max={1} value={slot.fraction > 0 ? slot.fraction : undefined} />
      </div>
    );
  }
  return (
    <p className="run-status" data-testid="run-status" data-status={slot.status}>
      {slot.status === 'error' ? 'Stopped: see the message above.' : playing ? 'Training…' : 'Paused.'}
    </p>
  );
}
