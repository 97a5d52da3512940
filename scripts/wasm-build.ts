// Entry of `npm run wasm:build`: reassembles src/engine/cpu/wasm/gemm.wat into gemmBinary.ts (run it after
// editing the WAT; the unit tests fail while the committed binary is stale).
import { writeFileSync } from 'node:fs';
import { assembleGemm, BINARY_MODULE_PATH, binaryModuleSource } from '../src/engine/cpu/wasm/assemble';

const bytes = await assembleGemm();
writeFileSync(BINARY_MODULE_PATH, binaryModuleSource(bytes));
process.stdout.write(`gemmBinary.ts: ${bytes.length} bytes of wasm\n`);
