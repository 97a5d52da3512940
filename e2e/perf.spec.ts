// Performance of the explorer, measured in the built app in headless Chromium on this machine:
// - frame rate while training: requestAnimationFrame callbacks counted over a window (target ≥ 55 fps);
// - main-thread long tasks in steady training (PerformanceObserver 'longtask'; target: none over 50 ms), on
//   the default page and with compare mode's four runs;
// - what a mount or a config change costs once (the longest task around it): the page's first charts
//   (recharts' SVG mount among them), a config change (the run restarts), compare mode's overlays mounting,
//   the presenter view;
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

test('frame rate while a 50-block residual network trains (pre-LayerNorm, full speed)', async ({ page }) => {
  await openExplorer(page, '?depth=51&width=64&res=1&norm=layer&init=kaiming_normal&opt=adam&lr=0.001');
  await waitForStep(page, 3);
  await page.getByTestId('speed').selectOption('0');
  await page.waitForTimeout(500);
  const before = (await page.evaluate(() => window.initscope!.latest()!.step)) as number;
  const r = await measureFps(page, 4000);
  const after = (await page.evaluate(() => window.initscope!.latest()!.step)) as number;
  figures.residual50 = {
    fps: Number(r.fps.toFixed(1)),
    worstFrameGapMs: Number(r.worstGapMs.toFixed(1)),
    stepsPerSec: Number(((after - before) / 4).toFixed(1)),
  };
  console.log('residual-50 fps', JSON.stringify(figures.residual50));
  expect(after).toBeGreaterThan(before);
  expect(r.fps).toBeGreaterThanOrEqual(FPS_MIN);
});

/** Longest task (ms) in the log since `from` (performance.now() in the page), 0 when none was over 50 ms. */
async function worstSince(page: Page, from: number): Promise<number> {
  const tasks = await longTasks(page);
  return tasks.filter((t) => t.start + t.duration >= from).reduce((m, t) => Math.max(m, t.duration), 0);
}

const now = (page: Page) => page.evaluate(() => performance.now());

test('no main-thread task over 50 ms in steady training (default page, and compare mode with 4 runs)', async ({
  page,
}) => {
  await openExplorer(page);
  await waitForStep(page, 3);
  // Let the first SVG charts mount (one per task) before the window opens.
  await page.waitForTimeout(1500);
  await startLongTaskLog(page);
  await page.waitForTimeout(5000);
  const single = await longTasks(page);
  await page.getByTestId('cmp-shootout').click();
  await page.getByTestId('panel-compare').scrollIntoViewIfNeeded();
  // Compare mode mounts its charts once (measured in the next test); the window starts after that.
  await page.waitForTimeout(2500);
  const from = await now(page);
  await page.waitForTimeout(5000);
  const compare = (await longTasks(page)).filter((t) => t.start >= from);
  const worst = (ts: { duration: number }[]) => ts.reduce((m, t) => Math.max(m, t.duration), 0);
  figures.steadyLongTasks = {
    single: { count: single.length, worstMs: Number(worst(single).toFixed(1)) },
    compare: { count: compare.length, worstMs: Number(worst(compare).toFixed(1)) },
  };
  console.log('steady long tasks', JSON.stringify(figures.steadyLongTasks));
  // The Long Tasks API reports only tasks over 50 ms: strictly, any entry is a failure.
  if (STRICT) expect([...single, ...compare]).toEqual([]);
  else expect(Math.max(worst(single), worst(compare))).toBeLessThanOrEqual(LONG_TASK_MAX_MS);
});

test('what a mount or a config change costs once (longest task around it)', async ({ page }) => {
  // The log starts before the page's own scripts, so the first render and the first SVG chart count.
  await page.addInitScript(() => {
    const w = window as unknown as { __long: { start: number; duration: number }[]; __svgAt: number };
    w.__long = [];
    w.__svgAt = -1;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // When the depth profile's SVG (recharts) is first inserted: the task around it is its mount.
    new MutationObserver((_, obs) => {
      if (document.querySelector('[data-panel="depth"] svg.recharts-surface')) {
        w.__svgAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await openExplorer(page);
  await waitForStep(page, 3);
  await page.waitForTimeout(1500);
  const svgAt = await page.evaluate(() => (window as unknown as { __svgAt: number }).__svgAt);
  const tasks = await longTasks(page);
  const around = tasks.filter((t) => t.start <= svgAt && svgAt <= t.start + t.duration);
  const load = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
  let t = await now(page);
  await page.getByTestId('init').selectOption('kaiming_normal');
  await waitForStep(page, 10);
  await page.waitForTimeout(1000);
  const change = await worstSince(page, t);
  t = await now(page);
  await page.getByTestId('cmp-shootout').click();
  await page.getByTestId('panel-compare').scrollIntoViewIfNeeded();
  await page.waitForTimeout(2500);
  const compare = await worstSince(page, t);
  t = await now(page);
  await page.getByTestId('presenter').click();
  await page.waitForTimeout(1500);
  const presenter = await worstSince(page, t);
  const r = (v: number) => Number(v.toFixed(1));
  figures.onceMs = {
    pageLoadWorstTask: r(load),
    depthSvgMountTask: around.length > 0 ? r(around[0].duration) : '< 50',
    configChange: r(change),
    compareModeMount: r(compare),
    presenterView: r(presenter),
  };
  console.log('once (ms, 0 = no task over 50 ms)', JSON.stringify(figures.onceMs));
  expect(svgAt).toBeGreaterThan(0);
  // Not a target (the issue allows a one-off cost), but a bound that catches a regression (a render of
  // every chart at once, a blocking engine).
  expect(Math.max(change, compare, presenter)).toBeLessThanOrEqual(STRICT ? 250 : 600);
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
