import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from './testDispatch';
import { readF32, storageFrom, UniformArena } from './buffers';
import { type BindingResource, encodeDispatch, KernelCache } from './kernel';
import {
  forwardKernel,
  forwardResources,
  forwardWords,
  type MatmulKernel,
  NF_NONE,
  type MatmulStrategy,
  type Tile,
} from './matmulKernels';
import {
  inputGradKernel,
  inputGradResources,
  inputGradWords,
  weightGradKernel,
  weightGradWords,
} from './matmulBackward';
import { nodeDevice } from './node/nodeGpu';
import { partialElems, sliceOffsets, splitReduceDispatch } from './splitK';
import { testRandom } from './testRandom';

const NO_NF = { nfZ: NF_NONE, nfH: NF_NONE };

// Awkward sizes: below, at and across the 16-wide tiles, the 64-wide 4×4 blocks and the vec4 widths.
const SIZES = [1, 3, 17, 63, 65, 129];
const TILES: Tile[] = [
  { t: 4, wg: 8 },
  { t: 8, wg: 8 },
  { t: 4, wg: 16 },
  { t: 8, wg: 16 },
];
const STRATEGIES: MatmulStrategy[] = ['tiled', 'direct'];

// Every (M, N) pair of SIZES, with K cycling through SIZES too (a full cube is slow on SwiftShader),
// plus multiples of 4 so the direct kernels' vec4 paths run.
const SHAPES: [number, number, number][] = [];
for (const [i, M] of SIZES.entries())
  for (const [j, N] of SIZES.entries()) SHAPES.push([M, N, SIZES[(i + 2 * j) % SIZES.length]]);
SHAPES.push([4, 8, 12], [64, 64, 64], [32, 48, 20], [128, 4, 36]);
// Larger ones: several blocks of every tile with ragged edges (scalar loads), several k-tiles of prefetch
// (vec4 loads), and K = 1 with a wide output.
SHAPES.push([257, 130, 300], [256, 192, 128], [200, 260, 1], [136, 264, 72]);
/** The tiled kernels are slow on SwiftShader: they get the half of SHAPES where M and N indices sum even
 * (still every size in every position). */
function shapesFor(strategy: MatmulStrategy) {
  if (strategy === 'direct') return SHAPES;
  return SHAPES.filter((_, i) => i >= 36 || (Math.floor(i / 6) + (i % 6)) % 2 === 0);
}

const rand = testRandom;

/** C[m,n] = Σ_k A(m,k)·B(k,n) in float64, plus Σ|A||B| per output (the scale of float32 rounding). */
function refMatmul(
  M: number,
  N: number,
  K: number,
  a: (m: number, k: number) => number,
  b: (k: number, n: number) => number,
) {
  const c = new Float64Array(M * N);
  const scale = new Float64Array(M * N);
  for (let m = 0; m < M; m++)
    for (let n = 0; n < N; n++) {
      let s = 0;
      let t = 0;
      for (let k = 0; k < K; k++) {
        const p = a(m, k) * b(k, n);
        s += p;
        t += Math.abs(p);
      }
      c[m * N + n] = s;
      scale[m * N + n] = t;
    }
  return { c, scale };
}

function worstError(got: Float32Array, want: Float64Array, scale: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]) / (scale[i] + 1e-30);
    if (!(err <= worst)) worst = err; // NaN propagates as a failure
  }
  return worst;
}

/**
 * Worst relative error of a gradients buffer holding ∂W = δᵀh at element 4 and ∂b = Σδ right after it
 * (δ: [K, M], h: [K, N]), against float64 sums.
 */
function weightGradError(M: number, N: number, K: number, delta: Float32Array, h: Float32Array) {
  const ref = refMatmul(
    M,
    N,
    K,
    (m, kk) => delta[kk * M + m],
    (kk, n) => h[kk * N + n],
  );
  const gb = refMatmul(
    M,
    1,
    K,
    (m, kk) => delta[kk * M + m],
    () => 1,
  );
  return (got: Float32Array) =>
    Math.max(
      worstError(got.subarray(4, 4 + M * N), ref.c, ref.scale),
      worstError(got.subarray(4 + M * N), gb.c, gb.scale),
    );
}

// float32 accumulation: error ≤ ~K·2^-24·Σ|a||b| in the worst case, far less in practice (K ≤ 300 here).
const TOL = 1e-5;

