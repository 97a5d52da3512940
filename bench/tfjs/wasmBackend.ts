// TF.js's WebAssembly backend (XNNPACK kernels) as the second CPU baseline. Its .wasm binaries are served
// by Vite as assets of the bench page (?url imports), one per variant: TF.js picks the SIMD build where the
// browser has WebAssembly SIMD, and the threaded one only on a cross-origin-isolated page, which the
// bench page is not, so it runs single-threaded like our CPU engine.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let configured = false;

/** Tells the backend where its binaries are; once, before its first initialization. */
export function configureTfWasm(): void {
  if (configured) return;
  configured = true;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': plainUrl,
    'tfjs-backend-wasm-simd.wasm': simdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
  });
}

/** Which build TF.js runs (for the bench log): SIMD and threads as it detected them. */
export async function tfWasmFeatures(): Promise<string> {
  const tf = await import('@tensorflow/tfjs-core');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `tfjs-backend-wasm: SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'}`;
}
