// Backend choice: auto avoids a software adapter and a missing WebGPU (with the reason in words), webgpu
// and cpu force one, and a forced WebGPU without an adapter fails with the reason.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { createTrainer } from './createTrainer';
import { nodeGpu } from './node/nodeGpu';

const config: RunConfig = { ...DEFAULT_CONFIG, depth: 2, width: 8, batch: 8, data: 'xor' };
const noAdapter = { requestAdapter: async () => null } as unknown as GPU;

describe('createTrainer (Dawn in Node: a SwiftShader adapter)', () => {
  it('auto: the CPU on a software adapter, saying why', async () => {
    const data = await loadDataset(config);
    const { trainer, backend } = await createTrainer(config, data, { backend: 'auto', gpu: nodeGpu() });
    expect(backend.kind).toBe('cpu');
    expect(backend.reason).toMatch(/software adapter is slower/);
    expect(trainer.backend).toEqual(backend);
    trainer.dispose();
  });

  it('webgpu: forced on the software adapter, trains and reports the adapter', async () => {
    const data = await loadDataset(config);
    const { trainer, backend } = await createTrainer(config, data, { backend: 'webgpu', gpu: nodeGpu() });
    expect(backend.kind).toBe('webgpu');
    expect(backend.adapter).toMatch(/swiftshader/i);
    const records = await trainer.run(2);
    expect(records.map((r) => r.step)).toEqual([0, 1]);
    expect(Number.isFinite(records[1].loss)).toBe(true);
    trainer.dispose();
  });

  it('no WebGPU: auto falls back to the CPU with the reason; webgpu fails with it', async () => {
    const data = await loadDataset(config);
    const none = await createTrainer(config, data, { backend: 'auto', gpu: undefined });
    expect(none.backend).toMatchObject({
      kind: 'cpu',
      reason: expect.stringMatching(/^WebGPU unavailable: /),
    });
    const noAd = await createTrainer(config, data, { backend: 'auto', gpu: noAdapter });
    expect(noAd.backend.reason).toMatch(/WebGPU unavailable: .*no adapter/);
    await expect(createTrainer(config, data, { backend: 'webgpu', gpu: noAdapter })).rejects.toThrow(
      /WebGPU unavailable/,
    );
    const cpu = await createTrainer(config, data, { backend: 'cpu', gpu: nodeGpu() });
    expect(cpu.backend.kind).toBe('cpu');
    for (const t of [none, noAd, cpu]) t.trainer.dispose();
  });
});
