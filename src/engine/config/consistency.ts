// Rules between settings that each field's own limits cannot express. Every config that reaches a trainer has
// passed them: a combination PyTorch refuses, or a setting that needs another one, is corrected with a notice.
import type { RunConfig } from '../config';

export interface Correction {
  patch: Partial<RunConfig>;
  notice: string;
}

/** The corrections `config` needs, in order; empty when it is consistent. */
export function corrections(config: Readonly<RunConfig>): Correction[] {
  const out: Correction[] = [];
  if (config.rezero === 1 && config.res !== 1) {
    out.push({
      patch: { rezero: 0 },
      notice: 'rezero=1 needs residual blocks (res=1): ReZero scales each block’s branch; using rezero=0.',
    });
  }
  if (config.norm === 'batch' && config.batch < 2) {
    // nn.BatchNorm1d in training mode raises "Expected more than 1 value per channel when training".
    out.push({
      patch: { batch: 2 },
      notice:
        'BatchNorm needs at least 2 samples per batch (PyTorch refuses batch 1 in training: its variance is 0); using batch 2.',
    });
  }
  return out;
}

/** `config` with every correction applied (a new object when anything changed). */
export function reconcile(config: RunConfig, notify?: (text: string) => void): RunConfig {
  const fixes = corrections(config);
  if (fixes.length === 0) return config;
  let out = config;
  for (const f of fixes) {
    out = { ...out, ...f.patch };
    notify?.(f.notice);
  }
  return out;
}
