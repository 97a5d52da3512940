// The time scrubber: which recorded step the per-layer panels show. null = live (the newest record);
// a number = the kept record at or just before that step (the history thins itself, step 0 always stays).
import { create } from 'zustand';

export interface ScrubState {
  step: number | null;
  setStep(step: number | null): void;
}

export const useScrub = create<ScrubState>()((set) => ({
  step: null,
  setStep(step) {
    set({ step });
  },
}));

/** For canvas charts (useCanvasChart sources): redraw when the scrubbed step changes. */
export const scrubSource = {
  subscribe: (fn: () => void) =>
    useScrub.subscribe((s, prev) => {
      if (s.step !== prev.step) fn();
    }),
};

/** Index of the last record whose step is ≤ `step` (records are in step order), or -1 if none. */
export function indexAtOrBefore(steps: (i: number) => number, n: number, step: number): number {
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (steps(mid) <= step) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
