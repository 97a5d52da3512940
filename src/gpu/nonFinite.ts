// The first non-finite tensor of a step, GPU side. Every kernel that can see a NaN/±∞ posts an "order"
// with atomicMin to the step's non-finite word; the order numbers follow the CPU reference's check order
// (engine/cpu/probe.ts, docs/LAYERS.md): per layer upward — plain `weight, pre, [norm,] act`, residual
// block `[norm,] act, weight, pre, stream` — then the head (weight, output), the loss, then backward
// downward per layer `[stream,] grad` (the head's δ first). The smallest order is the first tensor. For the
// plain MLP this is weight 3i, pre 3i+1, act 3i+2, …, exactly the numbering the kernels always used.
import type { NonFinite, TensorName } from '../engine/stats/types';
import { type LayoutExtras, PLAIN } from './netLayout';

export const NF_NONE = 0xffffffff;

/** (1-based layer, tensor) per order number; layer 0 is the loss, L + 1 the head. */
function orderList(L: number, ext: LayoutExtras): { layer: number; tensor: TensorName }[] {
  const out: { layer: number; tensor: TensorName }[] = [];
  const norm = ext.norm !== null;
  const res = (i: number) => ext.residual && i >= 1;
  for (let i = 0; i < L; i++) {
    const ts: TensorName[] = res(i)
      ? [...(norm ? ['norm' as const] : []), 'act', 'weight', 'pre', 'stream']
      : ['weight', 'pre', ...(norm ? ['norm' as const] : []), 'act'];
    for (const tensor of ts) out.push({ layer: i + 1, tensor });
  }
  out.push(
    { layer: L + 1, tensor: 'weight' },
    { layer: L + 1, tensor: 'output' },
    { layer: 0, tensor: 'loss' },
  );
  out.push({ layer: L + 1, tensor: 'grad' });
  for (let i = L - 1; i >= 0; i--) {
    if (ext.residual) out.push({ layer: i + 1, tensor: 'stream' });
    out.push({ layer: i + 1, tensor: 'grad' });
  }
  return out;
}

/** Orders for a network of L hidden layers; `layer` is the 0-based Linear layer (L = output). */
export function nfOrder(L: number, ext: LayoutExtras = PLAIN) {
  const list = orderList(L, ext);
  const find = (layer: number, tensor: TensorName, from = 0) => {
    const k = list.findIndex((e, j) => j >= from && e.layer === layer && e.tensor === tensor);
    if (k < 0) throw new Error(`no ${tensor} check for layer ${layer}`);
    return k;
  };
  const loss = find(0, 'loss');
  return {
    weight: (layer: number) => find(layer + 1, 'weight'),
    pre: (layer: number) => find(layer + 1, 'pre'),
    act: (layer: number) => find(layer + 1, 'act'),
    norm: (layer: number) => find(layer + 1, 'norm'),
    /** Forward residual stream x^ℓ of hidden layer `layer` (0-based, ≥ 1). */
    stream: (layer: number) => find(layer + 1, 'stream'),
    output: find(L + 1, 'output'),
    loss,
    /** δ of Linear layer `layer` (0-based; L is the output layer's δ = ∂L/∂logits). */
    grad: (layer: number) => find(layer + 1, 'grad', loss),
    /** ∂L/∂x of hidden layer `layer` (0-based), in backward. */
    streamGrad: (layer: number) => find(layer + 1, 'stream', loss),
  };
}

/** The CPU's NonFinite for an order posted at `step`, or null for NF_NONE. */
export function decodeNonFinite(
  order: number,
  L: number,
  step: number,
  ext: LayoutExtras = PLAIN,
): NonFinite | null {
  if (order === NF_NONE) return null;
  const e = orderList(L, ext)[order];
  if (!e) throw new Error(`bad non-finite order ${order} for ${L} hidden layers`);
  return { step, ...e };
}

/**
 * Constants of optimizer_update.wgsl's weight_order (the order of W of Linear layer t, posted for the next
 * step): P checks per plain layer, R per residual block, W's position WPOS within a block. weight_order is
 * t·P for plain networks and layer 0, P + (t − 1)·R + WPOS for a block, P + (L − 1)·R for the head.
 */
export function weightOrderConstants(ext: LayoutExtras): { P: number; R: number; WPOS: number } {
  const norm = ext.norm !== null ? 1 : 0;
  return { P: 3 + norm, R: 4 + norm, WPOS: 1 + norm };
}
