// Which record the per-layer panels (depth profile, histograms, table) show as "now".
import { recStep } from '../../store/recordView';
import { histories } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';
import { indexAtOrBefore, useScrub } from '../../store/scrub';

/**
 * The record the per-layer panels show as "now": the one the time scrubber selects (the kept record at or
 * just before its step); when live, the latest, or once values went non-finite, the record of the step where
 * that began (later records are NaN throughout and show nothing).
 */
export function shownRecord(): Float32Array | null {
  const h = histories[0];
  const scrubbed = useScrub.getState().step;
  if (scrubbed !== null) {
    const recs = h.records;
    const i = indexAtOrBefore((k) => recStep(recs[k]), recs.length, scrubbed);
    if (i >= 0) return recs[i];
  }
  const nf = useRunStore.getState().slots[0]?.nonFinite;
  if (nf) {
    const at = h.records.find((r) => recStep(r) === nf.step);
    if (at) return at;
  }
  return h.latest;
}
