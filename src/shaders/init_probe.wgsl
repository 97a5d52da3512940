// Test probe for the init sampling library: evaluates one of its functions on a batch of inputs so the
// tests can compare against the CPU engine. The host prepends `const PROBE: u32` and the libraries.
//   0 philox4x32_10: in 6 words (ctr, key) → out 4 words
//   1 ln_df(x):      in f32 bits → out (hi, lo) bits
//   2 cos_2pi_df(u): in f32 bits → out (hi, lo) bits
//   3 box_muller_df of two Philox words: in (x0, x1) → out (hi, lo) bits

struct ProbeParams {
  n: u32,
  zero: u32, // always 0: df_init's opaque zero (math_f32.wgsl)
  _pad1: u32,
  _pad2: u32,
}

@group(0) @binding(0) var<uniform> params: ProbeParams;
@group(0) @binding(1) var<storage, read> inp: array<u32>;
@group(0) @binding(2) var<storage, read_write> outp: array<u32>;

fn put_df(i: u32, v: vec2<f32>) {
  outp[2u * i] = bitcast<u32>(v.x);
  outp[2u * i + 1u] = bitcast<u32>(v.y);
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  df_init(params.zero);
  let i = gid.y * nwg.x * 64u + gid.x;
  if (i >= params.n) {
    return;
  }
  switch PROBE {
    case 0u: {
      let b = 6u * i;
      let r = philox4x32_10(
        vec4<u32>(inp[b], inp[b + 1u], inp[b + 2u], inp[b + 3u]),
        vec2<u32>(inp[b + 4u], inp[b + 5u]),
      );
      outp[4u * i] = r.x;
      outp[4u * i + 1u] = r.y;
      outp[4u * i + 2u] = r.z;
      outp[4u * i + 3u] = r.w;
    }
    case 1u: {
      put_df(i, ln_df(bitcast<f32>(inp[i])));
    }
    case 2u: {
      put_df(i, cos_2pi_df(bitcast<f32>(inp[i])));
    }
    default: {
      put_df(i, box_muller_df(uniform_from_word(inp[2u * i]), uniform_from_word(inp[2u * i + 1u])));
    }
  }
}
