// Entry of `npm run bench` (see bench/cli.ts). The runner is TypeScript, loaded through tsx so that it
// shares the typed protocol with the bench page and reuses playwright.config.ts's Chromium flags.
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./cli.ts', import.meta.url);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
}
