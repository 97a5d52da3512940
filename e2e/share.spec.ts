// Share: the copied link reproduces the run exactly (same seed → same numbers), the embed dialog writes an
// iframe whose page shows only the chosen panels and is readable at 400×300, and export downloads the
// statistics as CSV and JSON (the CLI's schema) and a chart as PNG. Screenshots at 1280×800, 390×844 and
// of the embed at 400×300 land in the test output.
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { CSV_COLUMNS } from '../src/engine/export/csv';
import { isValidConfig } from '../src/engine/config/codec';
import { recordsOfAllRuns, trackErrors, waitAllRuns } from './share-support';

test('Copy link gives a link that reproduces the run exactly', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const errors = trackErrors(page);
  await page.goto('./?preset=edge-of-chaos&speed=0');
  await waitAllRuns(page, 0);
  // A setting changed back to its global default (tanh → relu is not; gain 1 → auto is) must survive.
  await page.evaluate(() => window.initscope!.setConfig({ depth: 8, seed: 7, gain: 'auto' }));
  await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toBe('7');
  await waitAllRuns(page, 12);
  await page.getByTestId('copy-link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('preset=edge-of-chaos');
  expect(link).toContain('v=1');
  expect(link).toContain('gain=auto');
  const mine = await page.evaluate(() => window.initscope!.slots.map((s) => s.config));

  const other = await browser.newPage();
  const otherErrors = trackErrors(other);
  await other.goto(link);
  await expect.poll(() => other.evaluate(() => window.initscope!.slots.map((s) => s.config))).toEqual(mine);
  await waitAllRuns(other, 12);
  // Same seed, same data, same engine: the first 12 steps of every run are the same numbers.
  const strip = (
    runs: { step: number; loss: number; layers: { act: { std: number }; grad: { std: number } }[] }[][],
  ) =>
    runs.map((r) =>
      r
        .filter((x) => x.step <= 12)
        .map((x) => [x.step, x.loss, x.layers.map((l) => [l.act.std, l.grad.std])]),
    );
  expect(strip(await recordsOfAllRuns(other))).toEqual(strip(await recordsOfAllRuns(page)));
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
  await other.close();
});

test('the embed dialog writes an iframe; the embed shows only its panels, readable at 400×300', async ({
  page,
  browser,
}) => {
  const errors = trackErrors(page);
  await page.goto('./?preset=xavier-relu-50&speed=0');
  await waitAllRuns(page, 3);
  await page.getByTestId('open-embed').click();
  const dialog = page.getByTestId('embed-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Layer × step heatmaps').check();
  await dialog.getByLabel('Loss and accuracy').uncheck();
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  const src = /src="([^"]+)"/.exec(snippet)?.[1].replace(/&amp;/g, '&');
  expect(snippet).toMatch(/^<iframe src="[^"]+" width="400" height="300" /);
  expect(src).toBeDefined();
  const url = new URL(src!);
  expect(url.searchParams.get('embed')).toBe('1');
  expect(url.searchParams.get('panels')).toBe('depth,heatmap');
  expect(url.searchParams.get('preset')).toBe('xavier-relu-50');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The snippet in a host page at 400×300: only the chosen panels, no controls, a way back.
  const host = await browser.newPage({ viewport: { width: 440, height: 340 } });
  const hostErrors = trackErrors(host);
  await host.goto('./');
  await host.setContent(`<!doctype html><body style="margin:20px">${snippet}</body>`);
  const frame = host.frameLocator('iframe');
  await expect(frame.getByTestId('panel-depth')).toBeVisible();
  await expect(frame.locator('[data-panel]')).toHaveCount(2);
  await expect(frame.locator('.settings, [data-testid="share-bar"]')).toHaveCount(0);
  const back = frame.getByTestId('open-in-initscope');
  await expect(back).toBeVisible();
  const backUrl = new URL((await back.getAttribute('href'))!);
  expect(backUrl.searchParams.get('embed')).toBeNull();
  expect(backUrl.searchParams.get('preset')).toBe('xavier-relu-50');

  // Directly at 400×300: the depth panel's title, chart and legend fit the frame, text at least 10 px.
  const embed = await browser.newPage({ viewport: { width: 400, height: 300 } });
  const embedErrors = trackErrors(embed);
  await embed.goto(src!);
  await expect
    .poll(() => embed.evaluate(() => window.initscope!.latest()?.step ?? -1))
    .toBeGreaterThanOrEqual(3);
  const box = await embed.getByTestId('panel-depth').boundingBox();
  expect(box!.width).toBeLessThanOrEqual(400);
  expect(box!.y + box!.height).toBeLessThanOrEqual(300);
  // The depth profile is an SVG chart (recharts) that fills the frame.
  await expect(embed.locator('[data-panel="depth"] svg.recharts-surface')).toBeVisible();
  const chart = await embed.locator('[data-panel="depth"] .rchart').boundingBox();
  expect(chart!.height).toBeGreaterThan(120);
  const smallest = await embed.evaluate(() =>
    Math.min(
      ...[...document.querySelectorAll('.app.embed h2, .app.embed .legend, .embed-open')].map((e) =>
        Number.parseFloat(getComputedStyle(e).fontSize),
      ),
    ),
  );
  expect(smallest).toBeGreaterThanOrEqual(10);
  await embed.waitForTimeout(300);
  await embed.screenshot({ path: test.info().outputPath('share-embed-400x300.png') });
  await host.screenshot({ path: test.info().outputPath('share-embed-in-page.png') });
  for (const e of [errors, hostErrors, embedErrors]) expect(e).toEqual([]);
  await host.close();
  await embed.close();
});

