// Installable app: the page links a valid web app manifest, its icons load at their announced sizes, the
// service worker controls the page, and Chromium's own installability check (DevTools protocol
// Page.getInstallabilityErrors) reports nothing missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';

test('the page is installable: manifest, icons, service worker, no installability errors', async ({
  baseURL,
}) => {
  // A persistent profile: Playwright's usual contexts are incognito, where Chromium never offers installs.
  const profile = mkdtempSync(join(tmpdir(), 'initscope-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    baseURL,
  });
  try {
    await checkInstallable(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

async function checkInstallable(context: import('@playwright/test').BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('./manifest.webmanifest');
  const manifest = await page.evaluate(async (url) => {
    const res = await fetch(url!);
    return { type: res.headers.get('content-type'), body: await res.json() };
  }, href);
  expect(manifest.body).toMatchObject({ short_name: 'InitScope', start_url: './', display: 'standalone' });
  const sizes = manifest.body.icons.map((i: { sizes: string }) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.body.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);

  // Every icon loads and decodes at its announced size.
  const icons = await page.evaluate(async (list: { src: string; sizes: string }[]) => {
    const out = [];
    for (const icon of list) {
      const url = new URL(icon.src, new URL('./manifest.webmanifest', document.baseURI)).href;
      const res = await fetch(url);
      const img = new Image();
      img.src = url;
      await img.decode(); // throws if the file is not an image
      out.push({
        src: icon.src,
        ok: res.ok,
        announced: icon.sizes,
        got: `${img.naturalWidth}x${img.naturalHeight}`,
      });
    }
    return out;
  }, manifest.body.icons);
  for (const i of icons) {
    expect(i.ok, i.src).toBe(true);
    if (i.announced !== 'any') expect(i.got, i.src).toBe(i.announced);
  }

  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  const cdp = await context.newCDPSession(page);
  const app = await cdp.send('Page.getAppManifest');
  expect(app.errors).toEqual([]);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  expect(installabilityErrors).toEqual([]);
}
