// The WGSL sources go into the app's bundles as strings (`?raw` imports). Their comments explain the
// kernels to the reader and mean nothing to the GPU, and they are about half of the bytes: the build
// (vite.config.ts, app and workers) imports them without comments and blank lines, which keeps the
// page's initial JavaScript within its budget (e2e/perf.spec.ts). Node (tests, the CLI, wgsl:dump) reads
// the files as they are; the e2e parity page checks the stripped kernels in the browser.
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * WGSL without comments (line comments, and block comments, which WGSL lets nest), trailing spaces or blank
 * lines. WGSL has no string literals, so `//` and `/*` only ever start comments.
 */
export function stripWgslComments(src: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const two = src.slice(i, i + 2);
    if (two === '/*') {
      depth++;
      i++;
    } else if (depth > 0 && two === '*/') {
      depth--;
      i++;
    } else if (depth > 0) {
      if (src[i] === '\n') out += '\n';
    } else if (two === '//') {
      while (i < src.length && src[i] !== '\n') i++;
      out += '\n';
    } else {
      out += src[i];
    }
  }
  return out
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .join('\n')
    .concat('\n');
}

/** Serves `*.wgsl?raw` imports stripped (before Vite's own raw loader). */
export function wgslStripPlugin(): Plugin {
  return {
    name: 'initscope-wgsl-strip',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('.wgsl?raw')) return null;
      const file = id.slice(0, -'?raw'.length);
      this.addWatchFile(file);
      return `export default ${JSON.stringify(stripWgslComments(readFileSync(file, 'utf8')))};`;
    },
  };
}
