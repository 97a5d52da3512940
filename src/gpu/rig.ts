// Runs the rig kernel on any GPUDevice (browser or Node) and reads the result back.
import shader from '../shaders/rig_affine.wgsl?raw';

export async function runAffine(
  device: GPUDevice,
  x: Float32Array,
  a: number,
  b: number,
): Promise<Float32Array> {
  const n = x.length;
  const params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const pv = new ArrayBuffer(16);
  new Float32Array(pv, 0, 2).set([a, b]);
  new Uint32Array(pv, 8, 1)[0] = n;
  device.queue.writeBuffer(params, 0, pv);
  const bytes = Math.max(4, n * 4);
  const xb = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(xb, 0, x);
  const yb = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const rb = device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const pipeline = device.createComputePipeline({
    layout: 'auto',
    compute: { module: device.createShaderModule({ code: shader }), entryPoint: 'main' },
  });
  const bind = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: params } },
      { binding: 1, resource: { buffer: xb } },
      { binding: 2, resource: { buffer: yb } },
    ],
  });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(Math.ceil(n / 64));
  pass.end();
  enc.copyBufferToBuffer(yb, 0, rb, 0, bytes);
  device.queue.submit([enc.finish()]);
  await rb.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(rb.getMappedRange().slice(0, n * 4));
  rb.unmap();
  for (const buf of [params, xb, yb, rb]) buf.destroy();
  return out;
}