describe('matmul kernels on awkward shapes (Dawn in Node)', () => {
  let device: GPUDevice;
  let kernels: KernelCache;
  let uniforms: UniformArena;
  let spare: GPUBuffer;
  let flags: GPUBuffer;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
    spare = storageFrom(device, 'spare', new Float32Array(4));
    flags = storageFrom(device, 'flags', new Uint32Array(4).fill(NF_NONE));
    kernels = new KernelCache(device);
    uniforms = new UniformArena(device);
  });
  afterAll(() => {
    uniforms?.destroy();
    device?.destroy();
  });

  function dispatch(
    k: Pick<MatmulKernel, 'spec'> & { groups: readonly number[] },
    words: number[],
    bufs: BindingResource[],
  ) {
    dispatchOnce(device, kernels, k.spec, k.groups, [uniforms.alloc(words), ...bufs]);
  }

  for (const strategy of STRATEGIES) {
    it(`${strategy}: forward z = a·Wᵀ + b matches a float64 loop`, async () => {
      const errors: string[] = [];
      for (const [i, [M, N, K]] of shapesFor(strategy).entries()) {
        const tile = TILES[i % TILES.length];
        // Offsets (a: 4, W: 8) exercise the uniforms' offsets while keeping the vec4 paths legal.
        const a = rand(M * K + 4, i + 1);
        const params = rand(N * K + N + 8, i + 100);
        const dims = { M, N, K, aOff: 4, wOff: 8, bOff: 8 + N * K, zOff: 3, hOff: 0, idxOff: 0, ...NO_NF };
        const aBuf = storageFrom(device, 'a', a);
        const pBuf = storageFrom(device, 'p', params);
        const zBuf = storageFrom(device, 'z', new Float32Array(M * N + 3));
        const hBuf = storageFrom(device, 'h (unused)', new Float32Array(4));
        const idx = storageFrom(device, 'idx', new Uint32Array(1));
        const variant = { act: 'linear', slope: 0, gather: false, storeZ: true, storeH: false } as const;
        const k = forwardKernel(variant, { strategy, M, N, K, tile }, dims);
        const bufs = { a: aBuf, params: pBuf, z: zBuf, h: hBuf, idx, flags };
        dispatch(k, forwardWords(dims), forwardResources(k, bufs, spare));
        const got = await readF32(device, zBuf, 3, M * N);
        const ref = refMatmul(
          M,
          N,
          K,
          (m, kk) => a[4 + m * K + kk],
          (kk, n) => params[8 + n * K + kk],
        );
        for (let m = 0; m < M; m++)
          for (let n = 0; n < N; n++) {
            ref.c[m * N + n] += params[dims.bOff + n];
            ref.scale[m * N + n] += Math.abs(params[dims.bOff + n]);
          }
        const e = worstError(got, ref.c, ref.scale);
        if (!(e < TOL)) errors.push(`${M}x${N}x${K} (${k.spec.label}): ${e}`);
        for (const b of [aBuf, pBuf, zBuf, hBuf, idx]) b.destroy();
      }
      expect(errors).toEqual([]);
    });

    it(`${strategy}: forward with gathered rows reads a[idx[m]] and stores h = φ(z)`, async () => {
      const [M, N, K] = [17, 65, 64];
      const data = rand(40 * K, 9);
      const idx = Uint32Array.from({ length: M + 2 }, (_, i) => (i * 7 + 3) % 40);
      const params = rand(N * K + N, 10);
      const bufs = {
        data: storageFrom(device, 'data', data),
        p: storageFrom(device, 'p', params),
        z: storageFrom(device, 'z', new Float32Array(M * N)),
        h: storageFrom(device, 'h', new Float32Array(M * N)),
        idx: storageFrom(device, 'idx', idx),
      };
      const dims = { M, N, K, aOff: 0, wOff: 0, bOff: N * K, zOff: 0, hOff: 0, idxOff: 2, ...NO_NF };
      const variant = { act: 'relu', slope: 0, gather: true, storeZ: true, storeH: true } as const;
      const k = forwardKernel(variant, { strategy, M, N, K }, dims);
      const res = { a: bufs.data, params: bufs.p, z: bufs.z, h: bufs.h, idx: bufs.idx, flags };
      dispatch(k, forwardWords(dims), forwardResources(k, res, spare));
      const z = await readF32(device, bufs.z);
      const h = await readF32(device, bufs.h);
      const ref = refMatmul(
        M,
        N,
        K,
        (m, kk) => data[idx[m + 2] * K + kk],
        (kk, n) => params[n * K + kk],
      );
      for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) ref.c[m * N + n] += params[N * K + n];
      expect(worstError(z, ref.c, ref.scale)).toBeLessThan(TOL);
      for (let i = 0; i < M * N; i++) expect(h[i]).toBe(z[i] > 0 ? z[i] : 0);
    });

    it(`${strategy}: input gradient δp = δ·W (φ′ = 1) matches`, async () => {
      const errors: string[] = [];
      for (const [i, [M, N, K]] of shapesFor(strategy).entries()) {
        const tile = TILES[(i + 1) % TILES.length];
        const delta = rand(M * K, i + 3);
        const params = rand(K * N + 4, i + 300);
        const dims = { M, N, K, dOff: 0, wOff: 4, zOff: 0, outOff: 0, nfOut: 7 };
        const [dBuf, pBuf, zBuf, oBuf] = [
          storageFrom(device, 'delta', delta),
          storageFrom(device, 'p', params),
          storageFrom(device, 'z', new Float32Array(M * N)),
          storageFrom(device, 'dout', new Float32Array(M * N)),
        ];
        const k = inputGradKernel('linear', 0, { strategy, M, N, K, tile }, dims);
        dispatch(
          k,
          inputGradWords(dims),
          inputGradResources(k, { delta: dBuf, params: pBuf, z: zBuf, out: oBuf, flags }, spare),
        );
        const got = await readF32(device, oBuf);
        const ref = refMatmul(
          M,
          N,
          K,
          (m, kk) => delta[m * K + kk],
          (kk, n) => params[4 + kk * N + n],
        );
        const e = worstError(got, ref.c, ref.scale);
        if (!(e < TOL)) errors.push(`${M}x${N}x${K} (${k.spec.label}): ${e}`);
        for (const b of [dBuf, pBuf, zBuf, oBuf]) b.destroy();
      }
      expect(errors).toEqual([]);
    });

    it(`${strategy}: weight gradient ∂W = δᵀh and ∂b = Σδ match`, async () => {
      const errors: string[] = [];
      for (const [i, [M, N, K]] of shapesFor(strategy).entries()) {
        const tile = TILES[(i + 2) % TILES.length];
        const delta = rand(K * M, i + 5);
        const h = rand(K * N, i + 500);
        const dims = { M, N, K, dOff: 0, hOff: 0, gwOff: 4, gbOff: 4 + M * N, idxOff: 0 };
        const [dBuf, hBuf, gBuf, idx] = [
          storageFrom(device, 'delta', delta),
          storageFrom(device, 'h', h),
          storageFrom(device, 'g', new Float32Array(4 + M * N + M)),
          storageFrom(device, 'idx', new Uint32Array(1)),
        ];
        const k = weightGradKernel(false, { strategy, M, N, K, tile }, dims);
        dispatch(k, weightGradWords(dims), [dBuf, hBuf, gBuf, idx, dBuf, hBuf]);
        const e = weightGradError(M, N, K, delta, h)(await readF32(device, gBuf));
        if (!(e < TOL)) errors.push(`${M}x${N}x${K} (${k.spec.label}): ${e}`);
        for (const b of [dBuf, hBuf, gBuf, idx]) b.destroy();
      }
      expect(errors).toEqual([]);
    });
  }

  // Split-K (splitK.ts): chunks of the batch rows into their slices of a partials buffer, then the reduce.
  // Forced with an H200's 132 compute units on shapes whose ∂W alone gives a few workgroups.
  it('tiled: a split-K weight gradient (chunk partials, then their reduce) matches', async () => {
    const errors: string[] = [];
    for (const [i, [M, N, K]] of [
      [65, 130, 1000],
      [64, 64, 777],
      [8, 12, 2048],
    ].entries()) {
      const tile = TILES[(i + 1) % TILES.length];
      const delta = rand(K * M, i + 7);
      const h = rand(K * N, i + 700);
      const dims = { M, N, K, dOff: 0, hOff: 0, ...sliceOffsets(M * N), idxOff: 0 };
      const k = weightGradKernel(false, { strategy: 'tiled', M, N, K, tile, units: 132 }, dims);
      expect(k.split.splits, `${M}x${N}x${K}`).toBeGreaterThan(1);
      expect(k.groups[2]).toBe(k.split.splits);
      const [dBuf, hBuf, part, idx] = [
        storageFrom(device, 'delta', delta),
        storageFrom(device, 'h', h),
        storageFrom(device, 'partials', new Float32Array(partialElems(k.split, M * N, M))),
        storageFrom(device, 'idx', new Uint32Array(1)),
      ];
      dispatch(k, weightGradWords(dims, k.split), [dBuf, hBuf, part, idx, dBuf, hBuf]);
      const reduceInto = async (splits: number) => {
        const g = storageFrom(device, 'g', new Float32Array(4 + M * N + M));
        const target = { wCount: M * N, bCount: M, wOff: 4, bOff: 4 + M * N };
        const r = splitReduceDispatch(
          device,
          kernels,
          uniforms,
          { ...k.split, splits },
          target,
          part,
          g,
          'reduce',
        );
        const enc = device.createCommandEncoder();
        const pass = enc.beginComputePass();
        encodeDispatch(pass, r);
        pass.end();
        device.queue.submit([enc.finish()]);
        const got = await readF32(device, g);
        g.destroy();
        return got;
      };
      const error = weightGradError(M, N, K, delta, h);
      const e = error(await reduceInto(k.split.splits));
      if (!(e < TOL)) errors.push(`${M}x${N}x${K} (${k.spec.label}, ${k.split.splits} chunks): ${e}`);
      // Every chunk counts: the reduce without the last one is far off.
      expect(error(await reduceInto(k.split.splits - 1))).toBeGreaterThan(100 * TOL);
      for (const b of [dBuf, hBuf, part, idx]) b.destroy();
    }
    expect(errors).toEqual([]);
  });
});
