// How many Newton–Schulz iterations orthogonal init runs for a [rows, cols] Gaussian matrix, fixed in
// advance from the shape so that the whole init is one stream of GPU work with no readback.
//
// Each iteration maps every singular value σ ↦ 1.5σ − 0.5σ³: small ones grow by 1.5× per step, and from
// σ ≈ 0.5 six more steps reach 1 to f32 precision. The start is scaled by ‖A‖_F^(-1/2) (A the Gram
// matrix), which bounds σ_max ≤ 1 and σ_max/scale ≥ m^(-1/4), m = min(rows, cols). So the count is set
// by the smallest singular value we must still bring to 1:
//   - a rectangular Gaussian concentrates: σ_min ≥ √M − √m − t with probability 1 − e^(−t²/2)
//     (Davidson–Szarek), t = 4.3 for 1e-4;
//   - a square (or nearly square) one does not: P(σ_min ≤ ε/√M) ≈ ε^(M−m+1) (Edelman; Rudelson–
//     Vershynin), so we guard against a 1e-4 tail.
// The larger of the two lower bounds is used. Square 64 → 44 iterations, 2048 → 54; 64 × 784: 10.

const TAIL = 1e-4;
const T_CONCENTRATION = 4.3;
/** Steps from σ ≈ 0.5 to 1 within f32 rounding (0.5 → 0.69 → 0.87 → 0.975 → 0.9991 → 1 − 1e-6 → 1). */
const FINAL_STEPS = 6;
const MAX_ITERATIONS = 64;

export function newtonSchulzIterations(rows: number, cols: number): number {
  const m = Math.min(rows, cols);
  const M = Math.max(rows, cols);
  if (m < 1) throw new Error(`newtonSchulzIterations: bad shape ${rows}×${cols}`);
  // A single row or column scaled by its norm is already its polar factor; two steps polish rounding.
  if (m === 1) return 2;
  const sM = Math.sqrt(M);
  const sm = Math.sqrt(m);
  const tail = TAIL ** (1 / (M - m + 1)) / sM;
  const sigmaMin = Math.max(tail, sM - sm - T_CONCENTRATION);
  const sigmaMax = sM + sm + T_CONCENTRATION;
  const start = sigmaMin / (sigmaMax * m ** 0.25);
  const growth = Math.max(0, Math.ceil(Math.log(0.5 / start) / Math.log(1.5)));
  const k = Math.min(MAX_ITERATIONS, growth + FINAL_STEPS);
  // Even, so that the ping-pong between W and the scratch buffer ends in W.
  return k + (k % 2);
}

/** Multiply-adds of one iteration: the Gram matrix on the smaller side, then the update. */
export function newtonSchulzIterationFlops(rows: number, cols: number): number {
  const m = Math.min(rows, cols);
  return 4 * m * m * Math.max(rows, cols);
}
