// A CpuNet's float32 buffers in one WebAssembly memory, so the SIMD GEMM reads and writes them in place (no
// copy in or out per call). The memory is sized once, for every buffer plus the GEMM's packing scratch,
// and never grows: growing would detach every Float32Array already handed out.
import { wasmGemmModule } from './wasmGemm';

const PAGE = 65536;
/** wasm32 addresses 4 GiB; stay clear of the top so that byte offsets fit comfortably in an i32. */
const MAX_BYTES = 2 ** 31;
/** The GEMM may read 12 bytes past a bias vector; every buffer is followed by at least this much. */
const GUARD = 16;

interface GemmExports {
  gemm(
    a: number,
    sam: number,
    sak: number,
    b: number,
    sbn: number,
    sbk: number,
    c: number,
    bias: number,
    hasBias: number,
    M: number,
    N: number,
    K: number,
    scratch: number,
  ): void;
  gemm32(
    a: number,
    sam: number,
    sak: number,
    b: number,
    sbn: number,
    sbk: number,
    c: number,
    bias: number,
    hasBias: number,
    accumulate: number,
    M: number,
    N: number,
    K: number,
    scratch: number,
  ): void;
  im2colHWC(x: number, side: number, C: number, k: number, col: number): void;
  col2imAddHWC(dcol: number, side: number, C: number, k: number, dx: number): void;
}

/** Strided view of a float32 operand: element (i, k) at data[i·si + k·sk]. */
export interface Operand {
  data: Float32Array;
  si: number;
  sk: number;
}

/** Bytes of packing scratch for an M×N×K product (see gemm.wat). */
export function gemmScratchBytes(M: number, N: number, K: number): number {
  return 64 + 32 * K * (Math.ceil(M / 4) + Math.ceil(N / 4));
}

/** Bytes of scratch for an M×N×K product of gemm32 (see gemm.wat). */
export function gemm32ScratchBytes(_M: number, N: number, K: number): number {
  return 192 + 32 * K * Math.ceil(N / 8);
}

export class WasmArena {
  private top = 0;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly fns: GemmExports,
    private readonly end: number,
    private readonly scratch: number,
    private readonly scratchBytes: number,
  ) {}

  /**
   * An arena for `floats` float32 values (in buffers of any sizes; each allocation is padded to 16 bytes
   * plus the guard) and products needing up to `scratchBytes` of scratch, or null when the module is not
   * available here or the memory cannot be had.
   */
  static create(floats: number, buffers: number, scratchBytes: number): WasmArena | null {
    const mod = wasmGemmModule();
    if (!mod) return null;
    const end = 4 * floats + buffers * (16 + GUARD);
    const bytes = end + scratchBytes;
    if (bytes > MAX_BYTES) return null;
    try {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
      const instance = new WebAssembly.Instance(mod, { env: { memory } });
      return new WasmArena(memory, instance.exports as unknown as GemmExports, end, end, scratchBytes);
    } catch {
      return null;
    }
  }

  /** Float32 values' worth of the products' packing scratch (memory estimates). */
  get scratchValues(): number {
    return this.scratchBytes / 4;
  }

  /** A zeroed Float32Array of n values inside the memory. */
  alloc(n: number): Float32Array {
    const at = this.top;
    const next = at + Math.ceil((4 * n) / 16) * 16 + GUARD;
    if (next > this.end) throw new Error(`WasmArena: out of planned space (${next} > ${this.end} bytes)`);
    this.top = next;
    return new Float32Array(this.memory.buffer, at, n);
  }

  /** Whether `a` lives in this arena's memory. */
  owns(a: Float32Array | Float64Array): a is Float32Array {
    return a instanceof Float32Array && a.buffer === this.memory.buffer;
  }

  /**
   * C[m, n] = Σ_k A(m, k)·B(n, k) + bias[n] for m < M, n < N, C row-major [M, N]; results bit-identical
   * to gemmNT (gemm.wat says why). All arrays must come from this arena.
   */
  gemm(
    A: Operand,
    B: Operand,
    C: Float32Array,
    M: number,
    N: number,
    K: number,
    bias: Float32Array | null,
  ): void {
    if (M === 0 || N === 0) return;
    if (K === 0) throw new Error('WasmArena.gemm: K must be positive');
    if (gemmScratchBytes(M, N, K) > this.scratchBytes)
      throw new Error(`WasmArena.gemm: ${M}×${N}×${K} needs more scratch than was planned`);
    this.fns.gemm(
      A.data.byteOffset,
      A.si,
      A.sk,
      B.data.byteOffset,
      B.si,
      B.sk,
      C.byteOffset,
      bias ? bias.byteOffset : 0,
      bias ? 1 : 0,
      M,
      N,
      K,
      this.scratch,
    );
  }

  /**
   * C[m, n] = (C[m, n] if accumulate, else 0) + Σ_k A(m, k)·B(n, k) + bias[n], accumulated in float32 in
   * k order: bit-identical to gemm32 in ../gemm32.ts (gemm.wat says why). All arrays from this arena.
   */
  gemm32(
    A: Operand,
    B: Operand,
    C: Float32Array,
    M: number,
    N: number,
    K: number,
    bias: Float32Array | null,
    accumulate: boolean,
  ): void {
    if (M === 0 || N === 0) return;
    if (K === 0) throw new Error('WasmArena.gemm32: K must be positive');
    if (gemm32ScratchBytes(M, N, K) > this.scratchBytes)
      throw new Error(`WasmArena.gemm32: ${M}×${N}×${K} needs more scratch than was planned`);
    this.fns.gemm32(
      A.data.byteOffset,
      A.si,
      A.sk,
      B.data.byteOffset,
      B.si,
      B.sk,
      C.byteOffset,
      bias ? bias.byteOffset : 0,
      bias ? 1 : 0,
      accumulate ? 1 : 0,
      M,
      N,
      K,
      this.scratch,
    );
  }

  /** im2colHWC (../conv/im2col.ts) of the sample map at x[off…] into col, in WebAssembly; same values. */
  im2colHWC(x: Float32Array, off: number, side: number, C: number, k: number, col: Float32Array): void {
    this.fns.im2colHWC(x.byteOffset + 4 * off, side, C, k, col.byteOffset);
  }

  /** col2imAddHWC (../conv/im2col.ts) in WebAssembly: the same float32 additions in the same order. */
  col2imAddHWC(dcol: Float32Array, side: number, C: number, k: number, dx: Float32Array, off: number): void {
    this.fns.col2imAddHWC(dcol.byteOffset, side, C, k, dx.byteOffset + 4 * off);
  }
}
