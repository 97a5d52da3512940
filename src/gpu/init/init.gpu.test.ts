// Every initializer sampled on the GPU equals the CPU engine's initializeNetwork (Dawn in Node):
// uniform-family values and constants bit for bit, normals within 1e-6 (and one ulp), sparse with the
// same zero pattern, orthogonal within 1e-4 of the float64 polar factor with ‖W·Wᵀ − gain²·I‖∞ < 1e-3.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, INITIALIZERS, type InitName, type RunConfig } from '../../engine/config';
import { initializeNetwork, initSpec } from '../../engine/init';
import { nodeDevice } from '../node/nodeGpu';
import { readBack } from '../buffers';
import { gpuInitializeInto, gpuInitializeNetwork, readLayerParams } from './network';

// Rectangular both ways, square, a 2-wide input and sizes that are not multiples of 16 or 256.
const DIMS = [
  [2, 17, 17, 3],
  [70, 33, 300, 10],
];

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
const ulp = (y: number) => 2 ** (Math.floor(Math.log2(Math.abs(y))) - 23);

function config(init: InitName, extra: Partial<RunConfig> = {}): RunConfig {
  return { ...DEFAULT_CONFIG, init, act: 'tanh', seed: 20240607, std: 0.5, a: 0.3, value: -0.25, ...extra };
}

/** max |a − b| and whether every difference is within one ulp of b. */
function compare(gpu: Float32Array, cpu: Float32Array) {
  let maxAbs = 0;
  let withinUlp = true;
  for (let i = 0; i < cpu.length; i++) {
    const d = Math.abs(gpu[i] - cpu[i]);
    maxAbs = Math.max(maxAbs, d);
    if (d > 0 && d > ulp(cpu[i])) withinUlp = false;
  }
  return { maxAbs, withinUlp };
}

/** max |W·Wᵀ − g²·I| (wide or square) or |Wᵀ·W − g²·I| (tall), in float64. */
function orthogonalityError(W: Float32Array, rows: number, cols: number, gain: number): number {
  const wide = rows <= cols;
  const m = wide ? rows : cols;
  const k = wide ? cols : rows;
  const at = (i: number, t: number) => (wide ? W[i * cols + t] : W[t * cols + i]);
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += at(i, t) * at(j, t);
      worst = Math.max(worst, Math.abs(s - (i === j ? gain * gain : 0)));
    }
  }
  return worst;
}

