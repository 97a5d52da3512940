// Runs one function of the init sampling library on a batch of inputs (tests compare it with the CPU).
import { bindGroup, createKernel } from '../kernel';
import { readBack, storageFrom } from '../buffers';
import { grid1d, type ProbeMode, probeKernel } from './kernels';

const WORDS_IN: Record<ProbeMode, number> = { philox: 6, ln: 1, cos2pi: 1, boxMuller: 2 };
const WORDS_OUT: Record<ProbeMode, number> = { philox: 4, ln: 2, cos2pi: 2, boxMuller: 2 };

/** `input` holds WORDS_IN[mode] u32 words per item; returns WORDS_OUT[mode] words per item. */
export async function runProbe(device: GPUDevice, mode: ProbeMode, input: Uint32Array): Promise<Uint32Array> {
  const n = input.length / WORDS_IN[mode];
  if (!Number.isInteger(n))
    throw new Error(`runProbe(${mode}): input length not a multiple of ${WORDS_IN[mode]}`);
  const kernel = createKernel(device, probeKernel(mode));
  const uniform = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(uniform, 0, new Uint32Array([n, 0, 0, 0]));
  const inBuf = storageFrom(device, 'probe in', input);
  const outBuf = device.createBuffer({
    size: Math.max(4, n * WORDS_OUT[mode] * 4),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(kernel.pipeline);
  pass.setBindGroup(0, bindGroup(device, kernel, [uniform, inBuf, outBuf]));
  const [x, y] = grid1d(device, n, 64);
  pass.dispatchWorkgroups(x, y);
  pass.end();
  device.queue.submit([enc.finish()]);
  const out = new Uint32Array(await readBack(device, outBuf, 0, n * WORDS_OUT[mode] * 4));
  for (const b of [uniform, inBuf, outBuf]) b.destroy();
  return out;
}
