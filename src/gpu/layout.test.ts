// Pure parts of the GPU trainer: the memory layout, the non-finite order codes, the stats-block decoding,
// the float32 helpers that make kernels decide exactly like the float64 reference.
import { describe, expect, it } from 'vitest';
import { HIST_BINS } from '../engine/stats/histogramRange';
import { ALIGN, fold2d, type LayoutExtras, netLayout, OPT_ITEM } from './netLayout';
import { decodeNonFinite, NF_NONE, nfOrder, weightOrderConstants } from './nonFinite';
import { blockWords, decodeLayer, F, HEADER_WORDS, HIST_AT, LAYER_WORDS } from './statsLayout';
import { f32AtLeast, histBinF32, histConstants } from './stepKernels';
import { f32Literal, tanhOneAt, wgslConstants } from './wgsl';

describe('netLayout', () => {
  const dims = [2, 17, 17, 17, 3];
  for (const strategy of ['tiled', 'direct'] as const) {
    it(`${strategy}: tensors aligned, disjoint, in order; items cover every element once`, () => {
      const lay = netLayout(dims, 7, strategy);
      const spans = dims.slice(1).flatMap((out, i) => [
        [lay.wOff[i], out * dims[i]],
        [lay.bOff[i], out],
      ]);
      spans.sort((a, b) => a[0] - b[0]);
      for (const [off] of spans) expect(off % ALIGN).toBe(0);
      for (let i = 1; i < spans.length; i++)
        expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][0] + spans[i - 1][1]);
      expect(lay.paramElems).toBeGreaterThanOrEqual(spans.at(-1)![0] + spans.at(-1)![1]);
      expect(lay.actStride % ALIGN).toBe(0);
      expect(lay.actStride).toBeGreaterThanOrEqual(7 * 17);
      // Every parameter is in exactly one optimizer item; hidden layers' items are where layerItems says.
      const seen = new Int32Array(lay.paramElems);
      for (let k = 0; k < lay.itemCount; k++) {
        const [t, start, off, end] = lay.items.subarray(4 * k, 4 * k + 4);
        expect(t < lay.L + 1 ? lay.wOff[t] : lay.bOff[t - lay.L - 1]).toBe(off);
        for (let o = off + start; o < Math.min(off + start + OPT_ITEM[strategy], end); o++) seen[o]++;
      }
      for (const [off, len] of spans) for (let o = off; o < off + len; o++) expect(seen[o]).toBe(1);
      for (let l = 0; l < lay.L; l++) {
        const first = lay.layerItems[2 * l];
        expect(lay.items[4 * first]).toBe(l);
        expect(lay.layerItems[2 * l + 1]).toBe(Math.ceil((dims[l] * dims[l + 1]) / OPT_ITEM[strategy]));
      }
      expect(lay.statsChunks).toBeLessThanOrEqual(256);
      expect(lay.statsChunks * lay.statsPerChunk).toBeGreaterThanOrEqual(7 * 17);
    });
  }

  it('refuses hidden layers of different widths, folds large grids', () => {
    expect(() => netLayout([2, 8, 9, 3], 4)).toThrow(/width/);
    expect(fold2d(10)).toEqual([10, 1]);
    const [x, y] = fold2d(200_000);
    expect(x).toBeLessThanOrEqual(65535);
    expect(x * y).toBeGreaterThanOrEqual(200_000);
  });
});

describe('netLayout with normalization and residual blocks', () => {
  it('appends γ¹…γ^L, β¹…β^L, α²…α^L after W and b, and gives each its optimizer items', () => {
    const dims = [2, 8, 8, 8, 3];
    const plain = netLayout(dims, 4, 'direct');
    const lay = netLayout(dims, 4, 'direct', { norm: 'batch', residual: true, rezero: true });
    expect(lay.wOff).toEqual(plain.wOff);
    expect(lay.bOff).toEqual(plain.bOff);
    expect(lay.gammaOff).toEqual([0, 1, 2].map((i) => plain.paramElems + i * ALIGN));
    expect(lay.betaOff).toEqual([3, 4, 5].map((i) => plain.paramElems + i * ALIGN));
    expect(lay.alphaOff).toEqual([-1, plain.paramElems + 6 * ALIGN, plain.paramElems + 7 * ALIGN]);
    expect(lay.paramElems).toBe(plain.paramElems + 8 * ALIGN);
    // Items: W, b as before, then one per γ, β, α (small tensors), tensor ids continuing 2L+2, …
    expect(lay.itemCount).toBe(plain.itemCount + 8);
    const tail = Array.from(lay.items.slice(4 * plain.itemCount));
    expect(tail.filter((_, k) => k % 4 === 0)).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(tail.slice(0, 4)).toEqual([8, 0, lay.gammaOff[0], lay.gammaOff[0] + 8]);
    expect(tail.slice(28, 32)).toEqual([15, 0, lay.alphaOff[2], lay.alphaOff[2] + 1]);
    expect(Array.from(lay.layerItems)).toEqual(Array.from(plain.layerItems));
  });
});

