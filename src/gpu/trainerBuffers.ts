// Every GPU buffer a training run needs, allocated once from the layout (nothing is allocated per step).
import type { Dataset } from '../engine/data/types';
import { storageBuffer, storageFrom } from './buffers';
import { align, hasExtras, type NetLayout } from './netLayout';
import { NF_NONE } from './nonFinite';
import { blockWords, XPART } from './statsLayout';
import { ACT_PART_WORDS } from './stepKernels';

/** Readback ring depth of the trainer's stats (MAP_READ buffers in flight). */
export const STATS_RING_DEPTH = 3;
/** Most training steps one submission carries (each has its own stats block in a ring slot). */
export const MAX_STEPS_PER_SUBMIT = 32;

/** Bytes of one step's slot in the staging buffer: step info (16 bytes), then the batch's row indices. */
export function stageSlotBytes(B: number): number {
  return Math.ceil((16 + 4 * B) / 256) * 256;
}

export interface TrainerBuffers {
  params: GPUBuffer;
  grads: GPUBuffer;
  /** Optimizer states (velocity / first moment, second moment); 16 bytes when unused. */
  s1: GPUBuffer;
  s2: GPUBuffer;
  /** Hidden layers' z, h and δ, layer i at element i·actStride. */
  z: GPUBuffer;
  h: GPUBuffer;
  d: GPUBuffer;
  logits: GPUBuffer;
  dlogits: GPUBuffer;
  trainX: GPUBuffer;
  trainY: GPUBuffer;
  testX: GPUBuffer;
  testY: GPUBuffer;
  /** The current step's batch row indices (copied from the stage at the start of each step). */
  idx: GPUBuffer;
  /** The current step's info (Adam factors, apply flag): a uniform, copied from the stage. */
  stepInfo: GPUBuffer;
  /** Per-step data of up to `stageSlots` steps, written before each submission. */
  stage: GPUBuffer;
  stageSlots: number;
  items: GPUBuffer;
  layerItems: GPUBuffer;
  optPartials: GPUBuffer;
  actPartials: GPUBuffer;
  /** The stats block of the current step (header + per-layer slots). */
  block: GPUBuffer;
  /** Non-finite word for the next step (the optimizer posts non-finite new weights there). */
  nfNext: GPUBuffer;
  /** One word NF_NONE, to reset nfNext by a copy inside the command stream. */
  nfNone: GPUBuffer;
  /** Small buffers for bindings a kernel variant does not use (each its own: writable ones may not alias). */
  spareVec: GPUBuffer;
  spareOut: GPUBuffer;
  spareFlags: GPUBuffer;
  /** Buffers of normalization and residual blocks (docs/LAYERS.md); null for the plain MLP. */
  ext: ExtBuffers | null;
  all: GPUBuffer[];
}

/**
 * Per hidden layer at i·actStride unless said otherwise; a buffer the network does not need is 16 bytes.
 * - u: what φ was applied to when it is not z — u = Norm(z) of a plain layer, v = Norm(x) (or v = x
 *   without norm) of a residual block — for φ' in backward and satFrac;
 * - x, gx: the residual stream x^ℓ (slot 0 unused: x¹ is h¹) and its gradient ∂L/∂x^ℓ (slot 0: ∂L/∂h¹);
 * - gs: one layer's ∂L/∂u or ∂L/∂v between the input-gradient matmul and the norm backward;
 * - stat: μ and s = 1/√(σ² + ε) of every normalization group, at i·statStride;
 * - running: BatchNorm's running mean (feats) then variance (feats), at i·runStride;
 * - parts: stats_extra partials; alphaParts: res_grad's partials of ∂α (ReZero).
 */
export interface ExtBuffers {
  u: GPUBuffer;
  x: GPUBuffer;
  gx: GPUBuffer;
  gs: GPUBuffer;
  stat: GPUBuffer;
  running: GPUBuffer;
  parts: GPUBuffer;
  /** ReZero: per-chunk partials of ∂L/∂α, at i·statsChunks. */
  alphaParts: GPUBuffer;
}

/** Elements of each ExtBuffers buffer (0: not needed) and the per-layer strides of stat and running. */
export function extSizes(lay: NetLayout) {
  const { norm, residual } = lay.ext;
  if (norm === null && !residual) return null;
  const width = lay.dims[1];
  const statStride = norm === null ? 0 : align(2 * (norm === 'batch' ? width : lay.B));
  const runStride = norm === 'batch' ? align(2 * width) : 0;
  return {
    statStride,
    runStride,
    elems: {
      u: lay.actElems,
      x: residual ? lay.actElems : 0,
      gx: residual ? lay.actElems : 0,
      gs: lay.actStride,
      stat: lay.L * statStride,
      running: lay.L * runStride,
      parts: lay.L * lay.statsChunks * XPART,
      alphaParts: lay.ext.rezero ? lay.L * lay.statsChunks : 0,
    },
  };
}

