// The browser's (and worker's) reader of shipped files: fetch, streamed so the page can show download
// progress. Only `fetch` and streams are used (no DOM), so it also runs in Node and in Web Workers.
import type { FetchBytes } from './types';

/** A FetchBytes that reads `path` relative to `baseUrl` (e.g. Vite's import.meta.env.BASE_URL resolved). */
export function fetchReader(baseUrl: string | URL): FetchBytes {
  return async (path, onProgress) => {
    const url = new URL(path, baseUrl);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Could not load ${path}: HTTP ${res.status}`);
    const total = Number(res.headers.get('content-length') ?? 0);
    if (!res.body) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      onProgress?.(bytes.byteLength, bytes.byteLength);
      return bytes;
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      // A compressed response's content-length counts compressed bytes; never report past 100 %.
      onProgress?.(loaded, Math.max(total, loaded));
    }
    const bytes = new Uint8Array(loaded);
    let off = 0;
    for (const c of chunks) {
      bytes.set(c, off);
      off += c.byteLength;
    }
    onProgress?.(loaded, loaded);
    return bytes;
  };
}
