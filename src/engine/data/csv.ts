// A user's CSV file → a validated table of numeric features and class labels. Parsing is papaparse's
// (quotes, escaped quotes, CRLF, and the delimiter detected among , ; tab |); the rules are ours: numeric
// feature columns in plain decimal notation, one label column (chosen by name, else the last), an
// optional header (a first row with words where the next row has numbers), and the limits of csvLimits.
// Every failure is one plain-English sentence naming the row and column; nothing here throws.
import Papa from 'papaparse';
import { CSV_LIMITS } from './csvLimits';

export interface CsvOptions {
  /** Label column: a header name, or a 1-based column number as text ("3"); default the last column. */
  label?: string;
}

export interface CsvTable {
  /** Column names: the header's, or "column 1", "column 2", … without one. */
  columns: string[];
  header: boolean;
  /** Index of the label column in `columns`. */
  labelColumn: number;
  /** Row-major [rows, features], as read. */
  x: Float64Array;
  rows: number;
  features: number;
  /** Class index per row, into classNames. */
  y: Int32Array;
  /** Distinct labels, sorted (numerically when they are all numbers). */
  classNames: string[];
}

export type CsvResult = { ok: true; table: CsvTable } | { ok: false; error: string };

/** At least this many data rows: a held-out split of 20 % needs a few, and two classes at least. */
export const CSV_MIN_ROWS = 10;

// Plain decimal numbers only, as in links: no hex, no "NaN"/"Infinity", no thousands separators.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

const isNumber = (cell: string) => DECIMAL.test(cell.trim()) && Number.isFinite(Number(cell.trim()));

/** A cell quoted in a message: at most 30 characters, as plain text (the page renders it as text). */
function show(cell: string): string {
  const t = cell.trim();
  return `"${t.length > 30 ? `${t.slice(0, 29)}…` : t}"`;
}

const fail = (error: string): CsvResult => ({ ok: false, error });
const count = (n: number) => n.toLocaleString('en-US');

function parseRows(text: string): { rows: string[][] } | { error: string } {
  if (text.includes('\u0000'))
    return { error: 'This is not a text file (it contains binary data); choose a .csv file.' };
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  // Quote errors make the rest of the file unreliable; a guessed delimiter (one column) is checked below.
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad) return { error: `Row ${(bad.row ?? 0) + 1}: a quoted cell is never closed (${bad.message}).` };
  return { rows: parsed.data };
}

function detectHeader(rows: string[][]): boolean {
  const [first, second] = rows;
  if (first.every((c) => !isNumber(c))) return true;
  return (
    second !== undefined &&
    first.some((c, j) => !isNumber(c) && second[j] !== undefined && isNumber(second[j]))
  );
}

function labelIndex(columns: string[], header: boolean, label: string | undefined): number | string {
  if (label === undefined || label.trim() === '') return columns.length - 1;
  const want = label.trim();
  if (header) {
    const at = columns.indexOf(want);
    if (at >= 0) return at;
  }
  if (/^\d+$/.test(want) && Number(want) >= 1 && Number(want) <= columns.length) return Number(want) - 1;
  const names = columns.length <= 8 ? columns.join(', ') : `${columns.slice(0, 8).join(', ')}, …`;
  return `There is no column ${show(want)} (columns: ${names}).`;
}

function sortClasses(names: string[]): string[] {
  const numeric = names.every(isNumber);
  return [...names].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function parseCsv(text: string, opts: CsvOptions = {}): CsvResult {
  if (text.length > CSV_LIMITS.maxBytes)
    return fail(`The file is larger than ${CSV_LIMITS.maxBytes / 1e6} MB, the most InitScope reads.`);
  if (text.trim() === '') return fail('The file is empty: it has no rows.');
  const parsed = parseRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if ('error' in parsed) return fail(parsed.error);
  const all = parsed.rows;
  const width = all[0].length;
  if (width < 2)
    return fail(
      'Each row needs at least two cells, one or more numeric features and a label, separated by commas (or ; tab |).',
    );
  const header = detectHeader(all);
  const columns = header
    ? all[0].map((c, j) => c.trim() || `column ${j + 1}`)
    : all[0].map((_, j) => `column ${j + 1}`);
  if (header) {
    const dup = columns.find((c, j) => columns.indexOf(c) !== j);
    if (dup !== undefined) return fail(`Two columns are named ${show(dup)}; give each column its own name.`);
  }
  const data = header ? all.slice(1) : all;
  const rows = data.length;
  if (rows === 0) return fail('The file has a header but no data rows.');
  if (rows > CSV_LIMITS.maxRows)
    return fail(
      `The file has ${count(rows)} data rows; InitScope takes at most ${count(CSV_LIMITS.maxRows)}.`,
    );
  if (width - 1 > CSV_LIMITS.maxFeatures)
    return fail(
      `The file has ${count(width - 1)} feature columns; InitScope takes at most ${CSV_LIMITS.maxFeatures}.`,
    );
  const label = labelIndex(columns, header, opts.label);
  if (typeof label === 'string') return fail(label);

  const features = width - 1;
  const x = new Float64Array(rows * features);
  const names: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = data[r];
    const line = r + (header ? 2 : 1);
    if (cells.length !== width)
      return fail(
        `Row ${line} has ${cells.length} cells; the ${header ? 'header' : 'first row'} has ${width}.`,
      );
    let k = 0;
    for (let j = 0; j < width; j++) {
      const cell = cells[j];
      if (j === label) {
        if (cell.trim() === '')
          return fail(`Row ${line} has no label (column ${show(columns[j])} is empty).`);
        names.push(cell.trim());
        continue;
      }
      if (cell.trim() === '')
        return fail(`Row ${line}, column ${show(columns[j])} is empty; every feature needs a number.`);
      if (!isNumber(cell))
        return fail(
          `Row ${line}, column ${show(columns[j])}: ${show(cell)} is not a number. Features must be numbers ` +
            '(a dot as the decimal point, no thousands separators).',
        );
      x[r * features + k++] = Number(cell.trim());
    }
  }
  if (rows < CSV_MIN_ROWS)
    return fail(
      `The file has ${rows} data row${rows === 1 ? '' : 's'}; InitScope needs at least ${CSV_MIN_ROWS}.`,
    );
  const classNames = sortClasses([...new Set(names)]);
  if (classNames.length < 2)
    return fail(
      `The label column ${show(columns[label])} has one class only (${show(classNames[0])}); a classifier needs at least 2.`,
    );
  if (classNames.length > CSV_LIMITS.maxClasses)
    return fail(
      `The label column ${show(columns[label])} has ${count(classNames.length)} different values; InitScope takes at most ` +
        `${CSV_LIMITS.maxClasses} classes. Is it the right column?`,
    );
  const index = new Map(classNames.map((n, i) => [n, i]));
  const y = Int32Array.from(names, (n) => index.get(n)!);
  return { ok: true, table: { columns, header, labelColumn: label, x, rows, features, y, classNames } };
}
