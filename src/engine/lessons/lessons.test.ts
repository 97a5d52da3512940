// Lessons: every step opens from its link without notices, and what each step's text claims holds on
// the CPU engine (steps that reuse a preset unchanged are covered by the preset's own test).
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../config/codec';
import { runClaim } from '../presets/claimRunner';
import { presetByName } from '../presets';
import { resolvePageUrl } from '../presets/pageUrl';
import { LESSONS, lessonByName, stepClaim } from './index';

describe('lessons', () => {
  it('include the three the issues ask for, each step naming a real preset and carrying a claim', () => {
    expect(lessonByName('why-initialization')).toBeDefined();
    expect(lessonByName('edge-of-chaos')).toBeDefined();
    expect(lessonByName('normalization')?.steps.length).toBeGreaterThanOrEqual(4);
    expect(lessonByName('normalization')?.steps.length).toBeLessThanOrEqual(6);
    for (const l of LESSONS) {
      expect(l.steps.length).toBeGreaterThanOrEqual(4);
      l.steps.forEach((s, i) => {
        expect(presetByName(s.preset), `${l.name}#${i + 1}`).toBeDefined();
        expect(stepClaim(s), `${l.name}#${i + 1}`).toBeDefined();
        expect(s.text.length).toBeGreaterThan(80);
        const page = resolvePageUrl(`lesson=${l.name}&step=${i + 1}`);
        expect(page.notices).toEqual([]);
        expect(page.step).toBe(i + 1);
        expect(page.preset).toBe(s.preset);
      });
    }
  });

  for (const l of LESSONS) {
    l.steps.forEach((s, i) => {
      if (!s.claim) return;
      it(`${l.name} step ${i + 1} (${s.title}): ${s.claim.text}`, { timeout: 60_000 }, async () => {
        const page = resolvePageUrl(`lesson=${l.name}&step=${i + 1}`);
        const configs = [
          page.config,
          ...page.compare.map((c) => normalizeConfig({ ...page.config, ...c }).config),
        ];
        const { result } = await runClaim(s.claim!, configs);
        console.log(`[claim] ${l.name}#${i + 1}: ${result.ok ? 'holds' : 'FAILS'} — ${result.measured}`);
        expect(result.ok, result.measured).toBe(true);
      });
    });
  }
});
