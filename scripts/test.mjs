// `npm test`: every layer of checks, in order, stopping at the first failing stage:
// system packages → typecheck → lint → unit (vitest) → WGSL in Node (vitest + Dawn) → build → e2e (Playwright).
// Ends with one summary line "N passed, N failed" counted from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const OUT = '.tmp/test-reports';
mkdirSync(OUT, { recursive: true });

const stages = [
  ['system packages', 'node', ['scripts/ensure-system.mjs']],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['biome', 'check', '.']],
  [
    'unit',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${OUT}/unit.json`,
    ],
  ],
  [
    'gpu (WGSL in Node)',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'gpu',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${OUT}/gpu.json`,
    ],
  ],
  ['build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  ['e2e (Chromium)', 'npx', ['playwright', 'test'], { PW_SKIP_PERF: '1' }],
  // Alone, so its frame-rate and long-task figures are not measured beside another browser.
  [
    'e2e perf (alone)',
    'npx',
    ['playwright', 'test', 'e2e/perf.spec.ts', '--workers=1'],
    { PW_JSON_OUTPUT: `${OUT}/e2e-perf.json` },
  ],
];

const only = process.argv.slice(2);
let failedStage = null;
for (const [name, cmd, args, env = {}] of stages) {
  if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n── ${name} ──`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, PW_JSON_OUTPUT: `${OUT}/e2e.json`, ...env },
  });
  console.log(`── ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (r.status !== 0) {
    failedStage = name;
    break;
  }
}

function vitestCounts(file) {
  if (!existsSync(file)) return [0, 0];
  const j = JSON.parse(readFileSync(file, 'utf8'));
  return [j.numPassedTests ?? 0, j.numFailedTests ?? 0];
}
function playwrightCounts(file) {
  if (!existsSync(file)) return [0, 0];
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  return [(s.expected ?? 0) + (s.flaky ?? 0), s.unexpected ?? 0];
}
const counts = [
  vitestCounts(`${OUT}/unit.json`),
  vitestCounts(`${OUT}/gpu.json`),
  playwrightCounts(`${OUT}/e2e.json`),
  playwrightCounts(`${OUT}/e2e-perf.json`),
];
const passed = counts.reduce((s, c) => s + c[0], 0);
const failed =
  counts.reduce((s, c) => s + c[1], 0) + (failedStage && !failedStage.match(/unit|gpu|e2e/) ? 1 : 0);
if (failedStage) console.error(`\nnpm test: stage "${failedStage}" failed.`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedStage ? 1 : 0);
