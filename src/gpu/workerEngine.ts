// The worker's view of the engine: datasets (cached; compare slots share one) read over fetch with
// progress, and a trainer on the backend the config asks for.
import type { RunConfig } from '../engine/config';
import { createCpuTrainer } from '../engine/cpu/cpuTrainer';
import { type Dataset, type FetchBytes, loadDataset } from '../engine/data';
import type { BackendInfo, Trainer } from '../engine/trainer';
import { probeAdapter } from './adapter';

const datasets = new Map<string, Promise<Dataset>>();
const MAX_CACHED = 4;

function fetchBytesFrom(baseUrl: string): FetchBytes {
  return async (path, onProgress) => {
    const url = new URL(path, baseUrl);
    const res = await fetch(url);
    if (!res.ok) throw new Error(`could not download ${path} (HTTP ${res.status})`);
    const total = Number(res.headers.get('content-length')) || 0;
    if (!res.body || total === 0) return new Uint8Array(await res.arrayBuffer());
    const out = new Uint8Array(total);
    const reader = res.body.getReader();
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (loaded + value.length > total) throw new Error(`${path} is larger than announced`);
      out.set(value, loaded);
      loaded += value.length;
      onProgress?.(loaded, total);
    }
    return loaded === total ? out : out.subarray(0, loaded);
  };
}

function datasetKey(c: RunConfig): string {
  if (c.data === 'fashion') return 'fashion';
  if (c.data === 'probe') return `probe|${c.seed}|${c.in > 0 ? c.in : c.width}`;
  return `${c.data}|${c.seed}|${c.noise}`;
}

export function loadDatasetCached(
  config: RunConfig,
  baseUrl: string,
  onProgress: (fraction: number) => void,
): Promise<Dataset> {
  const key = datasetKey(config);
  const hit = datasets.get(key);
  if (hit) return hit;
  const pending = loadDataset(config, {
    fetchBytes: fetchBytesFrom(baseUrl),
    onProgress: (loaded, total) => onProgress(total > 0 ? loaded / total : 0),
  });
  pending.catch(() => datasets.delete(key));
  datasets.set(key, pending);
  while (datasets.size > MAX_CACHED) datasets.delete(datasets.keys().next().value!);
  return pending;
}

/** Why the CPU engine runs, in the badge's words. */
let probed: ReturnType<typeof probeAdapter> | null = null;

async function cpuReason(config: RunConfig): Promise<string> {
  if (config.backend === 'cpu') return 'chosen in the settings';
  probed ??= probeAdapter(self.navigator?.gpu);
  const probe = await probed;
  if (!probe.ok) return `WebGPU unavailable: ${probe.reason}`;
  if (probe.software) return `software adapter is slower (${probe.description})`;
  return 'the WebGPU engine is not in this build yet';
}

export async function makeTrainer(
  config: RunConfig,
  dataset: Dataset,
): Promise<{ trainer: Trainer; backend: BackendInfo }> {
  const reason = await cpuReason(config);
  const trainer = await createCpuTrainer(config, dataset);
  return { trainer, backend: { kind: 'cpu', reason } };
}
