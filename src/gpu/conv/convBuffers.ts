// The buffers a conv network needs beyond the MLP trainer's (trainerBuffers.ts, which a ConvLayout sizes
// for the largest map): the gathered input maps, the pooled maps, the head's averaged maps and their
// gradient, two map-gradient scratch buffers taking turns in backward, and the row numbers 0…n−1 the
// gather reads for held-out rows (so evaluation gathers consecutive rows with the training gather kernel),
// and the partials of a split weight gradient (splitK.ts) on hardware GPUs.
import { storageBuffer, storageFrom } from '../buffers';
import type { MatmulStrategy } from '../matmulKernels';
import { convForm, convPartialElems, convSplit } from './convKernels';
import type { ConvLayout } from './convLayout';

export interface ConvBuffers {
  /** Input maps of one pass, [rows, side², channels]. */
  x: GPUBuffer;
  pooled: GPUBuffer;
  /** Head input: the last map averaged over its positions [rows, width], and ∂L/∂ of it. */
  gap: GPUBuffer;
  dgap: GPUBuffer;
  /** Map gradients: gA holds ∂L/∂ of a layer's output (after its pool), gB the same before the pool. */
  gA: GPUBuffer;
  gB: GPUBuffer;
  /** A residual block's ∂L/∂v (∂L/∂a ⊙ φ'(v)) before its norm backward (4 elements without blocks). */
  gC: GPUBuffer;
  /** 0, 1, …, rows − 1 for held-out passes (idx_off = the first row). */
  iota: GPUBuffer;
  /** A split weight gradient's per-chunk [∂W | ∂b] slices, for the largest split layer (4 elements: none). */
  partials: GPUBuffer;
  all: GPUBuffer[];
}

/**
 * Elements of the partials buffer: the most any layer's weight gradient split needs under `strategy` on a
 * GPU of `units` compute units (convProgram.ts plans each layer with the same convForm and convSplit).
 */
export function convSplitElems(lay: ConvLayout, strategy: MatmulStrategy, units: number): number {
  let most = 0;
  for (const c of lay.convs) {
    const shape = { B: lay.B, S: c.side, Cin: c.Cin, Cout: c.Cout, k: c.k };
    const form = convForm('weightGrad', shape, strategy, units);
    most = Math.max(most, convPartialElems(shape, convSplit('weightGrad', shape, form, units)));
  }
  return most;
}

/**
 * Elements of each buffer (at least 4: a binding needs a few bytes even when a network has no pool);
 * `partials`: convSplitElems.
 */
export function convBufferElems(lay: ConvLayout, iotaRows: number, partials: number) {
  const width = lay.dims[1];
  return {
    x: lay.B * lay.dims[0],
    pooled: Math.max(4, lay.poolElems),
    gap: lay.B * width,
    dgap: lay.B * width,
    gA: lay.gradElems,
    gB: lay.gradElems,
    gC: lay.ext.residual ? lay.gradElems : 4,
    iota: Math.max(4, iotaRows),
    partials: Math.max(4, partials),
  };
}

/** Bytes of createConvBuffers (for the memory refusal before allocation, deviceBudget.ts). */
export function convBufferBytes(lay: ConvLayout, iotaRows: number, partials: number): number {
  return 4 * Object.values(convBufferElems(lay, iotaRows, partials)).reduce((a, n) => a + n, 0);
}

export function createConvBuffers(
  device: GPUDevice,
  lay: ConvLayout,
  iotaRows: number,
  partials: number,
): ConvBuffers {
  const e = convBufferElems(lay, iotaRows, partials);
  const f32 = (label: string, elems: number) => storageBuffer(device, label, elems * 4);
  const iota = new Uint32Array(e.iota);
  for (let i = 0; i < iota.length; i++) iota[i] = i;
  const b = {
    x: f32('conv input maps', e.x),
    pooled: f32('conv pooled maps', e.pooled),
    gap: f32('conv head input', e.gap),
    dgap: f32('conv head input grad', e.dgap),
    gA: f32('conv map grad A', e.gA),
    gB: f32('conv map grad B', e.gB),
    gC: f32('conv block grad', e.gC),
    iota: storageFrom(device, 'row numbers', iota),
    partials: f32('conv weight grad partials', e.partials),
  };
  return { ...b, all: Object.values(b) };
}
