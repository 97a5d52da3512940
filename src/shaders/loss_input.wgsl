// The loss kernels' logits when an earlier dispatch (the head's forward, or an evaluation chunk's) wrote
// them: read-only, and nothing to prepare before a row's loss. See loss_common.wgsl.
@group(0) @binding(1) var<storage, read> logits: array<f32>;

fn prepare_row(r: u32) {}
