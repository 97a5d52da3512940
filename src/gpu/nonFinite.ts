// The first non-finite tensor of a step, GPU side. Every kernel that can see a NaN/±∞ posts an "order"
// with atomicMin to the step's non-finite word; the order numbers follow the CPU reference's check order
// (engine/cpu/probe.ts): per layer upward weight, pre, act (output layer: weight, output), then the loss,
// then backward downward the grads (output layer's δ first). The smallest order is the first tensor.
import type { NonFinite } from '../engine/stats/types';

export const NF_NONE = 0xffffffff;

/** Orders for a network of L hidden layers; `layer` is the 0-based Linear layer (L = output). */
export function nfOrder(L: number) {
  return {
    weight: (layer: number) => 3 * layer,
    pre: (layer: number) => 3 * layer + 1,
    act: (layer: number) => 3 * layer + 2,
    output: 3 * L + 1,
    loss: 3 * L + 2,
    /** δ of Linear layer `layer` (0-based; L is the output layer's δ = ∂L/∂logits). */
    grad: (layer: number) => 3 * L + 3 + (L - layer),
  };
}

/** The CPU's NonFinite for an order posted at `step`, or null for NF_NONE. */
export function decodeNonFinite(order: number, L: number, step: number): NonFinite | null {
  if (order === NF_NONE) return null;
  if (order < 3 * L) {
    const layer = Math.floor(order / 3);
    const tensor = (['weight', 'pre', 'act'] as const)[order % 3];
    return { step, layer: layer + 1, tensor };
  }
  if (order === 3 * L) return { step, layer: L + 1, tensor: 'weight' };
  if (order === 3 * L + 1) return { step, layer: L + 1, tensor: 'output' };
  if (order === 3 * L + 2) return { step, layer: 0, tensor: 'loss' };
  const layer = L - (order - (3 * L + 3));
  if (layer < 0) throw new Error(`bad non-finite order ${order} for ${L} hidden layers`);
  return { step, layer: layer + 1, tensor: 'grad' };
}
