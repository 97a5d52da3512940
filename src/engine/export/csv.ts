// Stats history → CSV: one row per (record, hidden layer), flat columns named after the JSON paths
// (act.std → act_std), so a spreadsheet or `pandas.read_csv` gets a tidy long table without parsing.
// Non-finite numbers are written as NaN / inf / -inf, which pandas, R and numpy read back as floats.
import { LAYER_SCALARS } from '../stats/layerFields';
import type { LayerStats, StatsRecord } from '../stats/types';

/** Columns of one row, in order. `run` comes first only when runs are labelled (compare mode). */
export const CSV_COLUMNS: readonly string[] = [
  'step',
  'loss',
  'accuracy',
  'test_loss',
  'test_accuracy',
  ...LAYER_SCALARS.map((f) => f.column),
  'nonFinite_step',
  'nonFinite_layer',
  'nonFinite_tensor',
];

export interface LabelledRun {
  label: string;
  records: readonly StatsRecord[];
}

/** A number as CSV text: shortest round-trip form; '' for a missing value. */
export function csvNumber(x: number | undefined | null): string {
  if (x === undefined || x === null) return '';
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  // String(-0) is '0'; keep the sign so a value round-trips exactly.
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * A text field as CSV (RFC 4180 quoting). A leading = + - @ or control character gets a ' in front so
 * a spreadsheet never runs the field as a formula (labels can come from a shared link).
 */
export function csvText(s: string): string {
  let t = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  if (/[",\r\n]/.test(t)) t = `"${t.replace(/"/g, '""')}"`;
  return t;
}

function layerCells(l: LayerStats): string[] {
  return LAYER_SCALARS.map((f) => csvNumber(f.get(l)));
}

function recordRows(r: StatsRecord, prefix: string[]): string[] {
  const head = [r.step, r.loss, r.accuracy, r.test?.loss, r.test?.accuracy].map(csvNumber);
  const nf = r.nonFinite;
  const tail = nf ? [csvNumber(nf.step), csvNumber(nf.layer), csvText(nf.tensor)] : ['', '', ''];
  return r.layers.map((l) => [...prefix, ...head, ...layerCells(l), ...tail].join(','));
}

/** CSV of one run's records (header line included, lines end with \n). */
export function recordsToCsv(records: readonly StatsRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of records) lines.push(...recordRows(r, []));
  return `${lines.join('\n')}\n`;
}

/** CSV of several labelled runs (compare mode): a `run` column first, then the same columns. */
export function runsToCsv(runs: readonly LabelledRun[]): string {
  const lines = [['run', ...CSV_COLUMNS].join(',')];
  for (const run of runs) {
    const label = csvText(run.label);
    for (const r of run.records) lines.push(...recordRows(r, [label]));
  }
  return `${lines.join('\n')}\n`;
}
