// Milliseconds per dispatch of the MLP's direct kernels and their quad forms (matmul_forward_quad.wgsl,
// matmul_backward_quad.wgsl) on hidden layers of the bench's shapes: `npx tsx src/gpu/node/mlpQuadTiming.ts
// [rounds] [reps]`. Each round times `reps` dispatches of a form in one submit, the forms taking turns (a
// busy machine slows both alike); median and fastest over rounds. Needs a device with subgroups
// (SwiftShader has them): the figures say how the forms compare on a CPU, which is where they run.
import { registerWgslRawHook } from './wgslRawHook';

registerWgslRawHook();
const { nodeDevice } = await import('./nodeGpu');
const { storageFrom, UniformArena } = await import('../buffers');
const { bindGroup, KernelCache } = await import('../kernel');
const { forwardKernel, forwardResources, forwardWords, NF_NONE } = await import('../matmulKernels');
const { backwardKernel, backwardResources, backwardWords } = await import('../backwardKernel');
type KernelSpec = import('../kernel').KernelSpec;
type BindingResource = import('../kernel').BindingResource;

const rounds = Number(process.argv[2] ?? 7);
const reps = Number(process.argv[3] ?? 20);
const { device } = await nodeDevice();
if (!device.features.has('subgroups')) throw new Error('the device has no subgroups: no quad form to time');
const cache = new KernelCache(device);
const arena = new UniformArena(device);
const fill = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.5);
const big = (n: number) => storageFrom(device, 'buf', fill(n));

interface Case {
  spec: KernelSpec;
  groups: readonly number[];
  res: BindingResource[];
}

async function timeCase(c: Case): Promise<number> {
  const kernel = cache.get(c.spec);
  const bind = bindGroup(device, kernel, c.res);
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(kernel.pipeline);
  pass.setBindGroup(0, bind);
  for (let i = 0; i < reps; i++) pass.dispatchWorkgroups(c.groups[0], c.groups[1] ?? 1);
  pass.end();
  const t0 = performance.now();
  device.queue.submit([enc.finish()]);
  await device.queue.onSubmittedWorkDone();
  return (performance.now() - t0) / reps;
}

function forwardCase(M: number, N: number, K: number, quad: boolean): Case {
  const dims = { M, N, K, aOff: 0, wOff: 0, bOff: N * K, zOff: 0, hOff: 0, idxOff: 0, nfZ: 1, nfH: 2 };
  const k = forwardKernel(
    { act: 'relu', slope: 0, gather: false, storeZ: true, storeH: true },
    { strategy: 'direct', M, N, K, quad },
    dims,
  );
  const bufs = {
    a: big(M * K),
    params: big(N * K + N),
    z: big(M * N),
    h: big(M * N),
    idx: storageFrom(device, 'idx', new Uint32Array(4)),
    flags: storageFrom(device, 'flags', new Uint32Array(4).fill(NF_NONE)),
  };
  const spare = storageFrom(device, 'spare', new Float32Array(4));
  return {
    spec: k.spec,
    groups: k.groups,
    res: [arena.alloc(forwardWords(dims)), ...forwardResources(k, bufs, spare)],
  };
}

function backwardCase(out: number, inp: number, rows: number, quad: boolean): Case {
  const dims = {
    out,
    inp,
    rows,
    dOff: 0,
    hOff: 0,
    wOff: 0,
    zOff: 0,
    outOff: 0,
    gwOff: 0,
    gbOff: out * inp,
    nfOut: 3,
  };
  const k = backwardKernel('relu', 0, { strategy: 'direct', quad }, dims);
  const res = backwardResources({
    delta: big(rows * out),
    params: big(out * inp + 4),
    h: big(rows * inp + 4),
    z: big(rows * inp),
    out: big(rows * inp),
    grads: big(out * inp + out),
    flags: storageFrom(device, 'flags', new Uint32Array(4).fill(NF_NONE)),
  });
  return { spec: k.spec, groups: k.groups, res: [arena.alloc(backwardWords(dims, k)), ...res] };
}

const shapes: [number, number, number][] = [
  [64, 64, 64],
  [256, 256, 128],
];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: Record<string, unknown>[] = [];
for (const [w, inp, B] of shapes) {
  const pairs: [string, Case, Case][] = [
    [`forward ${B}×${w}×${inp}`, forwardCase(B, w, inp, false), forwardCase(B, w, inp, true)],
    [`backward ${w}×${inp}×${B}`, backwardCase(w, inp, B, false), backwardCase(w, inp, B, true)],
  ];
  for (const [name, direct, quad] of pairs) {
    await timeCase(direct);
    await timeCase(quad);
    const t: [number[], number[]] = [[], []];
    for (let r = 0; r < rounds; r++) {
      t[0].push(await timeCase(direct));
      t[1].push(await timeCase(quad));
    }
    const [d, q] = [median(t[0]), median(t[1])];
    const [df, qf] = [Math.min(...t[0]), Math.min(...t[1])];
    rows.push({
      kernel: name,
      direct: { label: direct.spec.label, ms: +d.toFixed(3), fastest: +df.toFixed(3), groups: direct.groups },
      quad: { label: quad.spec.label, ms: +q.toFixed(3), fastest: +qf.toFixed(3), groups: quad.groups },
      speedup: { median: +(d / q).toFixed(2), fastest: +(df / qf).toFixed(2) },
    });
  }
}
console.log(JSON.stringify(rows, null, 2));
device.destroy();
process.exit(0);
