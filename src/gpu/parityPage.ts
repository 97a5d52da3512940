// Entry of parity.html: exposes the CPU ↔ GPU parity check to the browser e2e (window.initscopeParity),
// on this browser's own WebGPU adapter. Not part of the app.
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { describeAdapter } from './adapter';
import { type ParityReport, runParity } from './parityCheck';
import { PARITY_GRID } from './parityGrid';

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
    cases: PARITY_GRID.length,
    async run(i, steps = 50) {
      const { strategy, units, slack, ...over } = PARITY_GRID[i];
      const config: RunConfig = { ...DEFAULT_CONFIG, ...over };
      const data = await loadDataset(config);
      const report = await runParity(device, config, data, {
        steps,
        slack,
        gpu: { strategy: strategy ?? (software ? 'direct' : 'tiled'), units },
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
