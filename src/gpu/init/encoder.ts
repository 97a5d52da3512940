// The work list of one GPU init: kernels, small uniform structs, scratch buffers, and the command
// encoder, which is submitted in pieces so that no single submission holds the GPU for long (a long
// submission stalls the page's compositor on the same GPU).
import { UniformArena, u32Bits } from '../buffers';
import { type BindingResource, bindGroup, type Kernel, KernelCache, type KernelSpec } from '../kernel';
import { FILL_KERNEL, grid1d } from './kernels';

/** Multiply-adds per submission before the encoder is flushed (a few ms on a discrete GPU). */
const FLOPS_PER_SUBMIT = 2e9;

export const FILL_KIND = { constant: 0, uniform: 1, normal: 2 } as const;
export type FillKind = keyof typeof FILL_KIND;

const caches = new WeakMap<GPUDevice, KernelCache>();

export class InitEncoder {
  readonly arena: UniformArena;
  private readonly kernels: KernelCache;
  private readonly scratch = new Map<string, GPUBuffer>();
  /** Scratch buffers outgrown by a later layer: still referenced by encoded work until the end. */
  private readonly retired: GPUBuffer[] = [];
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private pendingFlops = 0;

  constructor(readonly device: GPUDevice) {
    this.arena = new UniformArena(device, 'init uniforms');
    let cache = caches.get(device);
    if (!cache) {
      cache = new KernelCache(device);
      caches.set(device, cache);
    }
    this.kernels = cache;
  }

  kernel(spec: KernelSpec): Kernel {
    return this.kernels.get(spec);
  }

  /** A scratch storage buffer of at least `bytes`, shared by every layer (the queue runs them in order). */
  scratchBuffer(name: string, bytes: number): GPUBuffer {
    const need = Math.max(16, Math.ceil(bytes / 16) * 16);
    const have = this.scratch.get(name);
    if (have && have.size >= need) return have;
    const buf = this.device.createBuffer({
      label: `init scratch ${name}`,
      size: need,
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    });
    if (have) this.retired.push(have);
    this.scratch.set(name, buf);
    return buf;
  }

  dispatch(
    kernel: Kernel,
    resources: readonly BindingResource[],
    groups: readonly number[],
    flops = 0,
  ): void {
    if (!this.pass) {
      this.encoder = this.device.createCommandEncoder({ label: 'init' });
      this.pass = this.encoder.beginComputePass({ label: 'init' });
    }
    this.pass.setPipeline(kernel.pipeline);
    this.pass.setBindGroup(0, bindGroup(this.device, kernel, resources));
    this.pass.dispatchWorkgroups(groups[0], groups[1] ?? 1, groups[2] ?? 1);
    this.pendingFlops += flops;
    if (this.pendingFlops >= FLOPS_PER_SUBMIT) this.submit();
  }

  /** Fills `n` floats of `out` (element i = Philox counter (i, layer, stream, 0)). */
  fill(
    out: BindingResource,
    n: number,
    kind: FillKind,
    value: number,
    seed: number,
    layer: number,
    stream: number,
  ) {
    const params = this.arena.alloc([n, FILL_KIND[kind], seed, layer, stream, u32Bits(value), 0, 0]);
    this.dispatch(this.kernel(FILL_KERNEL), [params, out], grid1d(this.device, n));
  }

  submit(): void {
    if (!this.pass || !this.encoder) return;
    this.pass.end();
    this.device.queue.submit([this.encoder.finish()]);
    this.pass = null;
    this.encoder = null;
    this.pendingFlops = 0;
  }

  /** Submits what is left, waits for the queue, then frees uniforms and scratch buffers. */
  async finish(): Promise<void> {
    this.submit();
    await this.device.queue.onSubmittedWorkDone();
    this.dispose();
  }

  dispose(): void {
    this.pass = null;
    this.encoder = null;
    this.arena.destroy();
    for (const b of [...this.scratch.values(), ...this.retired]) b.destroy();
    this.scratch.clear();
    this.retired.length = 0;
  }
}
