// CPU ↔ GPU parity over a grid that covers every activation, every initializer and every optimizer (one
// initializer per case, the others cycled) on small networks, both matmul strategies, both losses and
// every 2-D dataset plus the probe. See parityCheck.ts for what is compared and how closely.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { nodeDevice } from './node/nodeGpu';
import { runParity } from './parityCheck';
import { type ParityCase, PARITY_GRID } from './parityGrid';

function describeCase(c: ParityCase): string {
  const layers = `${c.norm && c.norm !== 'none' ? ` ${c.norm}norm` : ''}${c.res ? ' res' : ''}${c.rezero ? ' rezero' : ''}`;
  const conv = c.arch === 'conv' ? ` conv k${c.kernel ?? 3} pool${c.pool ?? 0}` : '';
  return `${c.init} · ${c.act} · ${c.opt} · ${c.depth}×${c.width} b${c.batch} ${c.data}${layers}${c.loss === 'mse' ? ' mse' : ''}${conv}${c.strategy === 'tiled' ? ' tiled' : ''}${c.units ? ` ${c.units} units` : ''}`;
}

describe('GPU trainer ≡ CPU reference (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  for (const c of PARITY_GRID) {
    it(describeCase(c), async () => {
      const { strategy, units, slack, ...over } = c;
      const config: RunConfig = { ...DEFAULT_CONFIG, ...over };
      const data = await loadDataset(config);
      const r = await runParity(device, config, data, {
        steps: 50,
        gpu: { strategy: strategy ?? 'direct', units },
        slack,
      });
      expect(r.init, 'initial weights').toEqual([]);
      expect(r.step.slice(0, 20), 'step 0 record').toEqual([]);
      expect(r.weights, 'weights after one update').toEqual([]);
      expect(r.curve.slice(0, 10), '50-step loss curve').toEqual([]);
    });
  }
});
