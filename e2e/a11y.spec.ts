// Accessibility: no serious or critical axe-core violations on the explorer, at desktop and phone sizes,
// with compare mode and the presenter view on; every control reachable and named.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { openExplorer, waitForStep } from './explorerHelpers';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
}

test('no serious or critical axe violations at 1280×800, with compare mode and presenter view', async ({
  page,
}) => {
  await openExplorer(page, '?depth=6&width=32');
  await waitForStep(page, 3);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('cmp-shootout').click();
  await expect(page.getByTestId('compare-table')).toBeVisible();
  await page.getByTestId('presenter').click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('no serious or critical axe violations at 390×844', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openExplorer(page, '?depth=6&width=32&init=normal&std=3');
  await page.getByText('Settings', { exact: true }).click();
  expect(await seriousViolations(page)).toEqual([]);
});

test('keyboard: Tab reaches the playback buttons and Space toggles play', async ({ page }) => {
  await openExplorer(page, '?depth=4&width=16');
  const play = page.getByTestId('play');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await play.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(play).toBeFocused();
  await expect(play).toHaveText('Pause');
  await page.keyboard.press('Space');
  await expect(play).toHaveText('Play');
  // Every form control has an accessible name.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, button')]
      .filter((el) => {
        const e = el as HTMLInputElement;
        return (
          !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !(e.textContent ?? '').trim()
        );
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(unnamed).toEqual([]);
});

test('no serious or critical axe violations in the lab view (map, phase diagram, spectrum)', async ({
  page,
}) => {
  await openExplorer(page, '?view=map&width=16&data=circles&msw2=1:3:3&mdepths=2,4&msteps=20');
  await expect(page.getByTestId('map-status')).toHaveText(/6 of 6 cells, done/, { timeout: 60_000 });
  expect(await seriousViolations(page)).toEqual([]);
});
