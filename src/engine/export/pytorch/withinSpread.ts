// The agreement criterion between our step-0 statistics and PyTorch's. PyTorch's random numbers are not
// ours, so a statistic is compared with its spread over several PyTorch seeds: in log space (stds are
// scales, and deep networks spread them multiplicatively), our value must lie in the seeds' [min, max]
// widened by half the range on each side and by a 10 % floor. A gain off by √2 moves a layer's std by
// 41 % (and compounds with depth), which this rejects for all but the noisiest layers. Callers pass the
// median of our values over a few seeds, so one seed in the tail of our own distribution does not count
// as a disagreement. An exact zero on one side and float32 rounding noise (< NOISE) on the other agree:
// e.g. a constant init's gradients, exactly 0 in exact arithmetic.

export const FLOOR = Math.log(1.1);
export const NOISE = 1e-7;

export interface SpreadVerdict {
  ok: boolean;
  /** Our value, the PyTorch seeds' range and the accepted interval, for a readable failure. */
  text: string;
}

export function withinSpread(ours: number, torch: readonly number[]): SpreadVerdict {
  const lo = Math.min(...torch);
  const hi = Math.max(...torch);
  const show = `ours ${ours.toPrecision(4)}, PyTorch [${lo.toPrecision(4)}, ${hi.toPrecision(4)}]`;
  if (!(Number.isFinite(ours) && torch.every(Number.isFinite)))
    return { ok: false, text: `${show}: not finite` };
  // Exact zeros (zero init, ReZero's branch gradients) have no log: they must match exactly.
  if (hi === 0 || ours === 0) {
    const ok = hi < NOISE && ours < NOISE;
    return { ok, text: `${show}: zero on one side only` };
  }
  if (lo <= 0) return { ok: ours <= hi * 1.1, text: `${show}: some seeds are zero` };
  const [a, b] = [Math.log(lo), Math.log(hi)];
  const pad = (b - a) / 2 + FLOOR;
  const x = Math.log(ours);
  const ok = x >= a - pad && x <= b + pad;
  return {
    ok,
    text: `${show}, accepted [${Math.exp(a - pad).toPrecision(4)}, ${Math.exp(b + pad).toPrecision(4)}]`,
  };
}
