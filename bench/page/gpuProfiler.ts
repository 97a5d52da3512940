// `npm run bench -- --profile`: GPU time per kernel, for our engine and TF.js alike. Every compute pass
// handed out by beginComputePass is replaced by a recorder that gives each dispatch a real pass of its
// own with timestamp writes (the pipeline and bind groups replayed), so the adapter measures each kernel.
// Splitting passes adds a little overhead, so profiles are taken in their own windows, never timed ones.
export interface KernelTime {
  label: string;
  dispatches: number;
  ms: number;
}

const MAX_QUERIES = 4096;
const totals = new Map<string, { dispatches: number; ns: number }>();
const encoderDevice = new WeakMap<GPUCommandEncoder, GPUDevice>();
const encoderQueries = new WeakMap<GPUCommandEncoder, { labels: string[] }>();
const querySets = new WeakMap<GPUDevice, GPUQuerySet>();
const pendingReads: Promise<void>[] = [];
/** Reads to start once the command buffer carrying their copies is submitted (mapping earlier is invalid). */
const afterSubmit = new WeakMap<GPUCommandBuffer, () => void>();
let enabled = false;

type Proto = Record<string, unknown>;
function patch(proto: object, name: string, make: (orig: (...a: unknown[]) => unknown) => unknown): void {
  const p = proto as Proto;
  p[name] = make(p[name] as (...a: unknown[]) => unknown);
}

function querySetFor(device: GPUDevice): GPUQuerySet {
  let q = querySets.get(device);
  if (!q) {
    q = device.createQuerySet({ type: 'timestamp', count: MAX_QUERIES });
    querySets.set(device, q);
  }
  return q;
}

/** Asks every device for timestamp-query (when the adapter has it) and wraps compute passes. */
export function installGpuProfiler(): void {
  if (typeof GPUAdapter === 'undefined') return;
  enabled = true;
  patch(
    GPUAdapter.prototype,
    'requestDevice',
    (orig) =>
      function (this: GPUAdapter, desc: GPUDeviceDescriptor = {}) {
        const features = new Set(desc.requiredFeatures ?? []);
        if (this.features.has('timestamp-query')) features.add('timestamp-query');
        return orig.call(this, { ...desc, requiredFeatures: [...features] });
      },
  );
  patch(
    GPUDevice.prototype,
    'createCommandEncoder',
    (orig) =>
      function (this: GPUDevice, ...args: unknown[]) {
        const enc = orig.apply(this, args) as GPUCommandEncoder;
        if (this.features.has('timestamp-query')) encoderDevice.set(enc, this);
        return enc;
      },
  );
  patch(
    GPUCommandEncoder.prototype,
    'beginComputePass',
    (orig) =>
      function (this: GPUCommandEncoder, desc?: GPUComputePassDescriptor) {
        const device = encoderDevice.get(this);
        if (!device || desc?.timestampWrites) return orig.call(this, desc);
        return recorder(this, device, orig as (d?: GPUComputePassDescriptor) => GPUComputePassEncoder, desc);
      },
  );
  patch(
    GPUCommandEncoder.prototype,
    'finish',
    (orig) =>
      function (this: GPUCommandEncoder, ...args: unknown[]) {
        const q = encoderQueries.get(this);
        const device = encoderDevice.get(this);
        const start = q && device && q.labels.length > 0 ? resolveInto(this, device, q.labels) : null;
        const cb = orig.apply(this, args) as GPUCommandBuffer;
        if (start) afterSubmit.set(cb, start);
        return cb;
      },
  );
  patch(
    GPUQueue.prototype,
    'submit',
    (orig) =>
      function (this: GPUQueue, buffers: Iterable<GPUCommandBuffer>) {
        const list = Array.from(buffers);
        const result = orig.call(this, list);
        for (const cb of list) afterSubmit.get(cb)?.();
        return result;
      },
  );
}

function recorder(
  encoder: GPUCommandEncoder,
  device: GPUDevice,
  begin: (d?: GPUComputePassDescriptor) => GPUComputePassEncoder,
  desc?: GPUComputePassDescriptor,
): GPUComputePassEncoder {
  let pipeline: GPUComputePipeline | null = null;
  const groups = new Map<number, [GPUBindGroup | null, Iterable<number> | undefined]>();
  let q = encoderQueries.get(encoder);
  if (!q) {
    q = { labels: [] };
    encoderQueries.set(encoder, q);
  }
  const labels = q.labels;
  const dispatch = (run: (p: GPUComputePassEncoder) => void) => {
    const i = labels.length;
    const timed = i * 2 + 1 < MAX_QUERIES;
    const pass = begin.call(
      encoder,
      timed
        ? {
            ...desc,
            timestampWrites: {
              querySet: querySetFor(device),
              beginningOfPassWriteIndex: 2 * i,
              endOfPassWriteIndex: 2 * i + 1,
            },
          }
        : desc,
    );
    if (pipeline) pass.setPipeline(pipeline);
    for (const [index, [group, offsets]] of groups) pass.setBindGroup(index, group, offsets);
    run(pass);
    pass.end();
    if (timed) labels.push(pipeline?.label || '(unlabelled)');
  };
  const fake = {
    label: desc?.label ?? '',
    setPipeline(p: GPUComputePipeline) {
      pipeline = p;
    },
    setBindGroup(index: number, group: GPUBindGroup | null, offsets?: Iterable<number>) {
      groups.set(index, [group, offsets ? Array.from(offsets) : undefined]);
    },
    dispatchWorkgroups(x: number, y?: number, z?: number) {
      dispatch((p) => p.dispatchWorkgroups(x, y, z));
    },
    dispatchWorkgroupsIndirect(buffer: GPUBuffer, offset: number) {
      dispatch((p) => p.dispatchWorkgroupsIndirect(buffer, offset));
    },
    end() {},
    pushDebugGroup() {},
    popDebugGroup() {},
    insertDebugMarker() {},
  };
  return fake as unknown as GPUComputePassEncoder;
}

function resolveInto(encoder: GPUCommandEncoder, device: GPUDevice, labels: string[]): () => void {
  const n = labels.length * 2;
  const resolve = device.createBuffer({
    size: n * 8,
    usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
  });
  const read = device.createBuffer({ size: n * 8, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  encoder.resolveQuerySet(querySetFor(device), 0, n, resolve, 0);
  encoder.copyBufferToBuffer(resolve, 0, read, 0, n * 8);
  const taken = labels.slice();
  labels.length = 0;
  return () => {
    pendingReads.push(
      read.mapAsync(GPUMapMode.READ).then(
        () => {
          const t = new BigInt64Array(read.getMappedRange());
          taken.forEach((label, i) => {
            const ns = Number(t[2 * i + 1] - t[2 * i]);
            const cur = totals.get(label) ?? { dispatches: 0, ns: 0 };
            totals.set(label, { dispatches: cur.dispatches + 1, ns: cur.ns + Math.max(0, ns) });
          });
          read.unmap();
          read.destroy();
          resolve.destroy();
        },
        () => {
          resolve.destroy();
        },
      ),
    );
  };
}

export function profilerEnabled(): boolean {
  return enabled;
}

/** Per-kernel GPU time since the last call, most expensive first (waits for outstanding reads). */
export async function takeKernelTimes(): Promise<KernelTime[]> {
  await Promise.all(pendingReads.splice(0));
  const out = [...totals].map(([label, v]) => ({ label, dispatches: v.dispatches, ms: v.ns / 1e6 }));
  totals.clear();
  return out.sort((a, b) => b.ms - a.ms);
}
