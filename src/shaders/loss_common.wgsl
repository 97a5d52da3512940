// Output loss of a batch (one workgroup): softmax cross-entropy through log-sum-exp (stable for any logits)
// or MSE against one-hot targets (mean over rows × classes), the argmax accuracy (first maximum wins), and
// in training the gradient with respect to the logits (CE: (softmax − onehot)/B, MSE: 2(z − onehot)/(B·C)).
// EVAL accumulates the loss sum and correct count of a chunk of a held-out split instead.
// This snippet holds the bindings and the per-row work; loss.wgsl (workgroup tree, hardware GPUs) and
// loss_direct.wgsl (one thread, software adapters) add the sum over rows and the store.
// Prefix: non-finite snippet, C (classes), CE (bool), EVAL (bool), and `logits` at binding 1 with
// prepare_row: loss_input.wgsl (logits from an earlier dispatch), or head_loss_io.wgsl (the head's forward
// computes each row's logits in the same dispatch).
struct P {
  rows: u32,
  lab_off: u32,    // EVAL: first label of the chunk
  grad_scale: f32, // CE: 1/B; MSE: 2/(B·C)
  first: u32,      // EVAL: first chunk (overwrite instead of accumulate)
  nf_loss: u32,
  nf_grad: u32,
}

@group(0) @binding(0) var<uniform> p: P;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> idx: array<u32>;
@group(0) @binding(4) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(5) var<storage, read_write> block: array<atomic<u32>>;

/** Loss of row r (and, in training, its gradient into dlogits); returns (loss, 1 if correct else 0). */
fn row_loss(r: u32) -> vec2<f32> {
  var label: u32;
  if (EVAL) { label = labels[p.lab_off + r]; } else { label = labels[idx[r]]; }
  let o = r * C;
  var mx = logits[o];
  var arg = 0u;
  for (var c = 1u; c < C; c++) {
    let v = logits[o + c];
    if (v > mx) { mx = v; arg = c; }
  }
  var loss = 0.0;
  if (CE) {
    var se = 0.0;
    for (var c = 0u; c < C; c++) { se += exp(logits[o + c] - mx); }
    let lse = mx + log(se);
    loss = lse - logits[o + label];
    if (!EVAL) {
      for (var c = 0u; c < C; c++) {
        let g = (exp(logits[o + c] - lse) - select(0.0, 1.0, c == label)) * p.grad_scale;
        dlogits[o + c] = g;
        if (is_nonfinite(g)) { atomicMin(&block[NF_WORD], p.nf_grad); }
      }
    }
  } else {
    for (var c = 0u; c < C; c++) {
      let diff = logits[o + c] - select(0.0, 1.0, c == label);
      loss += diff * diff;
      if (!EVAL) {
        let g = diff * p.grad_scale;
        dlogits[o + c] = g;
        if (is_nonfinite(g)) { atomicMin(&block[NF_WORD], p.nf_grad); }
      }
    }
  }
  return vec2<f32>(loss, select(0.0, 1.0, arg == label));
}

/** Loss and correct count of rows 0, 1, … in order, from one thread, then stored (software adapters). */
fn sum_rows() {
  var loss = 0.0;
  var correct = 0u;
  for (var r = 0u; r < p.rows; r++) {
    let v = row_loss(r);
    loss += v.x;
    correct += u32(v.y);
  }
  store_sums(loss, correct);
}

/** Stores the sums over rows: the batch's loss and correct count, or a chunk's share of an evaluation. */
fn store_sums(loss: f32, correct: u32) {
  if (EVAL) {
    var prevLoss = 0.0;
    var prevCorrect = 0u;
    if (p.first == 0u) {
      prevLoss = bitcast<f32>(atomicLoad(&block[4]));
      prevCorrect = atomicLoad(&block[5]);
    }
    atomicStore(&block[4], bitcast<u32>(prevLoss + loss));
    atomicStore(&block[5], prevCorrect + correct);
  } else {
    atomicStore(&block[0], bitcast<u32>(loss));
    atomicStore(&block[1], correct);
    if (is_nonfinite(loss)) { atomicMin(&block[NF_WORD], p.nf_loss); }
  }
}
