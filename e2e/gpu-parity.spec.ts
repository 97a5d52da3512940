// The WGSL trainer equals the CPU reference in the browser too (Chromium's WebGPU on SwiftShader here):
// parity.html runs the same grid as src/gpu/parity.gpu.test.ts through the same comparisons.
import { expect, test } from '@playwright/test';
import type { ParityHook } from '../src/gpu/parityPage';

type Report = Awaited<ReturnType<ParityHook['run']>>;

test('GPU trainer ≡ CPU reference in Chromium over the parity grid', async ({ page }) => {
  // 39 cases (14 plain, 16 norm × res × rezero, 9 conv; the big-GPU plan cases run in Node only): about
  // 4 min on SwiftShader with 2 busy cores.
  test.setTimeout(600_000);
  await page.goto('./parity.html');
  await expect(page.locator('#status')).toContainText('ready');
  const cases = await page.evaluate(
    () => (window as unknown as { initscopeParity: ParityHook }).initscopeParity.cases,
  );
  expect(cases).toBeGreaterThan(10);
  for (let i = 0; i < cases; i++) {
    // 20 steps of loss curve here (50 in Node) to keep the browser run short.
    const r: Report = await page.evaluate(
      (k) => (window as unknown as { initscopeParity: ParityHook }).initscopeParity.run(k, 20),
      i,
    );
    expect({
      case: r.label,
      init: r.init,
      step: r.step.slice(0, 10),
      weights: r.weights,
      curve: r.curve,
    }).toEqual({
      case: r.label,
      init: [],
      step: [],
      weights: [],
      curve: [],
    });
  }
});
