// Fills one tensor (a layer's W or b) with constant, U(−a, a) or N(0, std²) values drawn exactly as the
// CPU engine draws them (src/engine/rng/sample.ts): element i uses counter (i, layer, stream, 0), key
// (seed, 0). Needs philox.wgsl and math_f32.wgsl in front.
//   uniform: f32(a)·(2u − 1), one correctly rounded f32 multiply → the CPU's bits exactly.
//   normal:  f32(std·z) with z from an extra-precision Box–Muller → within an ulp of the CPU.

struct FillParams {
  n: u32,
  kind: u32,
  seed: u32,
  layer: u32,
  stream: u32,
  value: f32,
  zero: u32, // always 0: df_init's opaque zero (math_f32.wgsl)
  _pad1: u32,
}

const KIND_CONSTANT: u32 = 0u;
const KIND_UNIFORM: u32 = 1u;
const KIND_NORMAL: u32 = 2u;

@group(0) @binding(0) var<uniform> params: FillParams;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;

// 2-D dispatch: a large tensor needs more than 65535 workgroups along x.
@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  df_init(params.zero);
  let i = gid.y * nwg.x * 256u + gid.x;
  if (i >= params.n) {
    return;
  }
  if (params.kind == KIND_CONSTANT) {
    out[i] = params.value;
    return;
  }
  let x = philox_at(params.seed, i, params.layer, params.stream);
  if (params.kind == KIND_UNIFORM) {
    out[i] = params.value * symmetric_unit_from_word(x.x);
  } else {
    let z = box_muller_df(uniform_from_word(x.x), uniform_from_word(x.y));
    out[i] = df_scale_round(z, params.value);
  }
}
