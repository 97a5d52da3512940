import { defineConfig } from '@playwright/test';

// Debian's Chromium (npx playwright install cannot download browsers here) with WebGPU on SwiftShader.
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

// E2E_PORT: another port for the preview server, where several checkouts share one machine (4173 may be
// serving someone else's build, which reuseExistingServer would then test).
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  // PW_SKIP_PERF: npm test runs the frame-rate and long-task spec on its own afterwards, with one worker,
  // so another spec's browser (a lab map training in workers, say) does not share its two cores.
  testIgnore: process.env.PW_SKIP_PERF ? ['**/perf.spec.ts'] : [],
  timeout: 90_000,
  expect: { timeout: 20_000 },
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT ?? '.tmp/test-reports/e2e.json' }]],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
