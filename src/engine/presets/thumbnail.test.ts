// The shipped thumbnails are the presets' real depth profiles at init: regenerate and compare, so a
// changed preset cannot keep a stale picture (fix: `npx tsx scripts/preset-thumbnails.ts`).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFetchBytes } from '../cli/nodeFetchBytes';
import { trainRecords } from './claimRunner';
import { PRESETS, presetRuns } from './index';
import { thumbnailSvg } from './thumbnail';

describe('preset thumbnails', () => {
  it('are current for every preset', { timeout: 60_000 }, async () => {
    for (const p of PRESETS) {
      const runs = await trainRecords(
        presetRuns(p).map((r) => r.config),
        0,
        nodeFetchBytes,
      );
      const fresh = thumbnailSvg(
        runs.map((r) => r[0]),
        p.title,
      );
      const shipped = readFileSync(new URL(`../../../public/presets/${p.name}.svg`, import.meta.url), 'utf8');
      expect(shipped, `public/presets/${p.name}.svg is stale: run npx tsx scripts/preset-thumbnails.ts`).toBe(
        fresh,
      );
    }
  });

  it('draw every layer of both signals, and dead layers on the floor', () => {
    const layer = (i: number, a: number, g: number) => ({
      layer: i,
      act: { mean: 0, std: a, min: 0, max: 0, zeroFrac: 0, satFrac: 0 },
      pre: { mean: 0, std: a },
      grad: { std: g, rms: g, weightGradNorm: 0 },
      weight: { std: 0, updateRatio: 0 },
    });
    const svg = thumbnailSvg(
      [{ step: 0, loss: 1, accuracy: 0, layers: [layer(1, 1, 1e-3), layer(2, 0.1, 1e-2), layer(3, 0, 0)] }],
      'A <b> & c',
    );
    const paths = [...svg.matchAll(/<path d="([^"]*)" stroke="#(?:1f5fd1|c2410c)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    for (const d of paths) expect(d.match(/[ML]/g)).toHaveLength(3);
    expect(svg).toContain('A &lt;b&gt; &amp; c');
    expect(svg).not.toContain('<b>');
  });
});
