import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFIG_VERSION, DEFAULT_CONFIG, type RunConfig } from '../config';
import { arbitraryRunConfig } from './arbitrary';
import {
  decodeConfig,
  encodeConfig,
  isActiveSetting,
  isValidConfig,
  normalizeConfig,
  PAGE_KEYS,
} from './codec';
import { CONFIG_KEYS } from './schema';

const decode = (q: string) => decodeConfig(q);

describe('decodeConfig', () => {
  it('reads readable keys, with or without "?", or from a full URL', () => {
    const expected = { ...DEFAULT_CONFIG, depth: 50, act: 'tanh', init: 'kaiming_uniform', gain: 1.5 };
    for (const q of [
      'depth=50&act=tanh&init=kaiming_uniform&gain=1.5',
      '?depth=50&act=tanh&init=kaiming_uniform&gain=1.5',
      'https://example.org/app/?v=1&depth=50&act=tanh&init=kaiming_uniform&gain=1.5#panel',
    ]) {
      expect(decode(q)).toEqual({ config: expected, notices: [] });
    }
  });

  it('gives the defaults for an empty query', () => {
    expect(decode('')).toEqual({ config: { ...DEFAULT_CONFIG }, notices: [] });
    expect(decode('?')).toEqual({ config: { ...DEFAULT_CONFIG }, notices: [] });
    expect(decode('https://example.org/')).toEqual({ config: { ...DEFAULT_CONFIG }, notices: [] });
  });

  it('clamps out-of-range numbers with a notice', () => {
    const r = decode('depth=9999&width=1&lr=0');
    expect(r.config.depth).toBe(500);
    expect(r.config.width).toBe(2);
    expect(r.config.lr).toBe(1e-6);
    expect(r.notices).toEqual([
      'depth=9999 is above the maximum 500; using 500.',
      'width=1 is below the minimum 2; using 2.',
      'lr=0 is below the minimum 0.000001; using 0.000001.',
    ]);
  });

  it('rounds integers with a notice, and accepts exponent notation', () => {
    const r = decode('depth=3.6&seed=1e3&lr=2.5e-3');
    expect(r.config.depth).toBe(4);
    expect(r.config.seed).toBe(1000);
    expect(r.config.lr).toBe(0.0025);
    expect(r.notices).toEqual(['depth=3.6 is not a whole number; using 4.']);
  });

  it.each([
    ['depth=abc', 'depth=abc is not a number; using the default 20.'],
    ['depth=', 'depth has no value; using the default 20.'],
    ['depth', 'depth has no value; using the default 20.'],
    ['depth=NaN', 'depth=NaN is not a number; using the default 20.'],
    ['depth=Infinity', 'depth=Infinity is not a number; using the default 20.'],
    ['depth=0x10', 'depth=0x10 is not a number; using the default 20.'],
    ['depth=1e309', 'depth=1e309 is too large to be a number; using the default 20.'],
    ['depth=1_000', 'depth=1_000 is not a number; using the default 20.'],
  ])('rejects %s with a notice', (q, notice) => {
    const r = decode(q);
    expect(r.config.depth).toBe(20);
    expect(r.notices).toEqual([notice]);
  });

  it('reads -0 as 0', () => {
    const r = decode('value=-0&in=-0');
    expect(Object.is(r.config.value, 0)).toBe(true);
    expect(Object.is(r.config.in, 0)).toBe(true);
    expect(r.notices).toEqual([]);
  });

  it('replaces unknown enum values by the default, naming the choices when they fit', () => {
    const r = decode('act=swish&init=he');
    expect(r.config.act).toBe('relu');
    expect(r.config.init).toBe('xavier_normal');
    expect(r.notices[0]).toBe(
      'act=swish is not a known activation (relu, leaky_relu, tanh, sigmoid, silu, gelu, selu, linear); using the default relu.',
    );
    expect(r.notices[1]).toBe('init=he is not a known initializer; using the default xavier_normal.');
  });

  it('reads words case-insensitively with - or space for _', () => {
    expect(decode('act=Leaky-ReLU&init=KAIMING+NORMAL&mode=fan-out').config).toMatchObject({
      act: 'leaky_relu',
      init: 'kaiming_normal',
      mode: 'fan_out',
    });
  });

  it('reads gain=auto|number and bias=auto|zeros|torch|number', () => {
    expect(decode('gain=auto').config.gain).toBe('auto');
    expect(decode('gain=2.5').config.gain).toBe(2.5);
    expect(decode('gain=big').notices).toEqual([
      'gain=big is neither auto nor a number; using the default auto.',
    ]);
    expect(decode('gain=1000').config.gain).toBe(100);
    for (const word of ['auto', 'zeros', 'torch', 'normal'] as const)
      expect(decode(`bias=${word}`).config.bias).toBe(word);
    expect(decode('bias=-0.5').config.bias).toBe(-0.5);
    expect(decode('bias=0').config.bias).toBe(0);
    expect(decode('bias=nope').notices).toEqual([
      'bias=nope is not auto, zeros, torch, normal or a number; using the default auto.',
    ]);
    expect(decode('bias=-1000').config.bias).toBe(-100);
  });

  it('reads bstd: alone it implies bias=normal; with another bias it is kept but inactive', () => {
    expect(decode('bstd=0.3')).toEqual({
      config: { ...DEFAULT_CONFIG, bias: 'normal', bstd: 0.3 },
      notices: [],
    });
    expect(decode('bias=zeros&bstd=0.3').config).toMatchObject({ bias: 'zeros', bstd: 0.3 });
    expect(isActiveSetting({ ...DEFAULT_CONFIG, bias: 'zeros' }, 'bstd')).toBe(false);
    expect(isActiveSetting({ ...DEFAULT_CONFIG, bias: 'normal' }, 'bstd')).toBe(true);
    expect(decode('bstd=-1').notices).toEqual(['bstd=-1 is below the minimum 0; using 0.']);
    const c = { ...DEFAULT_CONFIG, bias: 'normal' as const, bstd: 0.5 };
    expect(encodeConfig(c)).toBe('v=1&bias=normal&bstd=0.5');
    expect(decode(encodeConfig(c)).config).toEqual(c);
  });

  it('lets the last duplicate win, without a notice for the overridden one', () => {
    expect(decode('depth=abc&depth=7')).toEqual({ config: { ...DEFAULT_CONFIG, depth: 7 }, notices: [] });
    expect(decode('depth=7&depth=8').config.depth).toBe(8);
  });

  it('ignores page keys silently and reports unknown keys', () => {
    const pageQuery = PAGE_KEYS.map((k) => `${k}=x`).join('&');
    expect(decode(pageQuery)).toEqual({ config: { ...DEFAULT_CONFIG }, notices: [] });
    expect(decode('foo=1').notices).toEqual(['Unknown setting "foo" was ignored.']);
  });

  it('decodes percent escapes and + as space, and survives broken escapes', () => {
    expect(decode('act=%74anh').config.act).toBe('tanh');
    expect(decode('act=leaky+relu').config.act).toBe('leaky_relu');
    const broken = decode('depth=5%&act=%E2%82%AC%&%zz=1');
    expect(broken.config.depth).toBe(20);
    expect(broken.notices).toEqual([
      'depth=5% is not a number; using the default 20.',
      'act=€% is not a known activation (relu, leaky_relu, tanh, sigmoid, silu, gelu, selu, linear); using the default relu.',
      'Unknown setting "%zz" was ignored.',
    ]);
  });

  it('is harmless with prototype-pollution keys', () => {
    const r = decode('__proto__=1&constructor=2&__proto__[polluted]=3&toString=4&hasOwnProperty=5');
    expect(isValidConfig(r.config)).toBe(true);
    expect(Object.getPrototypeOf(r.config)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.notices).toHaveLength(5);
    expect(r.notices[0]).toBe('Unknown setting "__proto__" was ignored.');
  });

  it('keeps notices plain, printable and short', () => {
    const r = decode(
      `act=%3Cscript%3Ealert(1)%3C%2Fscript%3E%00%1B%E2%80%AE${'x'.repeat(100)}&${'k'.repeat(300)}=1`,
    );
    expect(r.notices[0]).toContain('act=<script>alert(1)</script>xx');
    for (const n of r.notices) {
      expect(n.length).toBeLessThanOrEqual(200);
      expect(n).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
    // The quoted value is cut to 40 characters.
    expect(r.notices[0]).toMatch(/^act=.{39}… is not/u);
  });

  it('caps the input length with a notice and drops the pair the cut went through', () => {
    const q = `depth=7&${'noise=0.5&'.repeat(1000)}seed=123456`;
    const r = decode(q);
    expect(r.config.depth).toBe(7);
    expect(r.config.seed).toBe(1);
    expect(r.notices[0]).toBe(
      `The link is too long (${q.length} characters); only its first 8192 were read.`,
    );
  });

  it('bounds the number of notices', () => {
    const r = decode(Array.from({ length: 50 }, (_, i) => `k${i}=1`).join('&'));
    expect(r.notices).toHaveLength(13);
    expect(r.notices[12]).toBe('…and 38 more problems in these settings were corrected or ignored.');
  });

  describe('versions', () => {
    it('accepts the current version and reads a missing v as current', () => {
      expect(decode(`v=${CONFIG_VERSION}&depth=3`).notices).toEqual([]);
      expect(decode('depth=3').notices).toEqual([]);
    });

    it('reports an invalid v', () => {
      for (const v of ['abc', '0', '1.5', '-1', '']) {
        const r = decode(`v=${v}&depth=3`);
        expect(r.config.depth).toBe(3);
        expect(r.notices).toHaveLength(1);
        expect(r.notices[0]).toMatch(/is not a valid link version; reading the link as version 1\.$/);
      }
    });

    it('says when a link comes from a newer version, folding its unknown keys into one notice', () => {
      const r = decode(`v=${CONFIG_VERSION + 1}&depth=3&warp=9&skip=res`);
      expect(r.config.depth).toBe(3);
      expect(r.notices).toEqual([
        `This link comes from a newer version of InitScope (v${CONFIG_VERSION + 1}); settings this version does not know were ignored (warp, skip).`,
      ]);
    });
  });
});

describe('encodeConfig', () => {
  it('writes only the version for the defaults', () => {
    expect(encodeConfig({ ...DEFAULT_CONFIG })).toBe(`v=${CONFIG_VERSION}`);
  });

  it('writes non-default values in a stable order with shortest numbers', () => {
    const c: RunConfig = {
      ...DEFAULT_CONFIG,
      seed: 42,
      depth: 50,
      lr: 0.001,
      gain: 1.5,
      bias: 'torch',
      act: 'tanh',
    };
    expect(encodeConfig(c)).toBe('v=1&depth=50&act=tanh&gain=1.5&bias=torch&lr=0.001&seed=42');
    expect(encodeConfig({ ...DEFAULT_CONFIG, lr: 1e-6, value: 1 / 3 })).toBe(
      'v=1&value=0.3333333333333333&lr=0.000001',
    );
  });

  it('can leave out settings the run does not use', () => {
    const c: RunConfig = {
      ...DEFAULT_CONFIG,
      init: 'kaiming_normal',
      std: 0.5,
      mode: 'fan_out',
      slope: 0.2,
      momentum: 0.5,
      opt: 'adam',
    };
    expect(encodeConfig(c)).toBe(
      'v=1&slope=0.2&init=kaiming_normal&mode=fan_out&std=0.5&opt=adam&momentum=0.5',
    );
    expect(encodeConfig(c, { onlyActive: true })).toBe('v=1&init=kaiming_normal&mode=fan_out&opt=adam');
    expect(isActiveSetting({ ...DEFAULT_CONFIG, data: 'probe' }, 'in')).toBe(true);
    expect(isActiveSetting({ ...DEFAULT_CONFIG, data: 'probe' }, 'noise')).toBe(false);
  });

  it('encodes an invalid config as its normalised form', () => {
    const bad = { ...DEFAULT_CONFIG, depth: 1e6, act: 'nope' } as unknown as RunConfig;
    expect(encodeConfig(bad)).toBe('v=1&depth=500');
  });

  it('round-trips every valid config exactly, without notices (property)', () => {
    fc.assert(
      fc.property(arbitraryRunConfig(), (c) => {
        expect(isValidConfig(c)).toBe(true);
        const link = encodeConfig(c);
        const back = decodeConfig(link);
        expect(back.notices).toEqual([]);
        expect(back.config).toEqual(c);
        // Also through a full URL with '?'.
        expect(decodeConfig(`https://example.org/x/?${link}`).config).toEqual(c);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizeConfig / isValidConfig', () => {
  it('fills defaults and validates values from objects', () => {
    const r = normalizeConfig({ depth: 1000, act: 'tanh', lr: '0.01', seed: 2.5, gain: Number.NaN });
    expect(r.config).toEqual({ ...DEFAULT_CONFIG, depth: 500, act: 'tanh', lr: 0.01, seed: 3, gain: 'auto' });
    expect(r.notices).toEqual([
      'depth=1000 is above the maximum 500; using 500.',
      'seed=2.5 is not a whole number; using 3.',
      'gain=NaN is neither auto nor a number; using the default auto.',
    ]);
  });

  it('rejects wrong types and unknown keys, ignores undefined, v and page keys', () => {
    const r = normalizeConfig({
      depth: true,
      width: { n: 3 },
      act: undefined,
      foo: 1,
      v: 1,
      preset: 'x',
    } as never);
    expect(r.config).toEqual({ ...DEFAULT_CONFIG });
    expect(r.notices).toEqual([
      'depth must be a number, not true; using the default 20.',
      'width must be a number, not (an object); using the default 64.',
      'Unknown setting "foo" was ignored.',
    ]);
  });

  it('is harmless with JSON prototype-pollution objects and hostile getters', () => {
    const polluted = JSON.parse(
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}, "depth": 3}',
    );
    const r = normalizeConfig(polluted);
    expect(r.config.depth).toBe(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(isValidConfig(r.config)).toBe(true);
    const hostile = Object.defineProperty({}, 'depth', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(normalizeConfig(hostile).config).toEqual({ ...DEFAULT_CONFIG });
    expect(normalizeConfig(null).config).toEqual({ ...DEFAULT_CONFIG });
    expect(normalizeConfig('depth=3' as never).notices).toHaveLength(1);
  });

  it('isValidConfig accepts exactly canonical complete configs', () => {
    expect(isValidConfig({ ...DEFAULT_CONFIG })).toBe(true);
    expect(isValidConfig({ ...DEFAULT_CONFIG, depth: 2.5 })).toBe(false);
    expect(isValidConfig({ ...DEFAULT_CONFIG, depth: 501 })).toBe(false);
    expect(isValidConfig({ ...DEFAULT_CONFIG, value: -0 })).toBe(false);
    expect(isValidConfig({ ...DEFAULT_CONFIG, act: 'swish' })).toBe(false);
    expect(isValidConfig({ ...DEFAULT_CONFIG, extra: 1 })).toBe(false);
    const { seed: _seed, ...missing } = DEFAULT_CONFIG;
    expect(isValidConfig(missing)).toBe(false);
    expect(isValidConfig(null)).toBe(false);
  });

  it('describes every RunConfig field, in the order of DEFAULT_CONFIG', () => {
    expect([...CONFIG_KEYS]).toEqual(Object.keys(DEFAULT_CONFIG));
  });
});
