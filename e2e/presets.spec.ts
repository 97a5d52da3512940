// Every preset opens from its link (`?preset=<name>`), shows its explanation and what to look for, and
// the page's own training shows what the text claims (checked on window.initscope's records).
import { expect, test } from '@playwright/test';
import { PRESETS } from '../src/engine/presets';
import { presetRuns } from '../src/engine/presets/index';
import { expectClaim, runCount, trackErrors } from './share-support';

test.describe.configure({ mode: 'parallel' });

for (const preset of PRESETS) {
  test(`preset ${preset.name}: ${preset.title}`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors = trackErrors(page);
    await page.goto(`./?preset=${preset.name}&speed=0`);
    const card = page.getByTestId('guide-card');
    await expect(page.getByTestId('guide-title')).toHaveText(preset.title);
    await expect(card).toContainText(preset.claim.text);
    // The page runs exactly the preset's configs (its own and each compare variant).
    const expected = presetRuns(preset).map((r) => r.config);
    await expect.poll(() => runCount(page)).toBe(expected.length);
    const configs = await page.evaluate(() => window.initscope!.slots.map((s) => s.config));
    expect(configs.map(({ backend: _b, ...c }) => c)).toEqual(expected.map(({ backend: _b, ...c }) => c));
    const measured = await expectClaim(page, preset.claim, preset.name);
    test.info().annotations.push({ type: 'measured', description: measured });
    expect(errors).toEqual([]);
  });
}

test('the gallery opens a preset and the link names it', async ({ page }) => {
  const errors = trackErrors(page);
  await page.goto('./?speed=0');
  await page.getByTestId('open-presets').click();
  const dialog = page.getByTestId('presets-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('.preset-card')).toHaveCount(PRESETS.length);
  // Thumbnails load (a broken image has naturalWidth 0).
  await expect
    .poll(() =>
      dialog
        .locator('img')
        .evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length),
    )
    .toBe(PRESETS.length);
  await page.screenshot({ path: test.info().outputPath('share-gallery-1280x800.png') });
  await page.getByTestId('preset-kaiming-relu-50').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('guide-title')).toContainText('Kaiming + ReLU');
  await expect.poll(() => page.evaluate(() => window.initscope!.config.depth)).toBe(50);
  await expect.poll(() => new URL(page.url()).searchParams.get('preset')).toBe('kaiming-relu-50');
  // Changing a setting keeps the preset in the link, says the text no longer matches, and can restore.
  await page.evaluate(() => window.initscope!.setConfig({ depth: 12 }));
  await expect(page.getByTestId('guide-modified')).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('depth')).toBe('12');
  await page.getByTestId('guide-modified').getByRole('button', { name: 'Restore' }).click();
  await expect.poll(() => page.evaluate(() => window.initscope!.config.depth)).toBe(50);
  expect(errors).toEqual([]);
});
