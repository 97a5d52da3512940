// The conv WGSL kernels against the CPU engine's conv code (im2col + GEMM, pools, moments as normOps
// computes them), in Node through Dawn: forward, input gradient, weight gradient for every kernel size,
// with odd sides, channel counts that do not fill a 16-wide tile, and several samples; the pool both
// ways (odd side included); the per-channel and per-sample moments. Float32 on the GPU, float64 sums on
// the CPU: errors are judged against Σ|terms| (the scale of float32 rounding). The single-output and
// direct forms are checked against the CPU, every register tile (and the direct form) bit for bit against
// the single-output form, on shapes whose channels, maps and batches put the tiles' edges everywhere. The
// weight grad's ∂b (summed beside ∂W) is checked the same ways. Split-K (the weight grad on big GPUs): the
// chunks' partials added by the split reduce, against the CPU, for 'single' and every register tile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avgPool2, avgPool2Backward, col2imAdd, im2col } from '../../engine/cpu/conv/im2col';
import { gemmNT, transpose } from '../../engine/cpu/gemm';
import { readF32, storageBuffer, storageFrom, UniformArena } from '../buffers';
import { bindGroup, KernelCache } from '../kernel';
import { nodeDevice } from '../node/nodeGpu';
import {
  type ConvProduct,
  type ConvShape,
  convGemmGroups,
  convGemmKernel,
  convGemmWords,
  convPartialElems,
  convSplit,
  formName,
  momentsKernel,
  momentsWords,
  poolKernel,
  poolWords,
} from './convKernels';
import { type ConvForm, type ConvTile, convTileCandidates } from './convTile';
import { testRandom } from '../testRandom';
import { SPLIT_REDUCE_KERNEL, type SplitK, splitReduceGroups, splitReduceWords } from '../splitK';

const rand = testRandom;

/** The CPU engine's three products for one shape, in float64 (ConvNet's code path, one sample at a time). */
function cpuConv(s: ConvShape, x: Float32Array, W: Float32Array, b: Float32Array, delta: Float32Array) {
  const P = s.S * s.S;
  const K = s.Cin * s.k * s.k;
  const X = Float64Array.from(x);
  const Wd = Float64Array.from(W);
  const D = Float64Array.from(delta);
  const col = new Float64Array(P * K);
  const colT = new Float64Array(P * K);
  const z = new Float64Array(s.B * P * s.Cout);
  const dx = new Float64Array(s.B * P * s.Cin);
  const dW = new Float64Array(s.Cout * K);
  const tmp = new Float64Array(s.Cout * K);
  const dT = new Float64Array(P * s.Cout);
  const WT = new Float64Array(K * s.Cout);
  transpose(Wd, WT, s.Cout, K);
  for (let r = 0; r < s.B; r++) {
    im2col(X, r * P * s.Cin, s.S, s.Cin, s.k, col);
    gemmNT(col, Wd, z.subarray(r * P * s.Cout), P, s.Cout, K, Float64Array.from(b));
    transpose(D.subarray(r * P * s.Cout), dT, P, s.Cout);
    transpose(col, colT, P, K);
    gemmNT(dT, colT, tmp, s.Cout, K, P, null);
    for (let e = 0; e < tmp.length; e++) dW[e] += tmp[e];
    gemmNT(D.subarray(r * P * s.Cout), WT, col, P, K, s.Cout, null);
    col2imAdd(col, s.S, s.Cin, s.k, dx, r * P * s.Cin);
  }
  // ∂b: δ's column sums over the batch and the positions.
  const db = new Float64Array(s.Cout);
  for (let r = 0; r < s.B * P; r++) for (let o = 0; o < s.Cout; o++) db[o] += D[r * s.Cout + o];
  return { z, dx, dW, db };
}

/** A bound on float32 rounding of a Q-term dot product: 4·Q·max|a|·max|b|·2⁻²³. */
function tolerance(Q: number, a: Float32Array, b: Float32Array): number {
  const max = (v: Float32Array) => v.reduce((m, t) => Math.max(m, Math.abs(t)), 0);
  return 4 * Q * max(a) * max(b) * 2 ** -23 + 1e-7;
}

/** tolerance()'s `b` for a plain sum (∂b: Σ δ). */
const ONE = new Float32Array([1]);

function maxDiff(got: Float32Array, want: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < got.length; i++) m = Math.max(m, Math.abs(got[i] - want[i]));
  return m;
}

