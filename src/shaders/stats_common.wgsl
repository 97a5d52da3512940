// Statistics snippet: what one hidden layer's batch × units values reduce to, and how two partial
// reductions merge. Prefix: activation and moments snippets, BINS, HIST_LO, HIST_HI, HIST_SCALE =
// BINS/(HI−LO), HIST_SNAP (bool: LO·SCALE is an integer and SCALE has ≤ 12 significant bits; see
// hist_bin), HIST_LO_SCALED (i32), HIST_ABSORB (|h| at or below which float64 rounds h − LO to −LO), SAT_BELOW (smallest f32 ≥ 0.05·max|φ'|, so that for float32 φ'
// "|φ'| < SAT_BELOW" decides exactly like the float64 comparison), PART (u32 words per partial).
//
// A partial (PART words, floats as their bits): n, h (mean, M2, min, max), zeros, sats, z (mean, M2),
// δ (mean, M2), -, then the histogram: BINS counts, under, over.
const HIST_AT_PART: u32 = 12u;

struct ActAcc {
  h: Moments,
  z: Moments,
  d: Moments,
  mn: f32,
  mx: f32,
  zeros: u32,
  sats: u32,
}

fn act_acc_empty(inf: f32) -> ActAcc {
  return ActAcc(moments_empty(), moments_empty(), moments_empty(), inf, -inf, 0u, 0u);
}

/**
 * Adds one unit's z, h = φ(y) and δ, where y is what φ was applied to (z; or u = Norm(z), or a residual
 * block's v: satFrac comes from φ'(y), docs/LAYERS.md#statistics). The histogram is kept by the caller.
 */
fn act_acc_push(a: ActAcc, z: f32, y: f32, h: f32, dl: f32) -> ActAcc {
  var r = a;
  r.h = moments_push(a.h, h);
  r.z = moments_push(a.z, z);
  r.d = moments_push(a.d, dl);
  // Selects, not branches: on a SIMD software adapter a branch its lanes disagree on runs both sides and
  // costs more than the select. NaN fails both comparisons: skipped by min/max like the reference.
  r.mn = select(r.mn, h, h < r.mn);
  r.mx = select(r.mx, h, h > r.mx);
  r.zeros += select(0u, 1u, h == 0.0);
  let g = act_df(y);
  r.sats += select(0u, 1u, g < SAT_BELOW && g > -SAT_BELOW);
  return r;
}

fn act_acc_merge(a: ActAcc, b: ActAcc) -> ActAcc {
  return ActAcc(
    moments_merge(a.h, b.h),
    moments_merge(a.z, b.z),
    moments_merge(a.d, b.d),
    select(a.mn, b.mn, b.mn < a.mn),
    select(a.mx, b.mx, b.mx > a.mx),
    a.zeros + b.zeros,
    a.sats + b.sats,
  );
}

fn is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }

/**
 * Bin of h ∈ [LO, HI] exactly as the reference's float64 floor((h − LO)·SCALE): with HIST_SNAP that is
 * floor(h·SCALE) − LO·SCALE, and h·SCALE is formed exactly (h split into two 12-bit halves, SCALE has at
 * most 12 significant bits, so both partial products are exact) with the carry decided by comparisons;
 * |h| ≤ HIST_ABSORB counts as 0, as float64 rounds h − LO to −LO there.
 */
fn hist_bin(h: f32) -> i32 {
  if (!HIST_SNAP) { return i32(floor((h - HIST_LO) * HIST_SCALE)); }
  let hi = bitcast<f32>(bitcast<u32>(h) & 0xfffff000u);
  let ph = hi * HIST_SCALE;
  let pl = (h - hi) * HIST_SCALE;
  let n = floor(ph);
  let r = ph - n; // in [0, 1); the exact product is n + r + pl with |pl| ≪ 1
  let k = i32(n) + select(select(0, -1, pl < -r), 1, pl >= 1.0 - r);
  // Computed for every h and then selected (see act_acc_push for why).
  return select(k - HIST_LO_SCALED, -HIST_LO_SCALED, abs(h) <= HIST_ABSORB);
}

/** Histogram slot of h: a bin 0..BINS−1, BINS (under), BINS+1 (over), or −1 (NaN/±∞: counted nowhere). */
fn hist_slot(h: f32) -> i32 {
  let bin = clamp(hist_bin(h), 0, i32(BINS) - 1);
  let outside = select(select(-1, i32(BINS) + 1, h > HIST_HI), i32(BINS), h < HIST_LO);
  return select(select(outside, -1, is_inf(h)), bin, h >= HIST_LO && h <= HIST_HI);
}
