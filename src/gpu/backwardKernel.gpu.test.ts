// The merged backward dispatch (backwardKernel.ts) against the two separate kernels it replaces, bit for
// bit, in both strategies and on awkward shapes (widths not multiples of 4 or of the tiles, K = 1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from './testDispatch';
import { backwardKernel, backwardResources, backwardWords } from './backwardKernel';
import { readF32, storageFrom, UniformArena } from './buffers';
import { type BindingResource, KernelCache } from './kernel';
import {
  inputGradKernel,
  inputGradResources,
  inputGradWords,
  weightGradKernel,
  weightGradWords,
} from './matmulBackward';
import { type MatmulStrategy, NF_NONE, type Tile } from './matmulKernels';
import { nodeDevice } from './node/nodeGpu';
import {
  partialElems,
  SPLIT_REDUCE_KERNEL,
  sliceOffsets,
  splitReduceGroups,
  splitReduceWords,
} from './splitK';
import { testRandom } from './testRandom';

const rand = testRandom;

// [out, inp, rows]: the head (out = 3), aligned hidden layers (vec4 paths), ragged ones, rows = 1.
const SHAPES: [number, number, number][] = [
  [3, 64, 16],
  [64, 64, 64],
  [16, 24, 8],
  [17, 63, 5],
  [65, 3, 33],
  [8, 12, 1],
  [130, 70, 40],
  [12, 16, 9],
];
const TILES: (Tile | undefined)[] = [undefined, { t: 8, wg: 16 }, { t: 4, wg: 8 }];

