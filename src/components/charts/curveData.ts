// Rows for the SVG loss and accuracy charts, built from the packed history at ≤ 4 Hz: the train values
// smoothed over every record (then sampled, so the smoothing does not depend on the sampling), the raw
// per-batch values, and every held-out evaluation that is still in the history.
import { recAccuracy, recLoss, recStep, recTest } from '../../store/recordView';
import { indexAtOrBefore } from '../../store/scrub';
import { smooth } from './records';
import { lttb, MAX_POINTS } from './sample';

export interface CurveRow {
  step: number;
  loss: number | null;
  lossRaw: number | null;
  testLoss: number | null;
  acc: number | null;
  accRaw: number | null;
  testAcc: number | null;
}

/** A value an axis can draw: finite, and positive on a log axis; anything else is a gap (null). */
export function drawable(v: number, log: boolean): number | null {
  return Number.isFinite(v) && (!log || v > 0) ? v : null;
}

/** The smoothing the charts have always used: lighter once there are many records. */
export function smoothingAlpha(n: number): number {
  return n > 200 ? 0.1 : 0.3;
}

export function curveRows(recs: readonly Float32Array[], logLoss: boolean, max = MAX_POINTS): CurveRow[] {
  const n = recs.length;
  if (n === 0) return [];
  const lossRaw = new Float64Array(n);
  const accRaw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lossRaw[i] = recLoss(recs[i]);
    accRaw[i] = recAccuracy(recs[i]);
  }
  const alpha = smoothingAlpha(n);
  const loss = smooth(lossRaw, alpha);
  const acc = smooth(accRaw, alpha);
  // Test evaluations are sparse (every 25 steps) and each one matters: keep them all, sample the rest.
  const tests: number[] = [];
  for (let i = 0; i < n; i++) if (recTest(recs[i]) !== null) tests.push(i);
  const budget = Math.max(Math.floor(max / 2), max - tests.length);
  const picked = new Set(
    lttb(
      n,
      (i) => recStep(recs[i]),
      (i) => lossRaw[i],
      budget,
    ),
  );
  for (const i of tests) picked.add(i);
  const idx = [...picked].sort((a, b) => a - b);
  return idx.map((i) => ({
    step: recStep(recs[i]),
    loss: drawable(loss[i], logLoss),
    lossRaw: drawable(lossRaw[i], logLoss),
    testLoss: drawable(recTest(recs[i])?.loss ?? Number.NaN, logLoss),
    acc: drawable(acc[i], false),
    accRaw: drawable(accRaw[i], false),
    testAcc: drawable(recTest(recs[i])?.accuracy ?? Number.NaN, false),
  }));
}

/** One row per sampled step; `run{i}` = run i's smoothed train value at its last record at or before it. */
export type OverlayRow = { step: number } & Record<string, number | null>;

export function overlayRows(
  runs: readonly (readonly Float32Array[])[],
  which: 'loss' | 'accuracy',
  log: boolean,
  max = MAX_POINTS,
): OverlayRow[] {
  const value = which === 'loss' ? recLoss : recAccuracy;
  const smoothed = runs.map((recs) => smooth(Float64Array.from(recs, value), smoothingAlpha(recs.length)));
  // The steps come from the run that got furthest, sampled where its own curve bends.
  let lead = -1;
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    if (r.length > 0 && (lead < 0 || recStep(r[r.length - 1]) > recStep(runs[lead][runs[lead].length - 1])))
      lead = i;
  }
  if (lead < 0) return [];
  const leadRecs = runs[lead];
  const idx = lttb(
    leadRecs.length,
    (i) => recStep(leadRecs[i]),
    (i) => smoothed[lead][i],
    max,
  );
  return idx.map((k) => {
    const step = recStep(leadRecs[k]);
    const row: OverlayRow = { step };
    runs.forEach((recs, r) => {
      const j = indexAtOrBefore((m) => recStep(recs[m]), recs.length, step);
      row[`run${r}`] = j >= 0 ? drawable(smoothed[r][j], log) : null;
      row[`run${r}Step`] = j >= 0 ? recStep(recs[j]) : null;
    });
    return row;
  });
}
