// The network as a list of typed layers. A RunConfig becomes a NetworkGraph in one place (build.ts); the
// trainers, the memory estimates and the statistics read the graph instead of re-deriving the shape from
// the config. Conv networks (arch=conv) use the conv2d and pool kinds; their feature maps are NHWC.
import type { Activation, ArchName, NormName } from '../config';

export type NormType = Exclude<NormName, 'none'>;

export type LayerSpec =
  | { kind: 'linear'; in: number; out: number }
  /**
   * BatchNorm / LayerNorm over `features` (channels of a conv network); `positions` = H×W of a conv
   * network's maps (BatchNorm2d, or GroupNorm(1, C) for 'layer'), absent for the MLP.
   */
  | { kind: 'norm'; type: NormType; features: number; positions?: number }
  /** Conv2d(in → out channels, kernel k, stride 1, padding k//2) on side × side maps (the side is kept). */
  | { kind: 'conv2d'; in: number; out: number; kernel: number; side: number }
  /** 2×2 average pool, stride 2, floor: side × side → ⌊side/2⌋ × ⌊side/2⌋ per channel. */
  | { kind: 'pool'; channels: number; side: number }
  | { kind: 'activation'; act: Activation; slope: number }
  /** x ← x + α·body(x); α = 1, or a trained scalar starting at 0 ('rezero'). */
  | { kind: 'residual'; body: readonly LayerSpec[]; alpha: 'one' | 'rezero' };

export type LayerKind = LayerSpec['kind'];

/** One hidden layer ℓ: its layers in execution order (a plain layer's Linear, Norm, φ; or one residual block). */
export interface HiddenLayer {
  /** 1-based index ℓ, as in the stats record. */
  layer: number;
  ops: readonly LayerSpec[];
}

export interface NetworkGraph {
  /** Absent means the MLP (graphs built by hand for the GPU layout leave it out). */
  arch?: ArchName;
  /** Input images of a conv network (channels × side × side); null or absent for the MLP. */
  image?: { channels: number; side: number } | null;
  inDim: number;
  classes: number;
  width: number;
  hidden: readonly HiddenLayer[];
  /**
   * The Linear map to the classes (reads h^L, or the stream x^L with residual blocks; a conv network's
   * after the mean over H×W).
   */
  head: Extract<LayerSpec, { kind: 'linear' }>;
  /** Normalization of every hidden layer, or null. */
  norm: NormType | null;
  residual: boolean;
  rezero: boolean;
}

/** Trained tensors in the order both engines and the optimizer keep them (docs/LAYERS.md#parameters). */
export interface ParamTensor {
  name: 'W' | 'b' | 'gamma' | 'beta' | 'alpha';
  /** Hidden layer ℓ (1-based); depth + 1 for the head. */
  layer: number;
  size: number;
  /** Value at initialization for tensors the initializer does not draw (γ = 1, β = 0, α = 0). */
  constant?: number;
}
