// Hostile links through the real page: hand-written attacks and a fast-check sample. For each, the page
// must run a valid config (exactly what resolvePageUrl makes of the link the browser delivered), show a
// notice when something in the link was wrong, throw no uncaught error, and render nothing from the link
// as HTML (an <img onerror> in a value stays text).
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { isValidConfig } from '../src/engine/config/codec';
import { resolvePageUrl } from '../src/engine/presets/pageUrl';

const XSS = '<img src=x onerror="window.__pwned=1">';

const HAND_WRITTEN = [
  `preset=${encodeURIComponent(XSS)}`,
  `lesson=${encodeURIComponent(XSS)}&step=${encodeURIComponent(XSS)}`,
  `init=${encodeURIComponent(XSS)}&act=<script>window.__pwned=1</script>`,
  `panels=${encodeURIComponent(`depth,${XSS}`)}&embed=1`,
  `compare=${encodeURIComponent(`init:${XSS};act:"><svg onload=window.__pwned=1>`)}`,
  'depth=1e999&width=-5&lr=NaN&seed=0x10&batch=%00%00',
  'preset=__proto__&lesson=constructor&compare=__proto__:1',
  'v=99&depth=30&newkey=1',
  'v=abc&%E0%A4%A=%&&&==&steps=99999999999&speed=7&play=maybe',
  `embed=1&panels=${'depth,'.repeat(500)}`,
  `init=${'x'.repeat(9000)}`,
  'preset=zeros&step=-1&lesson=why-initialization&depth=%F0%9F%98%80',
  'act=%E2%80%AEuler&std=%D9%A1',
];

// A reproducible fast-check sample of keys (real and unknown) with hostile values.
const FUZZED = fc.sample(
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            'preset',
            'lesson',
            'step',
            'embed',
            'panels',
            'compare',
            'depth',
            'init',
            'act',
            'gain',
            'v',
          ),
          fc.string({ maxLength: 8 }),
        ),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 30 }),
          fc.constantFrom(XSS, '%', '1e309', '-0', 'auto'),
        ),
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')),
  { numRuns: 20, seed: 20251130 },
);

test('hostile links give a valid config, a visible notice, no error and no injected HTML', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  for (const query of [...HAND_WRITTEN, ...FUZZED]) {
    await page.goto(`./?${query}`);
    await expect(page.locator('[data-panel="depth"]')).toBeVisible();
    const seen = await page.evaluate(() => ({
      search: window.location.search,
      config: window.initscope?.config,
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      handlers: [...document.querySelectorAll('body *')].filter((el) =>
        [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on')),
      ).length,
      injected: document.querySelectorAll('img[src="x"], svg[onload], body script').length,
    }));
    const label = `?${query.slice(0, 120)}`;
    expect(isValidConfig(seen.config), label).toBe(true);
    // The page may already have rewritten its link; what it runs is what the codec makes of the original.
    const expected = resolvePageUrl(query.startsWith('?') ? query : `?${query}`);
    expect(seen.config, label).toEqual(expected.config);
    if (expected.notices.length > 0) await expect(page.getByTestId('notice').first(), label).toBeVisible();
    expect(seen.pwned, label).toBeUndefined();
    expect(seen.handlers, label).toBe(0);
    expect(seen.injected, label).toBe(0);
  }
  // The attack strings were shown, as text, inside notices.
  await page.goto(`./?${HAND_WRITTEN[0]}`);
  await expect(page.getByTestId('notice').first()).toContainText('<img src=x');
  expect(errors).toEqual([]);
});
