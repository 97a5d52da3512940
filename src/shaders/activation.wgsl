// Activation φ and its derivative φ' (snippet, prepended to kernels that need it).
// The host prepends the constants: ACT and one ACT_<NAME> per activation (generated from the registry in
// src/engine/activations.ts, so ids are never kept in step by hand), SLOPE (leaky_relu),
// SELU_LAMBDA, SELU_ALPHA, GELU_C, GELU_K — the same numbers the CPU engine uses — and TANH_ONE_AT, the
// smallest float32 x at which the reference's float64 Math.tanh(x) is exactly 1.
// The reference computes in float64 and rounds once, so these avoid float32 cancellation: 1 − σ, 1 ± tanh
// and 1 − tanh² come from e^(−|x|) directly, exp(x) − 1 near 0 from a series. Branches mirror the CPU's so
// NaN and exact zeros behave alike (x > 0 is false for NaN; tanh is ±1 exactly where float64's is).

/** (σ(x), 1 − σ(x)), both from e = exp(−|x|) (the reference's two branches). */
fn sigmoid_pair(x: f32) -> vec2<f32> {
  let e = exp(-abs(x));
  let big = 1.0 / (1.0 + e);
  let small = e / (1.0 + e);
  return select(vec2<f32>(small, big), vec2<f32>(big, small), x >= 0.0);
}

/**
 * (tanh x, 1 − tanh² x, 1 + tanh x) without cancellation; exactly (±1, 0, 0|2) past TANH_ONE_AT.
 * Every form is computed and one selected, rather than branched to: on a SIMD software adapter
 * (SwiftShader) lanes of one group take different branches, so all of them ran anyway, plus the cost of
 * each divergent branch (the batched map's evaluation, 12 M tanh, measured … faster this way).
 */
fn tanh_parts(x: f32) -> vec3<f32> {
  let ax = abs(x);
  let neg = x < 0.0;
  // |x| < 0.25: Taylor series of tanh to x^11; at |x| = 0.25 the next term is below 1e-9 relative.
  let x2 = x * x;
  let ts = x * (1.0 + x2 * (-0.33333333333 + x2 * (0.133333333333 + x2 * (-0.0539682539683
    + x2 * (0.0218694885362 + x2 * (-0.00886323552990))))));
  let series = vec3<f32>(ts, 1.0 - ts * ts, 1.0 + ts);
  // |x| ≥ TANH_ONE_AT: float64's tanh is ±1 exactly.
  let s = select(1.0, -1.0, neg);
  let one = vec3<f32>(s, 0.0, 1.0 + s);
  // Otherwise from e^(−2|x|); 1 + tanh: 2/q for x > 0, 2e/q for x < 0 (where 1 − t would cancel).
  let e = exp(-2.0 * ax);
  let q = 1.0 + e;
  let t = (1.0 - e) / q;
  let mid = vec3<f32>(select(t, -t, neg), 4.0 * e / (q * q), select(2.0 / q, 2.0 * e / q, neg));
  return select(select(mid, one, ax >= TANH_ONE_AT), series, ax < 0.25);
}

/**
 * exp(x) − 1, accurate near 0 like the reference's float64 Math.exp(x) − 1 — including its exact 0 for
 * |x| ≤ 2^-54, where float64 exp(x) rounds to 1.
 */
fn expm1_f(x: f32) -> f32 {
  if (abs(x) <= 5.551115123125783e-17) { return 0.0; }
  if (abs(x) < 0.7) {
    // Taylor series to x^12/12!: at |x| = 0.7 the next term is 3e-11 relative.
    var s = 1.0 / 479001600.0;
    let c = array<f32, 11>(1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0, 1.0 / 40320.0, 1.0 / 5040.0,
      1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0);
    for (var i = 0u; i < 11u; i++) { s = s * x + c[i]; }
    return s * x;
  }
  return exp(x) - 1.0;
}

fn gelu_inner(x: f32) -> f32 { return GELU_C * (x + GELU_K * x * x * x); }

fn act_f(x: f32) -> f32 {
  switch ACT {
    case ACT_RELU: { return select(0.0, x, x > 0.0); }
    case ACT_LEAKY_RELU: { return select(SLOPE * x, x, x > 0.0); }
    case ACT_TANH: { return tanh_parts(x).x; }
    case ACT_SIGMOID: { return sigmoid_pair(x).x; }
    case ACT_SILU: {
      // Far left σ(x) is subnormal (flushed to 0 on GPUs) while x·σ(x) is not: use x·eˣ = −e^(x + ln(−x)).
      if (x < -80.0) { return -exp(x + log(-x)); }
      return x * sigmoid_pair(x).x;
    }
    case ACT_GELU: { return 0.5 * x * tanh_parts(gelu_inner(x)).z; }
    case ACT_SELU: { return select(SELU_LAMBDA * SELU_ALPHA * expm1_f(x), SELU_LAMBDA * x, x > 0.0); }
    default: { return x; }
  }
}

fn act_df(x: f32) -> f32 {
  switch ACT {
    case ACT_RELU: { return select(0.0, 1.0, x > 0.0); }
    case ACT_LEAKY_RELU: { return select(SLOPE, 1.0, x > 0.0); }
    case ACT_TANH: { return tanh_parts(x).y; }
    case ACT_SIGMOID: {
      let s = sigmoid_pair(x);
      return s.x * s.y;
    }
    case ACT_SILU: {
      let s = sigmoid_pair(x);
      return s.x * (1.0 + x * s.y);
    }
    case ACT_GELU: {
      let t = tanh_parts(gelu_inner(x));
      return 0.5 * t.z + 0.5 * x * t.y * GELU_C * (1.0 + 3.0 * GELU_K * x * x);
    }
    case ACT_SELU: {
      return select(SELU_LAMBDA * SELU_ALPHA * exp(x), SELU_LAMBDA, x > 0.0);
    }
    default: { return 1.0; }
  }
}

/**
 * (act_f(x), act_df(x)) from one evaluation of the shared parts: a forward that keeps φ′ for backward
 * (the batched map's) would otherwise run tanh's or σ's exp and branches twice per output — on a software
 * adapter, where every branch of a divergent SIMD group runs, that was 40 % of the layer's time.
 */
fn act_fdf(x: f32) -> vec2<f32> {
  switch ACT {
    case ACT_TANH: {
      let t = tanh_parts(x);
      return vec2<f32>(t.x, t.y);
    }
    case ACT_SIGMOID: {
      let s = sigmoid_pair(x);
      return vec2<f32>(s.x, s.x * s.y);
    }
    case ACT_GELU: {
      let t = tanh_parts(gelu_inner(x));
      return vec2<f32>(0.5 * x * t.z, 0.5 * t.z + 0.5 * x * t.y * GELU_C * (1.0 + 3.0 * GELU_K * x * x));
    }
    default: { return vec2<f32>(act_f(x), act_df(x)); }
  }
}
