// Every kernel `npm run wgsl:dump` lists compiles (Dawn's WGSL front end in Node), in every strategy or form: the
// dumped text is valid WGSL, not just text that looks like it. Modules only: building pipelines from them
// costs ~0.5–3 s each on SwiftShader, and the trainer's tests build the pipelines it uses anyway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeKernel, type KernelOptions, kernelCatalog } from './kernelCatalog';
import { nodeDevice } from './node/nodeGpu';

describe('wgsl:dump kernels compile (Dawn in Node)', () => {
  let device: GPUDevice;
  beforeAll(async () => {
    ({ device } = await nodeDevice());
  });
  afterAll(() => device?.destroy());

  for (const entry of kernelCatalog()) {
    // Every strategy, and every form of the batched map's kernels (quad: where the device has subgroups);
    // the kernels that have a quad form under 'direct' (conv GEMMs, the MLP's forward and backward) get it too.
    const variants: Partial<KernelOptions>[] = entry.uses.includes('strategy')
      ? [
          { strategy: 'tiled' },
          { strategy: 'direct' },
          ...(entry.uses.includes('form') ? [{ strategy: 'direct', form: 'quad' } as const] : []),
        ]
      : entry.uses.includes('form')
        ? [{ form: 'scalar' }, { form: 'vec4' }, { form: 'quad' }]
        : [{}];
    for (const v of variants) {
      const label = [v.strategy, v.form].filter(Boolean).join(' ');
      it(`${entry.name}${label ? ` (${label})` : ''}`, async (ctx) => {
        if (v.form === 'quad' && !device.features.has('subgroups')) ctx.skip();
        const spec = composeKernel(entry.name, v);
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
