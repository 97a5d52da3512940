// The WGSL trainer's normalization and residual blocks against a float64 implementation of
// docs/LAYERS.md (layersReference.ts): every norm × res × rezero with relu and tanh, two SGD steps —
// each step's loss and per-layer statistics (pre, act, grad, norm, stream), then W, b, γ, β, α after the
// updates and the held-out loss in evaluation mode (BatchNorm: running statistics).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { batchIndices } from '../engine/data/batches';
import { initializeNetwork } from '../engine/init';
import { networkDims } from '../engine/memory';
import type { StatsRecord } from '../engine/stats/types';
import { createGpuTrainer } from './gpuTrainer';
import { refEvaluate, type RefLayerStats, refNet, refPass, refSgd } from './layersReference';
import type { MatmulStrategy } from './matmulKernels';
import { nodeDevice } from './node/nodeGpu';
import { close, STEP_TOL } from './parityCheck';

function compareStats(
  got: StatsRecord,
  want: { loss: number; layers: RefLayerStats[] },
  k: number,
): string[] {
  const out: string[] = [];
  const chk = (path: string, a: number | undefined, b: number) => {
    if (a === undefined || !close(a, b, STEP_TOL)) out.push(`step ${k} ${path}: ${a} vs ${b}`);
  };
  chk('loss', got.loss, want.loss);
  want.layers.forEach((w, i) => {
    const g = got.layers[i];
    chk(`L${i + 1}.pre.mean`, g.pre.mean, w.pre.mean);
    chk(`L${i + 1}.pre.std`, g.pre.std, w.pre.std);
    chk(`L${i + 1}.act.mean`, g.act.mean, w.act.mean);
    chk(`L${i + 1}.act.std`, g.act.std, w.act.std);
    chk(`L${i + 1}.act.satFrac`, g.act.satFrac, w.act.satFrac);
    chk(`L${i + 1}.grad.std`, g.grad.std, w.grad.std);
    chk(`L${i + 1}.grad.weightGradNorm`, g.grad.weightGradNorm, w.grad.weightGradNorm);
    if (w.norm) {
      chk(`L${i + 1}.norm.mean`, g.norm?.mean, w.norm.mean);
      chk(`L${i + 1}.norm.std`, g.norm?.std, w.norm.std);
    } else if (g.norm) out.push(`L${i + 1}: unexpected norm`);
    if (w.stream) {
      chk(`L${i + 1}.stream.std`, g.stream?.std, w.stream.std);
      chk(`L${i + 1}.stream.gradStd`, g.stream?.gradStd, w.stream.gradStd);
    } else if (g.stream) out.push(`L${i + 1}: unexpected stream`);
  });
  return out;
}

function compareArrays(what: string, got: ArrayLike<number>, want: ArrayLike<number>): string[] {
  for (let k = 0; k < want.length; k++)
    if (!close(got[k], want[k], STEP_TOL)) return [`${what}[${k}]: ${got[k]} vs ${want[k]}`];
  return [];
}

interface Case {
  norm: RunConfig['norm'];
  res: 0 | 1;
  rezero: 0 | 1;
  act: RunConfig['act'];
  strategy: MatmulStrategy;
  /** Shape overrides (default 4 × 12, batch 8). */
  shape?: Partial<Pick<RunConfig, 'depth' | 'width' | 'batch'>>;
}

const CASES: Case[] = [];
for (const norm of ['none', 'batch', 'layer'] as const)
  for (const [res, rezero] of [
    [0, 0],
    [1, 0],
    [1, 1],
  ] as const)
    for (const act of ['relu', 'tanh'] as const) {
      if (norm === 'none' && res === 0) continue;
      CASES.push({
        norm,
        res,
        rezero,
        act,
        // The tiled kernels (slow on software adapters) on one residual and one plain network; the
        // long-group cases below run both forms.
        strategy:
          act === 'tanh' && ((norm === 'batch' && res === 0) || (norm === 'layer' && rezero === 1))
            ? 'tiled'
            : 'direct',
      });
    }

// Groups longer than a workgroup (batch 100 > 64 threads per BatchNorm column, width 70 > 64 per LayerNorm
// row) and sizes that are not multiples of 4 (no vec4 paths), in both reduction forms.
for (const strategy of ['direct', 'tiled'] as const)
  for (const norm of ['batch', 'layer'] as const)
    CASES.push({
      norm,
      res: 1,
      rezero: 1,
      act: 'tanh',
      strategy,
      shape: { depth: 3, width: 70, batch: 100 },
    });

// Depth 1 (no block: the head reads x¹ = h¹) and depth 2 (one block, whose stream input is h¹).
for (const depth of [1, 2])
  CASES.push({
    norm: 'batch',
    res: 1,
    rezero: 1,
    act: 'relu',
    strategy: 'direct',
    shape: { depth, width: 12, batch: 8 },
  });

