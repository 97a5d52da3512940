// Loads the WebAssembly SIMD GEMM (gemm.wat, embedded in gemmBinary.ts) synchronously, once per realm:
// the bytes are compiled on first use (1.3 kB, far under the main thread's limit for synchronous
// compilation) and each WasmArena instantiates the module on its own memory. Where WebAssembly or its
// SIMD is missing (validate() says no), wasmGemmModule() returns null and the engine keeps the TypeScript
// GEMM. INITSCOPE_CPU_GEMM=ts in Node's environment forces that fallback (timing comparisons).
import { GEMM_WASM_BASE64, GEMM_WASM_BYTES } from './gemmBinary';

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let cached: WebAssembly.Module | null | undefined;

function forcedOff(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.INITSCOPE_CPU_GEMM === 'ts';
}

/** The compiled module, or null where this runtime cannot run it. */
export function wasmGemmModule(): WebAssembly.Module | null {
  if (cached !== undefined) return cached;
  cached = null;
  if (forcedOff() || typeof WebAssembly !== 'object') return cached;
  try {
    const bytes = decodeBase64(GEMM_WASM_BASE64);
    if (bytes.length === GEMM_WASM_BYTES && WebAssembly.validate(bytes))
      cached = new WebAssembly.Module(bytes);
  } catch {
    cached = null;
  }
  return cached;
}
