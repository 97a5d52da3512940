// The 2×2 average pool (stride 2, floor) of NHWC maps and its backward, one thread per output value
// (forward: per pooled value; backward: per input value, which reads its window's gradient / 4 or 0 when
// its row or column was dropped by the floor). Prefix: BACKWARD.

struct PoolDims {
  B: u32,
  S: u32,
  C: u32,
  count: u32,
}

@group(0) @binding(0) var<uniform> d: PoolDims;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read_write> dst: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let e = gid.x;
  if (e >= d.count) { return; }
  let so = d.S / 2u;
  let c = e % d.C;
  if (BACKWARD) {
    // e indexes the input map [B, S, S, C]; src is the pooled gradient [B, so, so, C].
    let p = e / d.C;
    let b = p / (d.S * d.S);
    let y = (p % (d.S * d.S)) / d.S;
    let x = p % d.S;
    if (y / 2u >= so || x / 2u >= so) { dst[e] = 0.0; return; }
    dst[e] = 0.25 * src[((b * so + y / 2u) * so + x / 2u) * d.C + c];
    return;
  }
  // e indexes the pooled map [B, so, so, C].
  let p = e / d.C;
  let b = p / (so * so);
  let y = 2u * ((p % (so * so)) / so);
  let x = 2u * (p % so);
  let base = ((b * d.S + y) * d.S + x) * d.C + c;
  let row = d.S * d.C;
  dst[e] = 0.25 * (src[base] + src[base + d.C] + src[base + row] + src[base + row + d.C]);
}
