// The loss of every net on its batch, one thread per (row, net), with the CPU reference's formulas
// (engine/cpu/loss.ts): softmax cross-entropy through log-sum-exp, or MSE against one-hot targets.
// Training (EVAL false) writes ∂loss/∂logits (scale 1/rows for ce, 2/(rows·C) for mse). Evaluation writes
// each valid row's loss (mse: its mean over classes) and whether its first argmax is the label into
// out[n·eval_rows + row] and out[(nets + n)·eval_rows + row]; the host sums them in float64.
// Table per net: 0 logits, 1 ∂loss/∂logits. Step record `cur`: 0 first row, 1 valid rows.
// Prefix: WG, CLASSES, CE, EVAL; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read_write> act: array<f32>;
@group(0) @binding(2) var<storage, read> tbl: array<u32>;
@group(0) @binding(3) var<storage, read> labels: array<u32>;
@group(0) @binding(4) var<storage, read> cur: array<u32>;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let n = ni.x;
  let r = ni.y;
  if (n >= g.nets) { return; }
  let valid = select(g.rows, cur[1], EVAL);
  if (r >= valid) { return; }
  let o = entry(n, 0u) + r * CLASSES;
  let d = entry(n, 1u) + r * CLASSES;
  let label = labels[r];
  var mx = act[o];
  var arg = 0u;
  for (var c = 1u; c < CLASSES; c++) {
    if (act[o + c] > mx) {
      mx = act[o + c];
      arg = c;
    }
  }
  var loss = 0.0;
  if (CE) {
    var se = 0.0;
    for (var c = 0u; c < CLASSES; c++) { se += exp(act[o + c] - mx); }
    let lse = mx + log(se);
    loss = lse - act[o + label];
    if (!EVAL) {
      let inv = 1.0 / f32(g.rows);
      for (var c = 0u; c < CLASSES; c++) {
        act[d + c] = (exp(act[o + c] - lse) - select(0.0, 1.0, c == label)) * inv;
      }
    }
  } else {
    let scale = 2.0 / f32(g.rows * CLASSES);
    for (var c = 0u; c < CLASSES; c++) {
      let diff = act[o + c] - select(0.0, 1.0, c == label);
      loss += diff * diff;
      if (!EVAL) { act[d + c] = diff * scale; }
    }
    loss = loss / f32(CLASSES);
  }
  if (EVAL) {
    let row = cur[0] + r;
    out[n * g.eval_rows + row] = loss;
    out[(g.nets + n) * g.eval_rows + row] = select(0.0, 1.0, arg == label);
  }
}
