// Human names for the config's enum values (the values themselves stay as the URL and CLI spell them).
import type {
  Activation,
  BackendPref,
  DatasetName,
  FanMode,
  InitName,
  LossName,
  NormName,
  Optimizer,
  RunConfig,
} from '../engine/config';

export const ACT_LABELS: Record<Activation, string> = {
  relu: 'ReLU',
  leaky_relu: 'Leaky ReLU',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  silu: 'SiLU',
  gelu: 'GELU (tanh form)',
  selu: 'SELU',
  linear: 'linear (none)',
};

export const INIT_LABELS: Record<InitName, string> = {
  zeros: 'zeros',
  constant: 'constant',
  normal: 'normal(0, std)',
  uniform: 'uniform(−a, a)',
  xavier_uniform: 'Xavier / Glorot uniform',
  xavier_normal: 'Xavier / Glorot normal',
  kaiming_uniform: 'Kaiming / He uniform',
  kaiming_normal: 'Kaiming / He normal',
  torch_default: 'PyTorch nn.Linear default',
  lecun_normal: 'LeCun normal',
  orthogonal: 'orthogonal',
  sparse: 'sparse',
  lsuv: 'LSUV (orthogonal + rescale)',
};

export const DATA_LABELS: Record<DatasetName, string> = {
  spiral: 'spiral (2-D)',
  circles: 'circles (2-D)',
  xor: 'xor (2-D)',
  gaussians: 'gaussians (2-D)',
  moons: 'moons (2-D)',
  probe: 'probe (random inputs)',
  fashion: 'Fashion-MNIST (784-D)',
  local: 'your CSV file',
};

export const OPT_LABELS: Record<Optimizer, string> = { sgd: 'SGD', momentum: 'SGD + momentum', adam: 'Adam' };
export const LOSS_LABELS: Record<LossName, string> = { ce: 'cross-entropy', mse: 'mean squared error' };
export const MODE_LABELS: Record<FanMode, string> = {
  fan_in: 'fan_in (forward)',
  fan_out: 'fan_out (backward)',
};
export const NORM_LABELS: Record<NormName, string> = {
  none: 'none',
  batch: 'BatchNorm (batch statistics)',
  layer: 'LayerNorm (per sample)',
};
export const BACKEND_LABELS: Record<BackendPref, string> = {
  auto: 'auto (best for this device)',
  webgpu: 'WebGPU',
  cpu: 'CPU',
};

/** The 2-D datasets (they have a noise level and a decision boundary). */
export const TWO_D: readonly DatasetName[] = ['spiral', 'circles', 'xor', 'gaussians', 'moons'];

/** Short name of a run for legends: "Kaiming / He normal · ReLU". */
export function slotLabel(c: Pick<RunConfig, 'init' | 'act'>): string {
  return `${INIT_LABELS[c.init]} · ${ACT_LABELS[c.act]}`;
}

/** Settings a compared run may change beyond init and act, each written short for a legend. */
const DISTINGUISHING: readonly [keyof RunConfig, (c: RunConfig) => string][] = [
  ['gain', (c) => `gain ${c.gain}`],
  ['mode', (c) => c.mode],
  ['std', (c) => `std ${c.std}`],
  ['a', (c) => `a ${c.a}`],
  ['value', (c) => `value ${c.value}`],
  ['sparsity', (c) => `sparsity ${c.sparsity}`],
  ['slope', (c) => `slope ${c.slope}`],
  ['bias', (c) => `bias ${c.bias}`],
  ['bstd', (c) => `bstd ${c.bstd}`],
  ['norm', (c) => (c.norm === 'none' ? 'no norm' : NORM_LABELS[c.norm].split(' ')[0])],
  ['res', (c) => (c.res === 1 ? 'residual' : 'plain')],
  ['rezero', (c) => (c.rezero === 1 ? 'ReZero' : 'α = 1')],
  ['opt', (c) => OPT_LABELS[c.opt]],
  ['lr', (c) => `lr ${c.lr}`],
  ['momentum', (c) => `momentum ${c.momentum}`],
];

/**
 * Legend names for compared runs: init · act, plus every other setting that differs between the runs,
 * so two runs that differ only in gain (the edge-of-chaos preset) do not get the same name.
 */
export function slotLabels(configs: readonly RunConfig[]): string[] {
  const extra = DISTINGUISHING.filter(([k]) => configs.some((c) => c[k] !== configs[0][k]));
  return configs.map((c) => [slotLabel(c), ...extra.map(([, f]) => f(c))].join(' · '));
}
