// RunConfig: every setting of a run, its defaults and its limits. The URL codec (config/codec.ts),
// the CLI, the trainers and the page all speak this type. Extend it; do not rename fields.

export const ACTIVATIONS = [
  'relu',
  'leaky_relu',
  'tanh',
  'sigmoid',
  'silu',
  'gelu',
  'selu',
  'linear',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const INITIALIZERS = [
  'zeros',
  'constant',
  'normal',
  'uniform',
  'xavier_uniform',
  'xavier_normal',
  'kaiming_uniform',
  'kaiming_normal',
  'torch_default',
  'lecun_normal',
  'orthogonal',
  'sparse',
  'lsuv',
] as const;
export type InitName = (typeof INITIALIZERS)[number];

export const FAN_MODES = ['fan_in', 'fan_out'] as const;
export type FanMode = (typeof FAN_MODES)[number];

export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];

/** 'local': the user's own CSV file, which lives only in the browser tab (or the CLI's --csv) that loaded it. */
export const DATASETS = [
  'spiral',
  'circles',
  'xor',
  'gaussians',
  'moons',
  'probe',
  'fashion',
  'local',
] as const;
export type DatasetName = (typeof DATASETS)[number];

export const LOSSES = ['ce', 'mse'] as const;
/** ce: softmax cross-entropy; mse: mean squared error against one-hot targets (regression view). */
export type LossName = (typeof LOSSES)[number];

export const NORMS = ['none', 'batch', 'layer'] as const;
/**
 * Normalization after each hidden layer's affine map: none; PyTorch BatchNorm1d in training mode (batch
 * statistics, running statistics for evaluation); LayerNorm over the layer's features. γ = 1, β = 0 at init.
 */
export type NormName = (typeof NORMS)[number];

export const BACKENDS = ['auto', 'webgpu', 'cpu'] as const;
export type BackendPref = (typeof BACKENDS)[number];

/**
 * Bias initialization. 'auto': zero, except torch_default which samples U(±1/√fan_in) like nn.Linear;
 * 'zeros'; 'torch': U(±1/√fan_in) whatever the weight initializer; 'normal': N(0, bstd²), the σ_b² of
 * mean-field theory made explicit; a number: constant.
 */
export type BiasInit = 'auto' | 'zeros' | 'torch' | 'normal' | number;

export interface RunConfig {
  /** Number of hidden layers L (each followed by the activation); the output layer comes on top. */
  depth: number;
  /** Width N of every hidden layer. */
  width: number;
  act: Activation;
  /** Negative slope of leaky_relu (also used by calculate_gain('leaky_relu', slope)). */
  slope: number;
  init: InitName;
  /** 'auto' = calculate_gain(act) for kaiming, 1 for xavier/orthogonal/lsuv; a number overrides. */
  gain: 'auto' | number;
  /** Fan used by kaiming_uniform / kaiming_normal. */
  mode: FanMode;
  /** std of normal and sparse. */
  std: number;
  /** Half-width of uniform: U(−a, a). */
  a: number;
  /** Value of constant. */
  value: number;
  /** Fraction of zeros per column for sparse. */
  sparsity: number;
  bias: BiasInit;
  /** std of the bias for bias='normal': b ~ N(0, bstd²), so σ_b² = bstd². Ignored by the other bias modes. */
  bstd: number;
  /** Normalization of every hidden layer (see NormName); 'none' is the plain MLP. */
  norm: NormName;
  /** 1: layers 2..L are pre-norm residual blocks x ← x + α·(W·φ(Norm(x)) + b); 0: plain layers. */
  res: 0 | 1;
  /** 1 (with res=1): α is a trained scalar per block starting at 0 (ReZero); 0: α = 1. */
  rezero: 0 | 1;
  data: DatasetName;
  /** Input dimension of the `probe` dataset; 0 means "same as width". Ignored by other datasets. */
  in: number;
  /** Noise level of the 2-D datasets. */
  noise: number;
  loss: LossName;
  batch: number;
  lr: number;
  opt: Optimizer;
  /** Momentum coefficient for opt=momentum (heavy ball, PyTorch SGD semantics). */
  momentum: number;
  seed: number;
  backend: BackendPref;
}

export const CONFIG_VERSION = 1;

export const DEFAULT_CONFIG: Readonly<RunConfig> = Object.freeze({
  // The first-sight story: a 20-layer ReLU net with Xavier init, whose signal halves in variance per
  // layer, so the depth profile shows activations and gradients vanishing. Small enough for SwiftShader.
  depth: 20,
  width: 64,
  act: 'relu',
  slope: 0.01,
  init: 'xavier_normal',
  gain: 'auto',
  mode: 'fan_in',
  std: 0.01,
  a: 0.05,
  value: 0.1,
  sparsity: 0.1,
  bias: 'auto',
  // √0.05: the σ_b² = 0.05 of Schoenholz et al.'s trainability experiment, once bias=normal is chosen.
  bstd: 0.22360679774997896,
  norm: 'none',
  res: 0,
  rezero: 0,
  data: 'spiral',
  in: 0,
  noise: 0.1,
  loss: 'ce',
  batch: 64,
  lr: 0.05,
  opt: 'momentum',
  momentum: 0.9,
  seed: 1,
  backend: 'auto',
});

/** Inclusive numeric limits; `int` ones are rounded. decodeConfig clamps into them with a notice. */
export const LIMITS = {
  depth: { min: 1, max: 500, int: true },
  width: { min: 2, max: 2048, int: true },
  batch: { min: 1, max: 4096, int: true },
  in: { min: 0, max: 4096, int: true },
  seed: { min: 0, max: 4294967295, int: true },
  slope: { min: 0, max: 1, int: false },
  gain: { min: 0, max: 100, int: false },
  std: { min: 0, max: 100, int: false },
  a: { min: 0, max: 100, int: false },
  value: { min: -100, max: 100, int: false },
  sparsity: { min: 0, max: 0.99, int: false },
  noise: { min: 0, max: 2, int: false },
  lr: { min: 1e-6, max: 10, int: false },
  momentum: { min: 0, max: 0.999, int: false },
  biasValue: { min: -100, max: 100, int: false },
  bstd: { min: 0, max: 100, int: false },
  res: { min: 0, max: 1, int: true },
  rezero: { min: 0, max: 1, int: true },
} as const;

/** Adam hyper-parameters (PyTorch defaults), fixed. */
export const ADAM = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/** Which parameters of the initializer apply, so the page shows only those and the codec keeps only those. */
export function initParams(
  init: InitName,
): ReadonlyArray<'gain' | 'mode' | 'std' | 'a' | 'value' | 'sparsity'> {
  switch (init) {
    case 'constant':
      return ['value'];
    case 'normal':
      return ['std'];
    case 'uniform':
      return ['a'];
    case 'xavier_uniform':
    case 'xavier_normal':
    case 'orthogonal':
    case 'lsuv':
      return ['gain'];
    case 'kaiming_uniform':
    case 'kaiming_normal':
      return ['gain', 'mode'];
    case 'sparse':
      return ['sparsity', 'std'];
    default:
      return [];
  }
}
