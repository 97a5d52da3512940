// Node-only reader of files shipped under public/ (the CLI and tests use it; the browser passes a
// fetch-based reader instead). Kept in cli/, which only Node code imports, so the browser bundle never
// sees node:fs.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FetchBytes } from '../data/types';

/** The repository's public/ folder, found relative to this file (src/engine/cli → ../../../public). */
export const PUBLIC_DIR = fileURLToPath(new URL('../../../public/', import.meta.url));

export const nodeFetchBytes: FetchBytes = async (path, onProgress) => {
  const buf = await readFile(new URL(path, new URL('../../../public/', import.meta.url)));
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  onProgress?.(bytes.byteLength, bytes.byteLength);
  return bytes;
};
