// Activation φ and its derivative φ' (snippet, prepended to kernels that need it).
// The host prepends the constants: ACT (the ACT_ID of src/engine/activations.ts), SLOPE (leaky_relu),
// SELU_LAMBDA, SELU_ALPHA, GELU_C, GELU_K — the same numbers the CPU engine uses.
// Branches mirror the CPU code so that NaN and edge cases behave alike (x > 0 is false for NaN).

fn sigmoid_f(x: f32) -> f32 {
  // Two branches so exp never overflows to inf (the CPU does the same).
  if (x >= 0.0) {
    return 1.0 / (1.0 + exp(-x));
  }
  let e = exp(x);
  return e / (1.0 + e);
}

// tanh from exp(-2|x|): never overflows, keeps the sign, no inf/inf for large |x| (the builtin may).
// For small |x| an odd polynomial avoids the cancellation in 1 − e.
fn tanh_f(x: f32) -> f32 {
  let ax = abs(x);
  if (ax < 0.25) {
    let x2 = x * x;
    // Taylor series of tanh to x^11; at |x| = 0.25 the next term is below 1e-9 relative.
    return x * (1.0 + x2 * (-0.33333333333 + x2 * (0.133333333333 + x2 * (-0.0539682539683
      + x2 * (0.0218694885362 + x2 * (-0.00886323552990))))));
  }
  let e = exp(-2.0 * ax);
  let t = (1.0 - e) / (1.0 + e);
  return select(t, -t, x < 0.0);
}

fn act_f(x: f32) -> f32 {
  switch ACT {
    case 0u: { return select(0.0, x, x > 0.0); }
    case 1u: { return select(SLOPE * x, x, x > 0.0); }
    case 2u: { return tanh_f(x); }
    case 3u: { return sigmoid_f(x); }
    case 4u: { return x * sigmoid_f(x); }
    case 5u: {
      return 0.5 * x * (1.0 + tanh_f(GELU_C * (x + GELU_K * x * x * x)));
    }
    case 6u: {
      return select(SELU_LAMBDA * SELU_ALPHA * (exp(x) - 1.0), SELU_LAMBDA * x, x > 0.0);
    }
    default: { return x; }
  }
}

fn act_df(x: f32) -> f32 {
  switch ACT {
    case 0u: { return select(0.0, 1.0, x > 0.0); }
    case 1u: { return select(SLOPE, 1.0, x > 0.0); }
    case 2u: {
      let t = tanh_f(x);
      return 1.0 - t * t;
    }
    case 3u: {
      let s = sigmoid_f(x);
      return s * (1.0 - s);
    }
    case 4u: {
      let s = sigmoid_f(x);
      return s * (1.0 + x * (1.0 - s));
    }
    case 5u: {
      let t = tanh_f(GELU_C * (x + GELU_K * x * x * x));
      return 0.5 * (1.0 + t) + 0.5 * x * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * GELU_K * x * x);
    }
    case 6u: {
      return select(SELU_LAMBDA * SELU_ALPHA * exp(x), SELU_LAMBDA, x > 0.0);
    }
    default: { return 1.0; }
  }
}
