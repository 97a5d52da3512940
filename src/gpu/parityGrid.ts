// The parity grid: small networks that together cover every activation, every initializer and every
// optimizer (one initializer per case, the others cycled), both matmul strategies, both losses, every 2-D
// dataset and the probe, without a full cartesian product; then every norm × res × rezero with relu and
// tanh (docs/LAYERS.md), optimizers, initializers (LSUV through the norms too) and strategies cycled; then
// small conv networks.
// Used by the Node parity test and the browser's.
import type { RunConfig } from '../engine/config';
import type { MatmulStrategy } from './matmulKernels';
import type { ParitySlack } from './parityCheck';

/** `units`: compute units the GPU trainer plans for (GpuTrainerOptions.units; default the adapter's). */
export type ParityCase = Partial<RunConfig> & {
  strategy?: MatmulStrategy;
  units?: number;
  slack?: ParitySlack;
};

/**
 * A big GPU's plan on the tiled kernels (an H200's 132 compute units): batches of 520 rows give every weight
 * gradient a split-K (splitK.ts: two chunks and their reduce), in the plain MLP's program and the graph's.
 */
const SPLIT_K_CASES: ParityCase[] = (
  [
    {
      init: 'kaiming_uniform',
      act: 'relu',
      opt: 'adam',
      lr: 0.005,
      depth: 3,
      width: 24,
      batch: 520,
      data: 'moons',
    },
    {
      init: 'xavier_normal',
      act: 'tanh',
      opt: 'momentum',
      depth: 2,
      width: 16,
      batch: 520,
      data: 'circles',
      norm: 'layer',
      res: 1,
    },
  ] as ParityCase[]
).map((c) => ({ ...c, strategy: 'tiled' as const, units: 132 }));

const PLAIN_CASES: ParityCase[] = [
  { init: 'zeros', act: 'relu', opt: 'sgd', depth: 2, width: 8, batch: 4, data: 'xor' },
  {
    init: 'constant',
    value: 0.05,
    bias: 0.1,
    act: 'leaky_relu',
    slope: 0.1,
    opt: 'momentum',
    depth: 3,
    width: 12,
    batch: 8,
    data: 'circles',
  },
  {
    init: 'normal',
    std: 0.5,
    act: 'tanh',
    opt: 'adam',
    lr: 0.01,
    depth: 4,
    width: 16,
    batch: 16,
    data: 'spiral',
    loss: 'mse',
  },
  { init: 'uniform', a: 0.3, act: 'sigmoid', opt: 'sgd', depth: 3, width: 20, batch: 32, data: 'moons' },
  { init: 'xavier_uniform', act: 'silu', opt: 'momentum', depth: 5, width: 24, batch: 16, data: 'gaussians' },
  {
    init: 'xavier_normal',
    act: 'gelu',
    opt: 'adam',
    lr: 0.005,
    depth: 6,
    width: 32,
    batch: 16,
    data: 'spiral',
  },
  { init: 'kaiming_uniform', act: 'selu', opt: 'sgd', depth: 4, width: 48, batch: 32, data: 'probe' },
  {
    init: 'kaiming_normal',
    mode: 'fan_out',
    act: 'relu',
    opt: 'adam',
    lr: 0.002,
    depth: 6,
    width: 32,
    batch: 32,
    data: 'probe',
    strategy: 'tiled',
  },
  {
    init: 'torch_default',
    act: 'linear',
    opt: 'momentum',
    depth: 2,
    width: 17,
    batch: 7,
    data: 'spiral',
    loss: 'mse',
  },
  {
    init: 'lecun_normal',
    act: 'selu',
    opt: 'momentum',
    lr: 0.02,
    depth: 5,
    width: 40,
    batch: 24,
    data: 'circles',
  },
  {
    init: 'orthogonal',
    gain: 1.2,
    act: 'tanh',
    opt: 'sgd',
    depth: 4,
    width: 36,
    batch: 12,
    data: 'moons',
    strategy: 'tiled',
  },
  {
    init: 'sparse',
    sparsity: 0.3,
    std: 0.1,
    bias: 'torch',
    act: 'leaky_relu',
    opt: 'adam',
    lr: 0.01,
    depth: 3,
    width: 28,
    batch: 20,
    data: 'xor',
  },
  // Gaussian bias (σ_b² = 0.09), drawn on the GPU from the same Philox bias stream as the CPU's.
  {
    init: 'xavier_normal',
    gain: 1.5,
    bias: 'normal',
    bstd: 0.3,
    act: 'tanh',
    opt: 'sgd',
    depth: 5,
    width: 20,
    batch: 16,
    data: 'spiral',
  },
  // lr 0.02: at the default 0.05 this net's loss curve is chaotic enough that float32 rounding differences
  // (summation order on a real GPU) grow past 1e-3 by step ~20 (seen on an H200).
  { init: 'lsuv', act: 'relu', opt: 'momentum', lr: 0.02, depth: 6, width: 32, batch: 32, data: 'spiral' },
];

