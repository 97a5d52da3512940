// What each initializer draws, with its numbers, for one Linear layer W [out, in] (fan_in = in,
// fan_out = out), following torch.nn.init. The samplers, the mean-field theory and the formula card all
// read these specs, so the numbers shown are the numbers used.
import type { RunConfig } from '../config';
import { resolveGain } from './gain';

export type InitKind = 'uniform' | 'normal' | 'constant' | 'zeros' | 'orthogonal' | 'sparse';

export interface InitSpec {
  kind: InitKind;
  /** uniform: W ~ U(−bound, bound). */
  bound?: number;
  /** normal and sparse: std of the (non-zero) entries. */
  std?: number;
  /** constant: every entry. */
  value?: number;
  /** The gain that entered the formula (1 where the initializer has none; torch_default: 1/√3). */
  gain: number;
  /** Theoretical Var(W) per entry (0 for zeros and constant). */
  weightVar: number;
  /** sparse: number of zeros in every column, ceil(sparsity·out). */
  zerosPerColumn?: number;
  /** sparse: exact fraction of zeros in every column, zerosPerColumn/out. */
  zeroFraction?: number;
}

/** The config fields that decide the weight distribution. */
export type InitConfig = Pick<
  RunConfig,
  'init' | 'act' | 'slope' | 'gain' | 'mode' | 'std' | 'a' | 'value' | 'sparsity'
>;

/** torch.nn.init.sparse_: ceil(sparsity·rows) zeros in every column (the same float64 arithmetic as torch). */
export function sparseZeroCount(sparsity: number, rows: number): number {
  return Math.min(rows, Math.ceil(sparsity * rows));
}

function uniform(bound: number, gain: number): InitSpec {
  return { kind: 'uniform', bound, gain, weightVar: (bound * bound) / 3 };
}

function normal(std: number, gain: number): InitSpec {
  return { kind: 'normal', std, gain, weightVar: std * std };
}

export function initSpec(config: InitConfig, fanIn: number, fanOut: number): InitSpec {
  const gain = resolveGain(config);
  switch (config.init) {
    case 'zeros':
      return { kind: 'zeros', value: 0, gain, weightVar: 0 };
    case 'constant':
      return { kind: 'constant', value: config.value, gain, weightVar: 0 };
    case 'normal':
      return normal(config.std, gain);
    case 'uniform':
      return uniform(config.a, gain);
    // The source article prints Xavier's denominator as n_in·n_out; Glorot & Bengio (and torch) use the
    // SUM fan_in + fan_out, which is what we use.
    case 'xavier_uniform': {
      const std = gain * Math.sqrt(2 / (fanIn + fanOut));
      return uniform(Math.sqrt(3) * std, gain);
    }
    case 'xavier_normal':
      return normal(gain * Math.sqrt(2 / (fanIn + fanOut)), gain);
    case 'kaiming_uniform':
    case 'kaiming_normal': {
      const fan = config.mode === 'fan_out' ? fanOut : fanIn;
      const std = gain / Math.sqrt(fan);
      return config.init === 'kaiming_normal' ? normal(std, gain) : uniform(Math.sqrt(3) * std, gain);
    }
    case 'torch_default': {
      // nn.Linear.reset_parameters: kaiming_uniform_(a=√5), i.e. leaky_relu gain √(2/(1+5)) = 1/√3,
      // bound = √3 · gain/√fan_in = 1/√fan_in.
      const torchGain = Math.sqrt(2 / (1 + 5));
      return uniform(Math.sqrt(3) * (torchGain / Math.sqrt(fanIn)), torchGain);
    }
    case 'lecun_normal':
      // Not in torch.nn.init; LeCun's plain (untruncated) normal with std 1/√fan_in.
      return normal(1 / Math.sqrt(fanIn), gain);
    case 'orthogonal':
    case 'lsuv':
      // lsuv starts from the orthogonal matrix; the trainers then rescale each layer with forward passes.
      // Orthonormal rows (out ≤ in) or columns (out > in): mean square per entry = 1/max(in, out).
      return { kind: 'orthogonal', gain, weightVar: (gain * gain) / Math.max(fanIn, fanOut) };
    case 'sparse': {
      const zerosPerColumn = sparseZeroCount(config.sparsity, fanOut);
      const zeroFraction = zerosPerColumn / fanOut;
      const std = config.std;
      const weightVar = (1 - zeroFraction) * std * std;
      return { kind: 'sparse', std, gain, zerosPerColumn, zeroFraction, weightVar };
    }
  }
}

export type BiasKind = 'zeros' | 'uniform' | 'normal' | 'constant';

export interface BiasSpec {
  kind: BiasKind;
  /** uniform: b ~ U(−bound, bound), bound = 1/√fan_in as in nn.Linear. */
  bound?: number;
  /** normal: b ~ N(0, std²). */
  std?: number;
  /** constant: every entry. */
  value?: number;
  /** Theoretical Var(b) per entry (0 for zeros and constant): the σ_b² of mean-field theory. */
  biasVar: number;
}

/**
 * Bias distribution. 'auto': zero, except torch_default, which samples U(±1/√fan_in) like nn.Linear;
 * 'zeros'; 'torch': U(±1/√fan_in) whatever the weight initializer; 'normal': N(0, bstd²), independent of
 * fan_in (σ_b² is a per-unit variance in mean-field theory, unlike σ_w² which is fan_in·Var W); a number:
 * that constant.
 */
export function biasSpec(config: Pick<RunConfig, 'init' | 'bias' | 'bstd'>, fanIn: number): BiasSpec {
  const { bias } = config;
  if (typeof bias === 'number') return { kind: 'constant', value: bias, biasVar: 0 };
  if (bias === 'normal') return { kind: 'normal', std: config.bstd, biasVar: config.bstd * config.bstd };
  if (bias === 'torch' || (bias === 'auto' && config.init === 'torch_default')) {
    const bound = 1 / Math.sqrt(fanIn);
    return { kind: 'uniform', bound, biasVar: (bound * bound) / 3 };
  }
  return { kind: 'zeros', value: 0, biasVar: 0 };
}
