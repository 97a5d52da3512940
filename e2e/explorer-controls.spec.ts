// Every control changes the run: the config follows, the run restarts (new run id, fresh step 0), and
// initializer parameters appear only when they apply.
import { expect, type Page, test } from '@playwright/test';
import { openExplorer, setNumber, snapshot, waitForStep } from './explorerHelpers';

const runId = (page: Page) => page.evaluate(() => window.initscope!.runId);

/** Applies `act`, then expects config[key] === value, a new run, and its step-0 record. */
async function changes(page: Page, act: () => Promise<unknown>, key: string, value: unknown): Promise<void> {
  const before = await runId(page);
  await act();
  await expect
    .poll(async () => (await snapshot(page)).config[key], { message: `config.${key}` })
    .toEqual(value);
  await expect.poll(() => runId(page), { message: `run restarted after ${key}` }).toBeGreaterThan(before);
  await waitForStep(page, 0);
}

test('network, initializer and bias controls', async ({ page }) => {
  await openExplorer(page, '?depth=6&width=16');
  await changes(page, () => setNumber(page, 'depth', 5), 'depth', 5);
  expect((await waitForStep(page, 0)).layers).toBe(5);
  await changes(page, () => setNumber(page, 'width', 24), 'width', 24);
  await changes(page, () => page.getByTestId('act').selectOption('tanh'), 'act', 'tanh');
  await expect(page.getByTestId('slope')).toHaveCount(0);
  await changes(page, () => page.getByTestId('act').selectOption('leaky_relu'), 'act', 'leaky_relu');
  await changes(page, () => setNumber(page, 'slope', 0.2), 'slope', 0.2);

  // Xavier: gain only.
  await expect(page.getByTestId('std')).toHaveCount(0);
  await expect(page.getByTestId('mode')).toHaveCount(0);
  await changes(
    page,
    () => page.getByTestId('init').selectOption('kaiming_uniform'),
    'init',
    'kaiming_uniform',
  );
  await changes(page, () => page.getByTestId('mode').selectOption('fan_out'), 'mode', 'fan_out');
  await changes(page, () => page.getByTestId('gain-auto').uncheck(), 'gain', 1);
  await changes(page, () => setNumber(page, 'gain', 1.5), 'gain', 1.5);
  await changes(page, () => page.getByTestId('init').selectOption('normal'), 'init', 'normal');
  await expect(page.getByTestId('mode')).toHaveCount(0);
  await changes(page, () => setNumber(page, 'std', 0.05), 'std', 0.05);
  await changes(page, () => page.getByTestId('init').selectOption('uniform'), 'init', 'uniform');
  await changes(page, () => setNumber(page, 'a', 0.2), 'a', 0.2);
  await changes(page, () => page.getByTestId('init').selectOption('constant'), 'init', 'constant');
  await changes(page, () => setNumber(page, 'value', 0.3), 'value', 0.3);
  await changes(page, () => page.getByTestId('init').selectOption('sparse'), 'init', 'sparse');
  await changes(page, () => setNumber(page, 'sparsity', 0.5), 'sparsity', 0.5);
  await changes(page, () => page.getByTestId('bias').selectOption('torch'), 'bias', 'torch');
  await changes(page, () => page.getByTestId('bias').selectOption('constant'), 'bias', 0.1);
  await changes(page, () => setNumber(page, 'bias-value', -0.2), 'bias', -0.2);
  await expect(page.getByTestId('bstd')).toHaveCount(0);
  await changes(page, () => page.getByTestId('bias').selectOption('normal'), 'bias', 'normal');
  await changes(page, () => setNumber(page, 'bstd', 0.3), 'bstd', 0.3);
  // The formula card follows the initializer.
  await expect(page.getByRole('heading', { name: /Formula: sparse/ })).toBeVisible();
});

test('data, training and run controls', async ({ page }) => {
  await openExplorer(page, '?depth=4&width=16');
  await changes(page, () => page.getByTestId('data').selectOption('circles'), 'data', 'circles');
  await changes(page, () => setNumber(page, 'noise', 0.3), 'noise', 0.3);
  await changes(page, () => page.getByTestId('data').selectOption('probe'), 'data', 'probe');
  await expect(page.getByTestId('noise')).toHaveCount(0);
  await changes(page, () => setNumber(page, 'in', 12), 'in', 12);
  await changes(page, () => page.getByTestId('loss').selectOption('mse'), 'loss', 'mse');
  await changes(page, () => page.getByTestId('opt').selectOption('sgd'), 'opt', 'sgd');
  await expect(page.getByTestId('momentum')).toHaveCount(0);
  await changes(page, () => page.getByTestId('opt').selectOption('momentum'), 'opt', 'momentum');
  await changes(page, () => setNumber(page, 'momentum', 0.5), 'momentum', 0.5);
  await changes(page, () => page.getByTestId('opt').selectOption('adam'), 'opt', 'adam');
  await changes(page, () => setNumber(page, 'lr', 0.001), 'lr', 0.001);
  await changes(page, () => setNumber(page, 'batch', 16), 'batch', 16);
  await changes(page, () => setNumber(page, 'seed', 7), 'seed', 7);
  await changes(page, () => page.getByTestId('backend').selectOption('cpu'), 'backend', 'cpu');
  await expect(page.getByTestId('backend-badge')).toHaveText(/^CPU · .*chosen in the settings/);
  // Out-of-range input is clamped with a notice.
  await changes(page, () => setNumber(page, 'batch', 99999), 'batch', 4096);
  await expect(page.getByTestId('notice').first()).toBeVisible();
  // The URL follows the config (replaceState).
  expect(page.url()).toContain('seed=7');
});

test('speed, log scale and presenter view', async ({ page }) => {
  await openExplorer(page, '?depth=4&width=16');
  await page.getByTestId('speed').selectOption('1');
  const a = await waitForStep(page, 1);
  await page.waitForTimeout(2000);
  const b = await snapshot(page);
  expect(b.step - a.step).toBeLessThanOrEqual(4);
  await page.getByTestId('speed').selectOption('0');
  await waitForStep(page, b.step + 30);
  const logBox = page.getByTestId('loss-log');
  await logBox.uncheck();
  await expect(logBox).not.toBeChecked();
  await page.getByTestId('presenter').click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(20);
});

test('Fashion-MNIST loads with progress and trains', async ({ page }) => {
  await openExplorer(page, '?depth=3&width=32&data=fashion&batch=32');
  const s = await waitForStep(page, 2, 60_000);
  expect(s.config.data).toBe('fashion');
  await expect(page.getByTestId('panel-boundary')).toContainText('Shown for the 2-D datasets');
});
