// A ReZero block's backward start (docs/LAYERS.md, residual backward), chunk by chunk over the batch ×
// features: δ = α·g_x into `delta`, and the chunk's partial Σ g_x ⊙ z of ∂L/∂α into `parts` (alpha_grad.wgsl
// adds the chunks). COOP: a workgroup of WG threads per chunk, merged through a workgroup tree; else one
// thread per chunk. Prefix: non-finite snippet, COOP, WG, group_reduce.wgsl.
struct P { count: u32, per_chunk: u32, chunks: u32, alpha_off: u32, part_off: u32, nf_out: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> gx: array<f32>;
@group(0) @binding(2) var<storage, read> zs: array<f32>;
@group(0) @binding(3) var<storage, read> params: array<f32>;
@group(0) @binding(4) var<storage, read_write> delta: array<f32>;
@group(0) @binding(5) var<storage, read_write> parts: array<f32>;
@group(0) @binding(6) var<storage, read_write> flags: array<atomic<u32>>;

@compute @workgroup_size(WG)
fn main(
  @builtin(local_invocation_index) lt: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let ln = lane(lt, wid, nwg);
  let chunk = ln.g;
  let alpha = params[p.alpha_off];
  var s = 0.0;
  if (chunk < p.chunks) {
    let lo = chunk * p.per_chunk;
    let hi = min(lo + p.per_chunk, p.count);
    for (var e = lo + ln.t; e < hi; e += ln.step) {
      let g = gx[e];
      s += g * zs[e];
      let v = alpha * g;
      delta[e] = v;
      if (is_nonfinite(v)) { atomicMin(&flags[NF_WORD], p.nf_out); }
    }
  }
  let total = group_sum2(vec2<f32>(s, 0.0), ln.t).x;
  if (chunk < p.chunks && ln.t == 0u) { parts[p.part_off + chunk] = total; }
}
