// The page's batched map, run inside the lab worker: picks WebGPU by the same rule as createTrainer's
// `auto` (a hardware adapter; a software one only when the config asks for webgpu) and otherwise says why,
// so the page trains the map on its CPU workers instead. A grid the adapter cannot hold at once trains in
// groups one after another (gridSplit.ts); only a single cell too big for it falls back.
import type { BackendPref, RunConfig } from '../../engine/config';
import type { Dataset } from '../../engine/data/types';
import type { MapAxes } from '../../engine/map';
import { probeAdapter } from '../adapter';
import { acquireDevice } from '../device';
import { GRID_DEVICE, type GridMapHooks, type GridMapResult, planGridMap, runGridMap } from './gridMap';
import { adapterGridLimits, type GridPlan, GridTooLarge } from './gridSplit';
import { gridUnsupported } from './gridTrainer';

/** Why the map cannot train batched on this adapter (null: it can). */
export function gridBackendRefusal(
  pref: BackendPref,
  probe: { ok: true; software: boolean; description: string } | { ok: false; reason: string },
  unsupported: string | null,
): string | null {
  if (pref === 'cpu') return 'the CPU engine was chosen in the settings';
  if (!probe.ok) return `WebGPU unavailable: ${probe.reason}`;
  if (probe.software && pref === 'auto')
    return `software adapter is slower (${probe.description}): the CPU engine trains the map`;
  return unsupported;
}

export type GpuMapOutcome =
  | { ok: true; result: GridMapResult; adapter: string }
  | { ok: false; reason: string };

export async function trainMapOnGpu(
  config: RunConfig,
  dataset: Dataset,
  axes: MapAxes,
  steps: number,
  hooks: GridMapHooks & { onStart?: (adapter: string, groups: number) => void },
): Promise<GpuMapOutcome> {
  const probe = await probeAdapter(globalThis.navigator?.gpu);
  const refusal = gridBackendRefusal(config.backend, probe, gridUnsupported(config));
  if (refusal !== null || !probe.ok) return { ok: false, reason: refusal ?? 'WebGPU unavailable' };
  let plan: GridPlan;
  let device: GPUDevice;
  let adapter: string;
  try {
    // GridTooLarge's message already says "WebGPU cannot hold even one cell…", with figures.
    plan = planGridMap(config, dataset, axes, adapterGridLimits(probe.adapter));
    const acquired = await acquireDevice(globalThis.navigator.gpu, plan.needs, GRID_DEVICE);
    device = acquired.device;
    adapter = acquired.info.description;
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      reason: e instanceof GridTooLarge ? text : `WebGPU could not hold this map (${text})`,
    };
  }
  try {
    hooks.onStart?.(adapter, plan.groups.length);
    const result = await runGridMap(device, config, dataset, axes, steps, { ...hooks, groups: plan.groups });
    return { ok: true, result, adapter };
  } finally {
    device.destroy();
  }
}
