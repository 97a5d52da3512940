// The next thing to try, from the current config: the one click that shows the contrast the page is
// about (Xavier vs Kaiming with ReLU, std = 1 explosion, zeros' symmetry…).
import type { RunConfig } from '../../engine/config';

export interface Suggestion {
  text: string;
  button: string;
  patch: Partial<RunConfig>;
}

const RELU_LIKE = new Set(['relu', 'leaky_relu', 'gelu', 'silu']);

export function suggestion(c: RunConfig): Suggestion | null {
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
