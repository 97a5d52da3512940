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

test('dist/ works from a sub-path of a plain static file server, offline too', async ({ browser }) => {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const { extname, join, normalize } = await import('node:path');
  const root = join(process.cwd(), 'dist');
  const prefix = '/some/deep/sub-path/';
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.bin': 'application/octet-stream',
  };
  // A static host knows nothing about the app: files under the prefix, 404 for anything else.
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith(prefix)) return void res.writeHead(404).end();
    const rel = normalize(path.slice(prefix.length) || 'index.html');
    if (rel.startsWith('..')) return void res.writeHead(403).end();
    try {
      const body = await readFile(join(root, rel.endsWith('/') ? `${rel}index.html` : rel));
      res.writeHead(200, { 'content-type': types[extname(rel)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = trackErrors(page);
  try {
    await page.goto(`http://127.0.0.1:${port}${prefix}?preset=torch-default&speed=0`);
    await expect(page.getByTestId('guide-title')).toContainText('PyTorch');
    await waitAllRuns(page, 5);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.setOffline(true);
    await page.goto(`http://127.0.0.1:${port}${prefix}?lesson=why-initialization&step=2&speed=0`);
    await expect(page.getByTestId('lesson-step')).toHaveText(/^Step 2 of/);
    await waitAllRuns(page, 5);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    server.close();
  }
});
