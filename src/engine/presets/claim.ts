// Building blocks for claims: run the check only when the records it needs are there, and turn a thrown
// error or a missing record into a failed claim with a reason instead of an exception.
import type { StatsRecord } from '../stats/types';
import type { ClaimResult } from './types';

export type Runs = readonly (readonly StatsRecord[])[];

/**
 * A claim check that reads each run's record at `step`: the first record at or after it, since a page's
 * history may thin or skip records (step 0, the network at init, is always kept).
 */
export function checkAt(step: number, fn: (recs: StatsRecord[]) => ClaimResult): (runs: Runs) => ClaimResult {
  return (runs) => {
    const recs: StatsRecord[] = [];
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i].find((x) => x.step >= step);
      if (!r) {
        const last = runs[i].at(-1);
        const got = last ? `only reached step ${last.step}` : 'has no records';
        return { ok: false, measured: `run ${i + 1} ${got}; the claim needs step ${step}` };
      }
      recs.push(r);
    }
    if (recs.length === 0) return { ok: false, measured: 'no runs to check' };
    try {
      return fn(recs);
    } catch (e) {
      return { ok: false, measured: `check failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
}

/** All conditions must hold; `measured` lists every number either way. */
export function all(parts: readonly [boolean, string][]): ClaimResult {
  return { ok: parts.every(([ok]) => ok), measured: parts.map(([, m]) => m).join('; ') };
}
