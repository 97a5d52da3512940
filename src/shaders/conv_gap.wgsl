// The head's global average pool over the P positions of NHWC maps [rows, P, C] and its backward, as the
// CPU engine's meanPositions (a sum, then / P). Prefix: BACKWARD, and post_nf (convStepKernels.ts: with
// residual blocks the backward's output is the top stream gradient, whose non-finite order is d.nf).
//   forward   out[b, c]    = Σ_p x[b, p, c] / P        (one thread per (b, c))
//   backward  out[b, p, c] = g[b, c] / P               (one thread per map value)
struct P { rows: u32, P: u32, C: u32, nf: u32 }

@group(0) @binding(0) var<uniform> d: P;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let e = gid.x + gid.y * nwg.x * 64u;
  let c = e % d.C;
  if (BACKWARD) {
    if (e >= d.rows * d.P * d.C) { return; }
    let v = src[(e / (d.P * d.C)) * d.C + c] / f32(d.P);
    dst[e] = v;
    post_nf(v);
    return;
  }
  if (e >= d.rows * d.C) { return; }
  let base = (e / d.C) * d.P * d.C + c;
  var s = 0.0;
  for (var q = 0u; q < d.P; q++) { s += src[base + q * d.C]; }
  dst[e] = s / f32(d.P);
}
