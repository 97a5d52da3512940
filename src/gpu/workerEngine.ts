// The worker's view of the engine: datasets (cached; compare slots share one) read over fetch with
// progress, and a trainer on the backend the config asks for.
import type { RunConfig } from '../engine/config';
import { type Dataset, type FetchBytes, loadDataset } from '../engine/data';
import type { BackendInfo, Trainer } from '../engine/trainer';
import { createTrainer } from './createTrainer';
import type { DeviceLoss } from './device';

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
  // The user's CSV is already parsed and held (data/local.ts); caching it would keep a replaced file.
  if (config.data === 'local') return loadDataset(config);
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

/**
 * A trainer on the backend the config asks for (createTrainer: auto picks WebGPU on a hardware adapter,
 * the CPU engine on a software one or without WebGPU, and says why). A link asking for WebGPU on a
 * browser without it still trains, on the CPU (the page says so). `onLost` is called if the GPU device
 * is lost mid-run, expected (our own destroy()) or not: the worker decides what to report.
 */
export function makeTrainer(
  config: RunConfig,
  dataset: Dataset,
  onLost: (loss: DeviceLoss) => void,
): Promise<{ trainer: Trainer; backend: BackendInfo }> {
  return createTrainer(config, dataset, {
    backend: config.backend,
    gpu: self.navigator?.gpu,
    cpuWhenUnavailable: true,
    onDeviceLost: onLost,
  });
}
