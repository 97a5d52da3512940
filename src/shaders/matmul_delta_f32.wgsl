// δ of the merged backward kernels seen as scalars (its width or offset is not a multiple of 4: ld_d4 is
// then never called, it only keeps the kernels compiling). read_write: see matmul_delta_vec4.wgsl.
@group(0) @binding(1) var<storage, read_write> dl: array<f32>;

fn ld_d(i: u32) -> f32 { return dl[i]; }
fn ld_d4(i4: u32) -> vec4<f32> { return vec4<f32>(dl[4u * i4], dl[4u * i4 + 1u], dl[4u * i4 + 2u], dl[4u * i4 + 3u]); }