const SHAPES: ConvShape[] = [
  { B: 2, S: 7, Cin: 3, Cout: 5, k: 3 },
  { B: 3, S: 5, Cin: 1, Cout: 17, k: 1 },
  { B: 2, S: 9, Cin: 4, Cout: 6, k: 5 },
  { B: 1, S: 6, Cin: 2, Cout: 3, k: 7 },
  { B: 4, S: 28, Cin: 1, Cout: 8, k: 3 },
  // Edges of the register tiles: channels off multiples of 4, 1×1 maps (every tap but the centre is
  // padding), a lone output (Q = 1), kernel 5 with batch 1, and more than 64 channels (the 8×8 tile's width).
  { B: 1, S: 1, Cin: 3, Cout: 5, k: 3 },
  { B: 1, S: 1, Cin: 1, Cout: 1, k: 1 },
  { B: 1, S: 6, Cin: 7, Cout: 9, k: 5 },
  { B: 3, S: 5, Cin: 6, Cout: 70, k: 3 },
  // The quad form's edges: 18 rows (a quad of 2), rows across samples, a second 16-column group whose
  // lanes are all but one past N (input grad: N = Cin = 18), and a weight grad of 4 channels (one lane).
  { B: 2, S: 3, Cin: 18, Cout: 4, k: 3 },
];

/** Every register tile the trainer can pick (the candidates of each width class). */
const TILES: ConvTile[] = [16, 32, 64, 128].flatMap((n) => convTileCandidates(n));

/** Elements whose float32 bits differ. */
function bitDiffs(a: Float32Array, b: Float32Array): number {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) n++;
  return n;
}