describe('non-finite orders follow the CPU check order', () => {
  it('round-trips every tensor of a 3-hidden-layer net in the CPU order', () => {
    const L = 3;
    const o = nfOrder(L);
    type Entry = [number, { layer: number; tensor: string }];
    const entry = (order: number, layer: number, tensor: string): Entry => [order, { layer, tensor }];
    const expected: Entry[] = [
      ...[0, 1, 2].flatMap((i) => [
        entry(o.weight(i), i + 1, 'weight'),
        entry(o.pre(i), i + 1, 'pre'),
        entry(o.act(i), i + 1, 'act'),
      ]),
      entry(o.weight(L), 4, 'weight'),
      entry(o.output, 4, 'output'),
      entry(o.loss, 0, 'loss'),
      ...[3, 2, 1, 0].map((i) => entry(o.grad(i), i + 1, 'grad')),
    ];
    expected.forEach(([order, want], k) => {
      expect(order).toBe(k); // strictly increasing in the CPU's order
      expect(decodeNonFinite(order, L, 7)).toEqual({ step: 7, ...want });
    });
    expect(decodeNonFinite(NF_NONE, L, 7)).toBeNull();
  });
});

describe('non-finite orders with normalization and residual blocks (docs/LAYERS.md)', () => {
  const L = 3;
  const variants: LayoutExtras[] = [
    { norm: 'batch', residual: false, rezero: false },
    { norm: null, residual: true, rezero: true },
    { norm: 'layer', residual: true, rezero: false },
  ];
  for (const ext of variants)
    it(`follows the documented order (${ext.norm ?? 'no norm'}, ${ext.residual ? 'res' : 'plain'})`, () => {
      const norm = ext.norm !== null ? ['norm'] : [];
      const want: { layer: number; tensor: string }[] = [];
      for (let l = 1; l <= L; l++) {
        const ts =
          ext.residual && l >= 2
            ? [...norm, 'act', 'weight', 'pre', 'stream']
            : ['weight', 'pre', ...norm, 'act'];
        for (const tensor of ts) want.push({ layer: l, tensor });
      }
      want.push({ layer: 4, tensor: 'weight' }, { layer: 4, tensor: 'output' }, { layer: 0, tensor: 'loss' });
      want.push({ layer: 4, tensor: 'grad' });
      for (let l = L; l >= 1; l--) {
        if (ext.residual) want.push({ layer: l, tensor: 'stream' });
        want.push({ layer: l, tensor: 'grad' });
      }
      want.forEach((w, order) => {
        expect(decodeNonFinite(order, L, 2, ext)).toEqual({ step: 2, ...w });
      });
      const o = nfOrder(L, ext);
      if (ext.residual) {
        expect(decodeNonFinite(o.stream(1), L, 0, ext)).toEqual({ step: 0, layer: 2, tensor: 'stream' });
        expect(decodeNonFinite(o.streamGrad(0), L, 0, ext)).toEqual({ step: 0, layer: 1, tensor: 'stream' });
      }
      // optimizer_update.wgsl's weight_order, written out, posts each W's own order.
      const { P, R, WPOS } = weightOrderConstants(ext);
      for (let t = 0; t <= L; t++) {
        const wgsl = !ext.residual || t === 0 ? P * t : P + (t - 1) * R + (t === L ? 0 : WPOS);
        expect(wgsl).toBe(o.weight(t));
      }
    });
});

