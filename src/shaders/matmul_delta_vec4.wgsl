// δ of the merged backward kernels seen as vec4 (its width `out` and offset are multiples of 4).
// read_write: the buffer also holds δ of the layer below, written in the same dispatch (another range).
@group(0) @binding(1) var<storage, read_write> dl: array<vec4<f32>>;

fn ld_d(i: u32) -> f32 { return dl[i / 4u][i % 4u]; }
fn ld_d4(i4: u32) -> vec4<f32> { return dl[i4]; }
