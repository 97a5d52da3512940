// Kernel specs of GPU init sampling: WGSL has no imports, so each kernel is its file with the libraries it
// needs (Philox, accurate f32 math) concatenated in front.
import mathSrc from '../../shaders/math_f32.wgsl?raw';
import fillSrc from '../../shaders/init_fill.wgsl?raw';
import probeSrc from '../../shaders/init_probe.wgsl?raw';
import sparseKeysSrc from '../../shaders/init_sparse_keys.wgsl?raw';
import sparseMaskSrc from '../../shaders/init_sparse_mask.wgsl?raw';
import sparseParamsSrc from '../../shaders/init_sparse_params.wgsl?raw';
import matmulSrc from '../../shaders/orthogonal_matmul.wgsl?raw';
import normSrc from '../../shaders/orthogonal_norm.wgsl?raw';
import scaleSrc from '../../shaders/orthogonal_scale.wgsl?raw';
import philoxSrc from '../../shaders/philox.wgsl?raw';
import type { KernelSpec } from '../kernel';
import { composeWgsl, wgslConstants } from '../wgsl';

/** Bindings: params, out (read-write f32). */
export const FILL_KERNEL: KernelSpec = {
  label: 'init fill',
  code: composeWgsl(philoxSrc, mathSrc, fillSrc),
  bindings: ['uniform', 'storage'],
};

/** Bindings: params, keys (read-write u32). */
export const SPARSE_KEYS_KERNEL: KernelSpec = {
  label: 'init sparse keys',
  code: composeWgsl(philoxSrc, sparseParamsSrc, sparseKeysSrc),
  bindings: ['uniform', 'storage'],
};

/** Bindings: params, keys (read), w (read-write). */
export const SPARSE_MASK_KERNEL: KernelSpec = {
  label: 'init sparse mask',
  code: composeWgsl(sparseParamsSrc, sparseMaskSrc),
  bindings: ['uniform', 'read-only-storage', 'storage'],
};

/** Bindings: params, a, b, d (read), c (read-write). */
export const MATMUL_KERNEL: KernelSpec = {
  label: 'orthogonal matmul',
  code: matmulSrc,
  bindings: ['uniform', 'read-only-storage', 'read-only-storage', 'read-only-storage', 'storage'],
};

/** Bindings: params, gram (read), scale (read-write, 1 f32). */
export const NORM_KERNEL: KernelSpec = {
  label: 'orthogonal norm',
  code: normSrc,
  bindings: ['uniform', 'read-only-storage', 'storage'],
};

/** Bindings: params, scale (read), x (read-write). */
export const SCALE_KERNEL: KernelSpec = {
  label: 'orthogonal scale',
  code: scaleSrc,
  bindings: ['uniform', 'read-only-storage', 'storage'],
};

export const PROBE = { philox: 0, ln: 1, cos2pi: 2, boxMuller: 3 } as const;
export type ProbeMode = keyof typeof PROBE;

/** Bindings: params, in (read u32), out (read-write u32). Test-only. */
export function probeKernel(mode: ProbeMode): KernelSpec {
  return {
    label: `init probe ${mode}`,
    code: composeWgsl(wgslConstants({ PROBE: { u32: PROBE[mode] } }), philoxSrc, mathSrc, probeSrc),
    bindings: ['uniform', 'read-only-storage', 'storage'],
  };
}

/** Workgroups for a 1-D kernel of `n` threads in groups of `size`, folded into 2-D past the x limit. */
export function grid1d(device: GPUDevice, n: number, size = 256): [number, number] {
  const total = Math.max(1, Math.ceil(n / size));
  const maxX = device.limits.maxComputeWorkgroupsPerDimension;
  if (total <= maxX) return [total, 1];
  const y = Math.ceil(total / maxX);
  return [Math.ceil(total / y), y];
}
