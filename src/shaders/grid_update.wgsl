// One parameter's update, with the CPU reference's formulas (engine/cpu/optimizer.ts): SGD; momentum as
// PyTorch SGD (v ← μv + g, p ← p − lr·v); Adam (p ← p − step_size·m / (√v / √(1 − β2^t) + ε),
// step_size = lr / (1 − β1^t)), whose two step constants come as f32 bits in words 2 and 3 of the step
// record `cur`. Called by the weight gradient (grid_weight_grad.wgsl) as soon as a gradient is summed, so
// no gradient buffer and no optimizer dispatch (on SwiftShader that dispatch, one thread per parameter of
// the whole grid, cost about a tenth of a step).
// Needs bindings params, s1, s2, cur. Prefix: OPT (0 sgd, 1 momentum, 2 adam), LR, MOMENTUM, BETA1, BETA2, EPS.
fn update(o: u32, gr: f32) {
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