test('export downloads CSV, JSON in the CLI schema, and a chart as PNG', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('./?preset=fan-in-vs-fan-out&speed=0');
  await waitAllRuns(page, 10);
  await page.getByTestId('open-presets').focus(); // the header is in view
  const menu = page.getByTestId('export-menu');
  await menu.locator('summary').click();

  const [csvDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csvDl.suggestedFilename()).toMatch(/^initscope-kaiming_normal-relu-d6-w64-s1-compare\.csv$/);
  const csv = readFileSync((await csvDl.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe(['run', ...CSV_COLUMNS].join(','));
  const runs = await recordsOfAllRuns(page);
  // Records keep arriving while the page trains: at least what we read before, every row complete.
  expect(csv.length - 1).toBeGreaterThanOrEqual(0);
  for (const row of csv.slice(1)) expect(row.split(',').length).toBe(CSV_COLUMNS.length + 1);
  expect(new Set(csv.slice(1).map((r) => r.split(',')[0]))).toEqual(new Set(['fan_in', 'fan_out']));
  expect(csv.filter((r) => r.startsWith('fan_in,0,')).length).toBe(6);
  expect(runs.length).toBe(2);

  await menu.locator('summary').click();
  await menu.locator('summary').click();
  const [jsonDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-json').click(),
  ]);
  const doc = JSON.parse(readFileSync((await jsonDl.path())!, 'utf8'));
  expect(Object.keys(doc)).toEqual(['config', 'notices', 'backend', 'records']);
  expect(isValidConfig(doc.config)).toBe(true);
  expect(doc.config.mode).toBe('fan_in');
  expect(doc.records[0].step).toBe(0);
  expect(doc.records[0].layers).toHaveLength(6);
  expect(Object.keys(doc.records[0].layers[0]).sort()).toEqual(['act', 'grad', 'layer', 'pre', 'weight']);
  expect(doc.records[0].layers[0].act.hist).toBeUndefined();
  expect(doc.records[0].layers[0].pre.std).toBe(runs[0][0].layers[0].pre.std);

  await menu.locator('summary').click();
  await menu.locator('summary').click();
  const [pngDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png-depth').click(),
  ]);
  expect(pngDl.suggestedFilename()).toBe('initscope-kaiming_normal-relu-d6-w64-s1-depth.png');
  await pngDl.saveAs(test.info().outputPath('share-export-depth.png'));
  const png = readFileSync((await pngDl.path())!);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  expect(width).toBeGreaterThan(300);
  expect(height).toBeGreaterThan(150);
  // The depth profile is an SVG (recharts): its lines must be in the PNG, not just the title and legend
  // (whose three activation swatches hold about 200 pixels of that colour; the six-layer profile ~1500).
  expect(await pixelsNear(page, png, [0x1f, 0x5f, 0xd1])).toBeGreaterThan(600);

  // The compare panel's charts are SVG too: its PNG holds the charts and the legend.
  await page.getByTestId('panel-compare').scrollIntoViewIfNeeded();
  await expect(page.locator('[data-panel="compare"] svg.recharts-surface').first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await menu.locator('summary').click();
  await menu.locator('summary').click();
  const [svgDl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png-compare').click(),
  ]);
  await svgDl.saveAs(test.info().outputPath('share-export-compare.png'));
  const svgPng = readFileSync((await svgDl.path())!);
  expect([...svgPng.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  expect(svgPng.readUInt32BE(20)).toBeGreaterThan(100);
  // Run 2's colour (#c2410c) in the rasterized overlays (its loss line alone is a few hundred pixels),
  // beyond its legend swatch (~70 pixels).
  expect(await pixelsNear(page, svgPng, [0xc2, 0x41, 0x0c])).toBeGreaterThan(250);
  expect(errors).toEqual([]);
});

/** Pixels of a PNG within a small distance of an RGB colour (decoded by the page's own image decoder). */
function pixelsNear(page: Page, png: Buffer, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(
    async ([b64, [r, g, b]]) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4)
        if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) n++;
      return n;
    },
    [png.toString('base64'), rgb] as const,
  );
}

test('screenshots: the share bar and a preset at 1280×800 and 390×844', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('./?preset=xavier-relu-50&speed=0');
  await waitAllRuns(page, 20);
  await page.screenshot({ path: test.info().outputPath('share-preset-1280x800.png') });
  await page.getByTestId('export-menu').locator('summary').click();
  await page.screenshot({ path: test.info().outputPath('share-export-menu-1280x800.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('export-menu').locator('summary').click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: test.info().outputPath('share-preset-390x844.png') });
  await page.getByTestId('open-presets').click();
  await page.screenshot({ path: test.info().outputPath('share-gallery-390x844.png') });
  expect(errors).toEqual([]);
});
