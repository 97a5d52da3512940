// Counts the WebGPU commands every engine on this page issues (compute dispatches, queue submits,
// buffer maps) by wrapping the prototypes once, so dispatches per step are measured the same way for our
// engine and TF.js without either one's cooperation. Engines run one at a time, so the counts taken
// around one engine's timed window are that engine's.
export interface GpuCounts {
  dispatches: number;
  submits: number;
  maps: number;
}

const counts: GpuCounts = { dispatches: 0, submits: 0, maps: 0 };
let installed = false;

function wrap<T extends object>(proto: T | undefined, method: string, bump: () => void): void {
  if (!proto) return;
  const target = proto as Record<string, unknown>;
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (this: unknown, ...args: unknown[]) {
    bump();
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}

export function installGpuCounters(): void {
  if (installed || typeof GPUComputePassEncoder === 'undefined') return;
  installed = true;
  wrap(GPUComputePassEncoder.prototype, 'dispatchWorkgroups', () => counts.dispatches++);
  wrap(GPUComputePassEncoder.prototype, 'dispatchWorkgroupsIndirect', () => counts.dispatches++);
  wrap(GPUQueue.prototype, 'submit', () => counts.submits++);
  wrap(GPUBuffer.prototype, 'mapAsync', () => counts.maps++);
}

export function readGpuCounts(): GpuCounts {
  return { ...counts };
}

export function diffCounts(after: GpuCounts, before: GpuCounts): GpuCounts {
  return {
    dispatches: after.dispatches - before.dispatches,
    submits: after.submits - before.submits,
    maps: after.maps - before.maps,
  };
}
