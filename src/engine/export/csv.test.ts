import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LayerStats, StatsRecord } from '../stats/types';
import { CSV_COLUMNS, csvNumber, csvText, recordsToCsv, runsToCsv } from './csv';

function layer(i: number, x: number): LayerStats {
  return {
    layer: i,
    act: { mean: x, std: 2 * x, min: -x, max: 3 * x, zeroFrac: 0.5, satFrac: 0.25 },
    pre: { mean: x / 2, std: x / 3 },
    grad: { std: 1e-9 * x, rms: 2e-9, weightGradNorm: 0.125 },
    weight: { std: 0.1, updateRatio: 1e-3 },
  };
}

function record(step: number, depth: number, extra: Partial<StatsRecord> = {}): StatsRecord {
  const layers = Array.from({ length: depth }, (_, i) => layer(i + 1, step + i + 0.1));
  return { step, loss: 1 / (step + 1), accuracy: 0.5, layers, ...extra };
}

/** A small RFC 4180 reader, so the tests check what a CSV consumer would actually see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

describe('recordsToCsv', () => {
  it('writes one row per record × layer with the documented columns', () => {
    const recs = [record(0, 3), record(1, 3, { test: { loss: 0.7, accuracy: 0.6 } })];
    const rows = parseCsv(recordsToCsv(recs));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows.length).toBe(1 + 2 * 3);
    for (const r of rows) expect(r.length).toBe(CSV_COLUMNS.length);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    // row for step 1, layer 2
    const r = rows[5];
    expect(Number(r[col('step')])).toBe(1);
    expect(Number(r[col('layer')])).toBe(2);
    expect(Number(r[col('act_std')])).toBe(recs[1].layers[1].act.std);
    expect(Number(r[col('grad_std')])).toBe(recs[1].layers[1].grad.std);
    expect(Number(r[col('test_loss')])).toBe(0.7);
    expect(rows[1][col('test_loss')]).toBe('');
  });

  it('writes non-finite numbers so pandas reads them as floats, and the first non-finite site', () => {
    const rec = record(3, 1, {
      loss: Number.POSITIVE_INFINITY,
      nonFinite: { step: 2, layer: 1, tensor: 'act' },
    });
    rec.layers[0].act.std = Number.NaN;
    rec.layers[0].act.min = Number.NEGATIVE_INFINITY;
    const rows = parseCsv(recordsToCsv([rec]));
    const get = (name: string) => rows[1][CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number])];
    expect(get('loss')).toBe('inf');
    expect(get('act_std')).toBe('NaN');
    expect(get('act_min')).toBe('-inf');
    expect([get('nonFinite_step'), get('nonFinite_layer'), get('nonFinite_tensor')]).toEqual([
      '2',
      '1',
      'act',
    ]);
  });

  it('round-trips every finite double exactly', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(csvNumber(x))).toBe(x);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('runsToCsv', () => {
  it('labels each run and quotes labels safely', () => {
    const csv = runsToCsv([
      { label: 'σ_w = 1', records: [record(0, 2)] },
      { label: '=HYPERLINK("x"),evil', records: [record(0, 2)] },
    ]);
    const rows = parseCsv(csv);
    expect(rows[0][0]).toBe('run');
    expect(rows.length).toBe(1 + 4);
    for (const r of rows) expect(r.length).toBe(CSV_COLUMNS.length + 1);
    expect(rows[1][0]).toBe('σ_w = 1');
    expect(rows[3][0]).toBe(`'=HYPERLINK("x"),evil`);
  });

  it('never lets a text field break the row structure', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const rows = parseCsv(`${csvText(s)}\n`);
        expect(rows.length).toBe(1);
        expect(rows[0].length).toBe(1);
        const cell = rows[0][0];
        expect(cell === s || cell === `'${s}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
