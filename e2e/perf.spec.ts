// Performance of the explorer, measured in the built app in headless Chromium on this machine:
// - frame rate while training: requestAnimationFrame callbacks counted over a window (target ≥ 55 fps);
// - main-thread long tasks after load (PerformanceObserver 'longtask'; target: none over 50 ms), over a
//   window that includes training, a config change (the run restarts) and compare mode;
// - initial JS: gzip size of the entry script and its modulepreloads in dist/ (target ≤ 350 KB).
// Figures go to test-results/perf.json and the console; README's "Measured (page)" quotes them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, type Page, test } from '@playwright/test';
import { openExplorer, waitForStep } from './explorerHelpers';

test.describe.configure({ mode: 'serial' });

// The targets apply when this spec runs alone (PERF_STRICT=1 --workers=1, the README command).
// In the full suite another spec's browser trains beside it on the same two cores, so there it checks
// looser bounds that still catch a regression (a render per step, a blocking engine) without flaking.
const STRICT = process.env.PERF_STRICT === '1';
const FPS_MIN = STRICT ? 55 : 30;
const LONG_TASK_MAX_MS = STRICT ? 50 : 300;

const figures: Record<string, unknown> = {};

/** Frames per second over `ms`, counted with requestAnimationFrame in the page. */
function measureFps(page: Page, ms: number): Promise<{ fps: number; worstGapMs: number }> {
  return page.evaluate(
    (window_) =>
      new Promise<{ fps: number; worstGapMs: number }>((resolve) => {
        let frames = 0;
        let worst = 0;
        let last = 0;
        const t0 = performance.now();
        const tick = (t: number) => {
          if (last > 0) worst = Math.max(worst, t - last);
          last = t;
          frames++;
          if (t - t0 < window_) requestAnimationFrame(tick);
          else resolve({ fps: (frames * 1000) / (t - t0), worstGapMs: worst });
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

async function startLongTaskLog(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: { start: number; duration: number }[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  });
}

function longTasks(page: Page): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(() => (window as unknown as { __long: { start: number; duration: number }[] }).__long);
}

test('frame rate while training (default page, and at full speed)', async ({ page }) => {
  await openExplorer(page);
  await waitForStep(page, 5);
  const atDefault = await measureFps(page, 4000);
  await page.getByTestId('speed').selectOption('0');
  await page.waitForTimeout(500);
  const before = (await page.evaluate(() => window.initscope!.latest()!.step)) as number;
  const atFull = await measureFps(page, 4000);
  const after = (await page.evaluate(() => window.initscope!.latest()!.step)) as number;
  figures.fps = {
    defaultSpeed: Number(atDefault.fps.toFixed(1)),
    fullSpeed: Number(atFull.fps.toFixed(1)),
    worstFrameGapMs: Number(Math.max(atDefault.worstGapMs, atFull.worstGapMs).toFixed(1)),
    stepsPerSecAtFullSpeed: Number(((after - before) / 4).toFixed(1)),
  };
  console.log('fps', JSON.stringify(figures.fps));
  expect(atDefault.fps).toBeGreaterThanOrEqual(FPS_MIN);
  expect(atFull.fps).toBeGreaterThanOrEqual(FPS_MIN);
});

test('no main-thread task over 50 ms after load', async ({ page }) => {
  await openExplorer(page);
  await waitForStep(page, 3);
  await startLongTaskLog(page);
  // Training, a config change (restart, formula card, table), compare mode, presenter view.
  await page.waitForTimeout(2000);
  await page.getByTestId('init').selectOption('kaiming_normal');
  await waitForStep(page, 10);
  await page.getByTestId('cmp-shootout').click();
  await page.waitForTimeout(2500);
  await page.getByTestId('presenter').click();
  await page.waitForTimeout(1500);
  const tasks = await longTasks(page);
  const worst = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  figures.longTasks = { count: tasks.length, worstMs: Number(worst.toFixed(1)) };
  console.log('long tasks', JSON.stringify(figures.longTasks));
  // The Long Tasks API reports only tasks over 50 ms: strictly, any entry is a failure.
  if (STRICT) expect(tasks).toEqual([]);
  else expect(worst).toBeLessThanOrEqual(LONG_TASK_MAX_MS);
});

test('initial JS ≤ 350 KB gzip (KaTeX and compare mode load later)', () => {
  const dist = path.resolve('dist');
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1]);
  expect(initial.length).toBeGreaterThan(0);
  let raw = 0;
  let gz = 0;
  for (const rel of new Set(initial)) {
    const buf = readFileSync(path.join(dist, rel));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  // The training worker's script is fetched at start as well (by the worker thread): count it too.
  const workers = readdirSync(path.join(dist, 'assets')).filter((f) => /^worker-.*\.js$/.test(f));
  const workerGz = workers.reduce(
    (s, f) => s + gzipSync(readFileSync(path.join(dist, 'assets', f)), { level: 9 }).length,
    0,
  );
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/g)].map((m) => m[1]);
  const cssGz = css.reduce(
    (s, rel) => s + gzipSync(readFileSync(path.join(dist, rel)), { level: 9 }).length,
    0,
  );
  figures.bundle = {
    initialJsFiles: [...new Set(initial)].length,
    initialJsKB: Number((raw / 1024).toFixed(1)),
    initialJsGzipKB: Number((gz / 1024).toFixed(1)),
    initialCssGzipKB: Number((cssGz / 1024).toFixed(1)),
    workerJsGzipKB: Number((workerGz / 1024).toFixed(1)),
  };
  console.log('bundle', JSON.stringify(figures.bundle));
  expect(workers.length).toBeGreaterThan(0);
  expect((gz + workerGz) / 1024).toBeLessThanOrEqual(350);
});

test.afterAll(() => {
  writeFileSync(path.join('test-results', 'perf.json'), `${JSON.stringify(figures, null, 2)}\n`);
});
