// Every WGSL kernel the engine composes, under a readable name, with the knobs that pick its variant, so a
// composed kernel can be printed (`npm run wgsl:dump -- <kernel>`) and checked without a GPU. The kernels
// come from the same builders the trainer uses (matmulKernels, matmulBackward, stepKernels, init/kernels),
// so what is printed is what the GPU compiles. Pure: no device, no DOM.
import { backwardKernel } from './backwardKernel';
import { ACTIVATIONS, type Activation, type LossName, type Optimizer } from '../engine/config';
import rigSrc from '../shaders/rig_affine.wgsl?raw';
import {
  FILL_KERNEL,
  MATMUL_KERNEL,
  NORM_KERNEL,
  PROBE,
  type ProbeMode,
  probeKernel,
  SCALE_KERNEL,
  SPARSE_KEYS_KERNEL,
  SPARSE_MASK_KERNEL,
} from './init/kernels';
import { convGemmKernel, poolKernel } from './conv/convKernels';
import { pickConvTile } from './conv/convTile';
import { GATHER_KERNEL, gapKernel } from './conv/convStepKernels';
import type { KernelSpec } from './kernel';
import {
  alphaGradKernel,
  eltwiseKernel,
  normBackwardKernel,
  normForwardKernel,
  resGradKernel,
  statsExtraFinalizeKernel,
  statsExtraKernel,
} from './normKernels';
import { SPLIT_REDUCE_KERNEL } from './splitK';
import { extraAt } from './statsLayout';
import {
  type GridForm,
  gridForwardKernel,
  gridGatherKernel,
  gridInputGradKernel,
  gridLossKernel,
  gridWeightGradKernel,
} from './lab/gridKernels';
import { DEFAULT_CONFIG } from '../engine/config';
import { headLossKernel } from './headLoss';
import { inputGradKernel, weightGradKernel } from './matmulBackward';
import { forwardKernel, type MatmulStrategy, NF_NONE } from './matmulKernels';
import {
  lossKernel,
  optimizerKernel,
  reduceMomentsKernel,
  scaleKernel,
  statsActKernel,
  statsFinalizeKernel,
} from './stepKernels';

/** The knobs of a variant; every one has a default, so a bare name is a complete kernel. */
export interface KernelOptions {
  /** 'tiled' (shared-memory tiles, hardware GPUs) or 'direct' (no barriers, software adapters). */
  strategy: MatmulStrategy;
  /** Matmul shape: output M×N, inner K (decides the tile, or the direct kernel's vec4 form). */
  M: number;
  N: number;
  K: number;
  /** leaky_relu's negative slope (compiled in as a constant). */
  slope: number;
  /** forward / weight-grad: rows of the input come from the data set through the batch indices. */
  gather: boolean;
  /** loss: held-out evaluation form (sums only, no gradient). */
  eval: boolean;
  /** optimizer: also reduce the weight statistics. */
  stats: boolean;
  /** loss: number of classes. */
  classes: number;
  /** stats-finalize: the activation whose constants the statistics prefix carries. */
  act: Activation;
  /** init-probe: which library function the test probe evaluates. */
  probe: ProbeMode;
  /**
   * grid-* (the batched map): 'scalar' 4×4 blocks, 'vec4' 8×8 blocks, 'quad' (needs subgroups);
   * conv-* GEMMs, forward-* and backward-* under 'direct': 'quad' picks the quad form (needs subgroups;
   * the MLP's where the shape allows it: quadForward, quadBackward).
   */
  form: GridForm;
  /** grid-weight-grad: the optimizer folded into it. */
  opt: Optimizer;
}

export const DEFAULT_KERNEL_OPTIONS: Readonly<KernelOptions> = Object.freeze({
  strategy: 'tiled',
  M: 64,
  N: 64,
  K: 64,
  slope: 0.01,
  gather: false,
  eval: false,
  stats: false,
  classes: 10,
  act: 'relu',
  probe: 'philox',
  form: 'vec4',
  opt: 'sgd',
});

