// LSUV on the GPU with the CPU reference's schedule (engine/cpu/lsuv.ts): for every Linear (or Conv2d) layer in order
// (the output layer too), forward the first batch through it, reduce Var(z) on the GPU and rescale W by a
// kernel until |Var(z) − 1| < tol (at most LSUV_MAX_ITERS times). Reading the variance back each time is
// acceptable: this runs once, at init.
import { LSUV_MAX_ITERS, lsuvConverged, lsuvScaleFactor } from '../engine/init';
import { readBack, u32Bits, type UniformArena } from './buffers';
import { bindGroup, type Dispatch, encodeDispatch, type KernelCache } from './kernel';
import type { NetLayout } from './netLayout';
import { reduceMomentsKernel, scaleKernel } from './stepKernels';
import type { TrainerBuffers } from './trainerBuffers';

/**
 * Rescales the weights in bufs.params. bufs.idx must hold batch 0's row indices; `forwardTo[i]` are the
 * training step's forward dispatches that, after those of layers < i, leave z of Linear layer i (with
 * normalization or residual blocks, the ops between two Linear maps run too). Returns each layer's final
 * Var(z).
 */
export async function lsuvOnGpu(
  device: GPUDevice,
  kernels: KernelCache,
  uniforms: UniformArena,
  lay: NetLayout,
  bufs: TrainerBuffers,
  forwardTo: readonly (readonly Dispatch[])[],
): Promise<number[]> {
  const { L, B, dims } = lay;
  const out = device.createBuffer({
    label: 'lsuv moments',
    size: 16,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC,
  });
  const red = kernels.get(reduceMomentsKernel());
  const sc = kernels.get(scaleKernel());
  const run = (ds: Dispatch[]) => {
    const enc = device.createCommandEncoder();
    const pass = enc.beginComputePass();
    for (const d of ds) encodeDispatch(pass, d);
    pass.end();
    device.queue.submit([enc.finish()]);
  };
  const finalVar: number[] = [];
  try {
    for (let i = 0; i <= L; i++) {
      // A conv layer's z is batch × side² × channels, its W [out, in·k²] (gpu/conv/convLayout.ts).
      const per = lay.perLayer;
      const count = B * (per && i < L ? per.units[i] : dims[i + 1]);
      const reduce: Dispatch = {
        kernel: red,
        bind: bindGroup(device, red, [
          uniforms.alloc([i < L ? i * lay.actStride : 0, count, 0, 0]),
          i < L ? bufs.z : bufs.logits,
          out,
        ]),
        groups: [1],
      };
      const variance = async () => {
        run([...forwardTo[i], reduce]);
        const [n, , m2] = new Float32Array(await readBack(device, out, 0, 12));
        return m2 / n;
      };
      let v = await variance();
      for (let it = 0; it < LSUV_MAX_ITERS && !lsuvConverged(v); it++) {
        const s = lsuvScaleFactor(v);
        if (s === 1) break; // dead or overflowed layer: nothing to rescale
        const nW = per && i < L ? per.weights[i] : dims[i] * dims[i + 1];
        const groups = Math.ceil(nW / 256);
        const yz = Math.ceil(groups / 65535);
        run([
          {
            kernel: sc,
            bind: bindGroup(device, sc, [uniforms.alloc([lay.wOff[i], nW, u32Bits(s), 0]), bufs.params]),
            groups: [Math.ceil(groups / yz), yz],
          },
        ]);
        v = await variance();
      }
      finalVar.push(v);
    }
  } finally {
    out.destroy();
  }
  return finalVar;
}
