// Shared by the batched map's vec4 forward forms (grid_forward_vec4.wgsl, grid_forward_quad.wgsl): their
// bindings and the store of one vec4 of outputs. The activation buffer comes as two views (WebGPU forbids a
// buffer both read and written in one dispatch unless both bindings are writable and do not overlap):
// `in4` the layer below (the input), `out4` this layer's blocks (h and φ′), so the table's offsets count
// from the start of each view. Table per net: 0 input (in `in4`), 1 h (in `out4`), 2 W, 3 b, 4 φ′ (in
// `out4`); all multiples of 4. Prefix: WG, DPHI, the activation snippet; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read> p4: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out4: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;
@group(0) @binding(4) var<storage, read_write> in4: array<vec4<f32>>;

/** Row r, outputs j0..j0+3, with their bias: h = φ(z) (and φ′(z) with DPHI) at offsets h, dp (vec4 units). */
fn store(r: u32, j0: u32, bias: vec4<f32>, h: u32, dp: u32, acc: vec4<f32>) {
  if (r >= g.rows) { return; }
  let z = acc + bias;
  let o = (r * g.fan_out + j0) / 4u;
  if (DPHI) {
    let x = act_fdf(z.x);
    let y = act_fdf(z.y);
    let u = act_fdf(z.z);
    let w = act_fdf(z.w);
    out4[h + o] = vec4<f32>(x.x, y.x, u.x, w.x);
    out4[dp + o] = vec4<f32>(x.y, y.y, u.y, w.y);
  } else {
    out4[h + o] = vec4<f32>(act_f(z.x), act_f(z.y), act_f(z.z), act_f(z.w));
  }
}
