// One update of every parameter of every net (one dispatch for the whole grid), with the CPU reference's
// formulas (engine/cpu/optimizer.ts): SGD; momentum as PyTorch SGD (v ← μv + g, p ← p − lr·v); Adam
// (p ← p − step_size·m / (√v / √(1 − β2^t) + ε), step_size = lr / (1 − β1^t)), whose two step constants
// come as f32 bits in words 2 and 3 of the step record `cur`.
// Prefix: WG, OPT (0 sgd, 1 momentum, 2 adam), LR, MOMENTUM, BETA1, BETA2, EPS; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read> grads: array<f32>;
@group(0) @binding(3) var<storage, read_write> s1: array<f32>;
@group(0) @binding(4) var<storage, read_write> s2: array<f32>;
@group(0) @binding(5) var<storage, read> cur: array<u32>;
@group(0) @binding(6) var<storage, read> tbl: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let ni = net_item(gid);
  let o = ni.y;
  if (ni.x >= g.nets) { return; }
  let gr = grads[o];
  let w = params[o];
  if (OPT == 0u) {
    params[o] = w - LR * gr;
  } else if (OPT == 1u) {
    let v = MOMENTUM * s1[o] + gr;
    s1[o] = v;
    params[o] = w - LR * v;
  } else {
    let m = BETA1 * s1[o] + (1.0 - BETA1) * gr;
    let v = BETA2 * s2[o] + (1.0 - BETA2) * gr * gr;
    s1[o] = m;
    s2[o] = v;
    params[o] = w - (bitcast<f32>(cur[2]) * m) / (sqrt(v) / bitcast<f32>(cur[3]) + EPS);
  }
}
