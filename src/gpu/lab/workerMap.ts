// The page's batched map, run inside the lab worker: picks WebGPU by the same rule as createTrainer's
// `auto` (a hardware adapter; a software one only when the config asks for webgpu) and otherwise says why,
// so the page trains the map on its CPU workers instead.
import type { BackendPref, RunConfig } from '../../engine/config';
import type { Dataset } from '../../engine/data/types';
import type { MapAxes, MapResult } from '../../engine/map';
import { probeAdapter } from '../adapter';
import { acquireDevice } from '../device';
import { type GridMapHooks, gridMapNeeds, runGridMap } from './gridMap';
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
  | { ok: true; result: MapResult & { stopped: boolean }; adapter: string }
  | { ok: false; reason: string };

export async function trainMapOnGpu(
  config: RunConfig,
  dataset: Dataset,
  axes: MapAxes,
  steps: number,
  hooks: GridMapHooks & { onStart?: (adapter: string) => void },
): Promise<GpuMapOutcome> {
  const probe = await probeAdapter(globalThis.navigator?.gpu);
  const refusal = gridBackendRefusal(config.backend, probe, gridUnsupported(config));
  if (refusal !== null) return { ok: false, reason: refusal };
  let device: GPUDevice;
  let adapter: string;
  try {
    const acquired = await acquireDevice(globalThis.navigator.gpu, gridMapNeeds(config, dataset, axes));
    device = acquired.device;
    adapter = acquired.info.description;
  } catch (e) {
    return { ok: false, reason: `WebGPU could not hold this map (${e instanceof Error ? e.message : e})` };
  }
  try {
    hooks.onStart?.(adapter);
    return { ok: true, result: await runGridMap(device, config, dataset, axes, steps, hooks), adapter };
  } finally {
    device.destroy();
  }
}
