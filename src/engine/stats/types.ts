// The stats record: the contract shared by the CLI's JSON, the page's export and window.initscope.
// Extend it; do not rename what is there. Definitions in docs/MATH.md#statistics (population std).

export interface Histogram {
  /** Range of the bins; fixed per activation (see stats/histogramRange.ts), the same for every layer. */
  lo: number;
  hi: number;
  /** counts[i] counts values in [lo + i·w, lo + (i+1)·w), w = (hi − lo)/counts.length; hi itself goes in the last bin. */
  counts: number[];
  /** Values below lo / above hi (non-finite values count in neither). */
  under: number;
  over: number;
}

export interface LayerStats {
  /** Hidden layer index ℓ, 1-based. */
  layer: number;
  act: {
    mean: number;
    std: number;
    min: number;
    max: number;
    /** Fraction of h exactly 0 (ReLU-dead). */
    zeroFrac: number;
    /** Fraction with |φ'(z)| < 0.05 · max|φ'|. */
    satFrac: number;
    hist?: Histogram;
  };
  pre: { mean: number; std: number };
  grad: {
    /** Population std of δ^ℓ = ∂L/∂z^ℓ over batch × units. */
    std: number;
    /** Root mean square of δ^ℓ. */
    rms: number;
    /** ‖∂L/∂W^ℓ‖_F. */
    weightGradNorm: number;
  };
  weight: {
    /** Population std of W^ℓ (before this step's update). */
    std: number;
    /** ‖ΔW^ℓ‖_F / ‖W^ℓ‖_F of the update computed from this step's gradient. */
    updateRatio: number;
  };
  /**
   * The layer's normalization output u = γ·(v − μ)/√(σ² + ε) + β (BatchNorm or LayerNorm), over batch ×
   * units; present when the network has `norm` ≠ none. Its input v is z^ℓ in a plain layer and the
   * residual stream x^{ℓ−1} in a residual block (pre-norm).
   */
  norm?: { mean: number; std: number };
  /**
   * The residual stream after this layer: x^ℓ = x^{ℓ−1} + α·z^ℓ (x^1 = h^1), and the gradient flowing
   * along it, ∂L/∂x^ℓ; population stds over batch × units. Present when the network has res = 1.
   */
  stream?: { std: number; gradStd: number };
}

/** `norm`: a normalization's output u; `stream`: the residual stream x^ℓ (forward) or ∂L/∂x^ℓ (backward). */
export type TensorName = 'pre' | 'act' | 'grad' | 'weight' | 'output' | 'loss' | 'norm' | 'stream';

export interface NonFinite {
  step: number;
  /** Hidden layer index (1-based); depth + 1 means the output layer; 0 means the loss itself. */
  layer: number;
  tensor: TensorName;
}

export interface StatsRecord {
  /** Number of updates applied before this pass: 0 is the network at initialization. */
  step: number;
  /** Training loss on this step's batch (before this step's update). */
  loss: number;
  /** Training accuracy on this step's batch (argmax), in [0, 1]. */
  accuracy: number;
  layers: LayerStats[];
  /** First non-finite value seen so far in this run (sticky once set), or null. */
  nonFinite?: NonFinite | null;
  /** Held-out split, when it was evaluated at this step. */
  test?: { loss: number; accuracy: number };
}
