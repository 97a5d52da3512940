// A map split into groups (tiny limits force it) gives every cell exactly the numbers of the unsplit run:
// each net's arithmetic reads only its own buffers, so the group it sits in cannot change a bit of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { loadDataset } from '../../engine/data';
import type { MapCell } from '../../engine/map';
import { nodeDevice } from '../node/nodeGpu';
import { gridMapNeeds, planGridMap, runGridMap } from './gridMap';

const axes = { sw2: [0.5, 1.5, 4], depth: [1, 3, 5] };
const STEPS = 20;

describe('batched map in groups ≡ all at once (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  const cases: [string, Partial<RunConfig>][] = [
    ['tanh · momentum · ce', { act: 'tanh', opt: 'momentum', lr: 0.05, bias: 'normal' }],
    ['relu · adam · mse', { act: 'relu', opt: 'adam', lr: 0.01, loss: 'mse', data: 'spiral' }],
  ];
  for (const [name, over] of cases) {
    it(name, async () => {
      const base: RunConfig = { ...DEFAULT_CONFIG, data: 'circles', width: 8, batch: 16, ...over };
      const data = await loadDataset(base);
      const whole = gridMapNeeds(base, data, axes);
      // A third of the whole grid's bytes: at least 3 groups.
      const big = 2 ** 30;
      const plan = planGridMap(base, data, axes, {
        maxBufferSize: big,
        maxStorageBufferBindingSize: big,
        budgetBytes: Math.ceil(whole.bytes / 3),
      });
      expect(plan.groups.length).toBeGreaterThanOrEqual(3);

      const once = await runGridMap(device, base, data, axes, STEPS);
      expect(once.groups).toBe(1);
      const seen: { group: number; groups: number }[] = [];
      const early: MapCell[] = [];
      const split = await runGridMap(device, base, data, axes, STEPS, {
        groups: plan.groups,
        onProgress: (_done, _steps, group, groups) => seen.push({ group, groups }),
        onGroupDone: (cells) => early.push(...cells),
      });
      expect(split.groups).toBe(plan.groups.length);
      // Identical, not merely close: loss0, loss and accuracy bit for bit, in the same cell order.
      expect(split.cells).toEqual(once.cells);
      expect(once.cells.some((c) => c.loss < 0.9 * c.loss0)).toBe(true);
      // Progress went through every group in turn, and each group's cells came as it finished.
      expect([...new Set(seen.map((s) => s.group))]).toEqual(plan.groups.map((_, g) => g));
      expect(seen.every((s) => s.groups === plan.groups.length)).toBe(true);
      expect(early.length).toBe(once.cells.length);
      console.log(
        `${name}: ${plan.groups.length} groups (${plan.groups.map((g) => g.length).join(' + ')} cells)`,
      );
    });
  }

  it('a stop in the second group ends the run with no cells and trains no further group', async () => {
    const base: RunConfig = { ...DEFAULT_CONFIG, data: 'circles', width: 8, batch: 16 };
    const data = await loadDataset(base);
    const groups = [
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ];
    const reached = new Set<number>();
    const r = await runGridMap(device, base, data, axes, STEPS, {
      groups,
      trainer: { maxStepsPerSubmit: 4 },
      onProgress: (_d, _s, group) => reached.add(group),
      stopped: () => reached.has(1),
    });
    expect(r.stopped).toBe(true);
    expect(r.cells).toEqual([]);
    expect([...reached]).toEqual([0, 1]);
  });
});
