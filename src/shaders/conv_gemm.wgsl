// Conv2d (stride 1, padding k//2) on NHWC maps as an implicit GEMM: C[m, n] = Σ_q A(m, q)·B(q, n), with
// the patch matrix never stored — A and B read the maps and the weights through index arithmetic. MODE
// picks the product (docs/LAYERS.md#convolutional-networks, W [Cout, Cin, k, k]):
//   0 forward       z[(b,p), o]    = bias[o] + Σ_(c,i,j) x[b, p + (i,j) − r, c] · W[o, c, i, j]
//   1 input grad   dx[(b,p), c]    = Σ_(o,i,j) δ[b, p − (i,j) + r, o] · W[o, c, i, j]
//   2 weight grad  dW[o, (c,i,j)]  = Σ_(b,p) δ[b, p, o] · x[b, p + (i,j) − r, c]
// Positions outside the map read 0 (zero padding). This file holds what the three forms share; the host
// appends one of them (convKernels.ts): conv_gemm_direct.wgsl (software adapters: blocks of 4 outputs per
// thread, no shared memory), conv_gemm_single.wgsl (one output per thread in 16×16 workgroups) or
// conv_tile.wgsl + conv_tile_io.wgsl (register tiles). All three sum each output in the same q order.
// Every output value goes through post_nf (appended by convGemmKernel: the trainer's forward posts a
// non-finite z with order d.nf; a no-op otherwise).
// The weight grad also gives ∂b[o] = Σ_(b,p) δ[b, p, o], the sum of its A operand (δ read as A(o, q)) over
// q: the threads of one column add it up, beside their ∂W or after it (each form says which, and in what
// order: all of them q = 0, 1, … from +0, so the same bits), and store it at b_off. Split-K (gpu/splitK.ts, the single form and register tiles on hardware
// GPUs): workgroup z sums the chunk q ∈ [z·chunk, min(Q, (z + 1)·chunk)) and writes its ∂W and ∂b into its
// slice z of a partials buffer (`stride` elements apart; split_reduce.wgsl adds the slices up). Unsplit,
// chunk ≥ Q and z = 0, so the loops and the sums are as they were.

struct Dims {
  B: u32,
  S: u32,
  Cin: u32,
  Cout: u32,
  k: u32,
  M: u32,
  N: u32,
  Q: u32,
  nf: u32,
  chunk: u32, // reduction rows per workgroup z (Q, or more, when unsplit)
  stride: u32, // elements between two chunks' slices of the output (split-K; 0 when unsplit)
  w_off: u32, // where output (0, 0) goes in `out` (the weight grad: ∂W's offset in the gradients)
  b_off: u32, // where the weight grad's ∂b[0] goes in `out`
}

@group(0) @binding(0) var<uniform> d: Dims;
// Forward and weight grad: the input maps x [B, S, S, Cin]; input grad: δ [B, S, S, Cout].
@group(0) @binding(1) var<storage, read> maps: array<f32>;
// Forward and input grad: W [Cout, Cin·k²]; weight grad: δ [B·S², Cout].
@group(0) @binding(2) var<storage, read> other: array<f32>;
// z, dx, or (weight grad) the gradients buffer or the split's partials.
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

/** maps[b, y, x, c] of a map with `ch` channels, or 0 outside the S×S map. */
fn at(b: u32, y: i32, x: i32, c: u32, ch: u32) -> f32 {
  let s = i32(d.S);
  if (y < 0 || x < 0 || y >= s || x >= s) { return 0.0; }
  return maps[((b * d.S + u32(y)) * d.S + u32(x)) * ch + c];
}

/** Index in `out` of output (m, n) of chunk z. */
fn out_at(z: u32, m: u32, n: u32) -> u32 { return z * d.stride + d.w_off + m * d.N + n; }

/** Index in `out` of the weight grad's ∂b[m] of chunk z. */
fn bias_at(z: u32, m: u32) -> u32 { return z * d.stride + d.b_off + m; }
