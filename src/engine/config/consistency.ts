// Rules between settings that each field's own limits cannot express. Every config that reaches a trainer has
// passed them: a combination PyTorch refuses, or a setting that needs another one, is corrected with a notice.
import { KERNELS, type RunConfig } from '../config';

/** Most input channels of the probe's 28×28 images with arch=conv. */
export const MAX_CONV_PROBE_CHANNELS = 64;

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
  if (config.arch === 'conv' && config.data !== 'fashion' && config.data !== 'probe') {
    out.push({
      patch: { data: 'fashion' },
      notice: `Convolutions need images; data=${config.data} has none (a 2-D point set or a CSV table). Using data=fashion (Fashion-MNIST, 1×28×28).`,
    });
  }
  if (config.arch === 'conv' && config.data === 'probe' && config.in > MAX_CONV_PROBE_CHANNELS) {
    // The probe keeps at least 512 images: 4,096 channels of 28² would be gigabytes of random numbers.
    out.push({
      patch: { in: MAX_CONV_PROBE_CHANNELS },
      notice: `in=${config.in}: with arch=conv, in is the probe images' channel count (at most ${MAX_CONV_PROBE_CHANNELS}); using in=${MAX_CONV_PROBE_CHANNELS}.`,
    });
  }
  if (!(KERNELS as readonly number[]).includes(config.kernel)) {
    // Padding k//2 keeps the side only for an odd kernel; the next odd side is the closest that does.
    const k = config.kernel + 1;
    out.push({
      patch: { kernel: k },
      notice: `kernel=${config.kernel}: the kernel side is 1, 3, 5 or 7 (odd, so padding k//2 keeps the image size); using kernel=${k}.`,
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
