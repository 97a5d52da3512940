// Getting a GPUDevice for a training run: plain-English errors for every way it can fail, the limits the
// network needs requested explicitly (and no more), and a network the device cannot hold refused before
// anything is allocated. Error scopes, device loss and the memory estimate live in the device*.ts
// helpers and are re-exported here.
import { describeAdapter } from './adapter';
import { formatGpuBytes, type GpuNeeds } from './deviceBudget';

export { estimateGpuBytes, formatGpuBytes, type GpuBytesEstimate, type GpuNeeds } from './deviceBudget';
export {
  captureErrors,
  describeGpuErrors,
  type GpuErrorKind,
  type GpuErrorReport,
  GpuScopeError,
  onUncapturedError,
  withErrorScopes,
} from './deviceErrors';
export { type DeviceLoss, describeDeviceLoss, watchDeviceLost } from './deviceLost';

export type GpuDeviceErrorCode =
  | 'no-webgpu'
  | 'no-adapter'
  | 'adapter-request-failed'
  | 'device-request-failed'
  | 'too-large'
  | 'unsupported-limit';

export class GpuDeviceError extends Error {
  constructor(
    readonly code: GpuDeviceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GpuDeviceError';
  }
}

export interface AcquireOptions {
  powerPreference?: GPUPowerPreference;
  /**
   * Total bytes of buffers allowed. WebGPU does not report GPU memory, so by default: 2 GiB on a software
   * adapter (it allocates from system RAM next to the browser), 4 GiB otherwise, and never less than the
   * adapter's maxBufferSize.
   */
  budgetBytes?: number;
  /** Features to enable when the adapter has them (e.g. 'timestamp-query'); missing ones are skipped. */
  optionalFeatures?: readonly GPUFeatureName[];
  label?: string;
}

export interface AcquiredDevice {
  device: GPUDevice;
  adapter: GPUAdapter;
  info: {
    description: string;
    software: boolean;
    /** The limits requested beyond the defaults. */
    requiredLimits: Record<string, number>;
    features: GPUFeatureName[];
    budgetBytes: number;
  };
}

/** WebGPU's default limits (what a device gets without asking), for the ones we may need to raise. */
export const DEFAULT_LIMITS = {
  maxStorageBufferBindingSize: 128 * 1024 * 1024,
  maxBufferSize: 256 * 1024 * 1024,
  maxComputeWorkgroupStorageSize: 16 * 1024,
  maxStorageBuffersPerShaderStage: 8,
  maxComputeInvocationsPerWorkgroup: 256,
} as const;
type LimitName = keyof typeof DEFAULT_LIMITS;

const GiB = 1024 ** 3;

/** Checks the needs against the adapter and returns the limits to request; throws when they do not fit. */
export function planLimits(
  limits: GPUSupportedLimits,
  needs: GpuNeeds,
  budgetBytes: number,
): Record<string, number> {
  const maxBinding = Math.ceil(needs.maxBinding / 4) * 4;
  const tooLarge = (what: string, need: number, allow: number) =>
    new GpuDeviceError(
      'too-large',
      `This network needs ${what} ${formatGpuBytes(need)}, this GPU allows ${formatGpuBytes(allow)}. ` +
        'Reduce depth, width or batch, or choose a smaller dataset.',
    );
  if (maxBinding > limits.maxStorageBufferBindingSize)
    throw tooLarge('a buffer of', maxBinding, limits.maxStorageBufferBindingSize);
  if (maxBinding > limits.maxBufferSize) throw tooLarge('a buffer of', maxBinding, limits.maxBufferSize);
  if (needs.bytes > budgetBytes)
    throw new GpuDeviceError(
      'too-large',
      `This network needs ${formatGpuBytes(needs.bytes)} of buffers, this GPU allows ${formatGpuBytes(budgetBytes)}. ` +
        'Reduce depth, width or batch, or choose a smaller dataset.',
    );
  const wanted: Partial<Record<LimitName, number>> = {
    maxStorageBufferBindingSize: maxBinding,
    maxBufferSize: maxBinding,
    maxComputeWorkgroupStorageSize: needs.workgroupStorage,
    maxStorageBuffersPerShaderStage: needs.storageBuffersPerStage,
    maxComputeInvocationsPerWorkgroup: needs.invocationsPerWorkgroup,
  };
  const required: Record<string, number> = {};
  for (const [name, need] of Object.entries(wanted) as [LimitName, number | undefined][]) {
    // Only what exceeds the default is requested: a device then has exactly the headroom the run needs.
    if (need === undefined || need <= DEFAULT_LIMITS[name]) continue;
    const allow = limits[name];
    if (need > allow)
      throw new GpuDeviceError(
        'unsupported-limit',
        `This network needs ${name} = ${need}, this GPU allows ${allow}.`,
      );
    required[name] = need;
  }
  return required;
}

export function defaultBudget(limits: GPUSupportedLimits, software: boolean): number {
  return Math.max(software ? 2 * GiB : 4 * GiB, limits.maxBufferSize);
}

/**
 * An adapter and a device able to hold a network with these needs (see estimateGpuBytes), or a
 * GpuDeviceError whose message says in plain English what is missing.
 */
export async function acquireDevice(
  gpu: GPU | undefined,
  needs: GpuNeeds,
  opts: AcquireOptions = {},
): Promise<AcquiredDevice> {
  if (!gpu) throw new GpuDeviceError('no-webgpu', 'This browser has no WebGPU (navigator.gpu is missing).');
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: opts.powerPreference ?? 'high-performance' });
  } catch (e) {
    throw new GpuDeviceError('adapter-request-failed', `Asking for a GPU adapter failed: ${message(e)}.`, {
      cause: e,
    });
  }
  if (!adapter)
    throw new GpuDeviceError(
      'no-adapter',
      'WebGPU is present but offers no GPU adapter (the GPU may be blocklisted, disabled or unsupported).',
    );
  const { description, software } = describeAdapter(adapter.info);
  const budgetBytes = opts.budgetBytes ?? defaultBudget(adapter.limits, software);
  const requiredLimits = planLimits(adapter.limits, needs, budgetBytes);
  const features = (opts.optionalFeatures ?? []).filter((f) => adapter.features.has(f));
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      label: opts.label ?? 'initscope',
      requiredLimits,
      requiredFeatures: features,
    });
  } catch (e) {
    throw new GpuDeviceError(
      'device-request-failed',
      `The GPU adapter (${description}) refused to create a device: ${message(e)}.`,
      { cause: e },
    );
  }
  return { device, adapter, info: { description, software, requiredLimits, features, budgetBytes } };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
