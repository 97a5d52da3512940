// Entry of parity.html: exposes the CPU ↔ GPU parity check to the browser e2e (window.initscopeParity),
// on this browser's own WebGPU adapter. Not part of the app.
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { describeAdapter } from './adapter';
import { type ParityReport, runParity } from './parityCheck';
import { PARITY_GRID } from './parityGrid';

// The grid without its big-GPU plan cases (`units`): those run the same kernels as the others at a plan only the
// tests force, and each is a tiled run at batch 520, slow on a software adapter, so they run in Node only
// (parity.gpu.test.ts).
const GRID = PARITY_GRID.filter((c) => c.units === undefined);

export interface ParityHook {
  adapter: string;
  cases: number;
  /** Runs grid case i; `steps` shortens the loss curve. */
  run(i: number, steps?: number): Promise<ParityReport & { label: string }>;
}

async function setUp(): Promise<ParityHook> {
  const adapter = await navigator.gpu?.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  const device = await adapter.requestDevice({
    requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize },
  });
  const { description, software } = describeAdapter(adapter.info);
  return {
    adapter: description,
    cases: GRID.length,
    async run(i, steps = 50) {
      const { strategy, slack, ...over } = GRID[i];
      const config: RunConfig = { ...DEFAULT_CONFIG, ...over };
      const data = await loadDataset(config);
      const report = await runParity(device, config, data, {
        steps,
        slack,
        gpu: { strategy: strategy ?? (software ? 'direct' : 'tiled') },
      });
      const layers = `${config.norm !== 'none' ? ` · ${config.norm}norm` : ''}${config.res ? ' · res' : ''}${config.rezero ? ' · rezero' : ''}`;
      return { ...report, label: `${config.init} · ${config.act} · ${config.opt}${layers}` };
    },
  };
}

const status = document.getElementById('status');
setUp().then(
  (hook) => {
    (window as unknown as { initscopeParity: ParityHook }).initscopeParity = hook;
    if (status) status.textContent = `ready: ${hook.adapter}`;
  },
  (e: Error) => {
    if (status) status.textContent = `error: ${e.message}`;
  },
);
