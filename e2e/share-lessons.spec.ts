// Lessons: each opens from its link, Next/Previous walk the steps (the link follows, ?lesson=…&step=k),
// and every step shows what its text claims on the page's own training (steps that open a preset
// unchanged run exactly the preset, whose claim presets.spec.ts checks).
import { expect, test } from '@playwright/test';
import { LESSONS, stepClaim } from '../src/engine/lessons';
import { presetByName, presetRuns } from '../src/engine/presets/index';
import { expectClaim, trackErrors, waitAllRuns } from './share-support';

test.describe.configure({ mode: 'parallel' });

for (const lesson of LESSONS) {
  test(`lesson ${lesson.name}: every step opens and shows its claim`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors = trackErrors(page);
    const n = lesson.steps.length;
    await page.goto(`./?lesson=${lesson.name}&step=1&speed=0`);
    for (let k = 1; k <= n; k++) {
      const step = lesson.steps[k - 1];
      await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${k} of ${n}`);
      await expect(page.getByTestId('guide-title')).toHaveText(step.title);
      await expect(page.getByTestId('guide-card')).toContainText(step.text.slice(0, 60));
      await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(k));
      const claim = stepClaim(step);
      if (!claim) throw new Error(`${lesson.name} step ${k} has no claim`);
      if (step.claim) await expectClaim(page, claim, `${lesson.name} step ${k}`);
      else {
        // The step opens its preset unchanged, whose claim presets.spec.ts checks on the page: here it is
        // enough that the runs are exactly the preset's.
        const preset = presetByName(step.preset)!;
        const want = presetRuns(preset).map(({ config: { backend: _b, ...c } }) => c);
        await expect
          .poll(() =>
            page.evaluate(() => window.initscope!.slots.map(({ config: { backend: _b, ...c } }) => c)),
          )
          .toEqual(want);
      }
      if (k === 1) await expect(page.getByTestId('lesson-prev')).toBeDisabled();
      if (k < n) await page.getByTestId('lesson-next').click();
    }
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
    await page.getByTestId('lesson-prev').click();
    await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${n - 1} of ${n}`);
    expect(errors).toEqual([]);
  });
}

test('a lesson starts from the Lessons dialog; its link opens the same step', async ({ page, browser }) => {
  const errors = trackErrors(page);
  await page.goto('./?speed=0');
  await page.getByTestId('open-lessons').click();
  await expect(page.getByTestId('lessons-dialog')).toBeVisible();
  await page.getByTestId('lesson-why-initialization').click();
  await expect(page.getByTestId('lesson-step')).toHaveText(/^Step 1 of \d+$/);
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-step')).toHaveText(/^Step 3 of/);
  await expect.poll(() => page.url()).toContain('lesson=why-initialization&step=3');
  await waitAllRuns(page, 5);
  await page.screenshot({ path: test.info().outputPath('share-lesson-1280x800.png') });
  // The link, opened elsewhere, shows the same step with the same config.
  const other = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await other.goto(page.url());
  await expect(other.getByTestId('lesson-step')).toHaveText(/^Step 3 of/);
  const [a, b] = await Promise.all([page, other].map((p) => p.evaluate(() => window.initscope!.config)));
  expect(b).toEqual(a);
  await waitAllRuns(other, 5);
  await other.screenshot({ path: test.info().outputPath('share-lesson-390x844.png'), fullPage: false });
  await other.close();
  expect(errors).toEqual([]);
});
