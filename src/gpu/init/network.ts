// gpuInitializeNetwork: every layer's W and b sampled on the GPU (nothing sampled on the CPU is
// uploaded), equal to the CPU engine's initializeNetwork — uniform bit for bit, normal within an ulp,
// orthogonal to the polar factor's float32 accuracy. LSUV gets the orthogonal start; the trainer rescales.
import type { NetworkInitConfig } from '../../engine/init';
import { readBack } from '../buffers';
import type { BindingResource } from '../kernel';
import { withErrorScopes } from '../deviceErrors';
import { InitEncoder } from './encoder';
import { encodeLayerInit } from './layer';

export interface GpuLayerParams {
  /** [out, in] row-major f32; usage STORAGE | COPY_SRC | COPY_DST. */
  W: GPUBuffer;
  /** [out] f32; same usage. */
  b: GPUBuffer;
}

/**
 * Where gpuInitializeInto writes one layer: whole buffers, or ranges of a larger one (e.g. the trainer's
 * packed parameter buffer; offsets must be multiples of minStorageBufferOffsetAlignment).
 */
export interface LayerTarget {
  W: BindingResource;
  b: BindingResource;
}

function targetBytes(t: BindingResource): number {
  if ('buffer' in t) return t.size ?? t.buffer.size - (t.offset ?? 0);
  return t.size;
}

const PARAM_USAGE = () => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;

function checkDims(dims: readonly number[]): void {
  if (dims.length < 2) throw new Error('gpuInitializeNetwork: dims needs at least [in, out]');
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1) throw new Error(`gpuInitializeNetwork: bad layer size ${d}`);
  }
}

/**
 * Samples every layer into buffers (or buffer ranges) the caller owns: layers[l].W holds at least
 * dims[l]·dims[l+1] floats, layers[l].b at least dims[l+1]. Resolves once the GPU has finished; GPU
 * validation or out-of-memory errors reject with a GpuScopeError.
 */
export async function gpuInitializeInto(
  device: GPUDevice,
  config: NetworkInitConfig,
  dims: readonly number[],
  layers: readonly LayerTarget[],
): Promise<void> {
  checkDims(dims);
  if (layers.length !== dims.length - 1)
    throw new Error(`gpuInitializeInto: ${layers.length} layers given, dims describe ${dims.length - 1}`);
  const align = device.limits.minStorageBufferOffsetAlignment;
  layers.forEach(({ W, b }, l) => {
    if (targetBytes(W) < 4 * dims[l] * dims[l + 1] || targetBytes(b) < 4 * dims[l + 1])
      throw new Error(`gpuInitializeInto: layer ${l} buffers are too small`);
    for (const t of [W, b])
      if ('buffer' in t && (t.offset ?? 0) % align !== 0)
        throw new Error(`gpuInitializeInto: layer ${l} offset is not a multiple of ${align} bytes`);
  });
  await withErrorScopes(
    device,
    async () => {
      const enc = new InitEncoder(device);
      try {
        for (let l = 0; l < layers.length; l++) {
          encodeLayerInit(enc, config, l, dims[l], dims[l + 1], layers[l].W, layers[l].b);
        }
        await enc.finish();
      } catch (e) {
        enc.dispose();
        throw e;
      }
    },
    'initializing the network on the GPU',
  );
}

/** dims = [inDim, width × depth…, classes]; one {W, b} per Linear layer, sampled on the GPU. */
export async function gpuInitializeNetwork(
  device: GPUDevice,
  config: NetworkInitConfig,
  dims: readonly number[],
): Promise<GpuLayerParams[]> {
  checkDims(dims);
  const layers: GpuLayerParams[] = [];
  try {
    await withErrorScopes(
      device,
      () => {
        for (let l = 0; l + 1 < dims.length; l++) {
          const size = (n: number) => Math.max(16, Math.ceil((4 * n) / 16) * 16);
          layers.push({
            W: device.createBuffer({
              label: `W${l}`,
              size: size(dims[l] * dims[l + 1]),
              usage: PARAM_USAGE(),
            }),
            b: device.createBuffer({ label: `b${l}`, size: size(dims[l + 1]), usage: PARAM_USAGE() }),
          });
        }
      },
      'allocating the network on the GPU',
    );
    await gpuInitializeInto(device, config, dims, layers);
  } catch (e) {
    for (const { W, b } of layers) {
      W.destroy();
      b.destroy();
    }
    throw e;
  }
  return layers;
}

/** Reads the layers back (for tests and checks): W [out, in] and b [out] per layer. */
export async function readLayerParams(
  device: GPUDevice,
  layers: readonly GpuLayerParams[],
  dims: readonly number[],
): Promise<{ W: Float32Array; b: Float32Array }[]> {
  return Promise.all(
    layers.map(async ({ W, b }, l) => ({
      W: new Float32Array(await readBack(device, W, 0, 4 * dims[l] * dims[l + 1])),
      b: new Float32Array(await readBack(device, b, 0, 4 * dims[l + 1])),
    })),
  );
}