describe('merged backward dispatch (Dawn in Node)', () => {
  let device: GPUDevice;
  let kernels: KernelCache;
  let uniforms: UniformArena;
  let spare: GPUBuffer;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
    spare = storageFrom(device, 'spare', new Float32Array(4));
    kernels = new KernelCache(device);
    uniforms = new UniformArena(device);
  });
  afterAll(() => {
    uniforms?.destroy();
    device?.destroy();
  });

  const run = (spec: Parameters<KernelCache['get']>[0], groups: number[], res: BindingResource[]) =>
    dispatchOnce(device, kernels, spec, groups, res);

  for (const strategy of ['direct', 'tiled'] as MatmulStrategy[])
    it(`${strategy}: ∂W, ∂b and δ below equal the separate kernels' bit for bit`, async () => {
      const errors: string[] = [];
      for (const [s, [out, inp, rows]] of SHAPES.entries()) {
        const tile = strategy === 'tiled' ? TILES[s % TILES.length] : undefined;
        // 'linear' (no φ'): a residual network's head, whose input gradient is ∂L/∂x (graphProgram.ts).
        const act = s % 3 === 2 ? 'linear' : 'tanh';
        // δ in a shared buffer at an offset (as the trainer's per-layer ranges), δp right after it.
        const dOff = 4;
        const outOff = 0;
        const delta = rand(dOff + rows * out, s + 1);
        const h = rand(rows * inp + 4, s + 50);
        const wOff = 8;
        const params = rand(wOff + out * inp + 4, s + 90);
        const z = rand(rows * inp, s + 130);
        const gSize = 8 + out * inp + out;
        const [dB, hB, pB, zB] = [
          storageFrom(device, 'delta', delta),
          storageFrom(device, 'h', h),
          storageFrom(device, 'p', params),
          storageFrom(device, 'z', z),
        ];
        const flags = storageFrom(device, 'flags', new Uint32Array(4).fill(NF_NONE));
        const outs = [0, 1].map(() => ({
          g: storageFrom(device, 'g', new Float32Array(gSize)),
          o: storageFrom(device, 'dout', new Float32Array(rows * inp)),
        }));
        const dims = {
          out,
          inp,
          rows,
          dOff,
          hOff: 0,
          wOff,
          zOff: 0,
          outOff,
          gwOff: 4,
          gbOff: 4 + out * inp,
          nfOut: 3,
        };
        // Separate kernels.
        const wg = { M: out, N: inp, K: rows, dOff, hOff: 0, gwOff: 4, gbOff: 4 + out * inp, idxOff: 0 };
        const kw = weightGradKernel(false, { strategy, M: out, N: inp, K: rows }, wg);
        const idx = storageFrom(device, 'idx', new Uint32Array(1));
        run(kw.spec, kw.groups, [uniforms.alloc(weightGradWords(wg)), dB, hB, outs[0].g, idx, dB, hB]);
        const ig = { M: rows, N: inp, K: out, dOff, wOff, zOff: 0, outOff, nfOut: 3 };
        const ki = inputGradKernel(act, 0, { strategy, M: rows, N: inp, K: out }, ig);
        const igRes = inputGradResources(ki, { delta: dB, params: pB, z: zB, out: outs[0].o, flags }, spare);
        run(ki.spec, ki.groups, [uniforms.alloc(inputGradWords(ig)), ...igRes]);
        // Merged.
        const kb = backwardKernel(act, 0, { strategy, tile }, dims);
        const res = backwardResources({
          delta: dB,
          params: pB,
          h: hB,
          z: zB,
          out: outs[1].o,
          grads: outs[1].g,
          flags,
        });
        run(kb.spec, kb.groups, [uniforms.alloc(backwardWords(dims, kb)), ...res]);
        const [g0, g1, o0, o1] = await Promise.all([
          readF32(device, outs[0].g),
          readF32(device, outs[1].g),
          readF32(device, outs[0].o),
          readF32(device, outs[1].o),
        ]);
        const same = (a: Float32Array, b: Float32Array) => a.every((x, i) => Object.is(x, b[i]));
        if (!same(g0, g1)) errors.push(`${out}x${inp}x${rows} ${kb.spec.label}: ∂W/∂b differ`);
        if (!same(o0, o1)) errors.push(`${out}x${inp}x${rows} ${kb.spec.label}: δ below differs`);
        // Every ∂W, ∂b and δp was written (the buffers start at 0, the inputs are random; readF32 also
        // returns the buffers' padding).
        const g = g1.subarray(4, 4 + out * inp + out);
        const o = o1.subarray(0, rows * inp);
        if (g.some((x) => x === 0) || o.some((x) => x === 0))
          errors.push(`${out}x${inp}x${rows}: a value unwritten`);
        for (const b of [dB, hB, pB, zB, flags, idx, ...outs.flatMap((o) => [o.g, o.o])]) b.destroy();
      }
      expect(errors).toEqual([]);
    });

  // Split-K of the merged dispatch's ∂W (splitK.ts), forced with an H200's 132 compute units: its chunks'
  // slices, reduced, match a float64 sum, and δ below still equals the separate kernel's bits.
  it('tiled, split: ∂W, ∂b from chunk partials match; δ below unchanged', async () => {
    for (const [s, [out, inp, rows]] of [
      [64, 64, 1024],
      [17, 63, 700],
    ].entries()) {
      const tile = TILES[1 + s];
      const dims = {
        out,
        inp,
        rows,
        dOff: 0,
        hOff: 0,
        wOff: 0,
        zOff: 0,
        outOff: 0,
        gwOff: 0,
        gbOff: 0,
        nfOut: 3,
      };
      const kb = backwardKernel('tanh', 0, { strategy: 'tiled', tile, units: 132 }, dims);
      expect(kb.split.splits, `${out}x${inp}x${rows}`).toBeGreaterThan(1);
      Object.assign(dims, sliceOffsets(out * inp));
      const delta = rand(rows * out, s + 3);
      const h = rand(rows * inp, s + 33);
      const params = rand(out * inp + 4, s + 66);
      const z = rand(rows * inp, s + 99);
      const [dB, hB, pB, zB, part, o, o0, g] = [
        storageFrom(device, 'delta', delta),
        storageFrom(device, 'h', h),
        storageFrom(device, 'p', params),
        storageFrom(device, 'z', z),
        storageFrom(device, 'partials', new Float32Array(partialElems(kb.split, out * inp, out))),
        storageFrom(device, 'dout', new Float32Array(rows * inp)),
        storageFrom(device, 'dout separate', new Float32Array(rows * inp)),
        storageFrom(device, 'g', new Float32Array(out * inp + out)),
      ];
      const flags = storageFrom(device, 'flags', new Uint32Array(4).fill(NF_NONE));
      const res = backwardResources({ delta: dB, params: pB, h: hB, z: zB, out: o, grads: part, flags });
      run(kb.spec, kb.groups, [uniforms.alloc(backwardWords(dims, kb)), ...res]);
      const target = { wCount: out * inp, bCount: out, wOff: 0, bOff: out * inp };
      run(SPLIT_REDUCE_KERNEL, splitReduceGroups(target), [
        uniforms.alloc(splitReduceWords(kb.split, target)),
        part,
        g,
      ]);
      const ig = { M: rows, N: inp, K: out, dOff: 0, wOff: 0, zOff: 0, outOff: 0, nfOut: 3 };
      const ki = inputGradKernel('tanh', 0, { strategy: 'tiled', M: rows, N: inp, K: out }, ig);
      const igRes = inputGradResources(ki, { delta: dB, params: pB, z: zB, out: o0, flags }, spare);
      run(ki.spec, ki.groups, [uniforms.alloc(inputGradWords(ig)), ...igRes]);
      const [got, dp, dp0] = await Promise.all([readF32(device, g), readF32(device, o), readF32(device, o0)]);
      expect(dp.every((x, i) => Object.is(x, dp0[i]))).toBe(true);
      let worst = 0;
      for (let m = 0; m < out; m++) {
        let sb = 0;
        let ab = 0;
        for (let k = 0; k < rows; k++) {
          sb += delta[k * out + m];
          ab += Math.abs(delta[k * out + m]);
        }
        worst = Math.max(worst, Math.abs(got[out * inp + m] - sb) / ab);
        for (let n = 0; n < inp; n += 7) {
          let sw = 0;
          let aw = 0;
          for (let k = 0; k < rows; k++) {
            sw += delta[k * out + m] * h[k * inp + n];
            aw += Math.abs(delta[k * out + m] * h[k * inp + n]);
          }
          worst = Math.max(worst, Math.abs(got[m * inp + n] - sw) / aw);
        }
      }
      expect(worst).toBeLessThan(1e-5);
      for (const b of [dB, hB, pB, zB, part, o, o0, g, flags]) b.destroy();
    }
  });
});
