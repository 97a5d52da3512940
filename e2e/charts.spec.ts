// Readable charts: tooltips with the value under the pointer (loss, depth profile), linked layers (the
// depth profile's layer highlighted in the layer table; a click pins it), the time scrubber (step 0's depth
// profile after 500 steps, while the history is thinned), and the same from the keyboard.
import { expect, type Locator, type Page, test } from '@playwright/test';
import { openExplorer, waitForStep } from './explorerHelpers';

/** The plot area of an SVG chart (its grid), in page pixels. */
async function plotArea(chart: Locator) {
  const box = await chart.locator('.recharts-cartesian-grid').boundingBox();
  if (!box) throw new Error('no plot area');
  return box;
}

/** A number as the tooltips print it: 4 significant digits. */
function sig4(v: number): number {
  return Number(v.toPrecision(4));
}

/** The value after "label: " in a tooltip's text. */
function valueIn(text: string, label: string): number {
  const m = new RegExp(`${label.replace(/[()]/g, '\\$&')}: ([-0-9.e]+)`).exec(text);
  if (!m) throw new Error(`no "${label}" in "${text}"`);
  return Number(m[1]);
}

/** Opens a run that trains at full speed and stops exactly at `steps` (a link's steps=N). */
async function pausedAt(page: Page, query: string, steps: number) {
  await openExplorer(page, `${query}&speed=0&steps=${steps}`);
  await expect
    .poll(() => page.evaluate(() => window.initscope!.latest()!.step), { timeout: 60_000 })
    .toBe(steps);
  await expect(page.getByTestId('play')).toHaveText('Play');
  // Charts rebuild at 2 Hz, one chart per task: let the last update land.
  await page.waitForTimeout(1200);
}

test('hovering the loss chart shows the recorded value of the step under the pointer', async ({ page }) => {
  await pausedAt(page, '?depth=6&width=16', 120);
  const chart = page.locator('[data-panel="loss"] .rchart').first();
  await chart.scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  const area = await plotArea(chart);
  const maxStep = await page.evaluate(() => window.initscope!.latest()!.step);
  const fraction = 0.6;
  await page.mouse.move(area.x + area.width * fraction, area.y + area.height / 2);
  const tip = chart.getByTestId('chart-tip');
  await expect(tip).toBeVisible();
  const text = (await tip.textContent()) ?? '';
  const step = Number(/step (\d+)/.exec(text)?.[1]);
  // The step under the pointer (the axis runs from 0 to the newest step).
  expect(Math.abs(step - fraction * maxStep)).toBeLessThanOrEqual(2);
  const rec = await page.evaluate((s) => window.initscope!.records().find((r) => r.step === s), step);
  expect(rec).toBeTruthy();
  expect(valueIn(text, 'train, per batch loss')).toBe(sig4(rec!.loss));
  expect(text).toContain('train (smoothed) loss:');
});

test('hovering the depth profile shows the layer under the pointer, and highlights it in the layer table', async ({
  page,
}) => {
  await pausedAt(page, '?depth=8&width=16', 30);
  const chart = page.locator('[data-panel="depth"] .rchart');
  const area = await plotArea(chart);
  const layer = 6;
  // x runs from layer 1 to layer 8 across the plot area.
  await page.mouse.move(area.x + ((layer - 1) / 7) * area.width, area.y + area.height / 2);
  const tip = chart.getByTestId('chart-tip');
  await expect(tip).toContainText(`layer ℓ = ${layer}`);
  const latest = await page.evaluate(() => window.initscope!.latest()!);
  const text = (await tip.textContent()) ?? '';
  expect(valueIn(text, 'activations hˡ')).toBe(sig4(latest.layers[layer - 1].act.std));
  expect(valueIn(text, 'gradients δˡ = ∂L/∂zˡ')).toBe(sig4(latest.layers[layer - 1].grad.std));
  // Linked layers: the same layer's row in the table, and only that one.
  const table = page.getByTestId('layer-table');
  await expect(table.locator('tr.hl')).toHaveCount(1);
  await expect(table.locator('tr.hl')).toHaveAttribute('data-layer', String(layer));
  // A click pins it: it stays highlighted after the pointer leaves.
  await page.mouse.click(area.x + ((layer - 1) / 7) * area.width, area.y + area.height / 2);
  await page.mouse.move(5, 5);
  await expect(table.locator('tr.hl.pinned')).toHaveAttribute('data-layer', String(layer));
  await expect(page.getByTestId(`layer-button-${layer}`)).toHaveAttribute('aria-pressed', 'true');
});

