// The mean-field prediction (DESIGN §5) as the page, the CLI (--theory) and the tests read it.

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
  /** Predicted E[(δ^ℓ)²] / E[(δ^L)²], δ = ∂L/∂z; 1 at the top hidden layer L. */
  gradRatio: number;
  /** σ_w² of this layer: fan_in · Var(W^ℓ) (LSUV: the rescaled value). */
  sigmaW2: number;
}

export interface TheorySummary {
  /** σ_w² and σ_b² of the hidden-to-hidden map (width → width). σ_b² = Var(b) + (constant bias)². */
  sigmaW2: number;
  sigmaB2: number;
  /** Fixed point of the length map q ↦ σ_w² E[φ(√q z)²] + σ_b²; null when there is none (q diverges). */
  qStar: number | null;
  /** Per-layer gradient factor at the fixed point, σ_w² E[φ′(z)²]: < 1 vanishing, > 1 exploding. */
  chi1: number;
  /**
   * Correlation depth scale ξ_c = −1/ln χ_c: χ_c = χ₁ in the ordered phase, σ_w² E[φ′(u₁)φ′(u₂)] at the
   * correlation map's fixed point c* < 1 in the chaotic phase; 1/ln χ₁ where q grows without bound;
   * Infinity at χ₁ = 1.
   */
  xiC: number;
  /** ≈ 6 ξ_c (Schoenholz et al. 2017). */
  trainableDepth: number;
  regime: Regime;
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
