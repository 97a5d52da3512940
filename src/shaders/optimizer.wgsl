// One update of every parameter (all layers' W and b in one dispatch): SGD, momentum (PyTorch SGD with
// dampening 0: v ← μv + g, p ← p − lr·v) or Adam (PyTorch: m ← β1m + (1−β1)g, v ← β2v + (1−β2)g²,
// p ← p − step_size·m / (√v / √(1−β2^t) + ε), step_size = lr/(1−β1^t)).
// Work items cover ITEM elements of one tensor each. With STATS, the items of hidden-layer weights also
// reduce what the statistics need: moments of W before the update, ΣW², Σ(∂W)², Σ(ΔW)² of the update as
// stored. A non-finite new weight is posted to the next step's non-finite word (the CPU checks weights at
// the start of the pass that uses them). apply = 0 computes everything but stores nothing (the update ratio
// of a recorded step that does not advance).
// Prefix: moments and non-finite snippets, OPT (0 sgd, 1 momentum, 2 adam), STATS, LR, MOMENTUM, BETA1,
// BETA2, EPS, HIDDEN (number of hidden layers: tensors 0..HIDDEN−1 are hidden weights; W tensors are
// 0..HIDDEN, bias tensors follow).
struct Step { step_size: f32, bc2_sqrt: f32, apply: u32, _pad: u32 }
struct Item { tensor: u32, start: u32, off: u32, end: u32 } // end: one past the tensor's last element

@group(0) @binding(0) var<uniform> st: Step;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read> grads: array<f32>;
@group(0) @binding(3) var<storage, read_write> s1: array<f32>;
@group(0) @binding(4) var<storage, read_write> s2: array<f32>;
@group(0) @binding(5) var<storage, read> items: array<Item>;
@group(0) @binding(6) var<storage, read_write> partials: array<f32>;
@group(0) @binding(7) var<storage, read_write> nf_next: array<atomic<u32>>;

const WG: u32 = 256u;
const ITEM: u32 = WG * 16u;
var<workgroup> s_w: array<Moments, WG>;
var<workgroup> s_sq: array<vec3<f32>, WG>; // ΣW², Σg², ΣΔW²

@compute @workgroup_size(256)
fn main(
  @builtin(local_invocation_index) t: u32,
  @builtin(workgroup_id) wid: vec3<u32>,
  @builtin(num_workgroups) nwg: vec3<u32>,
) {
  let item_id = wid.y * nwg.x + wid.x;
  let valid = item_id < arrayLength(&items);
  var it = Item(0u, 0u, 0u, 0u);
  if (valid) { it = items[item_id]; }
  let is_weight = it.tensor <= HIDDEN;
  var w_mom = moments_empty();
  var sq = vec3<f32>(0.0);
  let lo = it.off + it.start;
  let hi = min(lo + ITEM, it.end);
  for (var o = lo + t; o < hi; o += WG) {
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
      if (is_weight && is_nonfinite(nw)) { atomicMin(&nf_next[0], 3u * it.tensor); }
    }
    if (STATS) {
      let dw = nw - w;
      w_mom = moments_push(w_mom, w);
      sq += vec3<f32>(w * w, g * g, dw * dw);
    }
  }
  if (STATS) {
    s_w[t] = w_mom;
    s_sq[t] = sq;
    workgroupBarrier();
    for (var s = WG / 2u; s > 0u; s >>= 1u) {
      if (t < s) {
        s_w[t] = moments_merge(s_w[t], s_w[t + s]);
        s_sq[t] += s_sq[t + s];
      }
      workgroupBarrier();
    }
    if (t == 0u && valid && it.tensor < HIDDEN) {
      let b = item_id * 8u;
      partials[b] = s_w[0].n;
      partials[b + 1u] = s_w[0].mean;
      partials[b + 2u] = s_w[0].m2;
      partials[b + 3u] = s_sq[0].x;
      partials[b + 4u] = s_sq[0].y;
      partials[b + 5u] = s_sq[0].z;
    }
  }
}
