// Exact stops and refused runs: a link's steps=N stops training AT step N even at full speed (the worker
// clamps its chunks, compare slots too); a refused run shows an inert Play and points at the message;
// the 400×300 embed's backend badge fits.
import { expect, test } from '@playwright/test';
import { openExplorer } from './explorerHelpers';

async function settledSteps(page: import('@playwright/test').Page, slots: number): Promise<number[]> {
  return page.evaluate(
    (n) => Array.from({ length: n }, (_, i) => window.initscope!.latest(i)?.step ?? -1),
    slots,
  );
}

test('steps=N at full speed stops exactly at step N', async ({ page }) => {
  await openExplorer(page, '?data=moons&depth=3&width=16&steps=400&speed=0');
  await expect(page.getByTestId('play')).toHaveText('Play', { timeout: 30_000 });
  await page.waitForTimeout(500);
  expect(await settledSteps(page, 1)).toEqual([400]);
  // Play goes on from there.
  await page.getByTestId('play').click();
  await expect.poll(async () => (await settledSteps(page, 1))[0], { timeout: 15_000 }).toBeGreaterThan(400);
});

test('compare slots stop at the same step', async ({ page }) => {
  await openExplorer(
    page,
    '?data=moons&depth=3&width=16&compare=init:kaiming_normal;init:orthogonal&steps=300&speed=0',
  );
  await expect(page.getByTestId('play')).toHaveText('Play', { timeout: 30_000 });
  await page.waitForTimeout(500);
  expect(await settledSteps(page, 3)).toEqual([300, 300, 300]);
});

test('a refused run shows an inert Play and points at the message', async ({ page }) => {
  await page.goto('./?depth=500&width=2048&batch=4096');
  await expect(page.getByText(/needs [\d.]+ GB/).first()).toBeVisible({ timeout: 30_000 });
  const play = page.getByTestId('play');
  await expect(play).toHaveText('Play');
  await expect(play).toBeDisabled();
  await expect(play).toHaveAttribute('title', /needs [\d.]+ GB/);
  const caption = page.locator('[data-panel="depth"] .caption');
  await expect(caption).toContainText('see the message above');
  await expect(caption).not.toContainText('Waiting');
});

test('the 400×300 embed shows the backend badge whole', async ({ page }) => {
  await page.setViewportSize({ width: 400, height: 300 });
  await page.goto('./?embed=1&panels=depth,loss');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveText(/^(CPU|WebGPU)$/, { timeout: 30_000 });
  await expect(badge).toHaveAttribute('title', /^(CPU|WebGPU) · /);
  const fits = await badge.evaluate((el) => el.scrollWidth <= el.clientWidth);
  expect(fits).toBe(true);
  await page.screenshot({ path: 'test-results/embed-400x300.png' });
});
