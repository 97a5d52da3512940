import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import { isValidConfig } from '../config/codec';
import { PAGE_KEYS } from '../config/schema';
import { arbitraryRunConfig } from '../config/arbitrary';
import { LESSONS } from '../lessons';
import { PRESETS, presetRunConfig } from './index';
import {
  COMPARE_KEYS,
  DEFAULT_EMBED_PANELS,
  encodePageQuery,
  PAGE_PANELS,
  PAGE_SPEEDS,
  type PageState,
  resolvePageUrl,
} from './pageUrl';

describe('resolvePageUrl', () => {
  it('loads a preset, and the link’s own settings override it', () => {
    const p = resolvePageUrl('?preset=xavier-relu-50');
    expect(p.preset).toBe('xavier-relu-50');
    expect(p.config).toMatchObject({ init: 'xavier_normal', act: 'relu', depth: 50, width: 64 });
    expect(p.notices).toEqual([]);
    expect(p.steps).toBe(300);
    const q = resolvePageUrl('?preset=xavier-relu-50&depth=10&steps=7');
    expect(q.config.depth).toBe(10);
    expect(q.config.init).toBe('xavier_normal');
    expect(q.steps).toBe(7);
  });

  it('gives a notice and the default explorer for an unknown preset or lesson', () => {
    for (const q of ['preset=nope', 'lesson=nope', 'preset=__proto__', 'lesson=constructor']) {
      const r = resolvePageUrl(q);
      expect(r.config).toEqual(DEFAULT_CONFIG);
      expect(r.preset).toBeUndefined();
      expect(r.lesson).toBeUndefined();
      expect(r.notices.length).toBe(1);
    }
  });

  it('opens a lesson step, clamping the step number with a notice', () => {
    const r = resolvePageUrl('lesson=edge-of-chaos&step=1');
    expect(r.lesson).toBe('edge-of-chaos');
    expect(r.step).toBe(1);
    expect(r.preset).toBe('edge-of-chaos');
    expect(r.config.gain).toBe(0.8);
    expect(r.compare).toEqual([]);
    const side = resolvePageUrl('lesson=edge-of-chaos&step=4');
    expect(side.compare).toEqual([{ gain: 1.5 }]);
    expect(side.labels).toEqual(['σ_w = 1', 'σ_w = 1.5']);
    const far = resolvePageUrl('lesson=why-initialization&step=99');
    expect(far.step).toBe(LESSONS[0].steps.length);
    expect(far.notices.length).toBe(1);
    const junk = resolvePageUrl('lesson=why-initialization&step=two');
    expect(junk.step).toBe(1);
    expect(junk.notices.length).toBe(1);
  });

  it('reads embed, panels, compare and playback keys', () => {
    const e = resolvePageUrl('embed=1');
    expect(e.embed).toBe(true);
    expect(e.panels).toEqual(DEFAULT_EMBED_PANELS);
    const p = resolvePageUrl('embed=1&panels=loss,bogus,depth,loss');
    expect(p.panels).toEqual(['loss', 'depth']);
    expect(p.notices.length).toBe(1);
    const c = resolvePageUrl('compare=init:xavier_normal;init:kaiming_normal,mode:fan_out,depth:9');
    expect(c.compare).toEqual([{ init: 'xavier_normal' }, { init: 'kaiming_normal', mode: 'fan_out' }]);
    expect(c.notices.length).toBe(1); // depth cannot differ between compare runs
    const bad = resolvePageUrl('compare=gain:lots&play=maybe&speed=7&steps=-1');
    expect(bad.compare).toEqual([{ gain: 'auto' }]);
    expect(bad.play).toBeUndefined();
    expect(bad.speed).toBeUndefined();
    expect(bad.steps).toBeUndefined();
    expect(bad.notices.length).toBe(4);
    expect(resolvePageUrl('play=0&speed=100').play).toBe(false);
  });

  it('reads the lab keys: view=map and the map grid over a preset, bstd alone as bias=normal', () => {
    const plain = resolvePageUrl('bstd=0.3&compare=bstd:0.5');
    expect(plain.config).toMatchObject({ bias: 'normal', bstd: 0.3 });
    expect(plain.compare).toEqual([{ bias: 'normal', bstd: 0.5 }]);
    expect(plain.view).toBeUndefined();
    const lab = resolvePageUrl('preset=map-tanh&mdepths=2,4&view=nope');
    expect(lab.view).toBe('map'); // the preset's view; the bad one is a notice
    expect(lab.map).toMatchObject({ sw2: '1:4:13', depths: '2,4', steps: 300 });
    expect(lab.notices.length).toBe(1);
    const back = resolvePageUrl(encodePageQuery(lab));
    expect(back.map).toEqual(lab.map);
    expect(back.view).toBe('map');
    expect(encodePageQuery(resolvePageUrl('preset=map-tanh'))).toBe('v=1&preset=map-tanh');
  });

  it('opens every preset to its own config with no notices', () => {
    for (const p of PRESETS) {
      const r = resolvePageUrl(`preset=${p.name}`);
      expect(r.notices, p.name).toEqual([]);
      expect(r.config).toEqual(presetRunConfig(p));
      expect(r.compare.length).toBe(p.compare?.length ?? 0);
    }
  });

  it('never throws on hostile input and always gives a valid config', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc
        .array(
          fc.tuple(
            // Every page key, a few config keys and the version.
            fc.constantFrom(...PAGE_KEYS, 'depth', 'init', 'v'),
            fc.oneof(
              fc.string({ unit: 'binary', maxLength: 40 }),
              fc.constantFrom(
                '<img src=x onerror=alert(1)>',
                '%',
                '%E0%A4%A',
                '__proto__',
                'NaN',
                '1e999',
                ';;;',
                ':::',
              ),
            ),
          ),
          { maxLength: 8 },
        )
        .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(
      fc.property(hostile, (q) => {
        const r = resolvePageUrl(q);
        expect(isValidConfig(r.config)).toBe(true);
        for (const c of r.compare) for (const k of Object.keys(c)) expect(COMPARE_KEYS).toContain(k);
        for (const n of r.notices) {
          expect(typeof n).toBe('string');
          expect(n).not.toMatch(/\p{Cc}/u);
          expect(n.length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('link settings over a preset', () => {
  it('are judged together with the preset’s: rezero=1 over a preset with res=1 needs no correction', () => {
    const r = resolvePageUrl('preset=pre-ln-rezero-100&rezero=1&norm=none');
    expect(r.notices).toEqual([]);
    expect(r.config.res).toBe(1);
    expect(r.config.rezero).toBe(1);
  });

  it('batch=1 over a BatchNorm preset is corrected to 2 with the notice, not silently', () => {
    const r = resolvePageUrl('preset=batchnorm-gradient-growth&batch=1');
    expect(r.config.batch).toBe(2);
    expect(r.notices.join(' ')).toMatch(/BatchNorm needs at least 2 samples/);
  });
});

describe('encodePageQuery', () => {
  const presetOrLesson = fc.oneof(
    fc.constant({}),
    fc.constantFrom(...PRESETS.map((p) => ({ preset: p.name }))),
    fc.constantFrom(
      ...LESSONS.flatMap((l) => l.steps.map((s, i) => ({ lesson: l.name, step: i + 1, preset: s.preset }))),
    ),
  );
  const compare = fc.array(
    fc.record(
      {
        init: fc.constantFrom('zeros', 'orthogonal', 'kaiming_normal'),
        gain: fc.constantFrom(0.5, 2, 'auto' as const),
      },
      { requiredKeys: ['init'] },
    ),
    { maxLength: 3 },
  );
  const page = fc.record({
    where: presetOrLesson,
    config: arbitraryRunConfig(),
    embed: fc.boolean(),
    panels: fc.uniqueArray(fc.constantFrom(...PAGE_PANELS), { maxLength: 4 }),
    compare,
    play: fc.constantFrom(undefined, false),
    steps: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    speed: fc.option(fc.constantFrom(...PAGE_SPEEDS), { nil: undefined }),
  });

  it('round-trips the whole page state exactly', () => {
    fc.assert(
      fc.property(page, ({ where, embed, panels, ...rest }) => {
        const state: Omit<PageState, 'notices'> = {
          ...where,
          ...rest,
          embed,
          panels: embed && panels.length === 0 ? [...DEFAULT_EMBED_PANELS] : panels,
        };
        const r = resolvePageUrl(encodePageQuery(state));
        expect(r.notices).toEqual([]);
        expect(r.config).toEqual(state.config);
        expect(r.preset).toBe(state.preset);
        expect(r.lesson).toBe(state.lesson);
        expect(r.step).toBe(state.step);
        expect(r.embed).toBe(state.embed);
        expect(r.panels).toEqual(state.panels);
        expect(r.compare).toEqual(state.compare);
        expect(r.play).toBe(state.play);
        expect(r.speed).toBe(state.speed);
        if (state.steps !== undefined) expect(r.steps).toBe(state.steps);
      }),
      { numRuns: 300 },
    );
  });

  it('writes short links: a preset opened as is is just its name', () => {
    const s = resolvePageUrl('preset=edge-of-chaos');
    expect(encodePageQuery(s)).toBe('v=1&preset=edge-of-chaos');
    expect(encodePageQuery({ ...s, config: { ...s.config, depth: 12 } })).toBe(
      'v=1&preset=edge-of-chaos&depth=12',
    );
  });
});
