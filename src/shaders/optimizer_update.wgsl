// One parameter's update (snippet shared by optimizer.wgsl and optimizer_direct.wgsl): SGD, momentum
// (PyTorch SGD with dampening 0: v ← μv + g, p ← p − lr·v) or Adam (PyTorch: m ← β1m + (1−β1)g,
// v ← β2v + (1−β2)g², p ← p − step_size·m / (√v / √(1−β2^t) + ε), step_size = lr/(1−β1^t)).
// apply = 0 computes the new value but stores nothing (the update ratio of a recorded step that does not
// advance). A non-finite new weight is posted to the next step's non-finite word: the CPU checks weights at
// the start of the pass that uses them.
// Prefix: non-finite snippet, OPT (0 sgd, 1 momentum, 2 adam), LR, MOMENTUM, BETA1, BETA2, EPS, HIDDEN
// (tensors 0..HIDDEN are the W of every Linear layer, 0..HIDDEN−1 the hidden ones; biases, then γ, β, α
// follow), RES_BLOCKS, NF_P, NF_R, NF_WPOS (see weight_order).
struct Step { step_size: f32, bc2_sqrt: f32, apply: u32, _pad: u32 }
/** A run of one tensor's elements: params[off + start .. min(off + start + ITEM, end)). */
struct Item { tensor: u32, start: u32, off: u32, end: u32 }

@group(0) @binding(0) var<uniform> st: Step;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read> grads: array<f32>;
@group(0) @binding(3) var<storage, read_write> s1: array<f32>;
@group(0) @binding(4) var<storage, read_write> s2: array<f32>;
@group(0) @binding(5) var<storage, read> items: array<Item>;
@group(0) @binding(6) var<storage, read_write> partials: array<f32>;
@group(0) @binding(7) var<storage, read_write> nf_next: array<atomic<u32>>;

/**
 * Non-finite order of W of Linear layer `tensor` (gpu/nonFinite.ts): NF_P checks per plain layer (3 for
 * the plain MLP: weight, pre, act), and with RES_BLOCKS layer 0 plain, then NF_R per residual block with W
 * at position NF_WPOS inside it.
 */
fn weight_order(tensor: u32) -> u32 {
  if (!RES_BLOCKS || tensor == 0u) { return NF_P * tensor; }
  return NF_P + (tensor - 1u) * NF_R + select(NF_WPOS, 0u, tensor == HIDDEN);
}

/** Updates params[o] of `tensor`; returns (w before, g, w after). */
fn update_param(o: u32, tensor: u32) -> vec3<f32> {
  let g = grads[o];
  let w = params[o];
  var nw: f32;
  if (OPT == 0u) {
    nw = w - LR * g;
  } else if (OPT == 1u) {
    let v = MOMENTUM * s1[o] + g;
    if (st.apply != 0u) { s1[o] = v; }
    nw = w - LR * v;
  } else {
    let m = BETA1 * s1[o] + (1.0 - BETA1) * g;
    let v = BETA2 * s2[o] + (1.0 - BETA2) * g * g;
    if (st.apply != 0u) {
      s1[o] = m;
      s2[o] = v;
    }
    nw = w - (st.step_size * m) / (sqrt(v) / st.bc2_sqrt + EPS);
  }
  if (st.apply != 0u) {
    params[o] = nw;
    if (tensor <= HIDDEN && is_nonfinite(nw)) { atomicMin(&nf_next[0], weight_order(tensor)); }
  }
  return vec3<f32>(w, g, nw);
}

/** Item partial for the statistics: n, moments of W, ΣW², Σg², ΣΔW² (8 floats per item). */
fn write_partial(item_id: u32, w: Moments, sq: vec3<f32>) {
  let b = item_id * 8u;
  partials[b] = w.n;
  partials[b + 1u] = w.mean;
  partials[b + 2u] = w.m2;
  partials[b + 3u] = sq.x;
  partials[b + 4u] = sq.y;
  partials[b + 5u] = sq.z;
}
