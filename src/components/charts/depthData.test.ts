import { describe, expect, it } from 'vitest';
import { DEPTH_SERIES, type DepthSeriesDef, depthData, onLogAxis } from './depthData';
import { packed } from './testRecords';

describe('depth profile data', () => {
  const [first, now] = packed([
    { step: 0, actStd: [1, 0.5, 0.25], gradStd: [1e-3, 1e-2, 1e-1] },
    { step: 40, actStd: [1, 0.9, 0], gradStd: [2e-3, Number.NaN, 3e-1] },
  ]);

  it('has a row per layer with now, step 0 and theory, and the exact values for the tooltip', () => {
    const d = depthData({ now, first, theory: { actStd: [1, 0.7, 0.5], gradRatio: [0.1, 0.5, 1] } });
    expect(d.layers).toBe(3);
    expect(d.present.map((s) => s.key)).toEqual(['act', 'grad', 'act0', 'grad0', 'actTheory', 'gradTheory']);
    expect(d.rows[1].act).toBeCloseTo(0.9, 6);
    expect(d.rows[1].act0).toBe(0.5);
    // Gradient theory is a ratio anchored at the measured step-0 top-layer gradient (0.1).
    expect(d.rows[0].gradTheory).toBeCloseTo(0.01, 8);
    // Off the log axis (0, NaN): a gap in the line, the value itself in `raw`.
    expect(d.rows[2].act).toBeNull();
    expect(d.rows[2].raw.act).toBe(0);
    expect(d.rows[1].grad).toBeNull();
    expect(Number.isNaN(d.rows[1].raw.grad)).toBe(true);
    expect(d.offAxis).toEqual([]);
    expect(d.extent?.[0]).toBeCloseTo(1e-3, 8);
    expect(d.extent?.[1]).toBe(1);
  });

  it('leaves step 0 out while the shown step is step 0 (the lines coincide)', () => {
    const d = depthData({ now: first, first, theory: null });
    expect(d.present.map((s) => s.key)).toEqual(['act', 'grad']);
  });

  it('names a series with nothing on a log axis (zero init) and gives no extent when nothing draws', () => {
    const [z] = packed([{ step: 0, actStd: [0, 0], gradStd: [0, 0] }]);
    const d = depthData({ now: z, first: z, theory: null });
    expect(d.offAxis.map((s) => s.key)).toEqual(['act', 'grad']);
    expect(d.extent).toBeNull();
  });

  it('draws the residual stream (now, step 0, theory) only for residual networks, and no gradient theory there', () => {
    const [r0, r1] = packed([
      { step: 0, actStd: [1, 1, 1], gradStd: [1, 1, 1], streamStd: [0.8, 1.1, 1.6] },
      { step: 9, actStd: [1, 1, 1], gradStd: [1, 1, 1], streamStd: [0.9, 1.3, 2] },
    ]);
    const theory = {
      actStd: [1, 1, 1],
      gradRatio: [Number.NaN, Number.NaN, Number.NaN],
      streamStd: [0.8, 1.13, 1.6],
    };
    const d = depthData({ now: r1, first: r0, theory });
    expect(d.present.map((s) => s.key)).toEqual([
      'act',
      'grad',
      'stream',
      'act0',
      'grad0',
      'stream0',
      'actTheory',
      'streamTheory',
    ]);
    expect(d.rows[2].stream).toBeCloseTo(2, 6);
    expect(d.rows[2].stream0).toBeCloseTo(1.6, 6);
    expect(depthData({ now, first, theory: null }).present.map((s) => s.key)).not.toContain('stream');
  });

  it('takes one more series from one more list entry', () => {
    const stream: DepthSeriesDef = {
      key: 'extra',
      label: 'extra',
      tone: 'act',
      kind: 'now',
      read: (d, i) => (d.now ? (i + 1) * 2 : undefined),
    };
    const d = depthData({ now, first, theory: null }, [...DEPTH_SERIES, stream]);
    expect(d.present.map((s) => s.key)).toContain('extra');
    expect(d.rows.map((r) => r.extra)).toEqual([2, 4, 6]);
  });

  it('sends exact zeros in disguise off the log axis and keeps real small values', () => {
    expect([1e-150, 0, 2.7e-8, 1e-40, Number.NaN, Number.POSITIVE_INFINITY].map(onLogAxis)).toEqual([
      null,
      null,
      2.7e-8,
      1e-40,
      null,
      null,
    ]);
  });
});
