// Non-finite detection (snippet). A value is NaN or ±∞ exactly when its exponent bits are all ones; the
// bit test cannot be optimized away the way `x != x` may be under fast-math.
// The first non-finite tensor of a step is the smallest "order" (the CPU's check order: forward per layer
// weight, pre, act…, the loss, then backward grads; see gpu/nonFinite.ts) posted with atomicMin.
const NF_NONE: u32 = 0xffffffffu;
/** Index of the step's non-finite word in the stats block (`flags` bindings): see gpu/statsLayout.ts. */
const NF_WORD: u32 = 2u;

fn is_nonfinite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) == 0x7f800000u;
}
