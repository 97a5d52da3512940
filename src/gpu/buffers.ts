// Buffer helpers shared by the trainer, its parts and the tests.

export const STORAGE = () => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

/**
 * A storage buffer of `bytes` rounded up to 16 (so a vec4 view of it is always a valid binding),
 * optionally filled.
 */
export function storageBuffer(
  device: GPUDevice,
  label: string,
  bytes: number,
  data?: ArrayBufferView,
): GPUBuffer {
  const size = Math.max(16, Math.ceil(bytes / 16) * 16);
  const buf = device.createBuffer({ label, size, usage: STORAGE() });
  if (data) writeView(device, buf, 0, data);
  return buf;
}

export function storageFrom(device: GPUDevice, label: string, data: Float32Array | Uint32Array | Int32Array) {
  return storageBuffer(device, label, data.byteLength, data);
}

export function writeView(device: GPUDevice, buf: GPUBuffer, offset: number, data: ArrayBufferView): void {
  if (data.byteLength === 0) return;
  device.queue.writeBuffer(buf, offset, data.buffer, data.byteOffset, data.byteLength);
}

/** Copies `bytes` from a GPU buffer into a fresh ArrayBuffer (awaits the GPU: not for the hot path). */
export async function readBack(device: GPUDevice, src: GPUBuffer, offset = 0, bytes = src.size - offset) {
  const size = Math.max(4, Math.ceil(bytes / 4) * 4);
  const staging = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(src, offset, staging, 0, size);
  device.queue.submit([enc.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const out = staging.getMappedRange().slice(0, bytes);
  staging.unmap();
  staging.destroy();
  return out;
}

export async function readF32(device: GPUDevice, src: GPUBuffer, offsetElems = 0, count?: number) {
  const bytes = count === undefined ? src.size - offsetElems * 4 : count * 4;
  return new Float32Array(await readBack(device, src, offsetElems * 4, bytes));
}

/**
 * Many small uniform structs in one buffer, each at a 256-byte aligned offset (the uniform binding
 * alignment), written once when allocated: per-layer dimensions never change during a run.
 */
export class UniformArena {
  private readonly chunks: { buffer: GPUBuffer; used: number }[] = [];
  private static readonly CHUNK = 64 * 1024;
  constructor(
    private readonly device: GPUDevice,
    private readonly label = 'uniforms',
  ) {}

  /** Allocates a slot holding these u32 words (f32 values go through u32Bits). */
  alloc(words: ArrayLike<number>): GPUBufferBinding {
    const bytes = Math.max(16, Math.ceil((words.length * 4) / 16) * 16);
    const align = this.device.limits.minUniformBufferOffsetAlignment;
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.used + bytes > UniformArena.CHUNK) {
      chunk = {
        buffer: this.device.createBuffer({
          label: this.label,
          size: UniformArena.CHUNK,
          usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
        }),
        used: 0,
      };
      this.chunks.push(chunk);
    }
    const offset = chunk.used;
    const data = new Uint32Array(bytes / 4);
    data.set(Array.from(words, (w) => w >>> 0));
    this.device.queue.writeBuffer(chunk.buffer, offset, data);
    chunk.used = Math.ceil((offset + bytes) / align) * align;
    return { buffer: chunk.buffer, offset, size: bytes };
  }

  destroy(): void {
    for (const c of this.chunks) c.buffer.destroy();
    this.chunks.length = 0;
  }
}

const f32Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f32Scratch.buffer);
/** The bit pattern of Math.fround(x), to place an f32 inside a u32 uniform word list. */
export function u32Bits(x: number): number {
  f32Scratch[0] = x;
  return u32Scratch[0];
}
