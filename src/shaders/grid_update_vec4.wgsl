// grid_update.wgsl's update for 4 consecutive parameters at once (vec4 offset o4), for the 8×8 weight
// gradient: the same formulas component by component (each IEEE operation rounds per component, so the
// results equal four scalar updates), one load and store per 4 parameters instead of per parameter.
// Needs vec4 bindings params, s1, s2 and cur. Prefix: OPT, LR, MOMENTUM, BETA1, BETA2, EPS.
fn update4(o4: u32, gr: vec4<f32>) {
  let w = params[o4];
  if (OPT == 0u) {
    params[o4] = w - LR * gr;
  } else if (OPT == 1u) {
    let v = MOMENTUM * s1[o4] + gr;
    s1[o4] = v;
    params[o4] = w - LR * v;
  } else {
    let m = BETA1 * s1[o4] + (1.0 - BETA1) * gr;
    let v = BETA2 * s2[o4] + (1.0 - BETA2) * gr * gr;
    s1[o4] = m;
    s2[o4] = v;
    params[o4] = w - (bitcast<f32>(cur[2]) * m) / (sqrt(v) / bitcast<f32>(cur[3]) + EPS);
  }
}
