import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { bandWithinTheory, deepestTrainable, trainableThreshold } from './band';
import { createCpuTrainer } from '../cpu/cpuTrainer';
import { loadDataset } from '../data';
import { mapCellConfig, trainCell } from './cell';
import { mapToCsv } from './csv';
import { DEFAULT_MAP_LINK, encodeMapLink, parseMapLink } from './link';
import { parseDepths, parseSw2 } from './axes';
import { initSpec } from '../init';

const cell = (sw2: number, depth: number, accuracy: number) => ({
  sw2,
  depth,
  loss0: 1,
  loss: 0.5,
  accuracy,
});

describe('map axes and links', () => {
  it('parses a:b:n and depth lists, and rejects the rest with a message', () => {
    expect(parseSw2('1:4:4')).toEqual({ ok: true, value: [1, 2, 3, 4] });
    expect(parseSw2('1:4:16').ok && (parseSw2('1:4:16') as { value: number[] }).value[1]).toBe(1.2);
    expect(parseSw2('1.76')).toEqual({ ok: true, value: [1.76] });
    for (const bad of ['4:1:3', '0:1:3', '1:2:1', '1:2', 'a:b:c', '1:100:3'])
      expect(parseSw2(bad).ok, bad).toBe(false);
    expect(parseDepths('8, 2,4,2')).toEqual({ ok: true, value: [2, 4, 8] });
    for (const bad of ['', '0', '2,x', '201', '1.5']) expect(parseDepths(bad).ok, bad).toBe(false);
  });

  it('reads map link keys over a base, with notices for bad ones, and writes only what differs', () => {
    const notices: string[] = [];
    const keys: Record<string, string> = { msw2: '1:2:3', mdepths: '4,2', msteps: 'lots', mmetric: 'drop' };
    const m = parseMapLink((k) => keys[k], notices);
    expect(m).toEqual({ sw2: '1:2:3', depths: '2,4', steps: DEFAULT_MAP_LINK.steps, metric: 'drop' });
    expect(notices.length).toBe(1);
    expect(encodeMapLink(m)).toEqual(['msw2=1:2:3', 'mdepths=2,4', 'mmetric=drop']);
    expect(encodeMapLink(m, m)).toEqual([]);
  });
});

describe('map cells', () => {
  it('a cell is kaiming_normal (fan_in) with gain √σ_w²: fan_in·Var W = σ_w² in every layer', () => {
    const c = mapCellConfig({ ...DEFAULT_CONFIG, width: 40 }, 2.5, 7);
    expect(c.depth).toBe(7);
    for (const fanIn of [2, 40]) expect(fanIn * initSpec(c, fanIn, 40).weightVar).toBeCloseTo(2.5, 12);
  });

  it('trains a cell to the same result in paced chunks as in one go', async () => {
    const base = { ...DEFAULT_CONFIG, act: 'tanh' as const, width: 8, batch: 16, data: 'circles' as const };
    const data = await loadDataset(base);
    const once = await trainCell(base, data, 2, 3, 60, createCpuTrainer);
    const chunks: number[] = [];
    const paced = await trainCell(base, data, 2, 3, 60, createCpuTrainer, async (ms) => {
      chunks.push(ms);
    });
    expect(paced).toEqual(once);
    expect(chunks.length).toBeGreaterThan(1);
    expect(once.loss).toBeLessThan(once.loss0);
  });

  it('finds the deepest trainable cell per column and checks it against ξ_c … 12 ξ_c', () => {
    expect(trainableThreshold(2)).toBe(0.75);
    const cells = [
      cell(1, 4, 0.9),
      cell(1, 16, 0.6),
      cell(2, 4, 0.9),
      cell(2, 16, 0.8),
      cell(3, 4, 0.5),
      null,
    ];
    const deepest = deepestTrainable([1, 2, 3], cells, 2);
    expect(deepest).toEqual([4, 16, 0]);
    // ξ_c = 3: 4 ∈ [3, 36]; ξ_c = 1000 > grid's 16: needs the deepest row; ξ_c = 2: nothing trained fails.
    expect(bandWithinTheory(deepest, [3, 1000, 2], 16)).toEqual([true, true, false]);
    expect(bandWithinTheory([40], [3], 64)).toEqual([false]); // deeper than 12 ξ_c
  });

  it('writes CSV rows with the theory of their column', () => {
    const csv = mapToCsv([1, 2], [cell(1, 4, 0.9), null, cell(2, 4, 0.5)], {
      chi1: [0.8, 1.1],
      xi_c: [4.5, Infinity],
    });
    expect(csv.trim().split('\n')).toEqual([
      'sw2,depth,loss0,loss,accuracy,chi1,xi_c',
      '1,4,1,0.5,0.9,0.8,4.5',
      '2,4,1,0.5,0.5,1.1,inf',
    ]);
  });
});
