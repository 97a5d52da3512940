// The conv network through the CPU trainer: its graph, parameters and buffers agree with what the memory
// estimate counts; an oversized net is refused with figures before anything is allocated; conv fans;
// evaluation with BatchNorm2d's running statistics; LSUV; the 2-D dataset correction.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../config';
import { normalizeConfig } from '../../config/codec';
import { loadDataset } from '../../data';
import { buildGraph, graphExtras, paramTensors } from '../../graph';
import { initSpec } from '../../init';
import { CPU_MEMORY_LIMIT_BYTES, estimateCpuBytes } from '../../memory';
import { moments } from '../../stats/compute';
import { createCpuTrainer } from '../cpuTrainer';
import { ConvNet } from './convNet';

const base: RunConfig = {
  ...DEFAULT_CONFIG,
  arch: 'conv',
  depth: 4,
  width: 6,
  batch: 8,
  data: 'probe',
  in: 2,
  act: 'relu',
  init: 'kaiming_normal',
};

/** Every typed array reachable from an object (one level of arrays and plain objects). */
function typedValues(o: object, seen = new Set<unknown>()): number {
  let n = 0;
  for (const v of Object.values(o)) {
    if (seen.has(v)) continue;
    seen.add(v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) n += (v as Float32Array).length;
    else if (Array.isArray(v))
      for (const e of v) n += e && typeof e === 'object' ? typedValues({ e }, seen) : 0;
    else if (
      v &&
      typeof v === 'object' &&
      !(v instanceof ConvNet) &&
      Object.getPrototypeOf(v) === Object.prototype
    )
      n += typedValues(v, seen);
  }
  return n;
}

