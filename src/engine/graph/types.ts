// The network as a list of typed layers. A RunConfig becomes a NetworkGraph in one place (build.ts); the
// trainers, the memory estimates and the statistics read the graph instead of re-deriving the shape from
// the config. Conv2d and pooling will join as further kinds.
import type { Activation, NormName } from '../config';

export type NormType = Exclude<NormName, 'none'>;

export type LayerSpec =
  | { kind: 'linear'; in: number; out: number }
  | { kind: 'norm'; type: NormType; features: number }
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
  inDim: number;
  classes: number;
  width: number;
  hidden: readonly HiddenLayer[];
  /** The Linear map to the classes (reads h^L, or the stream x^L with residual blocks). */
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
