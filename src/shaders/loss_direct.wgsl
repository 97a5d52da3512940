// Sum of the output loss over a batch (or an evaluation chunk), one-thread form (software adapters, where
// a workgroup barrier costs more than the whole loop). Prefix: loss_common.wgsl and its prefix.
@compute @workgroup_size(1)
fn main() {
  sum_rows();
}
