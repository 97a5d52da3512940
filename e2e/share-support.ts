// Shared steps of the share & teach specs: open a link, wait for every run to reach a step, read the
// records of every run, and check a preset's or lesson step's claim against what the page trained.
import { expect, type Page } from '@playwright/test';
import type { RunConfig } from '../src/engine/config';
import { normalizeConfig } from '../src/engine/config/codec';
import { resolvePageUrl } from '../src/engine/presets/pageUrl';
import type { StatsRecord } from '../src/engine/stats/types';
import type { Claim } from '../src/engine/presets/types';

/** Collects uncaught page errors; check with `expect(errors).toEqual([])`. */
export function trackErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Number of runs (slots) on the page: 1, or more in compare mode. */
export function runCount(page: Page): Promise<number> {
  return page.evaluate(() => window.initscope?.slots.length ?? 0);
}

/** Waits until every run on the page has reached `step` (or stopped past it). */
export async function waitAllRuns(page: Page, step: number, timeout = 60_000): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const s = window.initscope;
          if (!s || s.slots.length === 0) return -1;
          return Math.min(...s.slots.map((_, i) => s.latest(i)?.step ?? -1));
        }),
      { timeout, message: `every run reaches step ${step}` },
    )
    .toBeGreaterThanOrEqual(step);
}

export function recordsOfAllRuns(page: Page): Promise<StatsRecord[][]> {
  return page.evaluate(() => {
    const s = window.initscope!;
    return s.slots.map((_, i) => s.records(i));
  });
}

/** Waits until the page runs exactly these configs (backend aside), so no earlier run's records are read. */
export async function waitForConfigs(page: Page, configs: readonly RunConfig[]): Promise<void> {
  const want = configs.map(({ backend: _b, ...c }) => c);
  await expect
    .poll(() => page.evaluate(() => window.initscope!.slots.map(({ config: { backend: _b, ...c } }) => c)))
    .toEqual(want);
}

/** The configs a link runs: its own and each compare run's. */
export function linkConfigs(query: string): RunConfig[] {
  const page = resolvePageUrl(query);
  return [page.config, ...page.compare.map((c) => normalizeConfig({ ...page.config, ...c }).config)];
}

/** Trains until the claim's step and checks the claim on the page's own records. */
export async function expectClaim(page: Page, claim: Claim, label: string): Promise<string> {
  await waitAllRuns(page, claim.steps);
  const runs = await recordsOfAllRuns(page);
  const result = claim.check(runs);
  expect(result.ok, `${label}: ${result.measured}`).toBe(true);
  return result.measured;
}
