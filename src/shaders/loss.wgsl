// Sum of the output loss over a batch (or an evaluation chunk), workgroup form (hardware GPUs): 256 threads
// take rows in turn, then a workgroup tree adds their sums. Prefix: loss_common.wgsl and its prefix.
const WG: u32 = 256u;
var<workgroup> s_loss: array<f32, WG>;
var<workgroup> s_correct: array<u32, WG>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_index) t: u32) {
  var loss = 0.0;
  var correct = 0u;
  for (var r = t; r < p.rows; r += WG) {
    prepare_row(r);
    let v = row_loss(r);
    loss += v.x;
    correct += u32(v.y);
  }
  s_loss[t] = loss;
  s_correct[t] = correct;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s >>= 1u) {
    if (t < s) {
      s_loss[t] += s_loss[t + s];
      s_correct[t] += s_correct[t + s];
    }
    workgroupBarrier();
  }
  if (t == 0u) { store_sums(s_loss[0], s_correct[0]); }
}
