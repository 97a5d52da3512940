// Sum of the output loss over a batch (or an evaluation chunk), one-thread form (software adapters, where
// a workgroup barrier costs more than the whole loop). Prefix: loss_common.wgsl and its prefix.
@compute @workgroup_size(1)
fn main() {
  var loss = 0.0;
  var correct = 0u;
  for (var r = 0u; r < p.rows; r++) {
    let v = row_loss(r);
    loss += v.x;
    correct += u32(v.y);
  }
  store_sums(loss, correct);
}
