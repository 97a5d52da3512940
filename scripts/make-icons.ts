// Writes the app icons into public/icons/: icon.svg (also the favicon) and PNGs at 192 and 512 px, plus a
// maskable 512 px one, for the web app manifest (vite.config.ts). The PNGs are rendered by Debian's
// Chromium through Playwright, the browser the e2e tests use. Run after changing scripts/icon.ts:
//   npx tsx scripts/make-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { iconSvg } from './icon';

const dir = new URL('../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('icon.svg', dir), iconSvg(false));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox'],
});
try {
  for (const [name, size, maskable] of [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['icon-maskable-512.png', 512, true],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const svg = iconSvg(maskable).replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    writeFileSync(new URL(name, dir), await page.screenshot({ omitBackground: true, type: 'png' }));
    await page.close();
  }
} finally {
  await browser.close();
}
