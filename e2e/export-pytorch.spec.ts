// "Copy as PyTorch" on the page: the downloaded script is the run's (its init call, sizes and seed), the
// clipboard gets the script and the weights_init snippet, and — where Debian's python3-torch is installed —
// the downloaded file runs and prints one entry per hidden layer.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openExplorer } from './explorerHelpers';

const PYTHON = '/usr/bin/python3';
const hasTorch = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

test('the Export menu saves and copies the run as PyTorch', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openExplorer(page, '?depth=4&width=32&act=tanh&init=xavier_uniform&gain=1.5&seed=7');
  const menu = page.getByTestId('export-menu');
  await menu.locator('summary').click();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-pytorch').click()]);
  expect(dl.suggestedFilename()).toBe('initscope-xavier_uniform-tanh-d4-w32-s7-pytorch.py');
  const path = test.info().outputPath('exported.py');
  await dl.saveAs(path);
  const script = readFileSync(path, 'utf8');
  expect(script).toContain('nn.init.xavier_uniform_(m.weight, gain=1.5)');
  expect(script).toContain('DEPTH, WIDTH, BATCH = 4, 32, 64');
  expect(script).toContain('SEED = 7');
  await expect(page.getByTestId('pytorch-status')).toHaveText('Saved the script');
  await page.screenshot({ path: 'test-results/export-pytorch-1280x800.png' });

  await page.getByTestId('copy-pytorch').click();
  await expect(page.getByTestId('pytorch-status')).toHaveText('PyTorch script copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(script);
  await page.getByTestId('copy-weights-init').click();
  await expect(page.getByTestId('pytorch-status')).toHaveText('weights_init copied');
  const snippet = await page.evaluate(() => navigator.clipboard.readText());
  expect(snippet).toContain('def weights_init(m):');
  expect(snippet).toContain('model.apply(weights_init)');

  if (!hasTorch) {
    test.info().annotations.push({ type: 'skipped-part', description: 'no python3-torch: script not run' });
    return;
  }
  const r = spawnSync(PYTHON, [path, '--json'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout).layers).toHaveLength(4);
});
