// The MLP's quad kernels (matmul_forward_quad.wgsl, matmul_backward_quad.wgsl) against the direct kernels
// they replace on devices with subgroups, bit for bit: hidden layers, the gathered first layer, heads, batch
// sizes that leave partial blocks, the trainer's kind of offsets, every store variant, non-finite flags.
// Also: the quad form is what the selection picks where the shape allows (and only there), and a kernel
// with a wrong swap does not pass (the comparison can fail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from './testDispatch';
import type { Activation } from '../engine/config';
import {
  type BackwardDims,
  backwardKernel,
  backwardResources,
  backwardWords,
  quadBackward,
} from './backwardKernel';
import { readF32, readBack, storageFrom, UniformArena } from './buffers';
import { type BindingResource, KernelCache, type KernelSpec } from './kernel';
import {
  type ForwardDims,
  forwardKernel,
  forwardResources,
  forwardWords,
  NF_NONE,
  quadForward,
} from './matmulKernels';
import { nodeDevice } from './node/nodeGpu';
import { testRandom as rand } from './testRandom';

type Mutate = (code: string) => string;

/** [M, N, K, gather]: hidden layers, batch 16/64/100, partial blocks, the first layer, heads of 2–10 classes. */
const FORWARD: [number, number, number, boolean][] = [
  [64, 64, 64, false],
  [16, 64, 64, false],
  [100, 64, 64, false],
  [64, 256, 256, false],
  [13, 24, 16, false],
  [100, 32, 48, false],
  [64, 64, 20, true],
  [100, 256, 784, true],
  [64, 10, 64, false],
  [100, 8, 64, false],
  [16, 2, 64, false],
];

/** [out, inp, rows]: hidden layers, batch 16/64/100 and odd, a 16-class head, heads of 2–10 classes. */
const BACKWARD: [number, number, number][] = [
  [64, 64, 64],
  [64, 64, 16],
  [64, 64, 100],
  [256, 256, 64],
  [16, 48, 100],
  [32, 16, 7],
  [256, 64, 100],
  [16, 64, 64],
  [10, 64, 64],
  [2, 64, 16],
];

const VARIANTS = [
  { act: 'tanh', storeZ: true, storeH: true },
  { act: 'relu', storeZ: false, storeH: true },
  { act: 'linear', storeZ: true, storeH: false },
] as const;

