// Bad environments in the real browser: no WebGPU at all, a GPU device lost mid-run, networks too large
// for either engine, and a run that overflows. Each must end in a clear message and a state the user
// can continue from, never a page error.
import path from 'node:path';
import { chromium, expect, type Page, type TestInfo, test } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { chartPrint, openExplorer, setNumber, snapshot, waitForStep } from './explorerHelpers';

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

function shot(page: Page, info: TestInfo, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(info.project.outputDir, `robust-${name}.png`) });
}

/**
 * A chart that has drawn something: a canvas whose pixels differ from a blank canvas of the same size, or an
 * SVG chart with lines or bars.
 */
async function drawn(page: Page, panel: string, index = 0): Promise<boolean> {
  const blank = await page.evaluate(
    ([p, i]) => {
      const c = document.querySelectorAll<HTMLCanvasElement | SVGSVGElement>(
        `[data-panel="${p}"] canvas, [data-panel="${p}"] svg.recharts-surface`,
      )[Number(i)];
      if (!(c instanceof HTMLCanvasElement)) return '';
      const b = document.createElement('canvas');
      b.width = c.width;
      b.height = c.height;
      return b.toDataURL();
    },
    [panel, String(index)],
  );
  const print = await chartPrint(page, panel, index);
  return print !== '' && print !== blank;
}

test('without WebGPU the page and its worker have no adapter, and the run trains on the CPU saying why', async ({
  baseURL,
}, info) => {
  // Debian's Chromium offers no adapter on this machine unless told to (--enable-unsafe-webgpu).
  const args = [...CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu'), '--disable-gpu'];
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
  try {
    const page = await browser.newPage({ baseURL, viewport: { width: 1280, height: 800 } });
    const errors = collectErrors(page);
    await page.goto('./?depth=4&width=16');
    const where = await page.evaluate(async () => {
      const here = { gpu: !!navigator.gpu, adapter: !!(await navigator.gpu?.requestAdapter()) };
      // The trainer runs in a worker: check there too.
      const src =
        'onmessage = async () => postMessage({ gpu: !!navigator.gpu, adapter: !!(await navigator.gpu?.requestAdapter()) })';
      const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
      const inWorker = await new Promise<{ gpu: boolean; adapter: boolean }>((resolve) => {
        w.onmessage = (e) => resolve(e.data);
        w.postMessage(0);
      });
      w.terminate();
      return { here, inWorker };
    });
    expect(where.here.adapter).toBe(false);
    expect(where.inWorker.adapter).toBe(false);

    await expect(page.getByTestId('backend-badge')).toHaveText(/^CPU · WebGPU unavailable: \S/);
    const s = await waitForStep(page, 3);
    expect(s.backend).toEqual({ kind: 'cpu', reason: expect.stringMatching(/^WebGPU unavailable: \S/) });
    // The device-loss hook leaves a CPU run alone.
    await page.evaluate(() => window.initscope!.debugLoseDevice());
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.initscope!.runId)).toBe(1);
    await expect(page.getByTestId('notice')).toHaveCount(0);
    await shot(page, info, 'no-webgpu');

    // A link that asks for WebGPU still trains, on the CPU, and says so (not a dead page).
    await page.goto('./?backend=webgpu&depth=4&width=16');
    await expect(page.getByTestId('backend-fallback')).toContainText(
      /^WebGPU was chosen, but it is unavailable in this browser: \S.*\. The run trains on the CPU engine instead\.$/,
    );
    await expect(page.getByTestId('backend-badge')).toHaveText(/^CPU · WebGPU unavailable: /);
    const forced = await waitForStep(page, 3);
    expect(forced.backend?.kind).toBe('cpu');
    expect(forced.config.backend).toBe('webgpu');
    await expect(page.getByTestId('run-error')).toHaveCount(0);
    await shot(page, info, 'no-webgpu-forced');
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a lost GPU device restarts the run with a notice, and records continue', async ({ page }, info) => {
  const errors = collectErrors(page);
  const first = await openExplorer(page, '?backend=webgpu&depth=3&width=16&batch=16');
  expect(first.backend?.kind).toBe('webgpu');
  await waitForStep(page, 3);
  const runId = await page.evaluate(() => window.initscope!.runId);
  await page.evaluate(() => window.initscope!.debugLoseDevice());
  await expect(page.getByTestId('notice')).toContainText(
    'The GPU device was lost (simulated by the debugLoseDevice hook); the run restarts on a new device',
  );
  await expect.poll(() => page.evaluate(() => window.initscope!.runId)).toBeGreaterThan(runId);
  const again = await waitForStep(page, 3);
  expect(again.backend?.kind).toBe('webgpu');
  // Same config and seed: the restarted run begins where the first one did.
  expect(again.firstLoss).toBe(first.firstLoss);
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  await shot(page, info, 'device-lost');
  expect(errors).toEqual([]);
});

