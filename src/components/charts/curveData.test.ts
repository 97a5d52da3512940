import { describe, expect, it } from 'vitest';
import { curveRows, overlayRows } from './curveData';
import { MAX_POINTS } from './sample';
import { packed } from './testRecords';

const run = (n: number, loss: (s: number) => number, from = 0) =>
  packed(
    Array.from({ length: n }, (_, k) => {
      const step = from + k;
      return {
        step,
        loss: loss(step),
        accuracy: 0.5,
        ...(step % 25 === 0 ? { test: { loss: 2, accuracy: 0.4 } } : {}),
        actStd: [1],
        gradStd: [1],
      };
    }),
  );

describe('loss and accuracy rows', () => {
  it('keeps ≤ MAX_POINTS rows from 1024 records, first and last and every test evaluation', () => {
    const recs = run(1024, (s) => 1 / (1 + s / 100));
    const rows = curveRows(recs, true);
    expect(rows.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(rows[0].step).toBe(0);
    expect(rows[rows.length - 1].step).toBe(1023);
    const tests = rows.filter((r) => r.testLoss !== null).map((r) => r.step);
    expect(tests).toEqual(Array.from({ length: 41 }, (_, k) => k * 25));
    for (let i = 1; i < rows.length; i++) expect(rows[i].step).toBeGreaterThan(rows[i - 1].step);
  });

  it('reports the recorded per-batch value, and leaves values a log axis cannot draw as gaps', () => {
    const recs = run(10, (s) => (s === 3 ? 0 : s === 5 ? Number.POSITIVE_INFINITY : 0.5 + s));
    const log = curveRows(recs, true);
    expect(log[2].lossRaw).toBe(2.5);
    expect(log[3].lossRaw).toBeNull();
    expect(log[5].lossRaw).toBeNull();
    expect(curveRows(recs, false)[3].lossRaw).toBe(0);
  });
});

describe('compare overlay rows', () => {
  it("gives each run's value at the row's step, or its last record before it", () => {
    const a = run(50, () => 1);
    const b = run(40, () => 2);
    const rows = overlayRows([a, b], 'loss', true);
    expect(rows[rows.length - 1].step).toBe(49);
    expect(rows[rows.length - 1].run0).toBe(1);
    expect(rows[rows.length - 1].run1).toBe(2);
    expect(rows[rows.length - 1].run1Step).toBe(39);
    expect(overlayRows([[], []], 'loss', true)).toEqual([]);
  });
});
