import { describe, expect, it } from 'vitest';
import { gridBackendRefusal } from './workerMap';
import { gridLayout } from './gridLayout';
import { gridGroups } from './gridProgram';

describe('batched map layout', () => {
  it('sorts nets deepest first, so layer l is held by a prefix, packs nothing twice, aligns to vec4', () => {
    const lay = gridLayout([2, 5, 1, 5], { inDim: 3, width: 4, classes: 2, batch: 6 });
    expect(lay.nets.map((n) => n.cell)).toEqual([1, 3, 0, 2]);
    expect(lay.count).toEqual([4, 3, 2, 2, 2]);
    expect(lay.hidden.map((h) => h.length)).toEqual([5, 5, 2, 1]);
    // Parameters: each net's layers and head in order, none overlapping, each starting at a multiple of 4
    // words (vec4 loads) with at most 3 words of padding after it.
    const spans = [...lay.hidden.flat(), ...lay.head]
      .map((m) => [m.w, m.b + m.fanOut] as const)
      .sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i][0] % 4).toBe(0);
      expect(spans[i][0] - spans[i - 1][1]).toBeGreaterThanOrEqual(0);
      expect(spans[i][0] - spans[i - 1][1]).toBeLessThan(4);
    }
    expect(lay.paramWords - spans[spans.length - 1][1]).toBeLessThan(4);
    for (const h of lay.hidden.flat()) expect([h.h % 4, h.dphi % 4, h.delta % 4]).toEqual([0, 0, 0]);
    expect(lay.hidden[0][0].fanIn).toBe(3);
    expect(lay.hidden[0][1].fanIn).toBe(4);
  });

  it('spreads workgroups over y past 65535 along x', () => {
    expect(gridGroups(64 * 10, 3)).toEqual([30, 1, 1]);
    const [x, y] = gridGroups(64 * 65535, 2);
    expect(x).toBe(65535);
    expect(y).toBe(2);
  });

  it('trains batched on hardware adapters, on software ones only when asked', () => {
    const hw = { ok: true as const, software: false, description: 'gpu' };
    const sw = { ok: true as const, software: true, description: 'swiftshader' };
    expect(gridBackendRefusal('auto', hw, null)).toBeNull();
    expect(gridBackendRefusal('webgpu', sw, null)).toBeNull();
    expect(gridBackendRefusal('auto', sw, null)).toMatch(/software adapter/);
    expect(gridBackendRefusal('cpu', hw, null)).toMatch(/CPU engine was chosen/);
    expect(gridBackendRefusal('auto', { ok: false, reason: 'none' }, null)).toMatch(/unavailable: none/);
    expect(gridBackendRefusal('auto', hw, 'no conv')).toBe('no conv');
  });
});
