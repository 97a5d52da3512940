// Lets plain Node (the CLI under tsx) import WGSL files the way Vite does (`import src from 'x.wgsl?raw'`):
// a module loader hook that serves such a file as a module exporting its text. Vite and vitest handle
// `?raw` themselves; registering the hook there is harmless.
import { register } from 'node:module';

const HOOK = `
import { readFile } from 'node:fs/promises';
export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('.wgsl?raw')) {
    const text = await readFile(new URL(url.slice(0, -4)), 'utf8');
    return { format: 'module', source: 'export default ' + JSON.stringify(text) + ';', shortCircuit: true };
  }
  return next(url, context);
}
`;

let registered = false;

/** Installs the hook once; modules importing WGSL must be imported (dynamically) after this call. */
export function registerWgslRawHook(): void {
  if (registered) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
}