/** Every normalization × residual × ReZero combination beyond the plain MLP, with relu and tanh. */
function layerCases(): ParityCase[] {
  const out: ParityCase[] = [];
  const opts = ['sgd', 'momentum', 'adam'] as const;
  const inits = ['kaiming_normal', 'xavier_uniform', 'orthogonal', 'lsuv'] as const;
  const data = ['spiral', 'moons', 'circles', 'gaussians'] as const;
  let k = 0;
  for (const norm of ['none', 'batch', 'layer'] as const)
    for (const [res, rezero] of [
      [0, 0],
      [1, 0],
      [1, 1],
    ] as const)
      for (const act of ['relu', 'tanh'] as const) {
        if (norm === 'none' && res === 0) continue;
        const opt = opts[k % 3];
        out.push({
          norm,
          res,
          rezero,
          act,
          opt,
          lr: opt === 'adam' ? 0.005 : 0.02,
          init: inits[k % 4],
          depth: 4 + (k % 3),
          width: 12 + 4 * (k % 4),
          batch: 8 + 8 * (k % 3),
          data: data[k % 4],
          // One tiled case per norm kind (the tiled kernels are slow on software adapters).
          ...(k % 6 === 1 ? { strategy: 'tiled' as const } : {}),
          // Adam's first step is lr·g/(|g| + ε) per weight: a gradient that cancels to within a few ε
          // (1e-8) moves its weight by a rounding-dependent fraction of lr; seen on one weight of 576
          // (LayerNorm, LSUV, tanh), so Adam cases may differ there (see ParitySlack).
          ...(opt === 'adam' ? { slack: { elements: 0, weights: 1 } } : {}),
        });
        k++;
      }
  return out;
}

/**
 * Conv networks (arch=conv, docs/LAYERS.md#convolutional-networks) on 28×28 images, kept tiny (3 layers,
 * 4 channels, batch 4, pools to shrink the maps) so a software adapter runs each in seconds: relu and
 * tanh, no norm, BatchNorm2d and GroupNorm(1, C), residual blocks with α = 1 and ReZero, LSUV, pools every layer / every 2nd / none, kernels 3 and 5, the article's
 * init, conv fans for kaiming fan_out and torch_default, 1–3 input channels (the probe: a Node test has
 * no Fashion file reader). The direct kernels, but for one tiled case: every conv GEMM form sums in the same
 * order (conv.gpu.test.ts checks them bit for bit) and tiled steps are slow on SwiftShader. That case's
 * 28×28 maps give its forward and input grad register tiles (64×16 blocks, ≥ 32 workgroups at a small
 * GPU's units) and its pooled layer and weight grads the single-output form, so a Node run meets both.
 */
const CONV_CASES: ParityCase[] = [
  {
    arch: 'conv',
    init: 'article',
    act: 'relu',
    opt: 'momentum',
    depth: 3,
    width: 4,
    batch: 4,
    pool: 1,
    data: 'probe',
    in: 1,
  },
  {
    arch: 'conv',
    init: 'kaiming_normal',
    mode: 'fan_out',
    act: 'tanh',
    norm: 'batch',
    opt: 'adam',
    lr: 0.005,
    depth: 3,
    width: 4,
    batch: 4,
    pool: 2,
    data: 'probe',
    in: 2,
    // A BatchNorm output within rounding of a histogram bin edge lands in either bin (ParitySlack).
    slack: { elements: 1, weights: 1 },
  },
  {
    arch: 'conv',
    init: 'torch_default',
    act: 'relu',
    opt: 'sgd',
    depth: 2,
    width: 4,
    batch: 4,
    kernel: 5,
    pool: 1,
    data: 'probe',
    in: 2,
  },
  {
    arch: 'conv',
    init: 'article',
    act: 'relu',
    norm: 'batch',
    opt: 'momentum',
    lr: 0.02,
    depth: 2,
    width: 4,
    batch: 4,
    pool: 1,
    data: 'probe',
    in: 1,
  },
  {
    arch: 'conv',
    init: 'xavier_uniform',
    act: 'tanh',
    norm: 'layer',
    opt: 'sgd',
    depth: 3,
    width: 4,
    batch: 4,
    pool: 1,
    data: 'probe',
    in: 2,
  },
  // Residual blocks: α = 1 without norm and no pool; ReZero with BatchNorm2d, pooling every layer (the stream
  // is pooled); GroupNorm with a pool every 2nd layer.
  {
    arch: 'conv',
    init: 'kaiming_normal',
    act: 'relu',
    res: 1,
    opt: 'momentum',
    lr: 0.02,
    depth: 3,
    width: 4,
    batch: 4,
    pool: 0,
    data: 'probe',
    in: 1,
  },
  {
    arch: 'conv',
    init: 'xavier_normal',
    act: 'tanh',
    norm: 'batch',
    res: 1,
    rezero: 1,
    opt: 'sgd',
    depth: 4,
    width: 4,
    batch: 4,
    pool: 1,
    data: 'probe',
    in: 2,
  },
  {
    arch: 'conv',
    init: 'article',
    act: 'relu',
    norm: 'layer',
    res: 1,
    opt: 'momentum',
    lr: 0.02,
    depth: 3,
    width: 4,
    batch: 4,
    pool: 2,
    data: 'probe',
    in: 1,
    slack: { elements: 1, weights: 0 },
  },
  // The tiled strategy (see above); 3 input channels, so the first layer's reduction (27) is ragged.
  {
    arch: 'conv',
    init: 'kaiming_normal',
    act: 'relu',
    opt: 'momentum',
    lr: 0.02,
    depth: 3,
    width: 4,
    batch: 4,
    pool: 2,
    data: 'probe',
    in: 3,
    strategy: 'tiled',
  },
  // LSUV's orthogonal start ([out, in·k²] matrices) and its rescaling of every map, with BatchNorm2d.
  {
    arch: 'conv',
    init: 'lsuv',
    act: 'relu',
    norm: 'batch',
    opt: 'momentum',
    lr: 0.02,
    depth: 3,
    width: 4,
    batch: 8,
    pool: 1,
    data: 'probe',
    in: 1,
  },
];

export const PARITY_GRID: ParityCase[] = [...PLAIN_CASES, ...SPLIT_K_CASES, ...layerCases(), ...CONV_CASES];
