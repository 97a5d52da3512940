// Offline: after the first visit the service worker has the app shell and assets, so a reload — and any
// other link of the app — works with the network gone (a classroom with a flaky connection).
import { expect, test } from '@playwright/test';
import { trackErrors, waitAllRuns } from './share-support';

test('the page reloads and trains offline after the first visit', async ({ page, context }) => {
  const errors = trackErrors(page);
  await page.goto('./?preset=xavier-tanh&speed=0');
  await expect(page.getByTestId('guide-title')).toContainText('Xavier + tanh');
  // The worker is installed (app shell precached) and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  await waitAllRuns(page, 5);

  await context.setOffline(true);
  // The network is really gone: a file the worker has not cached cannot be fetched.
  const probe = await page.evaluate(() =>
    fetch(`./not-cached-${Date.now()}.txt`).then(
      () => 'fetched',
      () => 'failed',
    ),
  );
  expect(probe).toBe('failed');
  await page.reload();
  await expect(page.getByTestId('guide-title')).toContainText('Xavier + tanh');
  await waitAllRuns(page, 20);

  // A link never opened before also works offline: the app shell answers it.
  await page.goto('./?lesson=edge-of-chaos&step=2&speed=0');
  await expect(page.getByTestId('lesson-step')).toHaveText('Step 2 of 6');
  await waitAllRuns(page, 3);
  await page.screenshot({ path: test.info().outputPath('offline-lesson.png') });
  expect(errors).toEqual([]);
  await context.setOffline(false);
});
