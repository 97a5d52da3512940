import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { LAB_TARGET, toLabRow, toLabTable } from './labReport';
import { DEFAULT_LAB, type LabRun } from './protocol';

const run: LabRun = {
  config: 'width=8',
  sw2: [1, 2, 3],
  depth: [2, 4],
  steps: 50,
  rows: 1000,
  adapter: 'test adapter',
  // Round 2 is slow on both sides (a busy machine): the paired ratio ignores that drift.
  batchedMs: [1000, 3000, 1000],
  sequentialMs: [6000, 18000, 5000],
  batchedSetupMs: [100, 100, 100],
  sequentialSetupMs: [1000, 1000, 1000],
  batchedDispatchesPerStep: 17,
  sequentialDispatchesPerStep: 66,
  maxLoss0Diff: 2e-7,
  lossWithin: 5,
};

describe('bench lab row', () => {
  it('takes the median of per-round paired ratios, with and without setup', () => {
    const row = toLabRow(run);
    expect(row.speedup).toBe(6);
    expect(row.speedup_without_setup).toBeCloseTo(5000 / 900, 10); // rounds: 5000/900, 17000/2900, 4000/900;
    expect(row.cells).toBe(6);
    expect(row.met).toBe(row.speedup >= LAB_TARGET);
    expect(toLabRow({ ...run, sequentialMs: [3000, 3000, 3000] }).met).toBe(false);
    const table = toLabTable(row);
    expect(table).toContain('| 6.00 |');
    expect(table).toContain('17 · 66');
    expect(table).toMatch(/batched ×6\.00 met/);
    expect(table).toContain('within 1e-3 in 5 of 6 cells');
  });

  it('says why when the lab could not be measured', () => {
    const row = toLabRow({ ...run, batchedMs: [], sequentialMs: [], error: 'no adapter' });
    expect(row.met).toBe(false);
    expect(toLabTable(row)).toContain('not measured (no adapter)');
  });

  it('runs by default, can be skipped or run alone', () => {
    expect(parseArgs([]).lab).toEqual(DEFAULT_LAB);
    expect(parseArgs(['--no-lab']).lab).toBeNull();
    const only = parseArgs(['--lab-only', '--lab-rounds', '2', '--lab-steps', '20']);
    expect(only.configs).toEqual([]);
    expect(only.lab).toMatchObject({ rounds: 2, steps: 20 });
    expect(() => parseArgs(['--lab-only', '--no-lab'])).toThrow(/contradict/);
    expect(parseArgs(['--lab-config', '?width=32']).lab?.config).toBe('width=32');
  });
});
