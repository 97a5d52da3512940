// The judge of the PyTorch cross-checks (torchCrosscheck.test.ts, conv/torchConv.test.ts): for every layer
// and statistic, the median of our seeds must lie within the range of PyTorch's seeds widened by 15 %, a
// group (norm, stream) must be present in both or in neither, and an exact zero in PyTorch (ReZero's branch
// gradients at init) must be a zero here. Test-only: nothing in the engine imports it.
import { expect } from 'vitest';
import type { LayerStats } from '../stats/types';

type Stat = [string, (l: LayerStats) => number | undefined];
const STATS: readonly Stat[] = [
  ['pre.std', (l) => l.pre.std],
  ['act.std', (l) => l.act.std],
  ['grad.std', (l) => l.grad.std],
  ['norm.std', (l) => l.norm?.std],
  ['stream.std', (l) => l.stream?.std],
  ['stream.gradStd', (l) => l.stream?.gradStd],
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `ours` and `torch`: per seed, the step-0 layers of the same network. */
export function expectWithinTorchSpread(ours: LayerStats[][], torch: LayerStats[][]): void {
  for (let l = 0; l < ours[0].length; l++)
    for (const [name, get] of STATS) {
      const theirs = torch.map((seed) => get(seed[l]));
      const mine = ours.map((seed) => get(seed[l]));
      expect(
        mine.every((v) => v === undefined),
        `${name} presence, layer ${l + 1}`,
      ).toBe(theirs.every((v) => v === undefined));
      if (theirs[0] === undefined) continue;
      const lo = Math.min(...(theirs as number[]));
      const hi = Math.max(...(theirs as number[]));
      const m = median(mine as number[]);
      if (hi <= 1e-12) {
        expect(m, `${name} layer ${l + 1}: PyTorch has exactly 0`).toBeLessThanOrEqual(1e-12);
        continue;
      }
      const where = `${name} layer ${l + 1}: ours ${m.toPrecision(4)}, PyTorch ${lo.toPrecision(4)}…${hi.toPrecision(4)}`;
      expect(m, where).toBeGreaterThanOrEqual(lo / 1.15);
      expect(m, where).toBeLessThanOrEqual(hi * 1.15);
    }
}
