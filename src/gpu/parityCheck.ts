// CPU ↔ GPU parity of a training run, usable from Node tests and from the browser (e2e): the same config
// and data through the CPU reference (float32) and the WGSL trainer, compared on the initial weights, on
// everything step 0 reports (loss, accuracy, every per-layer statistic), on the weights after one update,
// and on the loss curve of a longer run. Returns the mismatches in words (empty = parity).
import type { RunConfig } from '../engine/config';
import { createCpuTrainer } from '../engine/cpu/cpuTrainer';
import type { Dataset } from '../engine/data/types';
import { initializeNetwork } from '../engine/init';
import type { StatsRecord } from '../engine/stats/types';
import { createGpuTrainer, type GpuTrainerOptions } from './gpuTrainer';

export interface ParityTolerance {
  rel: number;
  abs: number;
}

/** The contract of issue 3: one step within 1e-4 relative or 1e-6 absolute; curves within 1e-3 relative. */
export const STEP_TOL: ParityTolerance = { rel: 1e-4, abs: 1e-6 };
export const CURVE_TOL: ParityTolerance = { rel: 1e-3, abs: 1e-6 };

export function close(a: number, b: number, t: ParityTolerance): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true; // also equal infinities
  return Math.abs(a - b) <= Math.max(t.abs, t.rel * Math.abs(b));
}

/** A per-path tolerance override (e.g. for counts), or undefined to keep the default. */
export type ToleranceFor = (path: string) => ParityTolerance | undefined;

/** Every numeric leaf of `got` against `want` (same shape), as "path: got vs want" lines. */
export function compareDeep(
  got: unknown,
  want: unknown,
  t: ParityTolerance,
  path = '',
  override?: ToleranceFor,
): string[] {
  if (typeof want === 'number') {
    if (typeof got !== 'number') return [`${path}: ${String(got)} vs ${want}`];
    return close(got, want, override?.(path) ?? t) ? [] : [`${path}: ${got} vs ${want}`];
  }
  if (want === null || want === undefined || typeof want !== 'object') {
    return got === want ? [] : [`${path}: ${JSON.stringify(got)} vs ${JSON.stringify(want)}`];
  }
  if (got === null || typeof got !== 'object') return [`${path}: missing`];
  const out: string[] = [];
  const keys = new Set([...Object.keys(want), ...Object.keys(got)]);
  for (const k of keys)
    out.push(
      ...compareDeep(
        (got as Record<string, unknown>)[k],
        (want as Record<string, unknown>)[k],
        t,
        `${path}.${k}`,
        override,
      ),
    );
  return out;
}

/** How exactly the GPU's initial weights must equal the CPU's for this initializer. */
export function initTolerance(config: RunConfig): ParityTolerance {
  switch (config.init) {
    case 'zeros':
    case 'constant':
    case 'uniform':
    case 'xavier_uniform':
    case 'kaiming_uniform':
    case 'torch_default':
      return { rel: 0, abs: 0 }; // bit for bit
    case 'orthogonal':
    case 'lsuv':
      // Newton–Schulz in float32 on the GPU, the polar factor in float64 on the CPU.
      return { rel: 1e-4, abs: 1e-5 };
    default:
      return { rel: 0, abs: 1e-6 }; // Box–Muller through float32 math: within an ulp or so
  }
}

function compareWeights(
  got: { W: Float32Array; b: Float32Array }[],
  want: { W: ArrayLike<number>; b: ArrayLike<number> }[],
  t: ParityTolerance,
  what: string,
  allowed = 0,
  skip: (layer: number, key: 'W' | 'b') => boolean = () => false,
): string[] {
  const out: string[] = [];
  want.forEach((w, l) => {
    for (const key of ['W', 'b'] as const) {
      if (skip(l, key)) continue;
      let bad = 0;
      let first = '';
      for (let i = 0; i < w[key].length; i++)
        if (!close(got[l][key][i], w[key][i], t)) {
          if (bad++ === 0) first = `[${i}] ${got[l][key][i]} vs ${w[key][i]}`;
        }
      if (bad > allowed) out.push(`${what} layer ${l + 1} ${key}: ${bad} differ, first ${first}`);
    }
  });
  return out;
}

/**
 * Whether b of Linear layer `l` (0-based) feeds a BatchNorm and trains with Adam. Such a bias does not
 * change the network's output (BatchNorm subtracts each feature's batch mean), so its gradient Σ_rows ∂L/∂z
 * is zero up to rounding (docs/LAYERS.md: BatchNorm's ∂L/∂v sums to zero over a feature's rows), and Adam's
 * first update is ±lr·sign(rounding noise): either engine's value is right. The loss curve still checks
 * that these biases change nothing. SGD and momentum move them by lr × noise, so they are compared there.
 */
function adamBiasBeforeBatchNorm(config: RunConfig, l: number): boolean {
  return (
    config.opt === 'adam' && config.norm === 'batch' && l < config.depth && (config.res === 0 || l === 0)
  );
}

