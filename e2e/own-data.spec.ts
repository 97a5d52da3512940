// Your own data on the page: a CSV of 500 rows × 4 features × 3 classes, generated here, opened through the
// file input, trains to the accuracy a small MLP reaches on it; malformed files get a message and leave the
// run as it was; a dropped file loads too; a link with data=local opens on a built-in dataset with a notice.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { MALFORMED_CSVS } from '../src/engine/data/csvMalformed';
import { chartPrint, openExplorer, snapshot, waitForStep } from './explorerHelpers';

/** Deterministic normal draws (mulberry32 + Box–Muller), so the file is the same on every run. */
function normals(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Three Gaussian classes in 4-D, unit noise, centres 3 apart on three axes (pairwise distance 4.2σ):
 * the Bayes accuracy is about 96 %, which a small MLP gets close to.
 */
function blobsCsv(): string {
  const randn = normals(12);
  const names = ['alpha', 'beta', 'gamma'];
  const lines = ['f1,f2,f3,f4,kind'];
  for (let i = 0; i < 500; i++) {
    const k = i % 3;
    const f = [0, 1, 2, 3].map((j) => (j === k ? 3 : 0) + randn() + 10 * j); // offsets: standardization matters
    lines.push(`${f.map((v) => v.toFixed(4)).join(',')},${names[k]}`);
  }
  return `${lines.join('\n')}\n`;
}

async function upload(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByTestId('csv-input')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

async function bestTestAccuracy(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, ...window.initscope!.records().flatMap((r) => (r.test ? [r.test.accuracy] : []))),
  );
}

test('a 500 × 4 CSV with 3 classes trains to ≥ 90 % test accuracy, and the link says data=local', async ({
  page,
}) => {
  await openExplorer(page, '?depth=3&width=32&batch=32&init=kaiming_normal&opt=adam&lr=0.01&speed=0');
  await upload(page, 'blobs.csv', blobsCsv());
  await expect(page.getByTestId('csv-summary')).toContainText('blobs.csv: 500 rows, 4 features, 3 classes');
  await expect(page.getByTestId('csv-summary')).toContainText('train 400 / test 100');
  await expect(page.getByTestId('data')).toHaveValue('local');
  expect((await snapshot(page)).config.data).toBe('local');
  await expect(page).toHaveURL(/data=local/);
  await waitForStep(page, 300, 60_000);
  await expect.poll(() => bestTestAccuracy(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(0.9);
  const snap = await snapshot(page);
  expect(snap.layers).toBe(3);
  await page.getByTestId('csv-summary').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/own-data-1280x800.png' });

  // The label column can be changed; a word column among the features is refused with its row and column.
  await page.getByTestId('csv-label').selectOption({ label: 'f1' });
  await expect(page.getByTestId('csv-error')).toContainText('Row 2, column "kind"');
  await expect(page.getByTestId('csv-summary')).toContainText('blobs.csv: 500 rows');
});

test('malformed CSVs each get a message and leave the run as it was', async ({ page }) => {
  await openExplorer(page, '?depth=2&width=16');
  const before = (await snapshot(page)).config;
  for (const bad of MALFORMED_CSVS.filter((_, i) => i % 4 === 0)) {
    await upload(page, `${bad.name}.csv`, bad.text);
    const alert = page.getByTestId('csv-error');
    await expect(alert).toBeVisible();
    await expect(alert).toContainText(bad.error);
    await expect(alert).toContainText(`${bad.name}.csv:`);
    expect((await snapshot(page)).config).toEqual(before);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  // A cell that looks like HTML is quoted as text.
  await upload(page, 'html.csv', `a,b,label\n${'1,2,0\n'.repeat(12)}<b>bold</b>,2,1`);
  await expect(page.getByTestId('csv-error')).toContainText('"<b>bold</b>" is not a number');
  expect(await page.locator('.csv-error b').count()).toBe(0);
  // Still training on the built-in data.
  const step = (await snapshot(page)).step;
  await waitForStep(page, step + 5);
  await expect(page.getByTestId('data')).toHaveValue('spiral');
  expect(await page.locator('.csv-error img, .csv-error script').count()).toBe(0);
});

test('a CSV dropped on the page loads', async ({ page }) => {
  await openExplorer(page, '?depth=2&width=16');
  const text = blobsCsv();
  await page.evaluate((csv) => {
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, text);
  await expect(page.getByTestId('csv-summary')).toContainText('dropped.csv: 500 rows');
  await expect.poll(async () => (await snapshot(page)).config.data).toBe('local');
  await expect(page.locator('.csv-drop-overlay')).toHaveCount(0);
});

test('a CSV with two features gets a decision boundary', async ({ page }) => {
  await openExplorer(page, '?depth=2&width=16&speed=0');
  const rows = Array.from({ length: 200 }, (_, i) => {
    const [x, y] = [Math.cos(i * 2.4) * (1 + (i % 3)), Math.sin(i * 2.4) * (1 + (i % 3))];
    return `${x.toFixed(4)},${y.toFixed(4)},ring${i % 3}`;
  });
  await upload(page, 'rings.csv', `x,y,ring\n${rows.join('\n')}`);
  await expect(page.getByTestId('csv-summary')).toContainText('rings.csv: 200 rows, 2 features, 3 classes');
  const panel = page.locator('[data-panel="boundary"]');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('canvas')).toBeVisible();
  // The boundary arrives from the worker after the first steps: the canvas changes from its first drawing.
  const first = await chartPrint(page, 'boundary');
  await expect.poll(() => chartPrint(page, 'boundary'), { timeout: 20_000 }).not.toBe(first);
  await panel.screenshot({ path: 'test-results/own-data-boundary.png' });
});

test('a link with data=local opens a built-in dataset and says why', async ({ page }) => {
  await openExplorer(page, '?data=local&depth=2&width=16');
  await expect(
    page.getByTestId('notice').filter({ hasText: 'someone’s own CSV file (data=local)' }),
  ).toBeVisible();
  expect((await snapshot(page)).config.data).toBe('spiral');
});

test('own data trains on the WebGPU engine too', async ({ page }) => {
  await openExplorer(page, '?depth=2&width=16&batch=32&backend=webgpu&opt=adam&lr=0.01&speed=0');
  await upload(page, 'blobs.csv', blobsCsv());
  await expect.poll(async () => (await snapshot(page)).config.data).toBe('local');
  const snap = await waitForStep(page, 40, 60_000);
  expect(snap.backend?.kind).toBe('webgpu');
  const losses = await page.evaluate(() => window.initscope!.records().map((r) => r.loss));
  expect(losses.at(-1)!).toBeLessThan(0.7 * losses[0]);
});

test('own data at phone size: the settings open, a file loads, an error wraps', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openExplorer(page, '?depth=2&width=16');
  await page.locator('.settings > summary').click();
  await upload(page, 'blobs.csv', blobsCsv());
  await expect(page.getByTestId('csv-summary')).toContainText('blobs.csv');
  await upload(page, 'a-rather-long-file-name-from-a-lab-notebook.csv', MALFORMED_CSVS[4].text);
  await expect(page.getByTestId('csv-error')).toBeVisible();
  await page.getByTestId('csv-error').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/own-data-390x844.png' });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // The loaded file's summary, label choice and error are as accessible as the rest of the page.
  const axe = await new AxeBuilder({ page })
    .include('.csv-data')
    .withTags(['wcag2a', 'wcag2aa', 'best-practice'])
    .analyze();
  expect(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id),
  ).toEqual([]);
});
