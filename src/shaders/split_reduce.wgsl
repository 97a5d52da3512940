// Second half of a split-K weight gradient (gpu/splitK.ts): the workgroups of a split kernel each summed one
// chunk of the reduction (the batch rows, or a conv's positions) into their own slice of the partials
// buffer, [∂W partial | ∂b partial] per slice, `stride` apart. Here each element's slices are added in
// slice order from +0 and written to the gradients: ∂W at w_off, ∂b (b_count elements, 0 for none) at
// b_off. One thread per element; the grid is eltwiseGroups' (64 per workgroup, folded into x and y).
struct P { w_count: u32, b_count: u32, splits: u32, stride: u32, w_off: u32, b_off: u32, row: u32, _pad: u32 }

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(1) var<storage, read> part: array<f32>;
@group(0) @binding(2) var<storage, read_write> grads: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.y * p.row + gid.x;
  if (i >= p.w_count + p.b_count) { return; }
  var s = 0.0;
  for (var k = 0u; k < p.splits; k++) { s += part[k * p.stride + i]; }
  if (i < p.w_count) {
    grads[p.w_off + i] = s;
  } else {
    grads[p.b_off + i - p.w_count] = s;
  }
}
