// Accurate f32 ln, cos(2πu) and sqrt for Box–Muller. WGSL only promises log/cos to about 2^-11 absolute on
// some GPUs, while the normal samples must match the CPU's float64 Box–Muller within 1e-6, so these are
// written from exact range reductions and polynomials, carrying a few extra bits as "double-f32" pairs.
// Library snippet: concatenated in front of the kernels that need it.
//
// A double-f32 ("df") value is vec2(hi, lo) meaning hi + lo with |lo| ≲ ulp(hi)/2.
// Error-free transforms (two-sum, two-product) only work if the compiler evaluates them exactly as
// written, and WGSL compilers do not promise that: SPIR-V without NoContraction lets a driver reassociate
// float adds (NVIDIA's Vulkan compiler does; spirv-opt inside SwiftShader merges literals, (1 + q) − 1 → q)
// and contract a·b + c into an FMA. So:
// - every intermediate whose exact value matters passes through fence(), an XOR with a zero the compiler
//   cannot see (read from a uniform by df_init); no algebra can cross it;
// - products are formed only from halves with 12 significant bits (split by masking mantissa bits), so
//   each partial product is exact and fusing it into an FMA changes nothing.
// Kernels using this library call df_init(zero) first with a uniform word the host sets to 0.

var<private> df_zero: u32;

fn df_init(zero: u32) {
  df_zero = zero;
}

fn fence(x: f32) -> f32 {
  return bitcast<f32>(bitcast<u32>(x) ^ df_zero);
}

// --- double-f32 arithmetic -------------------------------------------------------------------------------

fn df_split(a: f32) -> vec2<f32> {
  let hi = bitcast<f32>(bitcast<u32>(a) & 0xfffff000u);
  return vec2<f32>(hi, a - hi);
}

// s + e == a + b exactly (Knuth's two-sum; no ordering requirement).
fn two_sum(a: f32, b: f32) -> vec2<f32> {
  let s = fence(a + b);
  let bb = fence(s - a);
  let e = fence(a - fence(s - bb)) + fence(b - bb);
  return vec2<f32>(s, e);
}

// s + e == a + b exactly when |a| ≥ |b| (Dekker's fast two-sum).
fn fast_two_sum(a: f32, b: f32) -> vec2<f32> {
  let s = fence(a + b);
  return vec2<f32>(s, b - fence(s - a));
}

// a·b as a df pair, to about 2^-35 relative (the three small partial products are summed in f32).
fn two_prod(a: f32, b: f32) -> vec2<f32> {
  let x = df_split(a);
  let y = df_split(b);
  let rest = fence(x.x * y.y + x.y * y.x) + x.y * y.y;
  return fast_two_sum(x.x * y.x, rest);
}

fn df_add(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  let s = two_sum(a.x, b.x);
  let t = two_sum(a.y, b.y);
  let u = fast_two_sum(s.x, fence(s.y + t.x));
  return fast_two_sum(u.x, fence(u.y + t.y));
}

fn df_mul(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  let p = two_prod(a.x, b.x);
  return fast_two_sum(p.x, fence(p.y + fence(a.x * b.y + a.y * b.x)));
}

fn df_mul_f(a: vec2<f32>, b: f32) -> vec2<f32> {
  let p = two_prod(a.x, b);
  return fast_two_sum(p.x, fence(p.y + a.y * b));
}

// √t for t > 0: the builtin's estimate (which may be off by a few ulps), then one Newton correction
// computed from the exact residual.
fn df_sqrt(t: vec2<f32>) -> vec2<f32> {
  let h = sqrt(t.x);
  let hh = two_prod(h, h);
  // t.x − hh.x is exact (the two are within a few ulps: Sterbenz).
  let residual = fence(fence(t.x - hh.x) - hh.y) + t.y;
  return fast_two_sum(h, residual / (2.0 * h));
}

// --- natural logarithm -----------------------------------------------------------------------------------

const LN2_HI: f32 = 0.693147182;
const LN2_LO: f32 = -1.90465421e-9;
const SQRT2_F: f32 = 1.41421354;

