// Stats history → JSON in exactly the CLI's schema ({config, notices, records, theory?}; issue 2 §4), so
// a file exported from the page and `npm run cli -- run --json` output feed the same analysis scripts.
import type { RunConfig } from '../config';
import type { StatsRecord } from '../stats/types';

export interface ExportDocument<Theory = unknown> {
  config: RunConfig;
  notices: string[];
  records: StatsRecord[];
  theory?: Theory;
}

/**
 * The document as JSON text. JSON has no NaN or Infinity: like JSON.stringify (and so the CLI), such
 * numbers become null; the record's `nonFinite` field says where the first one appeared.
 */
export function toExportJson<T>(doc: ExportDocument<T>, indent = 0): string {
  const out: ExportDocument<T> = { config: doc.config, notices: doc.notices, records: doc.records };
  if (doc.theory !== undefined) out.theory = doc.theory;
  return JSON.stringify(out, null, indent);
}
