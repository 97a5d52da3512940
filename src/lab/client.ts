// Main-thread handles on the lab worker: one instance for the phase diagram (kept, so its grids stay
// cached) and one per trainability map (terminated to stop a map at once, mid-cell).
import type { FromLab, ToLab } from './protocol';

export interface LabClient {
  post(msg: ToLab): void;
  terminate(): void;
}

export function createLabClient(
  name: string,
  onMessage: (msg: FromLab) => void,
  onError: (text: string) => void,
): LabClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name });
  worker.onmessage = (e: MessageEvent<FromLab>) => onMessage(e.data);
  worker.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    onError(`the lab worker failed: ${e.message || 'could not load its script'}`);
  };
  return {
    post: (msg) => worker.postMessage(msg),
    terminate: () => worker.terminate(),
  };
}
