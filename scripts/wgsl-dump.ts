// Entry of `npm run wgsl:dump -- <kernel> [options]` (see scripts/wgslDump.ts): prints a composed WGSL
// kernel. Kernels import their .wgsl files with Vite's `?raw`; under tsx the loader hook serves them, so
// everything that imports WGSL is loaded after it is installed.
import { registerWgslRawHook } from '../src/gpu/node/wgslRawHook';

registerWgslRawHook();
const { wgslDump } = await import('./wgslDump');
const code = wgslDump(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
});
process.stdout.write('', () => process.exit(code));
