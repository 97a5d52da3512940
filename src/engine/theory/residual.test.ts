// The residual stream's shortcut: once the branches' sum G dominates layer 1's output, the stream is
// treated as Gaussian (one integral instead of one per node). It must not move the prediction.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../config';
import { activationMoments } from './moments';
import { residualField } from './residual';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, res: 1, ...over });
const dims = [2, ...Array<number>(80).fill(64), 3];

describe('residual stream: the Gaussian shortcut', () => {
  const cases: Partial<RunConfig>[] = [
    { act: 'relu', init: 'kaiming_normal' },
    { act: 'relu', init: 'kaiming_normal', norm: 'layer' },
    { act: 'tanh', init: 'xavier_normal', norm: 'batch' },
    { act: 'selu', init: 'kaiming_normal', bias: 0.1 },
  ];
  for (const over of cases) {
    it(`moves no prediction by more than 5e−4: ${JSON.stringify(over)}`, () => {
      const c = cfg(over);
      const moments = activationMoments(c.act, c.slope);
      const exact = residualField(c, dims, 1, moments, Number.POSITIVE_INFINITY).layers;
      const fast = residualField(c, dims, 1, moments).layers;
      for (const [i, l] of fast.entries()) {
        for (const k of ['streamStd', 'actStd', 'preVar'] as const) {
          const ratio = (l[k] as number) / (exact[i][k] as number);
          expect(Math.abs(ratio - 1), `layer ${i + 1} ${k}`).toBeLessThan(5e-4);
        }
      }
    });
  }
});