describe('normalization and residual blocks ≡ docs/LAYERS.md (float64 reference)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  for (const c of CASES)
    it(`${c.norm} res=${c.res} rezero=${c.rezero} ${c.act} ${c.strategy}${c.shape ? ` ${c.shape.depth}×${c.shape.width} b${c.shape.batch}` : ''}`, async () => {
      const config: RunConfig = {
        ...DEFAULT_CONFIG,
        norm: c.norm,
        res: c.res,
        rezero: c.rezero,
        act: c.act,
        init: 'kaiming_normal',
        depth: 4,
        width: 12,
        batch: 8,
        data: 'spiral',
        opt: 'sgd',
        lr: 0.1,
        ...c.shape,
      };
      const data = await loadDataset(config);
      const dims = networkDims(config);
      const init = initializeNetwork(config, dims);
      const gpu = await createGpuTrainer(device, config, data, { strategy: c.strategy, init: 'cpu' });
      try {
        const ref = refNet(
          config,
          dims,
          init.map((l) => l.W),
          init.map((l) => l.b),
        );
        const idx = new Int32Array(config.batch);
        const problems: string[] = [];
        const recs = await gpu.run(2);
        for (let k = 0; k < 2; k++) {
          batchIndices(config.seed, k, config.batch, data.train.n, idx);
          const pass = refPass(ref, data.train.x, data.train.y, idx);
          problems.push(...compareStats(recs[k], pass, k));
          refSgd(ref, pass, config.lr);
        }
        const w = await gpu.weights();
        w.forEach((l, i) => {
          problems.push(...compareArrays(`W${i + 1}`, l.W, ref.p.W[i]));
          problems.push(...compareArrays(`b${i + 1}`, l.b, ref.p.b[i]));
        });
        const np = await gpu.normParams();
        np.gamma.forEach((g, i) => {
          problems.push(...compareArrays(`γ${i + 1}`, g, ref.p.gamma[i]));
        });
        np.beta.forEach((g, i) => {
          problems.push(...compareArrays(`β${i + 1}`, g, ref.p.beta[i]));
        });
        np.alpha.forEach((a, i) => {
          if (!Number.isNaN(a)) problems.push(...compareArrays(`α${i + 1}`, [a], [ref.p.alpha[i]]));
        });
        const ev = await gpu.evaluate();
        const want = refEvaluate(ref, data.test.x, data.test.y, data.test.n);
        if (!close(ev.loss, want, STEP_TOL)) problems.push(`held-out loss ${ev.loss} vs ${want}`);
        expect(problems.slice(0, 12)).toEqual([]);
      } finally {
        gpu.dispose();
      }
    });
});

describe('dispatches per step', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  // Without statistics, depth L: plain 2L + 3 (forward L + 1 with the loss folded into the head's, as
  // headLoss.ts does for a head this small, else 2L + 4; backward L + 1: per layer ≥ 1 one merged
  // ∂W + input-gradient dispatch, then layer 0's ∂W; optimizer; it was 3L + 4 with separate ones). A plain
  // layer's norm adds its forward and one backward kernel (LayerNorm two: ∂γ/∂β by columns, ∂L/∂v by rows);
  // a residual block has norm/φ, matmul and the stream add forward, the merged ∂W + input gradient and the
  // norm backward (or the stream add) backward; ReZero adds δ = α g_x and ∂α (with α = 1, δ is g_x
  // itself). Statistics add 2 (plain) or 4 kernels. With separate ∂W and input-gradient kernels each
  // network here had L more (the head's and every layer's ≥ 1).
  const L = 4;
  const expected: [Partial<RunConfig>, number][] = [
    [{}, 2 * L + 3],
    [{ norm: 'batch' }, 4 * L + 3],
    [{ norm: 'layer' }, 5 * L + 3],
    [{ res: 1 }, 5 * L + 1],
    [{ res: 1, rezero: 1 }, 7 * L - 1],
    [{ norm: 'batch', res: 1 }, 5 * L + 3],
    [{ norm: 'layer', res: 1, rezero: 1 }, 8 * L + 1],
    // Too big a head to fold (headLoss.ts): the loss keeps its own dispatch.
    [{ width: 260 }, 2 * L + 4],
  ];
  for (const [over, want] of expected)
    it(`${JSON.stringify(over)}: ${want}`, async () => {
      const config: RunConfig = { ...DEFAULT_CONFIG, depth: L, width: 8, batch: 4, data: 'xor', ...over };
      const gpu = await createGpuTrainer(device, config, await loadDataset(config), { strategy: 'direct' });
      try {
        await gpu.run(1, { stats: false });
        expect(gpu.dispatchesPerStep).toBe(want);
        await gpu.run(1);
        const plain = !over.norm && !over.res;
        expect(gpu.dispatchesPerStep).toBe(want + (plain ? 2 : 4));
      } finally {
        gpu.dispose();
      }
    });
});
