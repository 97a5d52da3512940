// Stats history → JSON in exactly the CLI's schema (`npm run cli -- run --json`: {config, notices, backend,
// records, theory?}), so a file exported from the page and the CLI's output feed the same scripts.
import type { RunConfig } from '../config';
import type { StatsRecord } from '../stats/types';
import type { BackendInfo } from '../trainer';

export interface ExportDocument<Theory = unknown> {
  config: RunConfig;
  notices: string[];
  backend: BackendInfo;
  records: StatsRecord[];
  theory?: Theory;
}

export interface ExportJsonOptions {
  /** Keep per-layer histograms (the CLI drops them unless --hist). Default false. */
  hist?: boolean;
  /** Pretty-print with this indent. Default 0 (one line, like the CLI). */
  indent?: number;
}

function withoutHist(r: StatsRecord): StatsRecord {
  return { ...r, layers: r.layers.map((l) => ({ ...l, act: { ...l.act, hist: undefined } })) };
}

/**
 * The document as JSON text, keys in the CLI's order. JSON has no NaN or Infinity: like the CLI
 * (JSON.stringify), such numbers become null; the record's `nonFinite` field says where the first appeared.
 */
export function toExportJson<T>(doc: ExportDocument<T>, opts: ExportJsonOptions = {}): string {
  const out: ExportDocument<T> = {
    config: doc.config,
    notices: doc.notices,
    backend: doc.backend,
    records: opts.hist ? doc.records : doc.records.map(withoutHist),
  };
  if (doc.theory !== undefined) out.theory = doc.theory;
  return JSON.stringify(out, null, opts.indent ?? 0);
}