describe('conv WGSL kernels match the CPU engine (Dawn)', () => {
  let device: GPUDevice;
  let cache: KernelCache;
  let arena: UniformArena;
  beforeAll(async () => {
    device = (await nodeDevice()).device;
    cache = new KernelCache(device);
    arena = new UniformArena(device);
  });
  afterAll(() => {
    arena?.destroy();
    device?.destroy();
  });

  /**
   * One conv GEMM; `outLen` the product's output (the weight grad: ∂W), read back with the weight grad's
   * ∂b after it (b_off = ∂W's length, convGemmWords' default).
   */
  async function run(
    product: ConvProduct,
    s: ConvShape,
    maps: Float32Array,
    other: Float32Array,
    bias: Float32Array,
    outLen: number,
    form: ConvForm,
  ) {
    const len = outLen + (product === 'weightGrad' ? s.Cout : 0);
    const k = cache.get(convGemmKernel(product, false, form));
    const bufs = [
      storageFrom(device, 'maps', maps),
      storageFrom(device, 'other', other),
      storageFrom(device, 'out', new Float32Array(len)),
      storageFrom(device, 'bias', bias),
    ];
    const bind = bindGroup(device, k, [arena.alloc(convGemmWords(product, s)), ...bufs]);
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(k.pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(...convGemmGroups(product, s, form));
    pass.end();
    device.queue.submit([enc.finish()]);
    const out = await readF32(device, bufs[2], 0, len);
    for (const b of bufs) b.destroy();
    return out;
  }

  /**
   * The weight grad split as `split` says: the GEMM's chunks into a partials buffer, then the split reduce
   * into [∂W | ∂b] (∂b at b_off = ∂W's length). `chunks` (default: all) dispatches fewer chunks, a planted
   * bug the comparison must catch.
   */
  async function runSplit(
    s: ConvShape,
    x: Float32Array,
    delta: Float32Array,
    form: ConvForm,
    split: SplitK,
    chunks = split.splits,
  ) {
    const wCount = s.Cout * s.Cin * s.k * s.k;
    const target = { wCount, bCount: s.Cout, wOff: 0, bOff: wCount };
    const k = cache.get(convGemmKernel('weightGrad', false, form));
    const parts = storageBuffer(device, 'partials', 4 * convPartialElems(s, split));
    const grads = storageFrom(device, 'grads', new Float32Array(wCount + s.Cout).fill(Number.NaN));
    const bufs = [
      storageFrom(device, 'maps', x),
      storageFrom(device, 'other', delta),
      parts,
      storageFrom(device, 'bias', ONE),
    ];
    const bind = bindGroup(device, k, [
      arena.alloc(convGemmWords('weightGrad', s, undefined, { split })),
      ...bufs,
    ]);
    const reduce = cache.get(SPLIT_REDUCE_KERNEL);
    const reduceBind = bindGroup(device, reduce, [
      arena.alloc(splitReduceWords(split, target)),
      parts,
      grads,
    ]);
    const [gx, gy, gz] = convGemmGroups('weightGrad', s, form, split);
    expect(gz).toBe(split.splits);
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    pass.setPipeline(k.pipeline);
    pass.setBindGroup(0, bind);
    pass.dispatchWorkgroups(gx, gy, chunks);
    pass.setPipeline(reduce.pipeline);
    pass.setBindGroup(0, reduceBind);
    pass.dispatchWorkgroups(...splitReduceGroups(target));
    pass.end();
    device.queue.submit([enc.finish()]);
    const out = await readF32(device, grads, 0, wCount + s.Cout);
    for (const b of [...bufs, grads]) b.destroy();
    return { dW: out.subarray(0, wCount), db: out.subarray(wCount) };
  }

  /** The three products of a shape in one form, from the same inputs as cpuConv's. */
  async function products(s: ConvShape, form: ConvForm) {
    const P = s.S * s.S;
    const K = s.Cin * s.k * s.k;
    const x = rand(s.B * P * s.Cin, 1);
    const W = rand(s.Cout * K, 2);
    const b = rand(s.Cout, 3);
    const delta = rand(s.B * P * s.Cout, 4);
    const dWb = await run('weightGrad', s, x, delta, b, s.Cout * K, form);
    return {
      x,
      W,
      b,
      delta,
      z: await run('forward', s, x, W, b, s.B * P * s.Cout, form),
      dx: await run('inputGrad', s, delta, W, b, s.B * P * s.Cin, form),
      dW: dWb.subarray(0, s.Cout * K),
      db: dWb.subarray(s.Cout * K),
    };
  }

  for (const s of SHAPES)
    for (const form of ['single', 'direct'] as const)
      it(`${form} forward, input grad, weight grad: B ${s.B}, ${s.S}×${s.S}, ${s.Cin} → ${s.Cout} channels, k ${s.k}`, async () => {
        const P = s.S * s.S;
        const K = s.Cin * s.k * s.k;
        const { x, W, b, delta, z, dx, dW, db } = await products(s, form);
        const want = cpuConv(s, x, W, b, delta);
        expect(maxDiff(z, want.z)).toBeLessThan(tolerance(K, x, W) + 4e-7);
        expect(maxDiff(dx, want.dx)).toBeLessThan(tolerance(s.Cout * s.k * s.k, delta, W));
        expect(maxDiff(dW, want.dW)).toBeLessThan(tolerance(s.B * P, x, delta));
        expect(maxDiff(db, want.db)).toBeLessThan(tolerance(s.B * P, ONE, delta));
        // The tolerances are small next to the values: a kernel that dropped the padding or mixed up W's
        // order would be off by about the values themselves.
        expect(Math.max(...want.dW.map(Math.abs))).toBeGreaterThan(100 * tolerance(s.B * P, x, delta));
      });

  // The register tiles sum every output in the single-output form's order (multiply, add, q = 0, 1, …),
  // so they must give its bits exactly, whatever the tile and wherever its edges fall; so must the direct
  // form, which skips the padding's exact zeros. ∂b too: every form sums δ in q order from +0.
  for (const s of SHAPES)
    it(`register tiles and direct give the single-output form's bits: B ${s.B}, ${s.S}×${s.S}, ${s.Cin} → ${s.Cout}, k ${s.k}`, async () => {
      const want = await products(s, 'single');
      for (const form of ['direct' as const, ...TILES]) {
        const got = await products(s, form);
        const diffs = [
          bitDiffs(got.z, want.z),
          bitDiffs(got.dx, want.dx),
          bitDiffs(got.dW, want.dW),
          bitDiffs(got.db, want.db),
        ];
        expect(diffs, formName(form)).toEqual([0, 0, 0, 0]);
      }
    });

  // The quad form shares each lane's map values across its quad; it must still give the direct form's bits
  // (and so the single form's), wherever M and N cut a quad's rows or columns; the weight grad's run reads
  // ∂b too.
  for (const s of SHAPES)
    it(`quad gives the direct form's bits: B ${s.B}, ${s.S}×${s.S}, ${s.Cin} → ${s.Cout}, k ${s.k}`, async (ctx) => {
      if (!device.features.has('subgroups')) ctx.skip();
      const P = s.S * s.S;
      const x = rand(s.B * P * s.Cin, 1);
      const W = rand(s.Cout * s.Cin * s.k * s.k, 2);
      const b = rand(s.Cout, 3);
      const delta = rand(s.B * P * s.Cout, 4);
      for (const [product, maps, other, len] of [
        ['forward', x, W, s.B * P * s.Cout],
        ['inputGrad', delta, W, s.B * P * s.Cin],
        ['weightGrad', x, delta, s.Cout * s.Cin * s.k * s.k],
      ] as const) {
        const want = await run(product, s, maps, other, b, len, 'direct');
        const got = await run(product, s, maps, other, b, len, 'quad');
        expect(bitDiffs(got, want), product).toBe(0);
      }
    });

  // Split-K on a big GPU (132 units): shapes whose weight grads give a few blocks and a reduction long
  // enough to cut, the last chunk shorter than the others. Each output is a sum of per-chunk sums, so
  // within the tolerance of the CPU, not bit for bit; dropping the last chunk (a planted bug) must not be.
  const SPLIT_SHAPES: ConvShape[] = [
    { B: 4, S: 28, Cin: 1, Cout: 8, k: 3 },
    { B: 3, S: 17, Cin: 5, Cout: 20, k: 3 },
    { B: 2, S: 20, Cin: 3, Cout: 70, k: 1 },
  ];
  for (const s of SPLIT_SHAPES)
    it(`split weight grad, single and register tiles: B ${s.B}, ${s.S}×${s.S}, ${s.Cin} → ${s.Cout}, k ${s.k}`, async () => {
      const P = s.S * s.S;
      const x = rand(s.B * P * s.Cin, 1);
      const delta = rand(s.B * P * s.Cout, 4);
      const want = cpuConv(s, x, rand(s.Cout * s.Cin * s.k * s.k, 2), rand(s.Cout, 3), delta);
      const tolW = tolerance(s.B * P, x, delta);
      const tolB = tolerance(s.B * P, ONE, delta);
      for (const form of ['single' as const, ...TILES]) {
        const split = convSplit('weightGrad', s, form, 132);
        expect(split.splits, formName(form)).toBeGreaterThan(1);
        expect(split.chunk * (split.splits - 1)).toBeLessThan(s.B * P);
        const got = await runSplit(s, x, delta, form, split);
        expect(maxDiff(got.dW, want.dW), formName(form)).toBeLessThan(tolW);
        expect(maxDiff(got.db, want.db), formName(form)).toBeLessThan(tolB);
        if (form !== 'single') continue;
        const planted = await runSplit(s, x, delta, form, split, split.splits - 1);
        expect(maxDiff(planted.dW, want.dW)).toBeGreaterThan(10 * tolW);
        expect(maxDiff(planted.db, want.db)).toBeGreaterThan(10 * tolB);
      }
    });

  for (const [S, backward] of [
    [6, false],
    [7, false],
    [6, true],
    [7, true],
  ] as const)
    it(`2×2 average pool ${backward ? 'backward' : 'forward'}, side ${S}`, async () => {
      const B = 2;
      const C = 3;
      const so = Math.floor(S / 2);
      const inLen = backward ? B * so * so * C : B * S * S * C;
      const outLen = backward ? B * S * S * C : B * so * so * C;
      const src = rand(inLen, 9);
      const want = new Float64Array(outLen);
      if (backward) avgPool2Backward(Float64Array.from(src), want, B, S, C);
      else avgPool2(Float64Array.from(src), want, B, S, C);
      const k = cache.get(poolKernel(backward));
      const inBuf = storageFrom(device, 'src', src);
      const outBuf = storageFrom(device, 'dst', new Float32Array(outLen).fill(Number.NaN));
      const bind = bindGroup(device, k, [arena.alloc(poolWords(B, S, C, backward)), inBuf, outBuf]);
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(k.pipeline);
      pass.setBindGroup(0, bind);
      pass.dispatchWorkgroups(Math.ceil(outLen / 64));
      pass.end();
      device.queue.submit([enc.finish()]);
      const got = await readF32(device, outBuf, 0, outLen);
      expect(maxDiff(got, want)).toBeLessThan(1e-6);
    });

  for (const perChannel of [true, false])
    it(`moments per ${perChannel ? 'channel (BatchNorm2d)' : 'sample (GroupNorm(1, C))'}`, async () => {
      const B = 3;
      const P = 49;
      const C = 5;
      const x = rand(B * P * C, 11).map((v, i) => v + (i % C) * 0.5);
      const groups = perChannel ? C : B;
      const n = perChannel ? B * P : P * C;
      const at = (g: number, i: number) => (perChannel ? x[i * C + g] : x[g * n + i]);
      const k = cache.get(momentsKernel(perChannel));
      const inBuf = storageFrom(device, 'x', x);
      const outBuf = storageFrom(device, 'moments', new Float32Array(2 * groups));
      const bind = bindGroup(device, k, [arena.alloc(momentsWords(B, P, C, perChannel)), inBuf, outBuf]);
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(k.pipeline);
      pass.setBindGroup(0, bind);
      pass.dispatchWorkgroups(groups);
      pass.end();
      device.queue.submit([enc.finish()]);
      const got = await readF32(device, outBuf, 0, 2 * groups);
      for (let g = 0; g < groups; g++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += at(g, i);
        const mean = sum / n;
        let ss = 0;
        for (let i = 0; i < n; i++) ss += (at(g, i) - mean) ** 2;
        expect(Math.abs(got[2 * g] - sum)).toBeLessThan(1e-4 * n);
        expect(Math.abs(got[2 * g + 1] - ss) / ss).toBeLessThan(1e-5);
      }
    });
});
