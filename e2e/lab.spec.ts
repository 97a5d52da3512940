// The signal-propagation lab in the page: the trainability map fills cell by cell in its CPU workers, or
// with every cell at once on WebGPU (progress by steps), with an estimate, stop, CSV, a click that opens a
// cell; the phase diagram moves the network where it is clicked, the
// Jacobian spectrum of linear + orthogonal is exactly 1, and the page keeps its frame rate while a map fills.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { openExplorer, snapshot } from './explorerHelpers';

const STRICT = process.env.PERF_STRICT === '1';

function config(page: Page) {
  return page.evaluate(() => ({ ...window.initscope!.config }) as Record<string, unknown>);
}

test('a small map fills in, exports CSV, and a click opens that cell in the explorer', async ({ page }) => {
  await openExplorer(
    page,
    '?view=map&act=tanh&bstd=0.2236&width=16&batch=16&data=circles&msw2=1:3:3&mdepths=2,6&msteps=40',
  );
  const status = page.getByTestId('map-status');
  await expect(status).toHaveText(/6 of 6 cells, done/, { timeout: 60_000 });
  // backend=auto on this software adapter: the lab worker declines WebGPU and the CPU workers train it.
  await expect(page.getByTestId('map-engine')).toContainText('CPU engine, cell by cell: software adapter');
  await expect(page.getByTestId('map-theory')).toContainText('ξ_c per column');
  // The link keeps the map.
  expect(page.url()).toContain('view=map');
  expect(page.url()).toContain('mdepths=2,6');
  const download = page.waitForEvent('download');
  await page.getByTestId('panel-map').getByRole('button', { name: 'CSV', exact: true }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('sw2,depth,loss0,loss,accuracy,chi1,xi_c');
  expect(csv.length).toBe(7);
  // Click the top-right cell (σ_w² = 3, depth 6).
  const canvas = page.getByTestId('map-canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width * 0.85, y: box.height * 0.2 } });
  await expect.poll(async () => (await config(page)).depth).toBe(6);
  const c = await config(page);
  expect(c.init).toBe('kaiming_normal');
  expect(c.gain).toBeCloseTo(Math.sqrt(3), 6);
  expect(c.bias).toBe('normal');
});

test('with WebGPU every cell trains at once: progress by steps, all cells at the end, Stop works', async ({
  page,
}) => {
  // backend=webgpu: on this software adapter `auto` would pick the CPU workers (as the explorer does).
  const q =
    'view=map&backend=webgpu&act=tanh&bias=normal&width=8&batch=16&data=circles&msw2=1:3:3&mdepths=2,6';
  await openExplorer(page, `?${q}&msteps=60`);
  const status = page.getByTestId('map-status');
  await expect(page.getByTestId('map-engine')).toContainText('Batched on WebGPU', { timeout: 60_000 });
  await expect(status).toHaveText(/6 of 6 cells, done/, { timeout: 90_000 });
  const download = page.waitForEvent('download');
  await page.getByTestId('panel-map').getByRole('button', { name: 'CSV', exact: true }).click();
  const rows = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  expect(rows.length).toBe(7);
  // Trained for real: some cell's loss fell.
  expect(rows.slice(1).some((r) => Number(r.split(',')[3]) < 0.95 * Number(r.split(',')[2]))).toBe(true);
  // A long map shows its steps and an estimate, and stops mid-way with no cells.
  await openExplorer(page, `?${q}&msteps=5000`);
  await expect(status).toHaveText(/step [1-9]\d* of 5000, all 6 cells at once, about .* left/, {
    timeout: 60_000,
  });
  await page.getByTestId('map-stop').click();
  await expect(status).toHaveText(/step \d+ of 5000, all 6 cells at once, stopped/);
  const stoppedAt = await status.textContent();
  await page.waitForTimeout(1500);
  await expect(status).toHaveText(stoppedAt!);
});

test('Stop ends a map mid-way and keeps the cells trained so far', async ({ page }) => {
  await openExplorer(page, '?view=map&act=tanh&width=32&data=circles&msw2=1:4:8&mdepths=4,32,64&msteps=400');
  const status = page.getByTestId('map-status');
  await expect(status).toHaveText(/[1-9]\d* of 24 cells/, { timeout: 60_000 });
  await page.getByTestId('map-stop').click();
  await expect(status).toHaveText(/of 24 cells, stopped/);
  const done = Number((await status.textContent())!.split(' ')[0]);
  await page.waitForTimeout(1500);
  await expect(status).toHaveText(new RegExp(`^${done} of 24 cells, stopped`));
  await expect(page.getByTestId('map-stop')).toBeDisabled();
});

test('clicking the phase diagram sets the weight scale and the bias std', async ({ page }) => {
  await openExplorer(page, '?act=tanh');
  const caption = page.getByTestId('phase-caption');
  await caption.scrollIntoViewIfNeeded();
  await expect(caption).toContainText('near χ₁', { timeout: 30_000 });
  const canvas = page.getByTestId('phase-canvas');
  const box = (await canvas.boundingBox())!;
  // Somewhere right of the middle and above the bottom: chaotic for tanh.
  await canvas.click({ position: { x: box.width * 0.8, y: box.height * 0.4 } });
  await expect.poll(async () => (await config(page)).bias).toBe('normal');
  const c = await config(page);
  expect(c.init).toBe('kaiming_normal');
  expect(c.mode).toBe('fan_in');
  expect(Number(c.gain) ** 2).toBeGreaterThan(2);
  expect(Number(c.bstd) ** 2).toBeGreaterThan(0.05);
  await expect(caption).toContainText('chaotic');
});

test('spectrum panel: linear + orthogonal, depth 50, on the probe data: every σ is 1', async ({ page }) => {
  await openExplorer(page, '?act=linear&init=orthogonal&depth=50&data=probe&play=0');
  const caption = page.getByTestId('spectrum-caption');
  await caption.scrollIntoViewIfNeeded();
  await expect(caption).toContainText('Step 0: σ from 1 to 1, root mean square 1 (theory 1)', {
    timeout: 30_000,
  });
  expect((await snapshot(page)).status).toBeTruthy();
});

/** Frames per second over 4 s, counted with requestAnimationFrame in the page. */
function measureFps(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const t0 = performance.now();
        const tick = (t: number) => {
          frames++;
          if (t - t0 < 4000) requestAnimationFrame(tick);
          else resolve((frames * 1000) / (t - t0));
        };
        requestAnimationFrame(tick);
      }),
  );
}

test('the page keeps its frame rate while a map fills', async ({ page }) => {
  await openExplorer(
    page,
    '?view=map&act=tanh&data=circles&width=32&msw2=1:4:8&mdepths=4,8,16,24&msteps=300',
  );
  await page.getByTestId('map-stop').click();
  // The same page with no map training: what this machine manages at the moment.
  const idle = await measureFps(page);
  await page.getByTestId('map-start').click();
  await expect(page.getByTestId('map-status')).toHaveText(/[1-9]\d* of 32 cells/, { timeout: 60_000 });
  const filling = await measureFps(page);
  const progress = await page.getByTestId('map-status').textContent();
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/lab-perf.json', JSON.stringify({ idle, filling, progress }, null, 2));
  console.log(
    `frame rate: ${idle.toFixed(1)} fps idle, ${filling.toFixed(1)} fps while the map fills (${progress})`,
  );
  // The suite shares two cores with another browser: a loose bound; PERF_STRICT=1 applies the target.
  expect(filling).toBeGreaterThanOrEqual(STRICT ? 55 : 30);
});
