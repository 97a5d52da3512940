import { expect, test } from '@playwright/test';

// The page runs our WGSL kernels: with backend=webgpu the worker trains on the adapter (SwiftShader here)
// and the records it reports come from the GPU trainer.
test('the page finds a WebGPU adapter and trains with WGSL kernels', async ({ page }) => {
  await page.goto('./?backend=webgpu&depth=3&width=16&batch=16&speed=0');
  await expect(page.getByTestId('backend-badge')).toContainText('WebGPU · ');
  await expect.poll(() => page.evaluate(() => window.initscope?.backend?.kind)).toBe('webgpu');
  await expect
    .poll(() => page.evaluate(() => window.initscope?.latest()?.step ?? -1), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(3);
  const rec = await page.evaluate(() => window.initscope!.latest()!);
  expect(Number.isFinite(rec.loss)).toBe(true);
  expect(rec.layers).toHaveLength(3);
  expect(rec.layers[0].act.std).toBeGreaterThan(0);
});
