// ∂L/∂b of a convolution: per output channel c the sum of δ over the batch and the positions (column c of
// the [rows, C] matrix δ), written into the gradients buffer at grads_off + c. One 64-thread workgroup per
// channel; the partial sums meet in a workgroup tree. Prefix: none.
struct P { rows: u32, C: u32, grads_off: u32, _pad: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> delta: array<f32>;
@group(0) @binding(2) var<storage, read_write> grads: array<f32>;

var<workgroup> part: array<f32, 64>;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let c = wid.x;
  var s = 0.0;
  for (var r = t; r < p.rows; r += 64u) { s += delta[r * p.C + c]; }
  part[t] = s;
  workgroupBarrier();
  for (var k = 32u; k > 0u; k >>= 1u) {
    if (t < k) { part[t] += part[t + k]; }
    workgroupBarrier();
  }
  if (t == 0u) { grads[p.grads_off + c] = part[0]; }
}
