import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv';
import { datasetFromTable, testRows } from './csvDataset';
import { MALFORMED_CSVS, UNKNOWN_LABEL } from './csvMalformed';
import { NO_LOCAL_DATA, localDataset, setLocalDataset } from './local';
import { datasetShape, loadDataset } from './index';

const IRIS_LIKE = `sepal_length,sepal_width,petal_length,petal_width,species
5.1,3.5,1.4,0.2,setosa
4.9,3.0,1.4,0.2,setosa
4.7,3.2,1.3,0.2,setosa
7.0,3.2,4.7,1.4,versicolor
6.4,3.2,4.5,1.5,versicolor
6.9,3.1,4.9,1.5,versicolor
6.3,3.3,6.0,2.5,virginica
5.8,2.7,5.1,1.9,virginica
7.1,3.0,5.9,2.1,virginica
6.5,3.0,5.8,2.2,virginica
`;

describe('parseCsv', () => {
  it('reads a header, numeric features and a word label in the last column', () => {
    const r = parseCsv(IRIS_LIKE);
    if (!r.ok) throw new Error(r.error);
    expect(r.table.header).toBe(true);
    expect(r.table.columns).toEqual([
      'sepal_length',
      'sepal_width',
      'petal_length',
      'petal_width',
      'species',
    ]);
    expect([r.table.rows, r.table.features, r.table.labelColumn]).toEqual([10, 4, 4]);
    expect(r.table.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(r.table.y)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 2]);
    expect(Array.from(r.table.x.slice(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
  });

  it('takes a label column by name or number, without a header, with ; tab, quotes, CRLF and a BOM', () => {
    // sepal_width as the label leaves species (words) among the features: refused with its row and column.
    const r = parseCsv(IRIS_LIKE, { label: 'sepal_width' });
    expect(r.ok ? '' : r.error).toMatch(/Row 2, column "species": "setosa" is not a number/);
    const byName = parseCsv(
      IRIS_LIKE.replace(/setosa/g, '0')
        .replace(/versicolor/g, '1')
        .replace(/virginica/g, '2'),
      {
        label: 'petal_width',
      },
    );
    if (!byName.ok) throw new Error(byName.error);
    expect([byName.table.labelColumn, byName.table.classNames.length]).toEqual([3, 7]); // 0.2, 1.4, 1.5, 1.9, 2.1, 2.2, 2.5
    const noHeader = Array.from({ length: 12 }, (_, i) => `${i % 2}\t${i}\t${i * 0.5}`).join('\r\n');
    const t = parseCsv(`\ufeff${noHeader}`, { label: '1' });
    if (!t.ok) throw new Error(t.error);
    expect(t.table.header).toBe(false);
    expect(t.table.columns).toEqual(['column 1', 'column 2', 'column 3']);
    expect(t.table.classNames).toEqual(['0', '1']);
    expect(Array.from(t.table.x.slice(0, 4))).toEqual([0, 0, 1, 0.5]);
    const quoted = parseCsv(
      `"x";"y";"class"\n${Array.from({ length: 10 }, (_, i) => `"${i}";${-i};"c ${i % 3}"`).join('\n')}`,
    );
    if (!quoted.ok) throw new Error(quoted.error);
    expect(quoted.table.classNames).toEqual(['c 0', 'c 1', 'c 2']);
  });

  it('sorts numeric labels as numbers', () => {
    const r = parseCsv(Array.from({ length: 12 }, (_, i) => `${i},${[10, 9, 2][i % 3]}`).join('\n'));
    if (!r.ok) throw new Error(r.error);
    expect(r.table.classNames).toEqual(['2', '9', '10']);
  });

  it.each(MALFORMED_CSVS)('$name gets a clear message', ({ text, error }) => {
    const r = parseCsv(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(error);
      expect(r.error.length).toBeLessThan(240);
    }
  });

  it('an unknown label name lists the columns', () => {
    const r = parseCsv(UNKNOWN_LABEL.text, { label: UNKNOWN_LABEL.label });
    expect(r.ok ? '' : r.error).toMatch(UNKNOWN_LABEL.error);
    expect(r.ok ? '' : r.error).toContain('columns: a, b, label');
  });

  it('quotes at most 30 characters of a bad cell', () => {
    const r = parseCsv(`a,b,label\n${'1,2,0\n'.repeat(12)}1,${'<img src=x onerror=alert(1)>'.repeat(5)},1`);
    expect(r.ok ? '' : r.error).toMatch(/"<img src=x onerror=alert\(1\)><…" is not a number/);
  });
});

describe('datasetFromTable', () => {
  const csv = `f1,f2,label\n${Array.from({ length: 500 }, (_, i) => `${i},${1000 + 3 * (i % 7)},${i % 3}`).join('\n')}`;
  const r = parseCsv(csv);
  if (!r.ok) throw new Error(r.error);
  const ds = datasetFromTable(r.table);

  it('holds out 20 % and standardizes both splits with the training statistics', () => {
    expect([ds.name, ds.inDim, ds.classes, ds.train.n, ds.test.n]).toEqual(['local', 2, 3, 400, 100]);
    expect(testRows(7)).toBe(1);
    for (let j = 0; j < 2; j++) {
      let m = 0;
      let s = 0;
      for (let i = 0; i < ds.train.n; i++) m += ds.train.x[2 * i + j] / ds.train.n;
      for (let i = 0; i < ds.train.n; i++) s += (ds.train.x[2 * i + j] - m) ** 2 / ds.train.n;
      expect(m).toBeCloseTo(0, 5);
      expect(s).toBeCloseTo(1, 4);
    }
    // The test rows use the training mean and std: raw = x·std + mean recovers the file's values.
    const raw = ds.test.x[0] * ds.norm.std[0] + ds.norm.mean[0];
    expect(Math.abs(raw - Math.round(raw))).toBeLessThan(1e-3);
  });

  it('splits every row exactly once, the same way every time', () => {
    const seen = [...ds.train.x.filter((_, e) => e % 2 === 0), ...ds.test.x.filter((_, e) => e % 2 === 0)]
      .map((v) => Math.round(v * ds.norm.std[0] + ds.norm.mean[0]))
      .sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(datasetFromTable(r.table).test.x).toEqual(ds.test.x);
  });

  it('is what data=local loads once held, and a clear error before', async () => {
    setLocalDataset(null);
    expect(() => datasetShape({ data: 'local', in: 0, width: 8 })).toThrow(NO_LOCAL_DATA);
    setLocalDataset(ds);
    try {
      expect(datasetShape({ data: 'local', in: 0, width: 8 })).toEqual({
        inDim: 2,
        classes: 3,
        nTrain: 400,
        nTest: 100,
      });
      const loaded = await loadDataset({ data: 'local', seed: 1, noise: 0, in: 0, width: 8 });
      expect(loaded).toBe(localDataset());
    } finally {
      setLocalDataset(null);
    }
  });
});
