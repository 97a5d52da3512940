// WebGPU in Node (Dawn, from the `webgpu` package), for the WGSL tests and the CLI's --backend webgpu.
// On these machines Dawn finds an adapter through Chromium's SwiftShader Vulkan driver; on a machine with
// a real GPU, VK_DRIVER_FILES / VK_ICD_FILENAMES pointing at its ICD selects that instead.
import { create, globals } from 'webgpu';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let gpuSingleton: GPU | null = null;

/** The Node `navigator.gpu` equivalent. Installs WebGPU globals (GPUBufferUsage, …) once. */
export function nodeGpu(): GPU {
  if (gpuSingleton) return gpuSingleton;
  if (!process.env.VK_ICD_FILENAMES && !process.env.VK_DRIVER_FILES)
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  Object.assign(globalThis, globals);
  gpuSingleton = create([]) as unknown as GPU;
  return gpuSingleton;
}

/** A device with the adapter's own limits for storage size (tests need more than the 128 MiB default). */
export async function nodeDevice(): Promise<{ device: GPUDevice; adapter: GPUAdapter }> {
  const adapter = await nodeGpu().requestAdapter();
  if (!adapter)
    throw new Error("WebGPU in Node: no adapter (is libvulkan1 and Chromium's SwiftShader ICD installed?)");
  const device = await adapter.requestDevice({
    // Kernels that use subgroup operations check device.features (the batched map's quad kernels).
    requiredFeatures: adapter.features.has('subgroups') ? ['subgroups'] : [],
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return { device, adapter };
}
