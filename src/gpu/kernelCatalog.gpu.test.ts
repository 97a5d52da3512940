// Every kernel `npm run wgsl:dump` lists compiles (Dawn's WGSL front end in Node), in both strategies: the
// dumped text is valid WGSL, not just text that looks like it. Modules only: building pipelines from them
// costs ~0.5–3 s each on SwiftShader, and the trainer's tests build the pipelines it uses anyway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeKernel, kernelCatalog } from './kernelCatalog';
import { nodeDevice } from './node/nodeGpu';

describe('wgsl:dump kernels compile (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  for (const entry of kernelCatalog()) {
    const strategies = entry.uses.includes('strategy')
      ? (['tiled', 'direct'] as const)
      : (['tiled'] as const);
    for (const strategy of strategies) {
      it(`${entry.name}${strategies.length > 1 ? ` (${strategy})` : ''}`, async () => {
        const spec = composeKernel(entry.name, { strategy });
        device.pushErrorScope('validation');
        const module = device.createShaderModule({ code: spec.code });
        const info = await module.getCompilationInfo();
        const error = await device.popErrorScope();
        const messages = info.messages
          .filter((m) => m.type === 'error')
          .map((m) => `${m.lineNum}:${m.linePos} ${m.message}`);
        expect({ messages, error: error?.message ?? null }).toEqual({ messages: [], error: null });
      });
    }
  }
});