describe('gpuInitializeNetwork equals initializeNetwork (Dawn)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  async function both(cfg: RunConfig, dims: number[]) {
    const layers = await gpuInitializeNetwork(device, cfg, dims);
    const gpu = await readLayerParams(device, layers, dims);
    for (const { W, b } of layers) {
      W.destroy();
      b.destroy();
    }
    return { gpu, cpu: initializeNetwork(cfg, dims) };
  }

  const exactInits = INITIALIZERS.filter((i) =>
    // article: an MLP's Linear layers get kaiming_uniform (relu), a uniform draw like the others here.
    [
      'zeros',
      'constant',
      'uniform',
      'xavier_uniform',
      'kaiming_uniform',
      'torch_default',
      'article',
    ].includes(i),
  );
  const normalInits = INITIALIZERS.filter((i) =>
    ['normal', 'xavier_normal', 'kaiming_normal', 'lecun_normal'].includes(i),
  );

  it('covers every initializer of the config', () => {
    const covered = new Set<string>([...exactInits, ...normalInits, 'sparse', 'orthogonal', 'lsuv']);
    expect(INITIALIZERS.filter((i) => !covered.has(i))).toEqual([]);
  });

  for (const dims of DIMS) {
    for (const init of exactInits) {
      it(`${init} ${dims.join('-')}: weights and biases bit for bit`, async () => {
        const cfg = config(init, { mode: init === 'kaiming_uniform' ? 'fan_out' : 'fan_in', act: 'relu' });
        const { gpu, cpu } = await both(cfg, dims);
        for (let l = 0; l < cpu.length; l++) {
          expect(bits(gpu[l].W)).toEqual(bits(cpu[l].W));
          expect(bits(gpu[l].b)).toEqual(bits(cpu[l].b));
        }
      });
    }

    for (const init of normalInits) {
      it(`${init} ${dims.join('-')}: weights within 1e-6 and one ulp, biases bit for bit`, async () => {
        const cfg = config(init, { bias: 'torch', mode: 'fan_out', act: 'relu' });
        const { gpu, cpu } = await both(cfg, dims);
        for (let l = 0; l < cpu.length; l++) {
          const c = compare(gpu[l].W, cpu[l].W);
          expect(c.maxAbs).toBeLessThanOrEqual(1e-6);
          expect(c.withinUlp).toBe(true);
          expect(bits(gpu[l].b)).toEqual(bits(cpu[l].b));
        }
      });
    }

    it(`normal with std 1 ${dims.join('-')}: within 1e-6 of the CPU's float32 samples`, async () => {
      const { gpu, cpu } = await both(config('normal', { std: 1, bias: 0.125 }), dims);
      for (let l = 0; l < cpu.length; l++) {
        expect(compare(gpu[l].W, cpu[l].W).maxAbs).toBeLessThanOrEqual(1e-6);
        expect(bits(gpu[l].b)).toEqual(bits(cpu[l].b));
      }
    });

    it(`bias=normal ${dims.join('-')}: N(0, bstd²) biases within 1e-6 and one ulp of the CPU's`, async () => {
      const { gpu, cpu } = await both(config('xavier_uniform', { bias: 'normal', bstd: 0.7 }), dims);
      for (let l = 0; l < cpu.length; l++) {
        expect(bits(gpu[l].W)).toEqual(bits(cpu[l].W));
        expect(cpu[l].b.some((v) => v !== 0)).toBe(true);
        const c = compare(gpu[l].b, cpu[l].b);
        expect(c.maxAbs).toBeLessThanOrEqual(1e-6);
        expect(c.withinUlp).toBe(true);
      }
    });

    for (const sparsity of [0.1, 0.5, 0.99]) {
      it(`sparse ${sparsity} ${dims.join('-')}: the same zeros per column, the rest within 1e-6`, async () => {
        const cfg = config('sparse', { sparsity, std: 1 });
        const { gpu, cpu } = await both(cfg, dims);
        for (let l = 0; l < cpu.length; l++) {
          const zeros = initSpec(cfg, dims[l], dims[l + 1]).zerosPerColumn ?? -1;
          const gpuZero = Array.from(gpu[l].W, (v) => v === 0);
          expect(gpuZero).toEqual(Array.from(cpu[l].W, (v) => v === 0));
          const [rows, cols] = [dims[l + 1], dims[l]];
          for (let j = 0; j < cols; j++) {
            let z = 0;
            for (let i = 0; i < rows; i++) if (gpuZero[i * cols + j]) z++;
            expect(z).toBe(zeros);
          }
          expect(compare(gpu[l].W, cpu[l].W).maxAbs).toBeLessThanOrEqual(1e-6);
        }
      });
    }

    for (const [init, gain] of [
      ['orthogonal', 'auto'],
      ['orthogonal', 1.7],
      ['lsuv', 'auto'],
    ] as const) {
      it(`${init} gain ${gain} ${dims.join('-')}: orthonormal and equal to the CPU polar factor`, async () => {
        const cfg = config(init, { gain });
        const { gpu, cpu } = await both(cfg, dims);
        let worstDiff = 0;
        let worstOrtho = 0;
        for (let l = 0; l < cpu.length; l++) {
          const g = Math.fround(initSpec(cfg, dims[l], dims[l + 1]).gain);
          worstOrtho = Math.max(worstOrtho, orthogonalityError(gpu[l].W, dims[l + 1], dims[l], g));
          worstDiff = Math.max(worstDiff, compare(gpu[l].W, cpu[l].W).maxAbs);
          expect(bits(gpu[l].b)).toEqual(bits(cpu[l].b));
        }
        console.info(
          `${init} gain ${gain} ${dims.join('-')}: max |W_gpu − W_cpu| = ${worstDiff.toExponential(2)}, ` +
            `max |WWᵀ − g²I| = ${worstOrtho.toExponential(2)}`,
        );
        expect(worstOrtho).toBeLessThan(1e-3);
        expect(worstDiff).toBeLessThan(1e-4);
      });
    }
  }

  it('orthogonal on square layers (the slowest to converge): 4 layers of 48×48, two seeds', async () => {
    const dims = [48, ...new Array(4).fill(48)];
    let worstDiff = 0;
    let worstOrtho = 0;
    for (const seed of [1, 2]) {
      const cfg = config('orthogonal', { seed });
      const { gpu, cpu } = await both(cfg, dims);
      for (let l = 0; l < cpu.length; l++) {
        worstOrtho = Math.max(worstOrtho, orthogonalityError(gpu[l].W, 48, 48, 1));
        worstDiff = Math.max(worstDiff, compare(gpu[l].W, cpu[l].W).maxAbs);
      }
    }
    console.info(
      `orthogonal 48×48 × 8: max |W_gpu − W_cpu| = ${worstDiff.toExponential(2)}, ` +
        `max |WWᵀ − I| = ${worstOrtho.toExponential(2)}`,
    );
    expect(worstOrtho).toBeLessThan(1e-3);
    expect(worstDiff).toBeLessThan(1e-4);
  });

  it('gpuInitializeInto fills ranges of one packed buffer (256-byte aligned), the same as separate buffers', async () => {
    const dims = [5, 17, 17, 3];
    const align = (n: number) => Math.ceil(n / 64) * 64;
    const offsets: { w: number; b: number }[] = [];
    let p = 0;
    for (let l = 0; l + 1 < dims.length; l++) {
      offsets.push({ w: p, b: p + align(dims[l] * dims[l + 1]) });
      p = offsets[l].b + align(dims[l + 1]);
    }
    const packed = device.createBuffer({
      size: 4 * p,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    for (const init of ['kaiming_uniform', 'sparse', 'orthogonal'] as const) {
      const cfg = config(init, { bias: 'torch' });
      await gpuInitializeInto(
        device,
        cfg,
        dims,
        offsets.map(({ w, b }, l) => ({
          W: { buffer: packed, offset: 4 * w, size: 4 * dims[l] * dims[l + 1] },
          b: { buffer: packed, offset: 4 * b, size: 4 * dims[l + 1] },
        })),
      );
      const all = new Float32Array(await readBack(device, packed));
      const { gpu } = await both(cfg, dims);
      offsets.forEach(({ w, b }, l) => {
        expect(bits(all.subarray(w, w + dims[l] * dims[l + 1]))).toEqual(bits(gpu[l].W));
        expect(bits(all.subarray(b, b + dims[l + 1]))).toEqual(bits(gpu[l].b));
      });
    }
    await expect(
      gpuInitializeInto(device, config('zeros'), [2, 3], [{ W: { buffer: packed, offset: 4 }, b: packed }]),
    ).rejects.toThrow(/offset is not a multiple/);
    packed.destroy();
  });
});
