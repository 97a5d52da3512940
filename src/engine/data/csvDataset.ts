// A validated CSV table (csv.ts) → the Dataset both trainers take (name 'local'): rows shuffled once
// with a fixed Philox permutation (the same file always gives the same split, whatever the run's seed),
// CSV_TEST_FRACTION of them held out, and every split standardized with the TRAINING rows' statistics.
import type { CsvTable } from './csv';
import { CSV_TEST_FRACTION } from './csvLimits';
import { DATA_SLOT, dataUniform } from './random';
import { applyStandardization, featureStats, meanSquare } from './standardize';
import type { Dataset, Split } from './types';

/** Seed of the split's permutation: fixed, so a file's train/test split never changes between runs. */
const SPLIT_SEED = 0;

function permutation(n: number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(dataUniform(SPLIT_SEED, i, DATA_SLOT.csvSplit) * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

export function testRows(rows: number): number {
  return Math.max(1, Math.floor(rows * CSV_TEST_FRACTION + 0.5));
}

export function datasetFromTable(t: CsvTable): Dataset {
  const order = permutation(t.rows);
  const nTest = testRows(t.rows);
  const d = t.features;
  const take = (from: number, to: number): Split => {
    const n = to - from;
    const x = new Float32Array(n * d);
    const y = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const src = order[from + r];
      for (let j = 0; j < d; j++) x[r * d + j] = t.x[src * d + j];
      y[r] = t.y[src];
    }
    return { x, y, n };
  };
  const test = take(0, nTest);
  const train = take(nTest, t.rows);
  const norm = featureStats(train.x, train.n, d);
  applyStandardization(train.x, d, norm);
  applyStandardization(test.x, d, norm);
  return {
    name: 'local',
    inDim: d,
    classes: t.classNames.length,
    train,
    test,
    norm,
    inputMeanSq: meanSquare(train.x),
  };
}
