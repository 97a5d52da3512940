// Gains: torch.nn.init.calculate_gain, and the rule that turns the config's gain ('auto' or a number)
// into the number each initializer uses.
import type { Activation, RunConfig } from '../config';

/**
 * torch.nn.init.calculate_gain(act, slope): linear/sigmoid 1, tanh 5/3, relu √2,
 * leaky_relu √(2/(1 + slope²)), selu 3/4.
 * silu and gelu are not in torch's table (it raises for them). We use √2, the ReLU value, because both
 * behave like ReLU for large |x| and their second moments are close to ReLU's; this is our choice, not torch's.
 */
export function calculateGain(act: Activation, slope = 0.01): number {
  switch (act) {
    case 'linear':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leaky_relu':
      return Math.sqrt(2 / (1 + slope * slope));
    case 'selu':
      return 3 / 4;
    case 'silu':
    case 'gelu':
      return Math.SQRT2;
  }
}

/**
 * The gain an initializer uses: a number in the config overrides; 'auto' means calculateGain(act, slope)
 * for kaiming_* and 1 for xavier_*, orthogonal and lsuv (torch's own defaults for those take gain=1).
 * Initializers without a gain parameter get 1 (torch_default's fixed a = √5 gain is in initSpec).
 */
export function resolveGain(config: Pick<RunConfig, 'init' | 'gain' | 'act' | 'slope'>): number {
  switch (config.init) {
    case 'kaiming_uniform':
    case 'kaiming_normal':
      return config.gain === 'auto' ? calculateGain(config.act, config.slope) : config.gain;
    case 'xavier_uniform':
    case 'xavier_normal':
    case 'orthogonal':
    case 'lsuv':
      return config.gain === 'auto' ? 1 : config.gain;
    default:
      return 1;
  }
}
