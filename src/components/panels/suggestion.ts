// The next thing to try, from the current config: the one click that shows the contrast the page is
// about (Xavier vs Kaiming with ReLU, std = 1 explosion, zeros' symmetry…).
import type { RunConfig } from '../../engine/config';

export interface Suggestion {
  text: string;
  button: string;
  patch: Partial<RunConfig>;
}

const RELU_LIKE = new Set(['relu', 'leaky_relu', 'gelu', 'silu']);

/** Normalization and residual networks first: their contrast is with the other structure, not the init. */
function layerSuggestion(c: RunConfig): Suggestion | null {
  if (c.res === 1 && c.norm === 'none' && c.rezero === 0)
    return {
      text: 'Each block adds its branch to the stream, so the stream’s variance grows block after block (solid and dotted lines rising). Normalizing each branch’s input keeps the growth linear:',
      button: 'Try pre-LayerNorm',
      patch: { norm: 'layer' },
    };
  if (c.res === 1)
    return {
      text: 'Compare with the same residual stack without normalization or ReZero:',
      button: 'Plain residual stack',
      patch: { norm: 'none', rezero: 0 },
    };
  if (c.norm !== 'none')
    return {
      text: 'Normalization pins every layer’s forward signal, whatever the init. Compare without it:',
      button: 'Remove normalization',
      patch: { norm: 'none' },
    };
  if (c.init === 'normal' && c.std <= 0.05 && c.depth >= 10)
    return {
      text: 'A tiny init loses the signal layer after layer. BatchNorm rescales every layer to unit variance:',
      button: 'Add BatchNorm',
      patch: { norm: 'batch' },
    };
  return null;
}

export function suggestion(c: RunConfig): Suggestion | null {
  const forLayers = layerSuggestion(c);
  if (forLayers) return forLayers;
  const reluLike = RELU_LIKE.has(c.act);
  if (reluLike && (c.init === 'xavier_normal' || c.init === 'xavier_uniform' || c.init === 'torch_default'))
    return {
      text: 'At init the signal shrinks layer after layer (dotted lines). Kaiming/He init doubles the weight variance to make up for the half ReLU zeroes:',
      button: 'Try Kaiming (He) normal',
      patch: { init: 'kaiming_normal', gain: 'auto', mode: 'fan_in' },
    };
  if (reluLike && (c.init === 'kaiming_normal' || c.init === 'kaiming_uniform') && c.gain === 'auto')
    return {
      text: 'Flat lines: the variance is preserved through every layer. Compare with Xavier, derived for tanh:',
      button: 'Back to Xavier normal',
      patch: { init: 'xavier_normal', gain: 'auto' },
    };
  if (c.act === 'tanh' && c.init !== 'xavier_normal')
    return {
      text: 'For tanh the classic choice is Xavier/Glorot:',
      button: 'Try Xavier normal',
      patch: { init: 'xavier_normal', gain: 'auto' },
    };
  if (c.init === 'zeros' || c.init === 'constant')
    return {
      text: 'Every unit is identical and stays so (symmetry). Random weights break the tie:',
      button: 'Try Kaiming normal',
      patch: { init: 'kaiming_normal', gain: 'auto' },
    };
  if (c.init === 'normal' && c.std >= 0.5)
    return {
      text: 'A fixed std ignores the width. Scale it with fan_in instead:',
      button: 'Try Kaiming normal',
      patch: { init: 'kaiming_normal', gain: 'auto' },
    };
  return null;
}