for (const backend of ['auto', 'webgpu'] as const) {
  test(`a network too large for the ${backend === 'auto' ? 'CPU' : 'WebGPU'} engine: figures, usable controls, and back to a size that trains`, async ({
    page,
  }, info) => {
    const errors = collectErrors(page);
    const q = backend === 'auto' ? '' : '&backend=webgpu';
    await page.goto(`./?depth=500&width=2048&batch=4096${q}`);
    const error = page.getByTestId('run-error');
    // "needs 58.8 GB of memory; the CPU engine allows 1.5 GB" or "needs a buffer of 16 GiB, this GPU allows 1 GiB".
    await expect(error).toContainText(/needs [^.]*\d[\d.,]* (GB|GiB)[^.]*allows \d[\d.]* (GB|GiB)/);
    await expect(page.getByTestId('backend-badge')).toHaveText('no engine');
    await shot(page, info, `too-large-${backend}`);
    // Nothing can play: the button says Play, disabled, with the reason; each change restarts with new figures.
    await expect(page.getByTestId('play')).toHaveText('Play');
    await expect(page.getByTestId('play')).toBeDisabled();
    await expect(page.getByTestId('play')).toHaveAttribute('title', /needs/);
    const before = await error.textContent();
    await setNumber(page, 'depth', 20);
    // Depth 20 at width 2048 and batch 4096 is still too large for both engines (2.5 GB / 3.1 GiB).
    await expect(error).not.toHaveText(before ?? '');
    await expect(error).toContainText(/needs [^.]*\d[\d.,]* (GB|GiB)/);
    await setNumber(page, 'width', 32);
    await setNumber(page, 'batch', 32);
    await expect(error).toHaveCount(0);
    const s = await waitForStep(page, 2);
    expect(s.layers).toBe(20);
    expect(s.config).toMatchObject({ depth: 20, width: 32, batch: 32, backend });
    expect(errors).toEqual([]);
  });
}

test('non-finite values (normal std 1 at depth 30): the banner names the step and layer, the charts still draw', async ({
  page,
}, info) => {
  const errors = collectErrors(page);
  await openExplorer(page, '?init=normal&std=1&depth=30');
  const banner = page.getByTestId('nonfinite-banner');
  await expect(banner).toContainText(
    /^Loss became inf\/NaN at step \d+: [a-z -]+ in (layer \d+|the output layer)\. Training paused there\./,
  );
  // A lone run pauses where it broke; the charts show what there is.
  await expect(page.getByTestId('play')).toHaveText('Play');
  for (const panel of ['depth', 'loss', 'heatmap']) {
    await page.locator(`[data-panel="${panel}"]`).scrollIntoViewIfNeeded();
    await expect.poll(() => drawn(page, panel), { message: `${panel} chart draws` }).toBe(true);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  // Stepping on still works and records keep coming (NaN values and all), the banner keeps the first step.
  const paused = await snapshot(page);
  const text = await banner.textContent();
  await page.getByTestId('step').click();
  await expect.poll(async () => (await snapshot(page)).step).toBe(paused.step + 1);
  await expect(banner).toHaveText(text ?? '');
  const nf = await page.evaluate(() => window.initscope!.latest()!.nonFinite);
  expect(nf).toMatchObject({ step: expect.any(Number), layer: expect.any(Number) });
  await shot(page, info, 'non-finite');
  expect(errors).toEqual([]);
});