describe('conv network on the CPU engine', () => {
  it('graph: conv, norm, φ, pool per layer; parameter list equals what the engine allocates', async () => {
    const c: RunConfig = { ...base, norm: 'batch', res: 1, rezero: 1, pool: 2 };
    const g = buildGraph(c);
    expect(g.hidden[0].ops.map((o) => o.kind)).toEqual(['conv2d', 'norm', 'activation']);
    expect(g.hidden[1].ops.map((o) => o.kind)).toEqual(['residual', 'pool']);
    expect(g.inDim).toBe(2 * 28 * 28);
    const t = await createCpuTrainer(c, await loadDataset(c));
    const net = t.net as ConvNet;
    const sizes = paramTensors(g).map((p) => p.size);
    const allocated = [...net.W, ...net.b, ...net.extraParams().p].map((a) => a.length);
    expect(allocated).toEqual(sizes);
    expect(sizes[0]).toBe(6 * 2 * 9);
    expect(net.convs.map((l) => l.side)).toEqual([28, 28, 14, 14]);
  });

  it('the memory estimate counts what the engine allocates (within 10 %)', async () => {
    for (const patch of [
      {},
      { norm: 'layer' as const, res: 1 as const, pool: 1 },
      { norm: 'batch' as const, kernel: 5 },
    ]) {
      const c = { ...base, ...patch };
      const t = await createCpuTrainer(c, await loadDataset(c));
      const net = t.net as ConvNet;
      // Parameters × (value, gradient) are in the net; the momentum optimizer adds one slot per parameter.
      const params = paramTensors(buildGraph(c)).reduce((s, p) => s + p.size, 0);
      const actual = typedValues(net) + params + net.productScratchValues;
      const d = await loadDataset(c);
      const dataBytes = (d.train.n + d.test.n) * (4 * d.inDim + 4);
      const estimated = (estimateCpuBytes(c) - dataBytes) / 4;
      expect(estimated / actual, JSON.stringify(patch)).toBeGreaterThan(0.9);
      expect(estimated / actual, JSON.stringify(patch)).toBeLessThan(1.1);
      expect(graphExtras(buildGraph(c), c.batch).values).toBeGreaterThan(3 * c.batch * 28 * 28 * c.width);
    }
  });

  it('refuses a 20-layer, 64-channel net at batch 256 with its figures, before allocating', async () => {
    const c: RunConfig = { ...base, depth: 20, width: 64, batch: 256, data: 'probe', in: 1 };
    const need = estimateCpuBytes(c);
    expect(need).toBeGreaterThan(3e9);
    expect(need).toBeGreaterThan(CPU_MEMORY_LIMIT_BYTES);
    // 64·9 + 64, then 19 × (64·64·9 + 64), then the head 64·10 + 10.
    await expect(createCpuTrainer(c, await loadDataset(c))).rejects.toThrow(
      /This network \(702,922 parameters, batch 256\) needs \d+\.\d GB of memory/,
    );
  });

  it('conv fans: fan_in = C·k², fan_out = N·k² for every initializer, torch_default = Conv2d’s', async () => {
    const shape = { kind: 'conv' as const, rows: 6, cols: 2 * 25 };
    const ki = initSpec({ ...base, mode: 'fan_in' }, 2 * 25, 6 * 25, shape);
    const ko = initSpec({ ...base, mode: 'fan_out' }, 2 * 25, 6 * 25, shape);
    expect(ki.std).toBeCloseTo(Math.SQRT2 / Math.sqrt(50), 12);
    expect(ko.std).toBeCloseTo(Math.SQRT2 / Math.sqrt(150), 12);
    expect(initSpec({ ...base, init: 'torch_default' }, 50, 150, shape).bound).toBeCloseTo(
      1 / Math.sqrt(50),
      12,
    );
    expect(initSpec({ ...base, init: 'orthogonal' }, 50, 150, shape).weightVar).toBeCloseTo(1 / 50, 12);
    // The article: conv kaiming_normal fan_out/ReLU, linear kaiming_uniform fan_in/ReLU, whatever φ is.
    expect(initSpec({ ...base, init: 'article', act: 'tanh' }, 50, 150, shape).std).toBeCloseTo(
      Math.SQRT2 / Math.sqrt(150),
      12,
    );
    expect(initSpec({ ...base, init: 'article', act: 'tanh' }, 64, 10).bound).toBeCloseTo(
      Math.sqrt(6 / 64),
      12,
    );
    const c: RunConfig = { ...base, width: 32, kernel: 5, mode: 'fan_out' };
    const t = await createCpuTrainer(c, await loadDataset(c));
    expect(moments(t.net.W[1]).std).toBeCloseTo(Math.SQRT2 / Math.sqrt(32 * 25), 2);
    const torch = await createCpuTrainer({ ...c, init: 'torch_default' }, await loadDataset(c));
    const b = torch.net.b[1];
    expect(Math.max(...b.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(32 * 25));
    expect(Math.max(...b.map(Math.abs))).toBeGreaterThan(0.5 / Math.sqrt(32 * 25));
  });

  it('BatchNorm2d: training uses batch statistics, evaluation the running ones (run(0) leaves them)', async () => {
    const c: RunConfig = { ...base, norm: 'batch', pool: 1 };
    const t = await createCpuTrainer(c, await loadDataset(c));
    const [r0] = await t.run(0);
    expect(r0.layers[0].norm?.std).toBeCloseTo(1, 2);
    expect(Array.from((t.net as ConvNet).norms[0].runVar)).toEqual(new Array(6).fill(1));
    const before = await t.evaluate();
    await t.run(3);
    const after = await t.evaluate();
    expect(Number.isFinite(before.loss) && Number.isFinite(after.loss)).toBe(true);
    expect(after.loss).not.toBe(before.loss);
  });

  it('LSUV brings every conv layer’s Var(z) to 1', async () => {
    const c: RunConfig = { ...base, init: 'lsuv', batch: 16, pool: 2 };
    const t = await createCpuTrainer(c, await loadDataset(c));
    expect(t.lsuvVariances).toHaveLength(5);
    for (const v of t.lsuvVariances ?? []) expect(Math.abs(v - 1)).toBeLessThan(0.1);
  });

  it('a 2-D dataset with arch=conv becomes Fashion-MNIST with a notice', () => {
    const r = normalizeConfig({ arch: 'conv', data: 'spiral', kernel: 4 });
    expect(r.config.data).toBe('fashion');
    expect(r.config.kernel).toBe(5);
    expect(r.notices.join(' ')).toMatch(/Convolutions need images; data=spiral has none/);
  });
});
