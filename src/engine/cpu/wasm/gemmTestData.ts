// Test inputs shared by the WebAssembly GEMM tests (gemmWasm.test.ts, gemm32Wasm.test.ts).
import type { Operand, WasmArena } from './arena';

/** Float32 values with spread-out exponents and signs, so that sums really round. */
export function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    out[i] = (u - 0.5) * 2 ** ((s % 13) - 6);
  }
  return out;
}

/** The same matrix, row-major [rows, cols] or stored transposed ([cols, rows]), as an arena operand. */
export function operand(
  arena: WasmArena,
  rowMajor: Float32Array,
  rows: number,
  cols: number,
  transposed: boolean,
): Operand {
  const data = arena.alloc(rows * cols);
  if (!transposed) {
    data.set(rowMajor);
    return { data, si: cols, sk: 1 };
  }
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) data[c * rows + r] = rowMajor[r * cols + c];
  return { data, si: 1, sk: rows };
}