function createExtBuffers(device: GPUDevice, lay: NetLayout): ExtBuffers | null {
  const sz = extSizes(lay);
  if (!sz) return null;
  const f32 = (label: string, elems: number) => storageBuffer(device, label, Math.max(4, elems) * 4);
  const e = sz.elems;
  // Running statistics start at mean 0, variance 1 (docs/LAYERS.md#normalizations).
  const run = new Float32Array(Math.max(4, e.running));
  for (let i = 0; i < lay.L && sz.runStride > 0; i++)
    run.fill(1, i * sz.runStride + lay.dims[1], i * sz.runStride + 2 * lay.dims[1]);
  return {
    u: f32('norm out u / v', e.u),
    x: f32('stream x', e.x),
    gx: f32('stream grad', e.gx),
    gs: f32('norm grad scratch', e.gs),
    stat: f32('norm mean, 1/std', e.stat),
    running: storageFrom(device, 'running stats', run),
    parts: f32('stats extra partials', e.parts),
    alphaParts: f32('alpha grad partials', e.alphaParts),
  };
}

export function createTrainerBuffers(
  device: GPUDevice,
  lay: NetLayout,
  data: Dataset,
  opt: 'sgd' | 'momentum' | 'adam',
  stageSlots: number,
): TrainerBuffers {
  const f32 = (label: string, elems: number) => storageBuffer(device, label, elems * 4);
  const { B, C, L } = lay;
  const stepInfo = device.createBuffer({
    label: 'step info',
    size: 16,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  const b: Omit<TrainerBuffers, 'all'> = {
    params: f32('params', lay.paramElems),
    grads: f32('grads', lay.paramElems),
    s1: f32('optimizer state 1', opt === 'sgd' ? 4 : lay.paramElems),
    s2: f32('optimizer state 2', opt === 'adam' ? lay.paramElems : 4),
    z: f32('z', lay.actElems),
    h: f32('h', lay.actElems),
    d: f32('delta', lay.actElems),
    logits: f32('logits', B * C),
    dlogits: f32('dlogits', B * C),
    trainX: storageFrom(device, 'train x', data.train.x),
    trainY: storageFrom(
      device,
      'train y',
      new Uint32Array(data.train.y.buffer, data.train.y.byteOffset, data.train.n),
    ),
    testX: storageFrom(device, 'test x', data.test.x),
    testY: storageFrom(
      device,
      'test y',
      new Uint32Array(data.test.y.buffer, data.test.y.byteOffset, data.test.n),
    ),
    idx: storageBuffer(device, 'batch idx', 4 * B),
    stepInfo,
    stage: device.createBuffer({
      label: 'step stage',
      size: stageSlots * stageSlotBytes(B),
      usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    }),
    stageSlots,
    items: storageFrom(device, 'optimizer items', lay.items),
    layerItems: storageFrom(device, 'layer items', lay.layerItems),
    optPartials: f32('optimizer partials', lay.itemCount * 8),
    actPartials: f32('stats partials', L * lay.statsChunks * ACT_PART_WORDS),
    block: storageBuffer(device, 'stats block', blockWords(L, hasExtras(lay)) * 4),
    nfNext: storageFrom(device, 'next non-finite', new Uint32Array(4).fill(NF_NONE)),
    nfNone: storageFrom(device, 'NF_NONE', new Uint32Array(4).fill(NF_NONE)),
    spareVec: storageBuffer(device, 'spare vec4 view', 16),
    spareOut: storageBuffer(device, 'spare output', 16),
    spareFlags: storageFrom(device, 'spare flags', new Uint32Array(4).fill(NF_NONE)),
    ext: createExtBuffers(device, lay),
  };
  const all = Object.values(b).filter(
    (v): v is GPUBuffer => typeof v === 'object' && v !== null && 'destroy' in v,
  );
  if (b.ext) all.push(...Object.values(b.ext));
  return { ...b, all };
}

/** Bytes a run allocates on the GPU (before the inference buffers), for refusing networks up front. */
export function trainerBytes(
  lay: NetLayout,
  data: { inDim: number; nTrain: number; nTest: number },
  opt: string,
) {
  const states = opt === 'sgd' ? 0 : opt === 'momentum' ? 1 : 2;
  const floats =
    lay.paramElems * (2 + states) +
    3 * lay.actElems +
    2 * lay.B * lay.C +
    (data.nTrain + data.nTest) * (data.inDim + 1) +
    lay.itemCount * 8 +
    lay.L * lay.statsChunks * 12;
  const ext = extSizes(lay);
  const extFloats = ext ? Object.values(ext.elems).reduce((a, n) => a + Math.max(4, n), 0) : 0;
  return (floats + extFloats) * 4;
}

/**
 * The split-K partials buffer of a step program (splitK.ts), `elems` floats, made when the program is built
 * (its size depends on the kernels' plans) and destroyed with the other buffers; null when nothing splits.
 */
export function partialsBuffer(device: GPUDevice, bufs: TrainerBuffers, elems: number): GPUBuffer | null {
  if (elems <= 0) return null;
  const buffer = storageBuffer(device, 'split-K partials', elems * 4);
  bufs.all.push(buffer);
  return buffer;
}
