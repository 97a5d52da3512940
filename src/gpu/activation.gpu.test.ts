// φ and φ' in WGSL against the CPU reference (engine/activations.ts in float64, rounded once), through the
// real kernels: the forward kernel with K = 1, W = 1, b = 0 gives h = φ(x); the input-gradient kernel
// with δ = 1, W = 1 gives φ'(x). Inputs cover ±30, the small-|x| range where tanh's polynomial takes
// over, exact zeros and the saturated tails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activationFns } from '../engine/activations';
import { ACTIVATIONS } from '../engine/config';
import { readF32, storageFrom, UniformArena } from './buffers';
import { bindGroup, KernelCache } from './kernel';
import { forwardKernel, forwardResources, forwardWords, NF_NONE } from './matmulKernels';
import { inputGradKernel, inputGradResources, inputGradWords } from './matmulBackward';
import { nodeDevice } from './node/nodeGpu';

const xs: number[] = [0, -0, 1e-30, -1e-30, 1e-8, -1e-8, 0.2499, 0.25, -0.25001, 88, -88, 100, -100];
for (let x = -30; x <= 30; x += 0.037) xs.push(x);
for (let x = -0.3; x <= 0.3; x += 0.0011) xs.push(x);
const X = Float32Array.from(xs);
const N = X.length;

describe('activations in WGSL ≡ engine/activations.ts', () => {
  let device: GPUDevice;
  let kernels: KernelCache;
  let uniforms: UniformArena;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
    kernels = new KernelCache(device);
    uniforms = new UniformArena(device);
  });
  afterAll(() => {
    uniforms?.destroy();
    device?.destroy();
  });

  async function gpuPhi(act: (typeof ACTIVATIONS)[number], slope: number) {
    // Rows of a = the inputs (K = 1), one output unit with weight 1 and bias 0.
    const a = storageFrom(device, 'x', X);
    const params = storageFrom(device, 'p', new Float32Array([1, 0, 0, 0]));
    const z = storageFrom(device, 'z', new Float32Array(N));
    const h = storageFrom(device, 'h', new Float32Array(N));
    const d = storageFrom(device, 'd', new Float32Array(N));
    const ones = storageFrom(device, 'delta', new Float32Array(N).fill(1));
    const idx = storageFrom(device, 'idx', new Uint32Array(4));
    const flags = storageFrom(device, 'flags', new Uint32Array(4).fill(NF_NONE));
    const spare = storageFrom(device, 'spare', new Float32Array(4));
    const fd = {
      M: N,
      N: 1,
      K: 1,
      aOff: 0,
      wOff: 0,
      bOff: 1,
      zOff: 0,
      hOff: 0,
      idxOff: 0,
      nfZ: NF_NONE,
      nfH: NF_NONE,
    };
    const fk = forwardKernel(
      { act, slope, gather: false, storeZ: true, storeH: true },
      { strategy: 'direct', M: N, N: 1, K: 1 },
      fd,
    );
    const gd = { M: N, N: 1, K: 1, dOff: 0, wOff: 0, zOff: 0, outOff: 0, nfOut: NF_NONE };
    const gk = inputGradKernel(act, slope, { strategy: 'direct', M: N, N: 1, K: 1 }, gd);
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    const fK = kernels.get(fk.spec);
    pass.setPipeline(fK.pipeline);
    pass.setBindGroup(
      0,
      bindGroup(device, fK, [
        uniforms.alloc(forwardWords(fd)),
        ...forwardResources(fk, { a, params, z, h, idx, flags }, spare),
      ]),
    );
    pass.dispatchWorkgroups(fk.groups[0], fk.groups[1]);
    const gK = kernels.get(gk.spec);
    pass.setPipeline(gK.pipeline);
    pass.setBindGroup(
      0,
      bindGroup(device, gK, [
        uniforms.alloc(inputGradWords(gd)),
        ...inputGradResources(gk, { delta: ones, params, z, out: d, flags }, spare),
      ]),
    );
    pass.dispatchWorkgroups(gk.groups[0], gk.groups[1]);
    pass.end();
    device.queue.submit([enc.finish()]);
    const out = { h: await readF32(device, h), d: await readF32(device, d) };
    for (const b of [a, params, z, h, d, ones, idx, flags, spare]) b.destroy();
    return out;
  }

  for (const act of ACTIVATIONS) {
    it(`${act}: φ and φ′ within float32 rounding of the float64 reference`, async () => {
      const slope = 0.07;
      const { f, df } = activationFns(act, slope);
      const got = await gpuPhi(act, slope);
      const bad: string[] = [];
      for (let i = 0; i < N; i++) {
        const x = X[i];
        for (const [name, g, want] of [
          ['φ', got.h[i], f(x)],
          ['φ′', got.d[i], df(x)],
        ] as const) {
          // A few float32 ulps of the value (exp/log in WGSL are not correctly rounded), or 1e-7 absolute
          // where the value is tiny next to its terms (e.g. tanh's 1 − t² near saturation).
          const tol = Math.max(4e-7 * Math.abs(want), 1e-7);
          if (!(Math.abs(g - want) <= tol)) bad.push(`${name}(${x}) = ${g}, want ${want}`);
        }
        // Exact zeros (zeroFrac counts them) where the reference has them, and nowhere else — except float32
        // subnormals, which GPUs may flush to zero (SwiftShader does).
        const subnormal = Math.abs(Math.fround(f(x))) < 1.1754944e-38;
        if ((f(x) === 0) !== (got.h[i] === 0) && !subnormal)
          bad.push(`${act}(${x}) = ${got.h[i]}, want ${f(x)} (zero)`);
      }
      expect(bad.slice(0, 8)).toEqual([]);
    });
  }
});
