// The head's forward and the training loss in one dispatch, direct form (software adapters): 64 threads
// compute the logits of rows in turn (head_loss_io.wgsl), then one thread takes the loss of every row in
// order, as loss_direct.wgsl does, so the sums are the same. Prefix: head_loss_io.wgsl, loss_common.wgsl.
const WG: u32 = 64u;

@compute @workgroup_size(64)
fn main(@builtin(local_invocation_index) t: u32) {
  for (var r = t; r < p.rows; r += WG) { prepare_row(r); }
  // The logits written above are read by thread 0 below.
  storageBarrier();
  if (t == 0u) { sum_rows(); }
}
