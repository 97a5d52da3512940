// Milliseconds per conv GEMM dispatch of each form on the bench's conv row shapes (3×3, 16 channels, 28×28
// maps, batch 32; the first layer 1 → 16), with the workgroups each dispatch makes:
// `npx tsx src/gpu/node/convGemmTiming.ts [units] [rounds] [forms]`. `units` (default 132, an H200's SMs)
// decides the register tile as the trainer would on such a GPU; `forms` (e.g. `direct,quad`) keeps only
// those forms (by formName; 'tile' for the picked register tile), since the slow ones take minutes. The
// quad form is timed where the device has subgroups. On these machines Dawn runs on SwiftShader, a CPU,
// so the figures say how the forms compare there, not on a GPU; VK_DRIVER_FILES selects a real one.
import { registerWgslRawHook } from './wgslRawHook';

registerWgslRawHook();
const { nodeDevice } = await import('./nodeGpu');
const { storageFrom, UniformArena } = await import('../buffers');
const { bindGroup, KernelCache } = await import('../kernel');
const { deviceUnits } = await import('../matmulKernels');
const { convGemmDims, convGemmGroups, convGemmKernel, convGemmWords, formName } = await import(
  '../conv/convKernels'
);
const { pickConvTile } = await import('../conv/convTile');
type ConvForm = import('../conv/convTile').ConvForm;
type ConvProduct = import('../conv/convKernels').ConvProduct;
type ConvShape = import('../conv/convKernels').ConvShape;

const units = Number(process.argv[2] ?? 132);
const rounds = Number(process.argv[3] ?? 5);
const only = process.argv[4]?.split(',');
const { device, adapter } = await nodeDevice();
const cache = new KernelCache(device);
const arena = new UniformArena(device);

/**
 * Median ms of each form's dispatch over `rounds` rounds, the forms taking turns within a round (a busy
 * machine slows all alike); each dispatch is submitted and waited for alone, after one warm-up round.
 */
async function time(product: ConvProduct, s: ConvShape, forms: ConvForm[]): Promise<number[]> {
  const { M, N, Q } = convGemmDims(product, s);
  const mapLen = s.B * s.S * s.S * (product === 'inputGrad' ? s.Cout : s.Cin);
  const otherLen = product === 'weightGrad' ? Q * M : s.Cout * s.Cin * s.k * s.k;
  const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i));
  const bufs = [
    storageFrom(device, 'maps', fill(mapLen)),
    storageFrom(device, 'other', fill(otherLen)),
    // The weight grad writes ∂b after ∂W.
    storageFrom(device, 'out', new Float32Array(M * N + (product === 'weightGrad' ? s.Cout : 0))),
    storageFrom(device, 'bias', fill(s.Cout)),
  ];
  const runs = forms.map((form) => {
    const k = cache.get(convGemmKernel(product, false, form));
    const bind = bindGroup(device, k, [arena.alloc(convGemmWords(product, s)), ...bufs]);
    return { k, bind, groups: convGemmGroups(product, s, form) };
  });
  const ms: number[][] = forms.map(() => []);
  for (let r = 0; r <= rounds; r++)
    for (const [i, { k, bind, groups }] of runs.entries()) {
      const enc = device.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(k.pipeline);
      pass.setBindGroup(0, bind);
      pass.dispatchWorkgroups(...groups);
      pass.end();
      const t0 = performance.now();
      device.queue.submit([enc.finish()]);
      await device.queue.onSubmittedWorkDone();
      if (r > 0) ms[i].push(performance.now() - t0);
    }
  for (const b of bufs) b.destroy();
  return ms.map((xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
}

const row: ConvShape = { B: 32, S: 28, Cin: 16, Cout: 16, k: 3 };
const shapes: [string, ConvShape][] = [
  ['layer 1 (1 → 16)', { ...row, Cin: 1 }],
  ['layers 2–6 (16 → 16)', row],
];
const results = [];
for (const [name, s] of shapes)
  for (const product of ['forward', 'inputGrad', 'weightGrad'] as const) {
    if (product === 'inputGrad' && s.Cin === 1) continue; // the first layer has no input gradient
    const { M, N } = convGemmDims(product, s);
    const picked = pickConvTile(M, N, units);
    const quad = device.features.has('subgroups');
    const forms = (
      ['single', 'direct', ...(quad ? ['quad'] : []), ...(picked === 'single' ? [] : [picked])] as ConvForm[]
    ).filter((f) => !only || only.includes(typeof f === 'string' ? f : 'tile'));
    const row: Record<string, unknown> = { shape: name, product, M, N, picked: formName(picked) };
    const ms = await time(product, s, forms);
    for (const [i, form] of forms.entries()) {
      const [gx, gy] = convGemmGroups(product, s, form);
      row[formName(form)] = { ms: +ms[i].toFixed(1), workgroups: gx * gy };
    }
    results.push(row);
  }
console.log(
  JSON.stringify(
    { adapter: adapter.info, deviceUnits: deviceUnits(device), plannedUnits: units, results },
    null,
    2,
  ),
);
arena.destroy();
device.destroy();
process.exit(0);
