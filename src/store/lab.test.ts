import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { mapGroupStatus, mapPoolSize, mapTimeLeft } from './lab';

describe('mapPoolSize', () => {
  it('leaves a core for the page and one for the explorer, and uses at most 4', () => {
    expect(mapPoolSize(1)).toBe(1);
    expect(mapPoolSize(2)).toBe(1);
    expect(mapPoolSize(4)).toBe(2);
    expect(mapPoolSize(16)).toBe(4);
  });
});

describe('mapTimeLeft', () => {
  const base = {
    id: 1,
    config: DEFAULT_CONFIG,
    sw2: [1, 2],
    depths: [2, 8],
    steps: 100,
    cells: [null, null, null, null],
    done: 0,
    status: 'running' as const,
    theory: null,
    startedAt: 0,
    stepsDone: 0,
  };
  it('on WebGPU: steps left × time per step of the whole grid', () => {
    expect(mapTimeLeft({ ...base, engine: 'webgpu', stepsDone: 40, msPerUnit: 5 })).toBe(300);
    expect(mapTimeLeft({ ...base, engine: 'webgpu', msPerUnit: null })).toBeNull();
  });
  it('on WebGPU in groups: the steps left of every group, one group after another', () => {
    // 3 groups of 100 steps; group 2 is at step 40 (140 done of 300).
    expect(mapTimeLeft({ ...base, engine: 'webgpu', gpuGroups: 3, stepsDone: 140, msPerUnit: 5 })).toBe(800);
  });
  it('on the CPU workers: the depth × steps of the cells not trained yet', () => {
    const cell = { sw2: 1, depth: 2, loss0: 1, loss: 1, accuracy: 0.5 };
    const m = { ...base, engine: 'cpu' as const, cells: [cell, null, null, null], msPerUnit: 0.01 };
    expect(mapTimeLeft(m)).toBeCloseTo((2 + 8 + 8) * 100 * 0.01, 10);
    expect(mapTimeLeft({ ...m, status: 'done' })).toBeNull();
  });
});

describe('mapGroupStatus', () => {
  it('the group in training and its step, from the steps done over all groups', () => {
    expect(mapGroupStatus({ stepsDone: 0, steps: 100, gpuGroups: 3 })).toBe('group 1 of 3, step 0 of 100');
    expect(mapGroupStatus({ stepsDone: 140, steps: 100, gpuGroups: 3 })).toBe('group 2 of 3, step 40 of 100');
    expect(mapGroupStatus({ stepsDone: 300, steps: 100, gpuGroups: 3 })).toBe(
      'group 3 of 3, step 100 of 100',
    );
  });
});