export interface CatalogEntry {
  name: string;
  /** One line: what the kernel computes and where it runs. */
  about: string;
  /** The options that change this kernel's source (the others are ignored). */
  uses: readonly (keyof KernelOptions)[];
  build(o: KernelOptions): KernelSpec;
}

const zeroForwardDims = {
  aOff: 0,
  wOff: 0,
  bOff: 0,
  zOff: 0,
  hOff: 0,
  idxOff: 0,
  nfZ: NF_NONE,
  nfH: NF_NONE,
};
const MATMUL_OPTS = ['strategy', 'M', 'N', 'K'] as const;

function perActivation(
  prefix: string,
  about: (act: Activation) => string,
  uses: readonly (keyof KernelOptions)[],
  build: (act: Activation, o: KernelOptions) => KernelSpec,
): CatalogEntry[] {
  return ACTIVATIONS.map((act) => ({
    name: `${prefix}-${act.replace('_', '-')}`,
    about: about(act),
    uses: act === 'leaky_relu' ? [...uses, 'slope'] : uses,
    build: (o) => build(act, o),
  }));
}

function buildCatalog(): CatalogEntry[] {
  return [
    ...perActivation(
      'forward',
      (act) =>
        act === 'linear'
          ? 'forward of the output layer: z = a·Wᵀ + b'
          : `forward of a hidden layer, bias and φ = ${act} fused: z = a·Wᵀ + b, h = φ(z)`,
      [...MATMUL_OPTS, 'gather', 'form'],
      (act, o) =>
        forwardKernel(
          { act, slope: o.slope, gather: o.gather, storeZ: true, storeH: act !== 'linear' },
          { strategy: o.strategy, M: o.M, N: o.N, K: o.K, quad: o.form === 'quad' },
          { M: o.M, N: o.N, K: o.K, ...zeroForwardDims },
        ).spec,
    ),
    ...perActivation(
      'input-grad',
      (act) => `δ of the layer below: (δ·W) ⊙ φ'(z_below), φ = ${act}`,
      MATMUL_OPTS,
      (act, o) =>
        inputGradKernel(
          act,
          o.slope,
          { strategy: o.strategy, M: o.M, N: o.N, K: o.K },
          { M: o.M, N: o.N, K: o.K, dOff: 0, wOff: 0, zOff: 0, outOff: 0, nfOut: NF_NONE },
        ).spec,
    ),
    ...perActivation(
      'backward',
      (act) =>
        `one dispatch: ∂W, ∂b of a layer and δ of the layer below, φ = ${act} (MLP and norm/residual nets)`,
      [...MATMUL_OPTS, 'form'],
      (act, o) =>
        backwardKernel(
          act,
          o.slope,
          { strategy: o.strategy, quad: o.form === 'quad' },
          {
            out: o.N,
            inp: o.K,
            rows: o.M,
            dOff: 0,
            hOff: 0,
            wOff: 0,
            zOff: 0,
            outOff: 0,
            gwOff: 0,
            gbOff: 0,
            nfOut: NF_NONE,
          },
        ).spec,
    ),
    {
      name: 'weight-grad',
      about: '∂W = δᵀ·h and ∂b = Σ_batch δ of one Linear layer',
      uses: [...MATMUL_OPTS, 'gather'],
      build: (o) =>
        weightGradKernel(
          o.gather,
          { strategy: o.strategy, M: o.M, N: o.N, K: o.K },
          { M: o.M, N: o.N, K: o.K, dOff: 0, hOff: 0, gwOff: 0, gbOff: 0, idxOff: 0 },
        ).spec,
    },
    {
      name: 'split-k-reduce',
      about: "a split weight gradient's chunk partial sums, added in order into ∂W and ∂b (big GPUs)",
      uses: [],
      build: () => SPLIT_REDUCE_KERNEL,
    },
    ...(['ce', 'mse'] as const satisfies readonly LossName[]).map(
      (loss): CatalogEntry => ({
        name: `loss-${loss}`,
        about: `${loss === 'ce' ? 'softmax cross-entropy' : 'MSE against one-hot targets'}: loss, accuracy and ∂loss/∂logits of a batch`,
        uses: ['strategy', 'classes', 'eval'],
        build: (o) => lossKernel(o.classes, loss, o.eval, o.strategy),
      }),
    ),
    ...(['ce', 'mse'] as const satisfies readonly LossName[]).map(
      (loss): CatalogEntry => ({
        name: `head-loss-${loss}`,
        about: `the head's forward (M rows, N = classes, K inputs) and the ${loss} training loss in one dispatch`,
        uses: MATMUL_OPTS,
        build: (o) =>
          headLossKernel(loss, { strategy: o.strategy, B: o.M, C: o.N, K: o.K, wOff: 0, bOff: 0 }),
      }),
    ),
    ...(['sgd', 'momentum', 'adam'] as const satisfies readonly Optimizer[]).map(
      (opt): CatalogEntry => ({
        name: `optimizer-${opt}`,
        about: `${opt} update of every parameter in one dispatch (with --stats: the weight statistics too)`,
        uses: ['strategy', 'stats'],
        build: (o) => optimizerKernel({ opt, lr: 0.05, momentum: 0.9 }, 4, o.stats, o.strategy),
      }),
    ),
    ...perActivation(
      'stats-act',
      (act) => `per-layer statistics, pass 1: partial moments, zero/saturated counts, histogram (φ = ${act})`,
      ['strategy'],
      (act, o) => statsActKernel(act, o.slope, o.strategy),
    ),
    {
      name: 'stats-finalize',
      about: "per-layer statistics, pass 2: merge the partials into each layer's slot of the stats block",
      uses: ['strategy', 'act', 'slope'],
      build: (o) => statsFinalizeKernel(o.act, o.slope, o.strategy),
    },
    ...(['batch', 'layer', 'none'] as const).map(
      (norm): CatalogEntry => ({
        name: `norm-forward-${norm}`,
        about:
          norm === 'none'
            ? "a residual block's a = φ(v) without normalization (v kept for φ' and satFrac)"
            : `${norm === 'batch' ? 'BatchNorm' : 'LayerNorm'} forward then φ: u = γ·(v − μ)/√(σ² + ε) + β, h = φ(u)${norm === 'batch' ? ' (--eval: running statistics)' : ''}`,
        uses: norm === 'batch' ? ['strategy', 'act', 'slope', 'eval'] : ['strategy', 'act', 'slope'],
        build: (o) =>
          normForwardKernel(
            {
              norm: norm === 'none' ? null : norm,
              train: !o.eval,
              storeU: !o.eval,
              storeStat: !o.eval && norm !== 'none',
              act: o.act,
              slope: o.slope,
            },
            o.strategy,
          ),
      }),
    ),
    ...(
      [
        ['batch', { cols: true, statCols: true, params: true, out: true, res: false }],
        ['batch-res', { cols: true, statCols: true, params: true, out: true, res: true }],
        ['layer-params', { cols: true, statCols: false, params: true, out: false, res: false }],
        ['layer-rows', { cols: false, statCols: false, params: false, out: true, res: false }],
        ['layer-rows-res', { cols: false, statCols: false, params: false, out: true, res: true }],
      ] as const
    ).map(
      ([name, v]): CatalogEntry => ({
        name: `norm-backward-${name}`,
        about: `normalization backward: ${v.params ? '∂γ, ∂β' : ''}${v.params && v.out ? ' and ' : ''}${v.out ? '∂L/∂v' : ''}${v.res ? ' added to the stream gradient' : ''}`,
        uses: ['strategy'],
        build: (o) => normBackwardKernel(v, o.strategy),
      }),
    ),
    ...(
      [
        ['residual-add', 'resAdd', false, 'x^ℓ = x^{ℓ−1} + z (α = 1)'],
        ['residual-add-rezero', 'resAdd', true, 'x^ℓ = x^{ℓ−1} + α z (ReZero)'],
        ['residual-grad-add', 'add', false, '∂L/∂x^{ℓ−1} = ∂L/∂x^ℓ + ∂L/∂v (no normalization)'],
      ] as const
    ).map(
      ([name, mode, rezero, about]): CatalogEntry => ({
        name,
        about,
        uses: [],
        build: (o) => eltwiseKernel(mode, rezero, o.act, o.slope),
      }),
    ),
    {
      name: 'dact',
      about: "∂L/∂u¹ = ∂L/∂h¹ ⊙ φ'(u¹) (layer 1 of a residual network)",
      uses: ['act', 'slope'],
      build: (o) => eltwiseKernel('dact', false, o.act, o.slope),
    },
    {
      name: 'res-grad-rezero',
      about: 'ReZero block backward start: δ = α·∂L/∂x, and per-chunk partials of ∂L/∂α = Σ ∂L/∂x ⊙ z',
      uses: ['strategy'],
      build: (o) => resGradKernel(o.strategy),
    },
    {
      name: 'alpha-grad',
      about: "ReZero: ∂L/∂α of one block, the sum of res-grad-rezero's partials in one workgroup",
      uses: ['strategy'],
      build: (o) => alphaGradKernel(o.strategy),
    },
    {
      name: 'stats-extra',
      about: 'norm/stream statistics, pass 1: partial moments of u, the stream x and ∂L/∂x',
      uses: ['strategy'],
      build: (o) => statsExtraKernel(true, true, o.strategy),
    },
    {
      name: 'stats-extra-finalize',
      about: "norm/stream statistics, pass 2: merge the partials into the block's extra region",
      uses: [],
      build: () => statsExtraFinalizeKernel(extraAt(4)),
    },
    ...(['forward', 'inputGrad', 'weightGrad'] as const).map((product) => ({
      name: `conv-${product === 'forward' ? 'forward' : product === 'inputGrad' ? 'input-grad' : 'weight-grad'}`,
      about: `conv network: the convolution's ${product} as an implicit GEMM (tiled: register tiles for an M×N output big enough, else one output per thread; direct on software adapters, quad there with subgroups)${product === 'forward' ? ', posting a non-finite z' : product === 'weightGrad' ? ', with ∂b (δ summed over the positions) beside ∂W; on a big GPU split into chunks of positions (split-k-reduce adds them)' : ''}`,
      uses: ['strategy' as const, 'M' as const, 'N' as const, 'form' as const],
      build: (o: KernelOptions) =>
        convGemmKernel(
          product,
          product === 'forward',
          o.strategy === 'direct' ? (o.form === 'quad' ? 'quad' : 'direct') : pickConvTile(o.M, o.N),
        ),
    })),
    {
      name: 'conv-pool',
      about: 'conv network: 2×2 average pool of NHWC maps',
      uses: [],
      build: () => poolKernel(false),
    },
    {
      name: 'conv-pool-backward',
      about: "conv network: the pool's backward (g/4 per window position, 0 where the floor dropped it)",
      uses: [],
      build: () => poolKernel(true),
    },
    {
      name: 'conv-gather',
      about: "conv network: the batch's images into the input maps (rows through the index buffer)",
      uses: [],
      build: () => GATHER_KERNEL,
    },
    {
      name: 'conv-gap',
      about: "conv network: the head's mean over the last map's positions",
      uses: [],
      build: () => gapKernel(false),
    },
    {
      name: 'conv-gap-backward',
      about:
        "conv network: the mean's backward (g / positions at every position), posting a non-finite stream gradient",
      uses: [],
      build: () => gapKernel(true, true),
    },
    {
      name: 'grid-gather',
      about: "batched map: the batch's rows and labels into the input block every net reads",
      uses: [],
      build: () => gridGatherKernel(),
    },
    {
      name: 'grid-forward',
      about:
        'batched map: one hidden layer of every net that has it, z = a·Wᵀ + b, h = φ(z) and φ′(z) (--eval: no φ′)',
      uses: ['act', 'slope', 'form', 'eval'],
      build: (o) => gridForwardKernel(gridConfig(o), false, !o.eval, o.form),
    },
    {
      name: 'grid-head',
      about: "batched map: every net's Linear head on its own last hidden layer",
      uses: [],
      build: (o) => gridForwardKernel(gridConfig(o), true),
    },
    {
      name: 'grid-loss',
      about:
        "batched map: each net's loss on its batch and ∂loss/∂logits (--eval: per-row loss and correctness)",
      uses: ['classes', 'eval'],
      build: (o) => gridLossKernel(gridConfig(o), o.classes, o.eval),
    },
    {
      name: 'grid-input-grad',
      about: 'batched map: δ of the layer below for every net, (δ·W) ⊙ φ′',
      uses: ['form'],
      build: (o) => gridInputGradKernel(o.form),
    },
    {
      name: 'grid-weight-grad',
      about: "batched map: ∂W, ∂b of every net's layer and the optimizer's update of them (--opt)",
      uses: ['form', 'opt'],
      build: (o) => gridWeightGradKernel(gridConfig(o), o.form),
    },
    {
      name: 'lsuv-moments',
      about: "LSUV: count, mean and M2 of one layer's z on the first batch",
      uses: [],
      build: () => reduceMomentsKernel(),
    },
    {
      name: 'lsuv-scale',
      about: "LSUV: multiply one layer's weights by a factor",
      uses: [],
      build: () => scaleKernel(),
    },
    {
      name: 'init-fill',
      about: 'init: constant, U(−a, a) or N(0, std²) values from Philox (bit-equal to the CPU engine)',
      uses: [],
      build: () => FILL_KERNEL,
    },
    {
      name: 'init-sparse-keys',
      about: "init sparse, pass 1: every entry's ranking key from Philox",
      uses: [],
      build: () => SPARSE_KEYS_KERNEL,
    },
    {
      name: 'init-sparse-mask',
      about: 'init sparse, pass 2: zero the entries with the smallest keys of each column',
      uses: [],
      build: () => SPARSE_MASK_KERNEL,
    },
    {
      name: 'init-orthogonal-matmul',
      about: 'init orthogonal: C = α·op(A)·op(B) + β·D for the Newton–Schulz iteration',
      uses: [],
      build: () => MATMUL_KERNEL,
    },
    {
      name: 'init-orthogonal-norm',
      about: 'init orthogonal: the start scale ‖A‖_F^(−1/2) of the Gram matrix A',
      uses: [],
      build: () => NORM_KERNEL,
    },
    {
      name: 'init-orthogonal-scale',
      about: 'init orthogonal: x *= the scale computed on the GPU',
      uses: [],
      build: () => SCALE_KERNEL,
    },
    {
      name: 'init-probe',
      about: `test only: evaluates one sampling-library function (--probe ${Object.keys(PROBE).join('|')})`,
      uses: ['probe'],
      build: (o) => probeKernel(o.probe),
    },
    {
      name: 'rig-affine',
      about: 'test only: y = a·x + b, proves the WGSL toolchain end to end',
      uses: [],
      build: () => ({
        label: 'rig affine',
        code: rigSrc,
        bindings: ['uniform', 'read-only-storage', 'storage'],
      }),
    },
  ];
}

/** The run config the grid kernels compile in (activation, slope, optimizer; the rest unused). */
function gridConfig(o: KernelOptions) {
  return { ...DEFAULT_CONFIG, act: o.act, slope: o.slope, opt: o.opt };
}

let catalog: CatalogEntry[] | null = null;

/** All entries, in a stable order (families in step order, then init and test kernels). */
export function kernelCatalog(): readonly CatalogEntry[] {
  catalog ??= buildCatalog();
  return catalog;
}

export function kernelNames(): string[] {
  return kernelCatalog().map((e) => e.name);
}

export function findKernel(name: string): CatalogEntry | undefined {
  return kernelCatalog().find((e) => e.name === name);
}

/** The composed kernel `name` with `options` over the defaults; throws for an unknown name. */
export function composeKernel(name: string, options: Partial<KernelOptions> = {}): KernelSpec {
  const entry = findKernel(name);
  if (!entry) throw new Error(`unknown kernel "${name}"`);
  return entry.build({ ...DEFAULT_KERNEL_OPTIONS, ...options });
}
