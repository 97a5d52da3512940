// The head's forward folded into the loss dispatch (headLoss.ts) against the head's forward kernel and the
// loss kernel it replaces, bit for bit: logits, ∂loss/∂logits, the loss and correct count, and the
// non-finite word; both strategies, both losses, widths that are and are not multiples of 4 or of the
// tiled core's k-tile, batches past one thread's share, and an overflowing head.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchOnce } from './testDispatch';
import type { LossName } from '../engine/config';
import { readBack, storageFrom, u32Bits, UniformArena } from './buffers';
import { headLossKernel, headLossResources, headWords } from './headLoss';
import { type BindingResource, KernelCache, type KernelSpec } from './kernel';
import {
  forwardKernel,
  forwardResources,
  forwardWords,
  type MatmulStrategy,
  NF_NONE,
  pickTile,
} from './matmulKernels';
import { nodeDevice } from './node/nodeGpu';
import { lossKernel, lossWords } from './stepKernels';
import { testRandom } from './testRandom';

const rand = testRandom;

// [B, C, K]: the default head (width 64, 3 classes), ragged widths, fashion's 10 classes, K = 2, B > 256.
const SHAPES: [number, number, number][] = [
  [64, 3, 64],
  [7, 3, 10],
  [300, 3, 20],
  [16, 10, 16],
  [5, 10, 13],
  [33, 2, 8],
  [9, 3, 2],
];
const ORDERS = { z: 5, loss: 7, grad: 9 };

describe('head forward folded into the loss (Dawn in Node)', () => {
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

  const run = (spec: KernelSpec, groups: number[], res: BindingResource[]) =>
    dispatchOnce(device, kernels, spec, groups, res);

  for (const strategy of ['direct', 'tiled'] as MatmulStrategy[])
    for (const loss of ['ce', 'mse'] as LossName[])
      it(`${strategy} ${loss}: logits, gradient, loss and flags equal two dispatches' bit for bit`, async () => {
        const errors: string[] = [];
        for (const [s, [B, C, K]] of SHAPES.entries())
          for (const overflow of [false, true]) {
            const wOff = 64;
            const bOff = wOff + C * K + 4;
            // Sizes in whole vec4s: a and W are also bound as arrays of vec4.
            const params = rand(Math.ceil((bOff + C) / 4) * 4 + 4, s + 10);
            const a = rand(Math.ceil((B * K) / 4) * 4 + 4, s + 20);
            // An infinite input row makes its logits inf or NaN, posted as the output's non-finite order.
            if (overflow) a.fill(Number.POSITIVE_INFINITY, K, 2 * K);
            const labels = Uint32Array.from({ length: 2 * B + 3 }, (_, i) => (i * 7 + s) % C);
            const idx = Uint32Array.from({ length: B }, (_, i) => (i * 5 + 3) % labels.length);
            const [aB, pB, yB, iB] = [
              storageFrom(device, 'a', a),
              storageFrom(device, 'params', params),
              storageFrom(device, 'labels', labels),
              storageFrom(device, 'idx', idx),
            ];
            // The forward's unused views: two buffers, as two writable bindings of one may not overlap.
            const spare = storageFrom(device, 'spare', new Float32Array(4));
            const spareOut = storageFrom(device, 'spare out', new Float32Array(4));
            const outs = [0, 1].map(() => ({
              z: storageFrom(device, 'logits', new Float32Array(B * C)),
              g: storageFrom(device, 'dlogits', new Float32Array(B * C)),
              block: storageFrom(device, 'block', new Uint32Array(8).fill(NF_NONE)),
            }));
            const gradScale = loss === 'ce' ? 1 / B : 2 / (B * C);
            const lw = lossWords({
              rows: B,
              labOff: 0,
              gradScaleBits: u32Bits(gradScale),
              first: true,
              nfLoss: ORDERS.loss,
              nfGrad: ORDERS.grad,
            });
            const tile = pickTile(B, C);
            // Separate: the head's forward (as the step programs build it), then the loss.
            const dims = {
              M: B,
              N: C,
              K,
              aOff: 0,
              wOff,
              bOff,
              zOff: 0,
              hOff: 0,
              idxOff: 0,
              nfZ: ORDERS.z,
              nfH: NF_NONE,
            };
            const kf = forwardKernel(
              { act: 'linear', slope: 0, gather: false, storeZ: true, storeH: false },
              { strategy, M: B, N: C, K, tile },
              dims,
            );
            const fRes = forwardResources(
              kf,
              { a: aB, params: pB, z: outs[0].z, h: spareOut, idx: iB, flags: outs[0].block },
              spare,
            );
            run(kf.spec, kf.groups, [uniforms.alloc(forwardWords(dims)), ...fRes]);
            run(
              lossKernel(C, loss, false, strategy),
              [1],
              [uniforms.alloc(lw), outs[0].z, yB, iB, outs[0].g, outs[0].block],
            );
            // Folded.
            const shape = { strategy, B, C, K, wOff, bOff, tile };
            const res = headLossResources(uniforms.alloc(lw), uniforms.alloc(headWords(shape, ORDERS.z)), {
              logits: outs[1].z,
              labels: yB,
              idx: iB,
              dlogits: outs[1].g,
              block: outs[1].block,
              a: aB,
              params: pB,
            });
            const spec = headLossKernel(loss, shape);
            run(spec, [1], res);
            const read = async (b: GPUBuffer) => new Uint32Array(await readBack(device, b));
            const [z0, g0, k0, z1, g1, k1] = await Promise.all(
              [outs[0], outs[1]].flatMap((o) => [o.z, o.g, o.block]).map(read),
            );
            const same = (x: Uint32Array, y: Uint32Array) => x.every((v, i) => v === y[i]);
            const name = `${B}x${C}x${K}${overflow ? ' overflow' : ''} ${spec.label}`;
            if (!same(z0, z1)) errors.push(`${name}: logits differ`);
            if (!same(g0, g1)) errors.push(`${name}: ∂loss/∂logits differ`);
            if (!same(k0, k1)) errors.push(`${name}: loss, correct or non-finite word differ`);
            if (z1.every((v) => v === 0)) errors.push(`${name}: no logits written`);
            if (overflow && k1[2] !== ORDERS.z) errors.push(`${name}: overflow not posted (${k1[2]})`);
            for (const b of [aB, pB, yB, iB, spare, spareOut, ...outs.flatMap((o) => [o.z, o.g, o.block])])
              b.destroy();
          }
        expect(errors).toEqual([]);
      });
});
