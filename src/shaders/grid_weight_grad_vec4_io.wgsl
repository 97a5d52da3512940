// Bindings of the batched map's vec4 weight-gradient forms (grid_weight_grad_vec4.wgsl, _quad.wgsl), which
// read the activation buffer as vec4 and update parameters and optimizer state four at a time
// (grid_update_vec4.wgsl). Table per net: 0 input a [rows, fan_in], 1 δ [rows, fan_out], 2 W, 3 b (their
// optimizer state at the same offsets of s1, s2). Prefix: WG and grid_update's constants; grid_common.wgsl.
@group(0) @binding(0) var<uniform> g: Grid;
@group(0) @binding(1) var<storage, read_write> params: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> a4: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> tbl: array<u32>;
@group(0) @binding(4) var<storage, read_write> s1: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> s2: array<vec4<f32>>;
@group(0) @binding(6) var<storage, read> cur: array<u32>;
