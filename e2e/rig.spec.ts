import { expect, test } from '@playwright/test';

test('the page finds a WebGPU adapter and runs a WGSL kernel', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('adapter-status')).toContainText('kernel check 3,5,7');
});
