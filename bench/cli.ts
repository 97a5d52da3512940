// `npm run bench`: builds the bench page, serves it on 127.0.0.1, opens it in headless Debian Chromium
// with WebGPU on SwiftShader (the e2e tests' flags), runs every config there and prints the table or, with
// --json, exactly {"results": [...]} (plus "lab": {...} when the lab row ran: a trainability map trained
// batched vs its cells one after another). Progress lines go to stderr so stdout stays machine-readable.
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config';
import { parseArgs, USAGE } from './args';
import { type LabRow, toLabRow, toLabTable } from './labReport';
import type { BenchHook, ConfigRun } from './protocol';
import { toJson, toProfileTable, toRow, toTable } from './report';

const CONFIG_FILE = fileURLToPath(new URL('./vite.config.ts', import.meta.url));
const log = (line: string): void => void process.stderr.write(`${line}\n`);

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    log((e as Error).message);
    log(USAGE);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.build) {
    log('bench: building the bench page (vite build --config bench/vite.config.ts)…');
    await build({ configFile: CONFIG_FILE, logLevel: 'warn' });
  }
  const server = await preview({ configFile: CONFIG_FILE, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  // Developer features turn off timestamp quantization, which profiles need.
  const args_ = args.options.profile
    ? [...CHROMIUM_ARGS, '--enable-webgpu-developer-features']
    : CHROMIUM_ARGS;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: args_ });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => log(`  [page] ${m.text()}`));
    page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
    await page.goto(args.options.profile ? `${url}?profile` : url);
    await page.waitForFunction(() => 'initscopeBench' in window, null, { timeout: 60_000 });
    const runs: ConfigRun[] = [];
    for (const config of args.configs) {
      log(`bench: ${config}`);
      const run = await page.evaluate(
        ([q, o]) => (window as unknown as { initscopeBench: BenchHook }).initscopeBench.run(q, o),
        [config, args.options] as const,
      );
      runs.push(run);
    }
    if (args.options.profile) {
      process.stdout.write(`${args.json ? JSON.stringify({ profiles: runs }) : toProfileTable(runs)}\n`);
      return 0;
    }
    let lab: LabRow | null = null;
    if (args.lab) {
      const o = args.lab;
      log(`bench: lab map ${o.sw2} × ${o.depths}, ${o.steps} steps, ${o.config}`);
      lab = toLabRow(
        await page.evaluate(
          (opts) => (window as unknown as { initscopeBench: BenchHook }).initscopeBench.lab(opts),
          o,
        ),
      );
    }
    const rows = runs.map(toRow);
    if (args.json) {
      const json = JSON.parse(toJson(rows));
      process.stdout.write(`${JSON.stringify(lab ? { ...json, lab } : json)}\n`);
    } else {
      const parts = rows.length > 0 ? [toTable(rows)] : [];
      if (lab) parts.push(toLabTable(lab));
      process.stdout.write(`${parts.join('\n\n')}\n`);
    }
    return 0;
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