test('the time scrubber shows step 0’s depth profile after 500 steps, and Live returns', async ({ page }) => {
  await pausedAt(page, '?depth=6&width=16', 500);
  const records = await page.evaluate(() => window.initscope!.records().map((r) => r.step));
  expect(records[0]).toBe(0);
  // The default history keeps every step up to 1024 records: 0…500 are all there.
  await expect(page.getByTestId('scrub-info')).toHaveText('Holds every step from 0 to 500.');
  const slider = page.getByTestId('scrub-slider');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('scrub-step')).toHaveText('step 0');
  await expect(slider).toHaveAttribute('aria-valuetext', 'step 0');
  const caption = page.getByTestId('depth-caption');
  await expect(caption).toHaveAttribute('data-step', '0');
  const first = await page.evaluate(() => window.initscope!.records()[0]);
  // The chart shows step 0 too: the tooltip at layer 1 reads step 0's values.
  const chart = page.locator('[data-panel="depth"] .rchart');
  const area = await plotArea(chart);
  await page.mouse.move(area.x + 1, area.y + area.height / 2);
  const tip = chart.getByTestId('chart-tip');
  await expect(tip).toContainText('layer ℓ = 1');
  expect(valueIn((await tip.textContent()) ?? '', 'activations hˡ')).toBe(sig4(first.layers[0].act.std));
  // The layer table says the step and shows its numbers.
  await expect(page.locator('[data-panel="table"] .help')).toContainText('Step 0,');
  // One step right: the next recorded step (step 1).
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(caption).toHaveAttribute('data-step', '1');
  // Training goes on while scrubbed; the panels stay on the chosen step.
  await page.evaluate(() => window.initscope!.step(20));
  await expect.poll(() => page.evaluate(() => window.initscope!.latest()!.step)).toBe(520);
  await page.waitForTimeout(1200);
  await expect(caption).toHaveAttribute('data-step', '1');
  await page.getByTestId('scrub-live').click();
  await expect(caption).toHaveAttribute('data-step', '520');
  await expect(page.getByTestId('scrub-step')).toHaveText('step 520');
});

test('keyboard: the depth profile, a heatmap and the layer table give readouts and link layers', async ({
  page,
}) => {
  await openExplorer(page, '?depth=5&width=16');
  await waitForStep(page, 5);
  await page.evaluate(() => window.initscope!.pause());
  await page.waitForTimeout(1200);
  // The depth chart is one Tab stop; arrow keys move its tooltip from layer to layer.
  const svg = page.locator('[data-panel="depth"] svg.recharts-surface');
  await svg.focus();
  await page.keyboard.press('ArrowRight');
  const tip = page.locator('[data-panel="depth"]').getByTestId('chart-tip');
  await expect(tip).toBeVisible();
  const first = Number(/layer ℓ = (\d+)/.exec((await tip.textContent()) ?? '')?.[1]);
  await page.keyboard.press('ArrowRight');
  await expect(tip).toContainText(`layer ℓ = ${first + 1}`);
  const table = page.getByTestId('layer-table');
  await expect(table.locator('tr.hl')).toHaveAttribute('data-layer', String(first + 1));
  // Enter pins that layer.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(`layer-button-${first + 1}`)).toHaveAttribute('aria-pressed', 'true');
  // The activation heatmap: focus, then arrow keys read cells; Up/Down move between layers.
  const heat = page.getByTestId('heatmap-act');
  await heat.focus();
  const readout = heat.getByTestId('readout');
  // It starts on the highlighted (pinned) layer, at the newest step.
  await expect(readout).toContainText(new RegExp(`^layer ${first + 1}, step \\d+: activation std `));
  await page.keyboard.press('ArrowDown');
  await expect(readout).toContainText(new RegExp(`^layer ${first + 2}, step`));
  await expect(table.locator('tr.hl')).toHaveAttribute('data-layer', String(first + 2));
  await page.keyboard.press('Escape');
  await expect(readout).toHaveCount(0);
  // The table's layer buttons: Tab focus highlights, Enter pins (and unpins).
  const button = page.getByTestId('layer-button-2');
  await button.focus();
  await expect(table.locator('tr.hl')).toHaveAttribute('data-layer', '2');
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-pressed', 'false');
  // Legend entries are buttons: Space hides a series and says so.
  const legend = page.locator('[data-panel="depth"]').getByTestId('legend-grad');
  await legend.focus();
  await page.keyboard.press('Space');
  await expect(legend).toHaveAttribute('aria-pressed', 'false');
});
