// Compare mode: four configurations trained at once from the same seed and data, overlaid charts, and
// a live steps-to-target table with the speed-up relative to run 1.
import { expect, test } from '@playwright/test';
import { openExplorer, waitForStep } from './explorerHelpers';

test('compare mode trains four initializers side by side', async ({ page }) => {
  await openExplorer(page, '?depth=6&width=32&speed=0');
  await page.getByTestId('cmp-shootout').click();
  await expect
    .poll(() => page.evaluate(() => window.initscope!.slots.map((s) => s.config.init)))
    .toEqual(['xavier_normal', 'kaiming_normal', 'torch_default', 'zeros']);
  // Every slot trains, from the same seed and data.
  await expect
    .poll(() => page.evaluate(() => [0, 1, 2, 3].map((i) => window.initscope!.latest(i)?.step ?? -1)), {
      timeout: 30_000,
    })
    .toEqual([expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)]);
  await expect
    .poll(
      () =>
        page.evaluate(() => Math.min(...[0, 1, 2, 3].map((i) => window.initscope!.latest(i)?.step ?? -1))),
      {
        timeout: 30_000,
      },
    )
    .toBeGreaterThan(20);
  const seeds = await page.evaluate(() => window.initscope!.slots.map((s) => s.config.seed));
  expect(new Set(seeds).size).toBe(1);
  // Zeros: symmetric units — every hidden activation of a layer equal, so the std over units is 0 at init.
  const zeroStd = await page.evaluate(() => window.initscope!.records(3)[0].layers[2].act.std);
  expect(zeroStd).toBe(0);
  const table = page.getByTestId('compare-table');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table).toContainText('baseline');
  // A target the runs reach quickly: steps and a speed-up ratio appear.
  await page.getByTestId('cmp-loss-target').fill('1.05');
  await page.getByTestId('cmp-loss-target').press('Enter');
  await expect(table.locator('tbody tr').nth(1)).toContainText(/×\d/);
  await expect(page.getByTestId('steps-chart')).toHaveAttribute('data-bars', /^(>?\d+,){3}>?\d+$/);
  // The URL carries the comparison; removing a run and stopping work.
  expect(page.url()).toContain('compare=');
  await page.getByTestId('cmp-remove-3').click();
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await page.getByTestId('cmp-off').click();
  await expect(page.getByTestId('compare-table')).toHaveCount(0);
  await waitForStep(page, 0);
  expect(await page.evaluate(() => window.initscope!.slots.length)).toBe(1);
});

test('a compare link opens with its runs', async ({ page }) => {
  await openExplorer(page, '?depth=4&width=16&compare=init:kaiming_normal;init:orthogonal,act:tanh');
  const slots = await page.evaluate(() =>
    window.initscope!.slots.map((s) => `${s.config.init}/${s.config.act}`),
  );
  expect(slots).toEqual(['xavier_normal/relu', 'kaiming_normal/relu', 'orthogonal/tanh']);
  await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(3);
});
