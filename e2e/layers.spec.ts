// Normalization and residual settings on the page: links with them train and report the new statistics,
// corrected combinations say why, the settings panel drives them, and compare mode races norm=none
// against norm=batch from the same seed.
import { expect, test } from '@playwright/test';
import { openExplorer, waitForStep } from './explorerHelpers';

test('a residual, LayerNorm link trains and its records carry norm and stream', async ({ page }) => {
  await openExplorer(page, '?depth=12&width=32&norm=layer&res=1&speed=max');
  await waitForStep(page, 5);
  const layer = await page.evaluate(() => window.initscope!.records()[0].layers[3]);
  expect(layer.norm?.std).toBeGreaterThan(0.5);
  expect(layer.stream?.std).toBeGreaterThan(0);
  expect(layer.stream?.gradStd).toBeGreaterThan(0);
});

test('BatchNorm with batch 1 and rezero without res are corrected, with a notice for each', async ({
  page,
}) => {
  const snap = await openExplorer(page, '?norm=batch&batch=1&rezero=1');
  expect(snap.config.batch).toBe(2);
  expect(snap.config.rezero).toBe(0);
  await expect(page.getByText(/BatchNorm needs at least 2 samples/)).toBeVisible();
  await expect(page.getByText(/rezero=1 needs residual blocks/)).toBeVisible();
});

test('the settings panel switches normalization and residual blocks, and the link follows', async ({
  page,
}) => {
  await openExplorer(page, '?depth=6&width=16');
  await page.getByTestId('norm').selectOption('batch');
  await page.getByTestId('res').check();
  await page.getByTestId('rezero').check();
  await expect.poll(() => page.evaluate(() => window.initscope!.config.rezero)).toBe(1);
  await expect(page).toHaveURL(/norm=batch/);
  await expect(page).toHaveURL(/res=1/);
  await expect(page).toHaveURL(/rezero=1/);
  const rec = await waitForStep(page, 0);
  expect(rec.config.norm).toBe('batch');
  const first = await page.evaluate(() => window.initscope!.records()[0].layers);
  // ReZero at init: every block's branch gradient is exactly zero.
  expect(first.slice(1).every((l) => l.grad.std === 0)).toBe(true);
});

test('compare mode races norm=none against norm=batch from the same seed', async ({ page }) => {
  await openExplorer(page, '?depth=20&width=32&init=normal&std=0.01&compare=norm:batch&speed=max');
  await expect.poll(() => page.evaluate(() => window.initscope!.slots.length)).toBe(2);
  await expect
    .poll(() => page.evaluate(() => window.initscope!.records(1).length), { timeout: 30_000 })
    .toBeGreaterThan(0);
  const [plain, bn] = await page.evaluate(() => [
    window.initscope!.records(0)[0],
    window.initscope!.records(1)[0],
  ]);
  const last = (r: typeof plain) => r.layers[r.layers.length - 1].act.std;
  // N(0, 0.01) at depth 20: the plain net's signal is gone; BatchNorm restores it at every layer.
  expect(last(plain)).toBeLessThan(1e-6);
  expect(last(bn)).toBeGreaterThan(0.1);
});

test('with backend=webgpu a residual BatchNorm ReZero link trains on the WGSL trainer', async ({ page }) => {
  await page.goto('./?backend=webgpu&depth=4&width=16&batch=16&norm=batch&res=1&rezero=1&speed=0');
  await expect(page.getByTestId('backend-badge')).toContainText('WebGPU · ');
  await expect.poll(() => page.evaluate(() => window.initscope?.backend?.kind)).toBe('webgpu');
  await expect
    .poll(() => page.evaluate(() => window.initscope?.latest()?.step ?? -1), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(3);
  const rec = await page.evaluate(() => window.initscope!.latest()!);
  expect(rec.layers).toHaveLength(4);
  expect(rec.layers[1].norm?.std).toBeGreaterThan(0.5);
  expect(rec.layers[1].stream?.std).toBeGreaterThan(0);
  // ReZero's α starts at 0 but trains: by step 3 the blocks' δ = α·∂L/∂x is no longer exactly 0.
  expect(rec.layers[2].grad.std).toBeGreaterThan(0);
});