/**
 * γ¹…γ^L, β¹…β^L, then ReZero's α²…α^L (docs/LAYERS.md#parameters; the CPU's extraParams order) after one
 * update, within the one-step tolerance.
 */
function compareExtraParams(
  got: { gamma: Float32Array[]; beta: Float32Array[]; alpha: number[] },
  want: readonly ArrayLike<number>[],
  allowed: number,
): string[] {
  const flat: { name: string; v: ArrayLike<number> }[] = [
    ...got.gamma.map((v, i) => ({ name: `γ${i + 1}`, v })),
    ...got.beta.map((v, i) => ({ name: `β${i + 1}`, v })),
    ...got.alpha.flatMap((a, i) => (Number.isNaN(a) ? [] : [{ name: `α${i + 1}`, v: [a] }])),
  ];
  if (flat.length !== want.length) return [`after one step: ${flat.length} γ/β/α tensors vs ${want.length}`];
  const out: string[] = [];
  flat.forEach(({ name, v }, t) => {
    let bad = 0;
    let first = '';
    for (let i = 0; i < want[t].length; i++)
      if (!close(v[i], want[t][i], STEP_TOL)) if (bad++ === 0) first = `[${i}] ${v[i]} vs ${want[t][i]}`;
    if (bad > allowed) out.push(`after one step ${name}: ${bad} differ, first ${first}`);
  });
  return out;
}

/**
 * Slack for larger networks, where exact agreement is not to be had: a value within float32 rounding of a
 * threshold (h = 0, |φ'| = 0.05·max|φ'|, a bin edge) can fall on either side, so a fraction or a count may
 * differ by a few elements; and Adam's first update is ±lr·sign(g), so a weight whose gradient is a sum
 * that cancels to rounding noise can move either way.
 */
export interface ParitySlack {
  /** Elements by which zeroFrac, satFrac and histogram counts may differ. */
  elements: number;
  /** Weights per tensor allowed outside the tolerance after one update. */
  weights: number;
}

export interface ParityReport {
  init: string[];
  step: string[];
  weights: string[];
  curve: string[];
  /** Loss curves (CPU, GPU) of the longer run. */
  cpuLoss: number[];
  gpuLoss: number[];
}

export async function runParity(
  device: GPUDevice,
  config: RunConfig,
  data: Dataset,
  opts: { steps?: number; gpu?: GpuTrainerOptions; slack?: ParitySlack } = {},
): Promise<ParityReport> {
  const steps = opts.steps ?? 50;
  const slack = opts.slack ?? { elements: 0, weights: 0 };
  const n = config.batch * config.width;
  const counts: ToleranceFor = (path) => {
    if (/\.(zeroFrac|satFrac)$/.test(path)) return { rel: 0, abs: slack.elements / n + 1e-12 };
    if (/\.hist\.(counts\.\d+|under|over)$/.test(path)) return { rel: 0, abs: slack.elements };
    return undefined;
  };
  const cpu = await createCpuTrainer(config, data);
  const gpu = await createGpuTrainer(device, config, data, opts.gpu);
  try {
    const initTol = initTolerance(config);
    // A conv network's start is initializeConvNetwork's (conv fans), read from the untrained CPU trainer.
    const cpuStart =
      config.init === 'lsuv' || config.arch === 'conv'
        ? await cpu.weights()
        : initializeNetwork(config, cpu.net.dims);
    const init = compareWeights(await gpu.weights(), cpuStart, initTol, 'initial');
    const rc: StatsRecord[] = await cpu.run(1);
    const rg: StatsRecord[] = await gpu.run(1);
    const step = compareDeep(rg, rc, STEP_TOL, 'step0', slack.elements > 0 ? counts : undefined);
    const weights = compareWeights(
      await gpu.weights(),
      await cpu.weights(),
      STEP_TOL,
      'after one step',
      slack.weights,
      (l, key) => key === 'b' && adamBiasBeforeBatchNorm(config, l),
    );
    weights.push(...compareExtraParams(await gpu.normParams(), cpu.net.extraParams().p, slack.weights));
    const more = Math.max(0, steps - 1);
    const cc = [...rc, ...(await cpu.run(more, { stats: false }))].map((r) => r.loss);
    const cg = [...rg, ...(await gpu.run(more, { stats: false }))].map((r) => r.loss);
    const curve: string[] = [];
    cc.forEach((l, k) => {
      if (!close(cg[k], l, CURVE_TOL)) curve.push(`loss at step ${k}: ${cg[k]} vs ${l}`);
    });
    if (cg.length !== cc.length) curve.push(`records: ${cg.length} vs ${cc.length}`);
    return { init, step, weights, curve, cpuLoss: cc, gpuLoss: cg };
  } finally {
    cpu.dispose();
    gpu.dispose();
  }
}
