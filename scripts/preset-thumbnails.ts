// Writes public/presets/<name>.svg for every preset: its real depth profile at initialization, trained
// on the CPU engine. Run after changing a preset: `npx tsx scripts/preset-thumbnails.ts`
// (a unit test fails while a thumbnail is out of date).
import { mkdirSync, writeFileSync } from 'node:fs';
import { nodeFetchBytes } from '../src/engine/cli/nodeFetchBytes';
import { PRESETS, presetRuns } from '../src/engine/presets/index';
import { trainRecords } from '../src/engine/presets/claimRunner';
import { thumbnailSvg } from '../src/engine/presets/thumbnail';

async function main(): Promise<void> {
  const dir = new URL('../public/presets/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  for (const p of PRESETS) {
    const runs = await trainRecords(
      presetRuns(p).map((r) => r.config),
      0,
      nodeFetchBytes,
    );
    writeFileSync(
      new URL(`${p.name}.svg`, dir),
      thumbnailSvg(
        runs.map((r) => r[0]),
        p.title,
      ),
    );
    console.log(`public/presets/${p.name}.svg`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
