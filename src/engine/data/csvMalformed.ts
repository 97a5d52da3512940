// Twenty malformed CSV files and the start of the message each must get: shared by the unit test of the
// reader (csv.test.ts) and the page's end-to-end test, so both check the same cases.
import { CSV_LIMITS } from './csvLimits';

const good = (rows: number, f = (i: number) => `${i},${i * 2},${i % 3}`) =>
  Array.from({ length: rows }, (_, i) => f(i)).join('\n');

export const MALFORMED_CSVS: readonly { name: string; text: string; error: RegExp }[] = [
  { name: 'empty file', text: '', error: /empty/ },
  { name: 'blank lines only', text: '\n\n  \n', error: /empty/ },
  { name: 'header only', text: 'a,b,label\n', error: /header but no data rows/ },
  { name: 'one column', text: good(20, (i) => `${i}`), error: /at least two cells/ },
  {
    name: 'a word among the features',
    text: `a,b,label\n${good(12)}\n1,abc,0`,
    error: /Row 14, column "b": "abc" is not a number/,
  },
  {
    name: 'decimal comma',
    text: `a;b;label\n${good(12, (i) => `${i},5;${i};${i % 2}`)}`,
    error: /"0,5" is not a number/,
  },
  { name: 'empty feature cell', text: `a,b,label\n${good(12)}\n1,,0`, error: /column "b" is empty/ },
  { name: 'missing label', text: `a,b,label\n${good(12)}\n1,2,`, error: /has no label/ },
  { name: 'short row', text: `a,b,label\n${good(12)}\n1,2`, error: /Row 14 has 2 cells; the header has 3/ },
  { name: 'long row', text: `${good(12)}\n1,2,3,4`, error: /Row 13 has 4 cells; the first row has 3/ },
  {
    name: 'NaN and Infinity',
    text: `a,b,label\n${good(12)}\nNaN,Infinity,1`,
    error: /"NaN" is not a number/,
  },
  { name: 'number too large', text: `a,b,label\n${good(12)}\n1e999,1,1`, error: /"1e999" is not a number/ },
  { name: 'hex number', text: `a,b,label\n${good(12)}\n0x10,1,1`, error: /"0x10" is not a number/ },
  {
    name: 'one class only',
    text: `a,b,label\n${good(20, (i) => `${i},${i},cat`)}`,
    error: /one class only \("cat"\)/,
  },
  {
    name: 'too few rows',
    text: 'a,b,label\n1,2,0\n2,3,1\n3,4,0',
    error: /3 data rows; InitScope needs at least 10/,
  },
  {
    name: 'too many rows',
    text: good(CSV_LIMITS.maxRows + 1),
    error: /20,001 data rows; InitScope takes at most 20,000/,
  },
  {
    name: 'too many columns',
    text: good(
      12,
      (i) => `${Array.from({ length: CSV_LIMITS.maxFeatures + 1 }, (_, j) => i + j).join(',')},${i % 2}`,
    ),
    error: /257 feature columns; InitScope takes at most 256/,
  },
  {
    name: 'too many classes',
    text: good(60, (i) => `${i},${i},${i}`),
    error: /60 different values; InitScope takes at most 32 classes/,
  },
  {
    name: 'unclosed quote',
    text: `a,b,label\n${good(12)}\n"1,2,0\n3,4,1`,
    error: /quoted cell is never closed/,
  },
  { name: 'binary file', text: `PK\u0003\u0004\u0000\u0000garbage,1,2`, error: /not a text file/ },
];

/** A label chosen by a name that is not there. */
export const UNKNOWN_LABEL = {
  text: `a,b,label\n${good(12)}`,
  label: 'species',
  error: /no column "species"/,
};
