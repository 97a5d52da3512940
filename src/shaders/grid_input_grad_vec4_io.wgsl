// Shared by the batched map's vec4 input-gradient forms (grid_input_grad_vec4.wgsl, _quad.wgsl): their
// bindings and the store of one vec4 of δ_in. Two views of the activation buffer (both writable: WebGPU
// forbids reading a buffer through a read-only binding while writing it): `dl4` from this dispatch's layer
// up (δ, offsets relative to it) and `lo4` below it (δ_in and φ′ of the layer below, absolute offsets).
// Table per net: 0 δ [rows, fan_out] (in `dl4`), 1 δ_in [rows, fan_in], 2 W, 3 φ′ of the layer below; all
// multiples of 4. Prefix: WG; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read> p4: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> lo4: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;
@group(0) @binding(4) var<storage, read_write> dl4: array<vec4<f32>>;

/** Row r, inputs k..k+3: δ_in = acc ⊙ φ′ (o, p: δ_in's and φ′'s offsets in vec4 units). */
fn store(r: u32, k: u32, o: u32, p: u32, acc: vec4<f32>) {
  if (r >= g.rows) { return; }
  let x = (r * g.fan_in + k) / 4u;
  lo4[o + x] = acc * lo4[p + x];
}
