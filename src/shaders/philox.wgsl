// Philox4x32-10 (Salmon et al. 2011, Random123), the same function as src/engine/rng/philox.ts, and the
// uniform maps of docs/MATH.md#random-numbers. Library snippet, put in front of sampling kernels.
// WGSL has no 64-bit integers, so the high word of the 32×32-bit product is assembled from 16-bit halves.

const PHILOX_M0: u32 = 0xd2511f53u;
const PHILOX_M1: u32 = 0xcd9e8d57u;
const PHILOX_W0: u32 = 0x9e3779b9u;
const PHILOX_W1: u32 = 0xbb67ae85u;

// High 32 bits of the exact 64-bit product a·b. Every partial sum stays below 2^32.
fn philox_mulhi(a: u32, b: u32) -> u32 {
  let a_lo = a & 0xffffu;
  let a_hi = a >> 16u;
  let b_lo = b & 0xffffu;
  let b_hi = b >> 16u;
  let lolo = a_lo * b_lo;
  let hilo = a_hi * b_lo;
  let lohi = a_lo * b_hi;
  let mid = (lolo >> 16u) + (hilo & 0xffffu) + (lohi & 0xffffu);
  return a_hi * b_hi + (hilo >> 16u) + (lohi >> 16u) + (mid >> 16u);
}

// Ten rounds; the key is bumped by the Weyl constants before every round but the first (Random123's order).
fn philox4x32_10(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = ctr;
  var k = key;
  for (var r = 0u; r < 10u; r++) {
    if (r > 0u) {
      k = k + vec2<u32>(PHILOX_W0, PHILOX_W1);
    }
    // u32 multiplication wraps, which is exactly the low word of the product.
    let lo0 = PHILOX_M0 * c.x;
    let hi0 = philox_mulhi(PHILOX_M0, c.x);
    let lo1 = PHILOX_M1 * c.z;
    let hi1 = philox_mulhi(PHILOX_M1, c.z);
    c = vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
  }
  return c;
}

// The spec's draw: counter = (index, layer, stream, 0), key = (seed, 0).
fn philox_at(seed: u32, index: u32, layer: u32, stream: u32) -> vec4<u32> {
  return philox4x32_10(vec4<u32>(index, layer, stream, 0u), vec2<u32>(seed, 0u));
}

// u = ((x >> 9)·2 + 1)·2^-24 ∈ (0, 1): the odd integer is below 2^24, so both steps are exact in f32.
fn uniform_from_word(x: u32) -> f32 {
  return f32((x >> 9u) * 2u + 1u) * 5.9604644775390625e-8;
}

// 2u − 1 = ((x >> 9)·2 + 1 − 2^23)·2^-23, built from integers so it is exact whatever the GPU's rounding.
fn symmetric_unit_from_word(x: u32) -> f32 {
  return f32(i32((x >> 9u) * 2u + 1u) - 8388608) * 1.1920928955078125e-7;
}
