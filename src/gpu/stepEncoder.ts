// Encodes a chunk of consecutive training steps into one command buffer: per step, copy its data from the
// stage (step info, batch indices) and its non-finite word into place, one compute pass with every
// dispatch, then copy the stats block (or just its header) into the chunk's readback buffer.
import { ADAM } from '../engine/config';
import type { RunConfig } from '../engine/config';
import { batchIndices } from '../engine/data/batches';
import { type Dispatch, encodeDispatch } from './kernel';
import { H, HEADER_WORDS } from './statsLayout';
import type { StepProgram } from './stepProgram';
import { stageSlotBytes, type TrainerBuffers } from './trainerBuffers';

export interface StepPlan {
  /** Updates applied before this pass. */
  k: number;
  /** Record this step. */
  due: boolean;
  /** Compute the per-layer statistics (due and stats on). */
  stats: boolean;
  /** Evaluate the held-out split (before the update). */
  test: boolean;
  /** Store the update (false: run(0)'s trial update, measured and dropped). */
  apply: boolean;
}

/** Step info words (Step in optimizer.wgsl): Adam's step size and √(1 − β2^t) for t = k + 1, apply flag. */
export function stepInfoWords(config: Readonly<RunConfig>, plan: StepPlan, out: DataView, at: number): void {
  const t = plan.k + 1;
  out.setFloat32(at, config.lr / (1 - ADAM.beta1 ** t), true);
  out.setFloat32(at + 4, Math.sqrt(1 - ADAM.beta2 ** t), true);
  out.setUint32(at + 8, plan.apply ? 1 : 0, true);
  out.setUint32(at + 12, 0, true);
}

export interface ChunkContext {
  device: GPUDevice;
  config: Readonly<RunConfig>;
  bufs: TrainerBuffers;
  program: StepProgram;
  nTrain: number;
  B: number;
  blockBytes: number;
  /** Held-out evaluation dispatches (built on first use). */
  testProgram: () => Dispatch[];
}

/** Dispatches of one step, in order. */
export function stepDispatches(ctx: ChunkContext, plan: StepPlan): Dispatch[] {
  const p = ctx.program;
  const ds: Dispatch[] = [...p.forward, ...(p.loss ? [p.loss] : []), ...p.backward];
  // A conv network's statistics are one dispatch per layer (each layer has its own count).
  if (plan.stats) ds.push(...[p.statsAct].flat());
  if (plan.stats && p.statsExtra) ds.push(...[p.statsExtra].flat());
  if (plan.test) ds.push(...ctx.testProgram());
  ds.push(plan.stats ? p.optimizerStats : p.optimizer);
  if (plan.stats) ds.push(p.statsFinalize);
  if (plan.stats && p.statsExtraFinalize) ds.push(...[p.statsExtraFinalize].flat());
  return ds;
}

/** Writes the stage for `plans` and returns the encoded chunk; `readback` receives one block per plan. */
export function encodeChunk(
  ctx: ChunkContext,
  plans: readonly StepPlan[],
  readback: GPUBuffer,
): GPUCommandBuffer {
  const { device, bufs, B } = ctx;
  const slot = stageSlotBytes(B);
  const stage = new ArrayBuffer(slot * plans.length);
  const view = new DataView(stage);
  plans.forEach((plan, j) => {
    stepInfoWords(ctx.config, plan, view, j * slot);
    batchIndices(ctx.config.seed, plan.k, B, ctx.nTrain, new Int32Array(stage, j * slot + 16, B));
  });
  device.queue.writeBuffer(bufs.stage, 0, stage);
  const enc = device.createCommandEncoder({ label: `steps ${plans[0].k}…${plans[plans.length - 1].k}` });
  plans.forEach((plan, j) => {
    enc.copyBufferToBuffer(bufs.stage, j * slot, bufs.stepInfo, 0, 16);
    enc.copyBufferToBuffer(bufs.stage, j * slot + 16, bufs.idx, 0, 4 * B);
    enc.copyBufferToBuffer(bufs.nfNext, 0, bufs.block, 4 * H.nonFinite, 4);
    enc.copyBufferToBuffer(bufs.nfNone, 0, bufs.nfNext, 0, 4);
    const pass = enc.beginComputePass();
    for (const d of stepDispatches(ctx, plan)) encodeDispatch(pass, d);
    pass.end();
    const bytes = plan.stats ? ctx.blockBytes : 4 * HEADER_WORDS;
    enc.copyBufferToBuffer(bufs.block, 0, readback, j * ctx.blockBytes, bytes);
  });
  return enc.finish();
}