const same = (a: Float32Array | Uint32Array, b: Float32Array | Uint32Array) =>
  a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe('MLP quad kernels equal the direct ones (Dawn in Node)', () => {
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

  const run = (spec: KernelSpec, groups: readonly number[], res: BindingResource[]) =>
    dispatchOnce(device, kernels, spec, groups, res);

  /** z, h and the flags of one forward case, direct or quad (optionally with its code changed). */
  async function forward(s: number, quad: boolean, mutate?: Mutate) {
    const [M, N, K, gather] = FORWARD[s];
    const v = VARIANTS[s % VARIANTS.length];
    // Offsets like a layer range of the trainer's slabs; the data set of the gathered layer has 150 rows.
    const aOff = gather ? 0 : 12;
    const wOff = 8;
    const dataRows = gather ? 150 : M;
    const a = rand(aOff + dataRows * K, s + 1);
    const params = rand(wOff + N * K + N + 4, s + 40);
    // A planted overflow in the 4th case: z = ±∞ there, whose order the flags word must receive.
    if (s === 3) {
      a[aOff + 5 * K + 1] = 3e30;
      params[wOff + 7 * K + 1] = 3e30;
    }
    const idx = Uint32Array.from({ length: M + 3 }, (_, i) => (i * 37 + 11) % dataRows);
    const dims: ForwardDims = {
      M,
      N,
      K,
      aOff,
      wOff,
      bOff: wOff + N * K,
      zOff: 5,
      hOff: 7,
      idxOff: 3,
      nfZ: 4,
      nfH: s % 2 === 0 ? 6 : NF_NONE,
    };
    const k = forwardKernel(
      { act: v.act as Activation, slope: 0, gather, storeZ: v.storeZ, storeH: v.storeH },
      { strategy: 'direct', M, N, K, quad },
      dims,
    );
    const spec = mutate ? { ...k.spec, code: mutate(k.spec.code) } : k.spec;
    const bufs = {
      a: storageFrom(device, 'a', a),
      params: storageFrom(device, 'p', params),
      z: storageFrom(device, 'z', new Float32Array(5 + M * N)),
      h: storageFrom(device, 'h', new Float32Array(7 + M * N)),
      idx: storageFrom(device, 'idx', idx),
      flags: storageFrom(device, 'flags', new Uint32Array(4).fill(NF_NONE)),
    };
    run(spec, k.groups, [uniforms.alloc(forwardWords(dims)), ...forwardResources(k, bufs, spare)]);
    const out = {
      label: k.spec.label,
      z: await readF32(device, bufs.z),
      h: await readF32(device, bufs.h),
      flags: new Uint32Array(await readBack(device, bufs.flags)),
    };
    for (const b of Object.values(bufs)) b.destroy();
    return out;
  }

  /** ∂W, ∂b, δp and the flags of one backward case, direct or quad (optionally with its code changed). */
  async function backward(s: number, quad: boolean, mutate?: Mutate) {
    const [out, inp, rows] = BACKWARD[s];
    const act: Activation = s % 3 === 2 ? 'linear' : 'tanh';
    // δ, h and W at offsets (as the trainer's ranges); δ below into its own buffer at an offset (WebGPU
    // forbids binding one buffer's overlapping ranges as two writable bindings).
    const outOff = 3;
    const dOff = 4;
    const dims: BackwardDims = {
      out,
      inp,
      rows,
      dOff,
      hOff: 8,
      wOff: 12,
      zOff: 2,
      outOff,
      gwOff: 5,
      gbOff: 5 + out * inp,
      nfOut: 2,
    };
    const delta = rand(dOff + rows * out, s + 1);
    if (s === 2) delta[dOff + 3 * out + 1] = Number.POSITIVE_INFINITY; // δp is non-finite: flags get nfOut
    const h = rand(8 + rows * inp + 4, s + 50);
    const params = rand(12 + out * inp + 4, s + 90);
    const z = rand(2 + rows * inp, s + 130);
    const bufs = {
      delta: storageFrom(device, 'delta', delta),
      params: storageFrom(device, 'p', params),
      h: storageFrom(device, 'h', h),
      z: storageFrom(device, 'z', z),
      grads: storageFrom(device, 'g', new Float32Array(5 + out * inp + out)),
      out: storageFrom(device, 'dout', new Float32Array(outOff + rows * inp)),
      flags: storageFrom(device, 'flags', new Uint32Array(4).fill(NF_NONE)),
    };
    const k = backwardKernel(act, 0, { strategy: 'direct', quad }, dims);
    const spec = mutate ? { ...k.spec, code: mutate(k.spec.code) } : k.spec;
    const res = backwardResources(bufs);
    run(spec, k.groups, [uniforms.alloc(backwardWords(dims, k)), ...res]);
    const result = {
      label: k.spec.label,
      grads: await readF32(device, bufs.grads),
      delta: await readF32(device, bufs.out),
      flags: new Uint32Array(await readBack(device, bufs.flags)),
    };
    for (const b of Object.values(bufs)) b.destroy();
    return result;
  }

  it('forward: z, h and the non-finite flags equal the direct kernel bit for bit', async (ctx) => {
    if (!device.features.has('subgroups')) ctx.skip();
    const errors: string[] = [];
    for (let s = 0; s < FORWARD.length; s++) {
      const [M, N, K] = FORWARD[s];
      const [d, q] = [await forward(s, false), await forward(s, true)];
      const name = `${M}x${N}x${K} ${q.label}`;
      if (q.label.includes('quad') !== quadForward(true, K % 4 === 0, N)) errors.push(`${name}: form`);
      if (d.label.includes('quad')) errors.push(`${name}: direct took the quad form`);
      if (!same(d.z, q.z) || !same(d.h, q.h)) errors.push(`${name}: outputs differ`);
      if (!same(d.flags, q.flags)) errors.push(`${name}: flags differ`);
      // Every stored output was written (the buffers start at 0, the inputs are random).
      const v = VARIANTS[s % VARIANTS.length];
      if (v.storeZ && q.z.subarray(5, 5 + M * N).some((x) => x === 0)) errors.push(`${name}: z unwritten`);
      if (v.act === 'tanh' && q.h.subarray(7, 7 + M * N).some((x) => x === 0))
        errors.push(`${name}: h unwritten`);
    }
    // The planted overflow was flagged (nf_z = 4 is the smallest order posted).
    expect(errors).toEqual([]);
    expect((await forward(3, true)).flags).toContain(4);
  });

  it('backward: ∂W, ∂b, δ below and the flags equal the direct kernel bit for bit', async (ctx) => {
    if (!device.features.has('subgroups')) ctx.skip();
    const errors: string[] = [];
    for (let s = 0; s < BACKWARD.length; s++) {
      const [out, inp, rows] = BACKWARD[s];
      const [d, q] = [await backward(s, false), await backward(s, true)];
      const name = `${out}x${inp}x${rows} ${q.label}`;
      const want = quadBackward(true, { out, inp, rows, dOff: 0, hOff: 0, wOff: 0 } as BackwardDims);
      if (q.label.includes('quad') !== want) errors.push(`${name}: form`);
      if (d.label.includes('quad')) errors.push(`${name}: direct took the quad form`);
      if (!same(d.grads, q.grads)) errors.push(`${name}: ∂W/∂b differ`);
      if (!same(d.delta, q.delta)) errors.push(`${name}: δ below differs`);
      if (!same(d.flags, q.flags)) errors.push(`${name}: flags differ`);
      if (q.grads.subarray(5, 5 + out * inp + out).some((x) => x === 0))
        errors.push(`${name}: ∂W/∂b unwritten`);
      if (q.delta.subarray(3, 3 + rows * inp).some((x) => x === 0)) errors.push(`${name}: δ below unwritten`);
    }
    expect(errors).toEqual([]);
    expect((await backward(2, true)).flags).toContain(2);
  });

  it('a wrong swap in either kernel is caught', async (ctx) => {
    if (!device.features.has('subgroups')) ctx.skip();
    const swap = (from: string, to: string) => (code: string) => {
      expect(code).toContain(from);
      return code.replace(from, to);
    };
    const fd = await forward(0, true);
    const fq = await forward(0, true, swap('quadSwapY(bo1)', 'quadSwapX(bo1)'));
    expect(same(fd.z, fq.z)).toBe(false);
    const bd = await backward(0, true);
    const bw = await backward(0, true, swap('quadSwapY(xo)', 'quadSwapX(xo)'));
    expect(same(bd.grads, bw.grads)).toBe(false);
    expect(same(bd.delta, bw.delta)).toBe(true);
    const bi = await backward(0, true, swap('quadSwapX(vo2)', 'quadSwapY(vo2)'));
    expect(same(bd.delta, bi.delta)).toBe(false);
    expect(same(bd.grads, bi.grads)).toBe(true);
  });
});
