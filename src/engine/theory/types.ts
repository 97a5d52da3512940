// The mean-field prediction (docs/MATH.md#mean-field-theory) as the page, CLI (--theory) and tests read it.

export type Regime = 'vanishing' | 'exploding' | 'critical';

export interface TheoryLayer {
  /** Hidden layer ℓ, 1-based. */
  layer: number;
  /** Predicted Var(z^ℓ) over units and inputs (q^ℓ minus the square of a constant bias). */
  preVar: number;
  /** Predicted E[z^ℓ]: the constant bias (0 unless bias is a number). */
  preMean: number;
  /** Predicted E[(h^ℓ)²]. */
  actSq: number;
  /** Predicted E[h^ℓ]. NaN once the signal has overflowed (unknown sign of ∞ − ∞). */
  actMean: number;
  /** Predicted std of h^ℓ, √(E[h²] − E[h]²). */
  actStd: number;
  /**
   * Predicted E[(δ^ℓ)²] / E[(δ^L)²], δ = ∂L/∂z; 1 at the top hidden layer L. NaN where the theory makes no
   * prediction (residual networks: see ArchSummary).
   */
  gradRatio: number;
  /** σ_w² of this layer: fan_in · Var(W^ℓ) (LSUV: the rescaled value). */
  sigmaW2: number;
  /** Predicted std of the normalization's output (the record's `norm.std`); present when norm ≠ none. */
  normStd?: number;
  /** Predicted std of the residual stream x^ℓ (the record's `stream.std`); present when res = 1. */
  streamStd?: number;
}

/**
 * What the prediction covers beyond the plain MLP (docs/MATH.md#normalization-and-residual-blocks).
 * `plain`: the length map above. `normalized`: every layer's norm pins u to zero mean and unit variance, so
 * the layers settle at once at a fixed point. `residual`: the stream adds one branch's variance per block.
 */
export interface ArchSummary {
  kind: 'plain' | 'normalized' | 'residual';
  /**
   * Normalized layers: predicted factor of the gradient std per layer going backward once the forward
   * signal has settled (√χ₁). For BatchNorm this is the large-batch limit (Yang et al. 2019).
   */
  gradFactor: number | null;
  /** Residual: predicted Var(x^L) / Var(x^{L−1}), the stream's growth at the last block (1 = flat). */
  streamGrowth: number | null;
  /** Residual: predicted std of the stream after layer 1 and after the last block. */
  streamStdFirst: number | null;
  streamStdLast: number | null;
}

export interface TheorySummary {
  /** σ_w² and σ_b² of the hidden-to-hidden map (width → width). σ_b² = Var(b) + (constant bias)². */
  sigmaW2: number;
  sigmaB2: number;
  /**
   * Fixed point of the length map q ↦ σ_w² E[φ(√q z)²] + σ_b²; null when there is none (q diverges).
   * Normalized layers: q of z at their fixed point. Residual networks: null (the stream has no fixed point).
   */
  qStar: number | null;
  /**
   * Per-layer gradient factor at the fixed point, σ_w² E[φ′(z)²]: < 1 vanishing, > 1 exploding. Normalized
   * layers: the factor through Linear, φ and the norm. Residual networks: NaN (not predicted).
   */
  chi1: number;
  /**
   * Correlation depth scale ξ_c = −1/ln χ_c: χ_c = χ₁ in the ordered phase, σ_w² E[φ′(u₁)φ′(u₂)] at the
   * correlation map's fixed point c* < 1 in the chaotic phase; 1/ln χ₁ where q grows without bound;
   * Infinity at χ₁ = 1.
   */
  xiC: number;
  /** ≈ 6 ξ_c (Schoenholz et al. 2017). */
  trainableDepth: number;
  /** From χ₁; null for residual networks (no χ₁). */
  regime: Regime | null;
  arch: ArchSummary;
  notes: string[];
}

export interface TheoryResult {
  layers: TheoryLayer[];
  summary: TheorySummary;
}

/** The same shape with every non-finite number (Infinity, NaN) as null, for JSON. */
export type JsonSafe<T> = T extends number
  ? number | null
  : T extends string | boolean | null
    ? T
    : T extends readonly (infer E)[]
      ? JsonSafe<E>[]
      : { [K in keyof T]: JsonSafe<T[K]> };
