// Conv networks on the page: a conv link trains (on the CPU engine here: `auto` prefers it on the software
// adapter) and its records have one entry per conv layer; with backend=webgpu the article's CNN preset
// trains on the WGSL trainer, both runs of its comparison, with the feature maps from that engine; the
// feature-map panel draws the maps of the chosen test image; the settings panel shows kernel and pool only
// for conv; a 2-D dataset with arch=conv is corrected with a notice.
import { expect, test } from '@playwright/test';
import { openExplorer, waitForStep } from './explorerHelpers';

const SMALL = '?arch=conv&data=probe&in=1&depth=3&width=4&pool=1&batch=8';

test('a conv link trains on the CPU engine, one record entry per conv layer', async ({ page }) => {
  const snap = await openExplorer(page, `${SMALL}&speed=max`);
  expect(snap.backend?.kind).toBe('cpu');
  expect(snap.layers).toBe(3);
  const rec = await waitForStep(page, 3);
  expect(rec.config.arch).toBe('conv');
  const first = await page.evaluate(() => window.initscope!.records()[0].layers[0]);
  expect(first.act.std).toBeGreaterThan(0);
  expect(first.grad.std).toBeGreaterThan(0);
});

test('with backend=webgpu the article CNN preset trains on the WGSL trainer, with its feature maps', async ({
  page,
}) => {
  await page.goto('./?preset=article-cnn&backend=webgpu&speed=0');
  await expect(page.getByTestId('backend-badge')).toContainText('WebGPU · ');
  await expect.poll(() => page.evaluate(() => window.initscope?.backend?.kind)).toBe('webgpu');
  await expect
    .poll(() => page.evaluate(() => window.initscope!.slots.map((s) => s.config.init)))
    .toEqual(['torch_default', 'article']);
  // Both runs of the comparison train on the GPU engine.
  await expect
    .poll(
      () => page.evaluate(() => Math.min(...[0, 1].map((i) => window.initscope!.latest(i)?.step ?? -1))),
      {
        timeout: 60_000,
      },
    )
    .toBeGreaterThanOrEqual(3);
  const slots = await page.evaluate(() =>
    window.initscope!.slots.map((s) => [s.config.arch, s.backend?.kind]),
  );
  expect(slots).toEqual([
    ['conv', 'webgpu'],
    ['conv', 'webgpu'],
  ]);
  const rec = await page.evaluate(() => window.initscope!.latest(1)!);
  expect(rec.layers).toHaveLength(4);
  expect(rec.layers[0].grad.std).toBeGreaterThan(0);
  expect(Number.isFinite(rec.loss)).toBe(true);
  const panel = page.getByTestId('panel-features');
  await panel.scrollIntoViewIfNeeded();
  // Fashion-MNIST names its classes: the label comes with the maps the GPU engine computed.
  await expect(
    panel.getByText(/^Image 0: (ankle boot|t-shirt|trouser|pullover|dress|coat|sandal|shirt|sneaker|bag)/i),
  ).toBeVisible({
    timeout: 30_000,
  });
});

test('the feature-map panel draws a row of channel tiles per layer for one test image', async ({ page }) => {
  await openExplorer(page, `${SMALL}&play=0`);
  const panel = page.getByTestId('panel-features');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByText(/^Image 0: class \d$/)).toBeVisible();
  // The canvas holds grey tiles: sample the pixels of the first tile row (the input image).
  const canvas = panel.locator('canvas');
  await expect
    .poll(() =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let grey = 0;
        for (let i = 0; i < d.length; i += 4)
          if (d[i + 3] === 255 && d[i] === d[i + 1] && d[i] === d[i + 2]) grey++;
        return grey;
      }),
    )
    .toBeGreaterThan(1000);
  await page.getByTestId('feature-image').fill('7');
  await page.getByTestId('feature-image').press('Enter');
  await expect(panel.getByText(/^Image 7: class \d$/)).toBeVisible();
});

test('kernel and pool appear only for conv, and the link follows the settings panel', async ({ page }) => {
  await openExplorer(page, '?depth=3&width=8');
  await expect(page.getByTestId('kernel')).toHaveCount(0);
  await page.getByTestId('arch').selectOption('conv');
  await expect(page.getByTestId('kernel')).toBeVisible();
  await page.getByTestId('kernel').selectOption('5');
  await expect(page).toHaveURL(/arch=conv/);
  await expect(page).toHaveURL(/kernel=5/);
  // The default spiral has no images: switching to conv moved the run to Fashion-MNIST, and said so.
  await expect(page.getByText(/Convolutions need images/)).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.initscope!.config.data)).toBe('fashion');
  // The panel starts conv small (pooling every 2 layers); depth 3 and width 8 were small already.
  await expect(page.getByText(/starting with 3 layers of 8 channels/)).toBeVisible();
  await expect(page).toHaveURL(/pool=2/);
});

test('an embed shows the feature maps by their panel name', async ({ page }) => {
  await page.goto(`./${SMALL}&embed=1&panels=features`);
  const panel = page.getByTestId('panel-features');
  await expect(panel).toBeVisible();
  await expect(panel.getByText(/^Image 0: class \d$/)).toBeVisible();
  await expect(page.getByTestId('panel-depth')).toHaveCount(0);
});
