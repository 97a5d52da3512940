import { describe, expect, it } from 'vitest';
import { H, packRecords, splitPacked } from '../gpu/workerProtocol';
import type { StatsRecord } from '../engine/stats/types';
import { History } from './history';

function rec(step: number): StatsRecord {
  return {
    step,
    loss: 1 / (step + 1),
    accuracy: 0.5,
    layers: [
      {
        layer: 1,
        act: { mean: 0, std: 1, min: 0, max: 1, zeroFrac: 0, satFrac: 0 },
        pre: { mean: 0, std: 1 },
        grad: { std: 1, rms: 1, weightGradNorm: 1 },
        weight: { std: 1, updateRatio: 0 },
      },
    ],
  };
}

function feed(h: History, from: number, to: number, chunk = 7): void {
  for (let s = from; s < to; s += chunk) {
    const recs = [];
    for (let t = s; t < Math.min(to, s + chunk); t++) recs.push(rec(t));
    h.push(splitPacked(packRecords(recs)));
  }
}

describe('History', () => {
  it('keeps step 0 and a bounded, evenly thinned set over 100k steps', () => {
    const h = new History(200);
    feed(h, 0, 100_000, 50);
    expect(h.size).toBeLessThanOrEqual(201);
    expect(h.size).toBeGreaterThan(90);
    const steps = h.records.map((r) => r[H.step]);
    expect(steps[0]).toBe(0);
    for (let i = 1; i < steps.length; i++) expect(steps[i]).toBeGreaterThan(steps[i - 1]);
    // gaps after thinning are uniform except near the tail
    const gaps = steps.slice(1, -1).map((s, i) => s - steps[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2 * Math.min(...gaps));
    expect(h.latest?.[H.step]).toBe(99_999);
  });

  it('notifies subscribers and returns records in the CLI schema with the latest one', () => {
    const h = new History(8);
    let calls = 0;
    const off = h.subscribe(() => calls++);
    feed(h, 0, 30, 3);
    off();
    feed(h, 30, 33, 3);
    expect(calls).toBe(10);
    const all = h.toRecords();
    expect(all[0].step).toBe(0);
    expect(all[all.length - 1].step).toBe(32);
    expect(all[0].layers[0].act.std).toBe(1);
  });

  it('clear() starts over', () => {
    const h = new History(8);
    feed(h, 0, 20);
    h.clear();
    expect(h.size).toBe(0);
    expect(h.latest).toBeNull();
    feed(h, 0, 3);
    expect(h.records.map((r) => r[H.step])).toEqual([0, 1, 2]);
  });
});
