// C = α·op(A)·op(B) + β·D for the Newton–Schulz iteration of orthogonal init (Gram matrices X·Xᵀ or
// Xᵀ·X, then X ← 1.5·X − 0.5·(X·Xᵀ)·X or 1.5·X − 0.5·X·(Xᵀ·X)). op() transposes when the flag is set:
// A is stored [M, K] (or [K, M] transposed), B [K, N] (or [N, K]), C and D [M, N], all row-major.
// Each thread computes a 4×4 block straight from global memory, with no workgroup memory and so no
// barriers: barriers are what make tiled kernels slow on CPU-emulated GPUs (SwiftShader), while on real
// GPUs the caches serve the reuse well enough for a one-off init.

struct MatmulParams {
  M: u32,
  N: u32,
  K: u32,
  flags: u32, // bit 0: transpose A, bit 1: transpose B, bit 2: add β·D
  alpha: f32,
  beta: f32,
  _pad0: u32,
  _pad1: u32,
}

@group(0) @binding(0) var<uniform> params: MatmulParams;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read> d: array<f32>;
@group(0) @binding(4) var<storage, read_write> c: array<f32>;

const TM: u32 = 4u;
const TN: u32 = 4u;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let M = params.M;
  let N = params.N;
  let K = params.K;
  let m0 = gid.y * TM;
  let n0 = gid.x * TN;
  if (m0 >= M || n0 >= N) {
    return;
  }
  // Element strides of op(A)[m, k] and op(B)[k, n] in storage.
  var a_m = K;
  var a_k = 1u;
  if ((params.flags & 1u) != 0u) {
    a_m = 1u;
    a_k = M;
  }
  var b_k = N;
  var b_n = 1u;
  if ((params.flags & 2u) != 0u) {
    b_k = 1u;
    b_n = K;
  }
  // Rows/columns past the edge load a valid neighbour; their results are never stored.
  var ia: array<u32, TM>;
  for (var i = 0u; i < TM; i++) {
    ia[i] = min(m0 + i, M - 1u) * a_m;
  }
  var ib: array<u32, TN>;
  for (var j = 0u; j < TN; j++) {
    ib[j] = min(n0 + j, N - 1u) * b_n;
  }
  var acc: array<f32, 16>;
  for (var k = 0u; k < K; k++) {
    var av: array<f32, TM>;
    for (var i = 0u; i < TM; i++) {
      av[i] = a[ia[i] + k * a_k];
    }
    for (var j = 0u; j < TN; j++) {
      let bv = b[ib[j] + k * b_k];
      for (var i = 0u; i < TM; i++) {
        acc[i * TN + j] += av[i] * bv;
      }
    }
  }
  for (var i = 0u; i < TM; i++) {
    let m = m0 + i;
    for (var j = 0u; j < TN; j++) {
      let n = n0 + j;
      if (m < M && n < N) {
        var v = params.alpha * acc[i * TN + j];
        if ((params.flags & 4u) != 0u) {
          v += params.beta * d[m * N + n];
        }
        c[m * N + n] = v;
      }
    }
  }
}
