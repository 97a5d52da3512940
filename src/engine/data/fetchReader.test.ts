import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fetchReader } from './fetchReader';

describe('fetchReader', () => {
  it('streams a file with progress and rejects on HTTP errors', async () => {
    const payload = new Uint8Array(200_000).map((_, i) => i % 251);
    const server = createServer((req, res) => {
      if (req.url === '/app/data/x.bin') {
        res.writeHead(200, { 'content-length': payload.length });
        res.end(payload);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const read = fetchReader(`http://127.0.0.1:${port}/app/`);
      const seen: [number, number][] = [];
      const bytes = await read('data/x.bin', (l, t) => seen.push([l, t]));
      expect(bytes).toEqual(payload);
      expect(seen.at(-1)).toEqual([payload.length, payload.length]);
      for (let i = 1; i < seen.length; i++) expect(seen[i][0]).toBeGreaterThanOrEqual(seen[i - 1][0]);
      await expect(read('data/missing.bin')).rejects.toThrow(/HTTP 404/);
    } finally {
      server.close();
    }
  });
});