// ln x for a positive normal f32, as a df pair (about 2^-27 relative).
// x = 2^e·m with m ∈ [√½, √2); f = m − 1 is exact. ln(1 + f) = f − f²/2 + s·(f²/2 + R(s²)) with
// s = f/(2 + f) and R(z) = 2z/3 + 2z²/5 + … (atanh series). The leading f − f²/2 is carried exactly; the
// correction, at most ~5 % of the result, tolerates the rounding of the division.
fn ln_df(x: f32) -> vec2<f32> {
  let bits = bitcast<u32>(x);
  var e = i32(bits >> 23u) - 127;
  var m = bitcast<f32>((bits & 0x007fffffu) | 0x3f800000u);
  if (m > SQRT2_F) {
    m = m * 0.5;
    e = e + 1;
  }
  let f = m - 1.0;
  let s = f / (2.0 + f);
  let z = s * s;
  let r = z * (0.666666687 + z * (0.400000006 + z * (0.285714298 + z * (0.222222224 + z * 0.181818187))));
  let half_f2 = two_prod(f, f) * 0.5;
  let corr = fence(s * (half_f2.x + r));
  let ln_m = df_add(df_add(vec2<f32>(f, 0.0), -half_f2), vec2<f32>(corr, 0.0));
  let e_ln2 = df_mul_f(vec2<f32>(LN2_HI, LN2_LO), f32(e));
  return df_add(e_ln2, ln_m);
}

fn ln_f32(x: f32) -> f32 {
  let d = ln_df(x);
  return d.x + d.y;
}

// --- cos(2πu) ------------------------------------------------------------------------------------------

// Taylor coefficients in x (not 2πx): cos(2πx) = 1 + C1·x² + C2·x⁴ + …, sin(2πx) = x·(S0 + S1·x² + …).
// The two leading ones are df pairs; the rest only feed a tail of at most ~2 % of the result.
const C1_HI: f32 = -19.7392082;
const C1_LO: f32 = -5.80743176e-7;
const C2: f32 = 64.9393921;
const C3: f32 = -85.4568176;
const C4: f32 = 60.2446404;
const C5: f32 = -26.4262562;
const C6: f32 = 7.90353632;
const S0_HI: f32 = 6.28318548;
const S0_LO: f32 = -1.74845553e-7;
const S1_HI: f32 = -41.3417015;
const S1_LO: f32 = -7.32831381e-7;
const S2: f32 = 81.6052475;
const S3: f32 = -76.7058563;
const S4: f32 = 42.0586929;
const S5: f32 = -15.0946426;
const S6: f32 = 3.81995249;

// cos(2πx) for x ∈ [0, 1/8] (truncation below 2^-40): 1 + q, q = C1·x² + x⁴·(C2 + C3·x² + …).
fn cos_2pi_small(x: f32) -> vec2<f32> {
  let y = two_prod(x, x);
  let t = C2 + y.x * (C3 + y.x * (C4 + y.x * (C5 + y.x * C6)));
  let q = df_add(df_mul(vec2<f32>(C1_HI, C1_LO), y), vec2<f32>(fence(y.x * y.x * t), 0.0));
  return df_add(vec2<f32>(1.0, 0.0), q);
}

// sin(2πx) for x ∈ [0, 1/8] (truncation below 2^-36): S0·x + x·(S1·x² + x⁴·(S2 + S3·x² + …)).
fn sin_2pi_small(x: f32) -> vec2<f32> {
  let y = two_prod(x, x);
  let t = S2 + y.x * (S3 + y.x * (S4 + y.x * (S5 + y.x * S6)));
  let rest = df_add(df_mul(vec2<f32>(S1_HI, S1_LO), y), vec2<f32>(fence(y.x * y.x * t), 0.0));
  return df_add(df_mul_f(vec2<f32>(S0_HI, S0_LO), x), df_mul_f(rest, x));
}

// cos(2πu) for any finite f32 u, as a df pair. The reduction to [0, 1/8] is exact in f32: u − floor(u)
// is exact, and 1 − w, ½ − w, ¼ − w are exact for the ranges they are used on (Sterbenz).
fn cos_2pi_df(u: f32) -> vec2<f32> {
  var w = u - floor(u);
  if (w > 0.5) {
    w = 1.0 - w;
  }
  var sign = 1.0;
  if (w > 0.25) {
    w = 0.5 - w;
    sign = -1.0;
  }
  var r: vec2<f32>;
  if (w > 0.125) {
    r = sin_2pi_small(0.25 - w);
  } else {
    r = cos_2pi_small(w);
  }
  return r * sign;
}

fn cos_2pi_f32(u: f32) -> f32 {
  let d = cos_2pi_df(u);
  return d.x + d.y;
}

// --- Box–Muller ------------------------------------------------------------------------------------------

// z = √(−2 ln u1)·cos(2π u2) as a df pair, for u1 ∈ (0, 1), u2 any.
fn box_muller_df(u1: f32, u2: f32) -> vec2<f32> {
  let r = df_sqrt(ln_df(u1) * -2.0);
  return df_mul(r, cos_2pi_df(u2));
}

// f32(s·z) for a df z: one rounding of the (nearly) exact product, like the CPU's f32(f32(std)·z).
fn df_scale_round(z: vec2<f32>, s: f32) -> f32 {
  let p = two_prod(s, z.x);
  return p.x + fence(p.y + s * z.y);
}
