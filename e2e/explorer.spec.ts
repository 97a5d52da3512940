// The explorer page: it loads, trains, the charts move, the playback controls work, errors and
// non-finite values are shown, a hidden tab pauses, and screenshots land in test-results/.
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { chartPrint, drawAllPanels, openExplorer, snapshot, waitForStep } from './explorerHelpers';

test('loads, trains, and the charts change with the steps', async ({ page }) => {
  const first = await openExplorer(page);
  expect(first.config.depth).toBe(20);
  expect(first.layers).toBe(20);
  const depthBefore = await chartPrint(page, 'depth');
  const lossBefore = await chartPrint(page, 'loss');
  const snap = await waitForStep(page, 25);
  expect(snap.count).toBeGreaterThan(10);
  await expect.poll(() => chartPrint(page, 'depth')).not.toBe(depthBefore);
  await expect.poll(() => chartPrint(page, 'loss')).not.toBe(lossBefore);
  // Both are SVG charts (recharts) that draw lines, not empty frames.
  expect(await chartPrint(page, 'depth')).toMatch(/^M/);
  expect(await chartPrint(page, 'loss')).toMatch(/^M/);
  // The record schema: step 0 kept, the CLI's fields.
  const rec = await page.evaluate(() => {
    const r = window.initscope!.records();
    return { first: r[0].step, l: r[r.length - 1].layers[19], hist: r[0].layers[0].act.hist?.counts.length };
  });
  expect(rec.first).toBe(0);
  expect(rec.l.layer).toBe(20);
  expect(rec.l.act.std).toBeGreaterThan(0);
  expect(rec.l.grad.std).toBeGreaterThan(0);
  expect(rec.hist).toBeGreaterThan(0);
  // The story at first sight: Xavier + ReLU loses signal with depth; the caption says so in numbers.
  await expect(page.getByTestId('depth-caption')).toContainText('activation std goes from');
  await expect(page.getByTestId('backend-badge')).toContainText(/^(CPU|WebGPU) · /);
  await expect(page.getByTestId('formula')).toHaveAttribute('data-katex', 'ready');
  await expect(page.getByTestId('formula')).toContainText('0.125');
});

test('play, pause, single step and reset (same seed → same start)', async ({ page }) => {
  const start = await openExplorer(page);
  await waitForStep(page, 5);
  await page.getByTestId('play').click(); // pause
  await expect(page.getByTestId('play')).toHaveText('Play');
  await page.waitForTimeout(300);
  const paused = await snapshot(page);
  await page.waitForTimeout(500);
  expect((await snapshot(page)).step).toBe(paused.step);
  await page.getByTestId('step').click();
  await expect.poll(async () => (await snapshot(page)).step).toBe(paused.step + 1);
  await page.getByTestId('reset').click();
  await expect.poll(async () => (await snapshot(page)).step).toBe(0);
  const again = await snapshot(page);
  expect(again.firstLoss).toBe(start.firstLoss);
  // A new seed starts elsewhere.
  await page.getByTestId('new-seed').click();
  await expect.poll(async () => (await snapshot(page)).config.seed).not.toBe(start.config.seed);
  await expect.poll(async () => (await snapshot(page)).firstLoss).not.toBe(start.firstLoss);
});

test('non-finite values raise a banner and the charts keep working', async ({ page }) => {
  await openExplorer(page, '?init=normal&std=3&depth=30&width=64');
  const banner = page.getByTestId('nonfinite-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(
    /Loss became inf\/NaN at step \d+: .* (in layer \d+|in the output layer|overflowed)/,
  );
  // A lone run pauses where it broke.
  await expect(page.getByTestId('play')).toHaveText('Play');
  await expect(banner).toContainText('Training paused there');
  const table = page.getByTestId('layer-table');
  await expect(table.locator('td.bad').first()).toBeVisible();
  await expect(page.getByTestId('depth-caption')).toBeVisible();
});

test('a size the engine refuses becomes a message, and the page stays usable', async ({ page }) => {
  await page.goto('./?depth=500&width=2048&batch=4096');
  await expect(page.getByTestId('run-error')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('run-error')).toContainText(/Run 1: /);
  // Back to a size it accepts: the run starts again.
  await page.getByTestId('width').fill('32');
  await page.getByTestId('width').press('Enter');
  await page.getByTestId('depth').fill('8');
  await page.getByTestId('depth').press('Enter');
  await page.getByTestId('batch').fill('32');
  await page.getByTestId('batch').press('Enter');
  await expect(page.getByTestId('run-error')).toBeHidden({ timeout: 30_000 });
  const s = await waitForStep(page, 1);
  expect(s.layers).toBe(8);
});

test('a hidden tab pauses training and says so on return', async ({ page }) => {
  await openExplorer(page);
  await waitForStep(page, 2);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.getByTestId('hidden-paused')).toBeVisible();
  await expect(page.getByTestId('play')).toHaveText('Play');
  await page.getByTestId('hidden-paused').getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('hidden-paused')).toBeHidden();
  const s = await snapshot(page);
  await waitForStep(page, s.step + 3);
});

test('hostile URL values are rendered as text, never as HTML', async ({ page }) => {
  await page.goto('./?act=%3Cimg%20src%3Dx%20onerror%3D%22window.__xss%3D1%22%3E&depth=%3Cb%3E');
  await waitForStep(page, 0);
  await expect(page.getByTestId('notice').first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('.notices img').count()).toBe(0);
});

for (const [w, h] of [
  [1280, 800],
  [390, 844],
] as const) {
  test(`screenshot at ${w}×${h}`, async ({ page }, info) => {
    await page.setViewportSize({ width: w, height: h });
    await openExplorer(page);
    await waitForStep(page, 30);
    await drawAllPanels(page);
    // Nothing wider than the viewport (usable on a phone without sideways scrolling).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({
      path: path.join(info.project.outputDir, `explorer-${w}x${h}.png`),
      fullPage: true,
    });
    await page.screenshot({ path: path.join(info.project.outputDir, `explorer-${w}x${h}-top.png`) });
  });
}

test('the story: Xavier + ReLU vanishes at depth 50, one click to Kaiming does not', async ({ page }) => {
  await openExplorer(page, '?depth=50&width=64');
  const ratio = () =>
    page.evaluate(() => {
      const r = window.initscope!.records()[0];
      return r.layers[r.layers.length - 1].act.std / r.layers[0].act.std;
    });
  expect(await ratio()).toBeLessThan(1e-4);
  await page.getByTestId('try-next').click();
  await expect.poll(async () => (await snapshot(page)).config.init).toBe('kaiming_normal');
  await waitForStep(page, 0);
  await expect.poll(ratio).toBeGreaterThan(0.1);
  expect(await ratio()).toBeLessThan(10);
});

test('embed mode shows only the chosen panels, without controls', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 300 });
  await page.goto('./?embed=1&panels=depth,loss&depth=6&width=16');
  await waitForStep(page, 1);
  await expect(page.locator('[data-panel]')).toHaveCount(2);
  await expect(page.getByTestId('panel-depth')).toBeVisible();
  await expect(page.getByTestId('panel-loss')).toBeAttached();
  await expect(page.getByTestId('play')).toHaveCount(0);
  await expect(page.getByTestId('depth')).toHaveCount(0);
});
