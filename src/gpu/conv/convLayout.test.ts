// The conv network's GPU layout (shapes, slots, the packed params in paramTensors order) and its memory
// figure, which refuses oversized networks before anything is allocated.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { buildGraph, paramTensors } from '../../engine/graph';
import { networkDims } from '../../engine/memory';
import { planLimits } from '../device';
import { estimateGpuBytes } from '../deviceBudget';
import { align } from '../netLayout';
import { convLayout } from './convLayout';

const cfg = (over: Partial<RunConfig>): RunConfig => ({
  ...DEFAULT_CONFIG,
  arch: 'conv',
  data: 'probe',
  in: 1,
  ...over,
});

describe('convLayout', () => {
  it('keeps the maps of every layer, pooled ones and the params in paramTensors order', () => {
    const c = cfg({ depth: 3, width: 8, batch: 4, pool: 2, kernel: 5, in: 2, norm: 'batch' });
    const graph = buildGraph(c);
    const lay = convLayout(graph, c.batch, 'direct');
    expect(lay.convs.map((l) => [l.Cin, l.Cout, l.k, l.side, l.outSide])).toEqual([
      [2, 8, 5, 28, 28],
      [8, 8, 5, 28, 14],
      [8, 8, 5, 14, 14],
    ]);
    expect(lay.perLayer.units).toEqual([28 * 28 * 8, 28 * 28 * 8, 14 * 14 * 8]);
    expect(lay.perLayer.outUnits).toEqual([28 * 28 * 8, 14 * 14 * 8, 14 * 14 * 8]);
    expect(lay.perLayer.weights).toEqual([8 * 2 * 25, 8 * 8 * 25, 8 * 8 * 25]);
    expect(lay.poolOff).toEqual([-1, 0, -1]);
    expect(lay.poolElems).toBe(align(4 * 14 * 14 * 8));
    expect(lay.lastSide).toBe(14);
    expect(lay.actStride).toBe(align(4 * 28 * 28 * 8));
    const sizes = paramTensors(graph).map((t) => align(t.size));
    expect(lay.paramElems).toBe(sizes.reduce((a, b) => a + b, 0));
    expect(lay.wOff[1]).toBe(sizes[0]);
    expect(lay.gammaOff).toHaveLength(3);
  });
});

describe('GPU memory of a conv network', () => {
  it('counts the feature maps: a 20-layer, 64-channel net at batch 256 needs gigabytes and is refused with figures', () => {
    const big = cfg({ depth: 20, width: 64, batch: 256, data: 'fashion', opt: 'adam' });
    const e = estimateGpuBytes(big, networkDims(big));
    // z, h and δ hold 20 layers × 256 × 28² × 64 values each.
    expect(e.parts.trainer).toBeGreaterThan(3 * 4 * 20 * 256 * 784 * 64);
    expect(e.bytes).toBeGreaterThan(3 * 1024 ** 3);
    const limits = {
      maxStorageBufferBindingSize: 2 ** 31 - 4,
      maxBufferSize: 2 ** 31 - 4,
      maxComputeWorkgroupStorageSize: 32768,
      maxStorageBuffersPerShaderStage: 10,
      maxComputeInvocationsPerWorkgroup: 1024,
    } as GPUSupportedLimits;
    expect(() => planLimits(limits, e, 2 * 1024 ** 3)).toThrow(
      /^This network needs \d+(\.\d)? GiB of buffers, this GPU allows 2 GiB\./,
    );
    const small = cfg({ depth: 3, width: 8, batch: 8 });
    const s = estimateGpuBytes(small, networkDims(small));
    expect(s.bytes).toBeLessThan(64 * 1024 ** 2);
    expect(() => planLimits(limits, s, 2 * 1024 ** 3)).not.toThrow();
  });
});
