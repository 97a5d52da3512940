// The normalization and residual presets' claims hold on the WGSL trainer too (Dawn in Node): a page on a
// hardware GPU trains them there, so their text must be true of its numbers as well as the CPU's.
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../engine/data';
import { PRESETS, presetRuns } from '../engine/presets';
import type { StatsRecord } from '../engine/stats/types';
import { createGpuTrainer } from './gpuTrainer';
import { nodeDevice } from './node/nodeGpu';

describe('norm / residual preset claims hold on the WGSL trainer', () => {
  // Convolutional presets run on the CPU engine only (the WGSL trainer does not plan conv layers yet).
  const presets = PRESETS.filter(
    (p) =>
      presetRuns(p).some(({ config: c }) => c.norm !== 'none' || c.res === 1) &&
      presetRuns(p).every(({ config: c }) => c.arch !== 'conv'),
  );
  for (const preset of presets)
    it(preset.name, { timeout: 600_000 }, async () => {
      const { device } = await nodeDevice();
      try {
        const steps = preset.claim.steps;
        const records: StatsRecord[][] = [];
        for (const { config } of presetRuns(preset)) {
          const gpu = await createGpuTrainer(device, config, await loadDataset(config), {
            strategy: 'direct',
          });
          try {
            records.push(await gpu.run(steps + 1, { every: steps <= 20 ? 1 : 10 }));
          } finally {
            gpu.dispose();
          }
        }
        const result = preset.claim.check(records);
        console.log(`[claim on GPU] ${preset.name}: ${result.ok ? 'holds' : 'FAILS'} — ${result.measured}`);
        expect(result.ok, result.measured).toBe(true);
      } finally {
        device.destroy();
      }
    });
});
