// Lessons: each opens from its link, Next/Previous walk the steps (the link follows, ?lesson=…&step=k),
// and every step shows what its text claims on the page's own training (steps that open a preset
// unchanged run exactly the preset, whose claim presets.spec.ts checks).
import { expect, test } from '@playwright/test';
import { LESSONS, stepClaim } from '../src/engine/lessons';
import { expectClaim, linkConfigs, trackErrors, waitAllRuns, waitForConfigs } from './share-support';

test.describe.configure({ mode: 'parallel' });

for (const lesson of LESSONS) {
  test(`lesson ${lesson.name}: Next/Previous walk the steps, each running its own configs`, async ({
    page,
  }) => {
    const errors = trackErrors(page);
    const n = lesson.steps.length;
    await page.goto(`./?lesson=${lesson.name}&step=1&speed=0`);
    for (let k = 1; k <= n; k++) {
      const step = lesson.steps[k - 1];
      await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${k} of ${n}`);
      await expect(page.getByTestId('guide-title')).toHaveText(step.title);
      await expect(page.getByTestId('guide-card')).toContainText(step.text.slice(0, 60));
      await expect.poll(() => new URL(page.url()).searchParams.get('step')).toBe(String(k));
      await waitForConfigs(page, linkConfigs(`lesson=${lesson.name}&step=${k}`));
      if (k === 1) await expect(page.getByTestId('lesson-prev')).toBeDisabled();
      if (k < n) await page.getByTestId('lesson-next').click();
    }
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
    await page.getByTestId('lesson-prev').click();
    await expect(page.getByTestId('lesson-step')).toHaveText(`Step ${n - 1} of ${n}`);
    expect(errors).toEqual([]);
  });

  lesson.steps.forEach((step, i) => {
    // A step that opens its preset unchanged runs exactly the preset (checked above), whose claim
    // presets.spec.ts checks on the page; steps with their own settings are checked here.
    if (!step.claim) return;
    const claim = step.claim;
    test(`lesson ${lesson.name} step ${i + 1} opens from its link and shows: ${claim.text}`, async ({
      page,
    }) => {
      const errors = trackErrors(page);
      const query = `lesson=${lesson.name}&step=${i + 1}`;
      await page.goto(`./?${query}&speed=0`);
      await expect(page.getByTestId('guide-title')).toHaveText(step.title);
      await expect(page.getByTestId('guide-card')).toContainText(claim.text);
      await waitForConfigs(page, linkConfigs(query));
      await expectClaim(page, claim, `${lesson.name} step ${i + 1}`);
      expect(errors).toEqual([]);
    });
  });
  if (!lesson.steps.every((s) => stepClaim(s) !== undefined))
    throw new Error(`${lesson.name}: a step has no claim`);
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
