// A compute kernel = WGSL source + an explicit bind group layout (explicit, not 'auto', so that a binding a
// particular variant does not use still belongs to the layout and one bind-group recipe fits every variant).
export type BindingKind = 'uniform' | 'storage' | 'read-only-storage';

export interface KernelSpec {
  label: string;
  code: string;
  bindings: readonly BindingKind[];
}

export interface Kernel {
  label: string;
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

export function createKernel(device: GPUDevice, spec: KernelSpec): Kernel {
  const layout = device.createBindGroupLayout({
    label: spec.label,
    entries: spec.bindings.map((type, binding) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: { type },
    })),
  });
  const module = device.createShaderModule({ label: spec.label, code: spec.code });
  const pipeline = device.createComputePipeline({
    label: spec.label,
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main' },
  });
  return { label: spec.label, pipeline, layout };
}

/** Pipelines are created once per distinct source (several layers share one activation variant). */
export class KernelCache {
  private readonly byCode = new Map<string, Kernel>();
  constructor(private readonly device: GPUDevice) {}
  get(spec: KernelSpec): Kernel {
    const key = `${spec.bindings.join(',')}\n${spec.code}`;
    let k = this.byCode.get(key);
    if (!k) {
      k = createKernel(this.device, spec);
      this.byCode.set(key, k);
    }
    return k;
  }
  get size(): number {
    return this.byCode.size;
  }
}

export type BindingResource = GPUBuffer | GPUBufferBinding;

export function bindGroup(
  device: GPUDevice,
  kernel: Kernel,
  resources: readonly BindingResource[],
  label?: string,
): GPUBindGroup {
  return device.createBindGroup({
    label: label ?? kernel.label,
    layout: kernel.layout,
    entries: resources.map((r, binding) => ({
      binding,
      resource: 'buffer' in r ? r : { buffer: r },
    })),
  });
}

/** One recorded dispatch: replayed into a compute pass each step. */
export interface Dispatch {
  kernel: Kernel;
  bind: GPUBindGroup;
  groups: readonly [number, number?, number?];
}

export function encodeDispatch(pass: GPUComputePassEncoder, d: Dispatch): void {
  pass.setPipeline(d.kernel.pipeline);
  pass.setBindGroup(0, d.bind);
  pass.dispatchWorkgroups(d.groups[0], d.groups[1] ?? 1, d.groups[2] ?? 1);
}