describe('stats block decoding', () => {
  it('turns raw moments into the CPU definitions', () => {
    const words = blockWords(2);
    expect(LAYER_WORDS).toBeGreaterThanOrEqual(HIST_AT + HIST_BINS + 2);
    const buf = new ArrayBuffer(words * 4);
    const f32 = new Float32Array(buf);
    const u32 = new Uint32Array(buf);
    const o = HEADER_WORDS + LAYER_WORDS; // layer index 1
    const n = 8;
    f32[o + F.hMean] = 0.5;
    f32[o + F.hM2] = 2; // var 0.25
    u32[o + F.zeros] = 2;
    f32[o + F.dMean] = 3;
    f32[o + F.dM2] = 8; // var 1, Σδ² = 8 + 8·9 = 80 → rms √10
    f32[o + F.wM2] = 4; // nW = 4 → std 1
    f32[o + F.wSq] = 16;
    f32[o + F.dwSq] = 4;
    f32[o + F.gSq] = 9;
    u32[o + HIST_AT + 3] = 5;
    u32[o + HIST_AT + HIST_BINS + 1] = 1;
    const s = decodeLayer({ u32, f32, at: 0 }, 1, n, 4, { lo: -1, hi: 1 });
    expect(s.layer).toBe(2);
    expect(s.act.std).toBeCloseTo(0.5, 12);
    expect(s.act.zeroFrac).toBe(0.25);
    expect(s.grad.std).toBeCloseTo(1, 12);
    expect(s.grad.rms).toBeCloseTo(Math.sqrt(10), 6);
    expect(s.grad.weightGradNorm).toBe(3);
    expect(s.weight).toEqual({ std: 1, updateRatio: 0.5 });
    expect(s.act.hist?.counts[3]).toBe(5);
    expect(s.act.hist?.over).toBe(1);
  });
});

describe('float32 helpers', () => {
  it('f32Literal round-trips float32 values; wgslConstants types them', () => {
    for (const x of [0.1, 1 / 3, 1e-8, 3.4e38, -2.5, 0.01])
      expect(Math.fround(Number.parseFloat(f32Literal(x)))).toBe(Math.fround(x));
    expect(wgslConstants({ A: { u32: 3 }, B: { bool: true }, C: { f32: 0.5 } })).toBe(
      'const A: u32 = 3u;\nconst B: bool = true;\nconst C: f32 = 0.500000000f;\n',
    );
    expect(() => f32Literal(Number.POSITIVE_INFINITY)).toThrow();
  });

  it('f32AtLeast: for every float32 g, g < result ⇔ g < x', () => {
    for (const x of [0.05, 0.0125, 0.0879049986, 1 / 3, -0.1]) {
      const t = f32AtLeast(x);
      expect(t).toBeGreaterThanOrEqual(x);
      const below = new Float32Array([t]);
      new Uint32Array(below.buffer)[0] += t > 0 ? -1 : 1;
      expect(below[0]).toBeLessThan(x);
    }
  });

  it('hist_bin reproduces the float64 bin formula exactly, at bin edges and next to 0', () => {
    for (const act of ['relu', 'tanh', 'gelu', 'sigmoid'] as const) {
      const hc = histConstants(act);
      expect(hc.snap).toBe(true);
      const values = [-3.99, -1e-30, -1e-17, -2.3e-16, -1e-8, 0, 1e-9, 0.2, 0.45, 0.999, 2.5, 3.9999998];
      // Every bin edge and its float32 neighbours: where a float32 product h·scale would round wrongly.
      for (let b = 0; b <= HIST_BINS; b++) {
        const edge = Math.fround(hc.lo + b / hc.scale);
        const u = new Float32Array([edge]);
        const w = new Uint32Array(u.buffer);
        for (const d of [-2, -1, 0, 1, 2]) {
          const v = new Float32Array(1);
          new Uint32Array(v.buffer)[0] = w[0] + d;
          values.push(v[0]);
        }
      }
      for (const v0 of values) {
        const v = Math.fround(v0);
        if (!(v >= hc.lo && v <= hc.hi)) continue;
        const want = Math.floor((v - hc.lo) * hc.scale);
        expect(histBinF32(v, hc), `${act} ${v}`).toBe(want);
      }
    }
  });

  it('tanhOneAt is where Math.tanh saturates', () => {
    const t = tanhOneAt();
    expect(Math.tanh(t)).toBe(1);
    const below = new Float32Array([t]);
    new Uint32Array(below.buffer)[0] -= 1;
    expect(Math.tanh(below[0])).toBeLessThan(1);
  });
});
