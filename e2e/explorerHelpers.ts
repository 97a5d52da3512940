// Shared steps of the explorer's e2e specs: wait for a run, read window.initscope, draw every chart.
import { expect, type Page } from '@playwright/test';

export interface Snapshot {
  status: string;
  step: number;
  count: number;
  firstLoss: number | null;
  layers: number;
  config: Record<string, unknown>;
  backend: { kind: string; adapter?: string; reason?: string } | null;
}

export function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const s = window.initscope!;
    const recs = s.records();
    const last = s.latest();
    return {
      status: s.status,
      step: last ? last.step : -1,
      count: recs.length,
      firstLoss: recs[0] ? recs[0].loss : null,
      layers: last ? last.layers.length : 0,
      config: { ...s.config } as Record<string, unknown>,
      backend: s.backend,
    };
  });
}

/** Waits until slot 0 is ready and has reached `minStep`. */
export async function waitForStep(page: Page, minStep: number, timeout = 30_000): Promise<Snapshot> {
  await expect
    .poll(async () => (await snapshot(page)).step, { timeout, message: `run reaches step ${minStep}` })
    .toBeGreaterThanOrEqual(minStep);
  return snapshot(page);
}

/** Opens the page (query optional) and waits for the step-0 record. */
export async function openExplorer(page: Page, query = ''): Promise<Snapshot> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`./${query}`);
  await expect(page.getByTestId('panel-depth')).toBeVisible();
  const snap = await waitForStep(page, 0);
  expect(errors).toEqual([]);
  return snap;
}

/**
 * A cheap fingerprint of a panel's index-th chart: a canvas's pixels, or an SVG chart's (recharts) drawn
 * geometry — its lines, bars and dots; '' when there is no such chart or it draws nothing.
 */
export function chartPrint(page: Page, panel: string, index = 0): Promise<string> {
  return page.evaluate(
    ([p, i]) => {
      const c = document.querySelectorAll<HTMLCanvasElement | SVGSVGElement>(
        `[data-panel="${p}"] canvas, [data-panel="${p}"] svg.recharts-surface`,
      )[Number(i)];
      if (!c) return '';
      if (c instanceof HTMLCanvasElement) return c.toDataURL();
      return [...c.querySelectorAll('.recharts-line path, .recharts-line-dots circle, .recharts-rectangle')]
        .map((el) => el.getAttribute('d') ?? `${el.getAttribute('cx')},${el.getAttribute('cy')}`)
        .filter((d) => d && d !== 'null,null')
        .join('|');
    },
    [panel, String(index)],
  );
}

/** Scrolls every panel into view in turn so each canvas draws (charts draw only while on screen). */
export async function drawAllPanels(page: Page): Promise<void> {
  const panels = page.locator('[data-panel]');
  const n = await panels.count();
  for (let i = 0; i < n; i++) {
    await panels.nth(i).scrollIntoViewIfNeeded();
    await page.waitForTimeout(120);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Commits a number field (typing then Enter, like a user). */
export async function setNumber(page: Page, testId: string, value: number | string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.fill(String(value));
  await input.press('Enter');
}
