// The initializer as torch.nn.init calls: the body of `weights_init(m)` for every nn.Linear (hidden layers
// and the output layer alike, as our engine does) and for the normalization layers (γ = 1, β = 0).
// Each branch is the call whose distribution our initializer draws from (see ../../init/spec.ts).
import type { Activation, RunConfig } from '../../config';
import { LSUV_MAX_ITERS, LSUV_TOL } from '../../init/lsuv';
import { pyFloat } from './literal';

type InitFields = Pick<
  RunConfig,
  'init' | 'act' | 'slope' | 'gain' | 'mode' | 'std' | 'a' | 'value' | 'sparsity' | 'bias'
>;

/** Activations torch.nn.init.calculate_gain knows (it raises for silu and gelu). */
const TORCH_GAIN_NAMES: Partial<Record<Activation, string>> = {
  relu: 'relu',
  leaky_relu: 'leaky_relu',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  linear: 'linear',
  selu: 'selu',
};

/** kaiming_*_(…) arguments for gain 'auto': torch's own nonlinearity, or ReLU's √2 where torch has none. */
function kaimingAuto(c: InitFields): { args: string; note?: string } {
  const name = TORCH_GAIN_NAMES[c.act];
  if (c.act === 'leaky_relu') return { args: `a=${pyFloat(c.slope)}, nonlinearity='leaky_relu'` };
  if (name) return { args: `nonlinearity='${name}'` };
  return {
    args: "nonlinearity='relu'",
    note: `# torch.nn.init.calculate_gain has no entry for ${c.act}; InitScope uses ReLU's gain √2 for it.`,
  };
}

/** Python lines (no indentation) that initialize `m.weight` of an nn.Linear. */
export function weightInitLines(c: InitFields): string[] {
  const numericGain = typeof c.gain === 'number' ? c.gain : null;
  const gainArg = numericGain === null ? '' : `, gain=${pyFloat(numericGain)}`;
  switch (c.init) {
    case 'zeros':
      return ['nn.init.zeros_(m.weight)'];
    case 'constant':
      return [`nn.init.constant_(m.weight, ${pyFloat(c.value)})`];
    case 'normal':
      return [`nn.init.normal_(m.weight, mean=0.0, std=${pyFloat(c.std)})`];
    case 'uniform':
      return [`nn.init.uniform_(m.weight, -${pyFloat(c.a)}, ${pyFloat(c.a)})`];
    case 'xavier_uniform':
      return [`nn.init.xavier_uniform_(m.weight${gainArg})`];
    case 'xavier_normal':
      return [`nn.init.xavier_normal_(m.weight${gainArg})`];
    case 'kaiming_uniform':
    case 'kaiming_normal': {
      const fn = `nn.init.${c.init}_`;
      const mode = `mode='${c.mode}'`; // a validated enum value
      if (numericGain !== null)
        return [
          `# gain ${pyFloat(numericGain)}: kaiming with gain 1 ('linear'), then scaled (the bound and std are linear in the gain)`,
          `${fn}(m.weight, ${mode}, nonlinearity='linear')`,
          `m.weight.mul_(${pyFloat(numericGain)})`,
        ];
      const k = kaimingAuto(c);
      return [...(k.note ? [k.note] : []), `${fn}(m.weight, ${mode}, ${k.args})`];
    }
    case 'torch_default':
      return [
        '# what nn.Linear.reset_parameters does: U(±1/√fan_in)',
        'nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5))',
      ];
    case 'lecun_normal':
      return [
        '# LeCun normal, N(0, 1/fan_in): kaiming_normal_ with gain 1',
        "nn.init.kaiming_normal_(m.weight, mode='fan_in', nonlinearity='linear')",
      ];
    case 'orthogonal':
      return [`nn.init.orthogonal_(m.weight${gainArg})`];
    case 'lsuv':
      return [`nn.init.orthogonal_(m.weight${gainArg})  # LSUV's start; lsuv_() then rescales each layer`];
    case 'sparse':
      return [`nn.init.sparse_(m.weight, sparsity=${pyFloat(c.sparsity)}, std=${pyFloat(c.std)})`];
  }
}

/** Python lines that initialize `m.bias` of an nn.Linear. */
export function biasInitLines(c: Pick<RunConfig, 'init' | 'bias'>): string[] {
  if (typeof c.bias === 'number') return [`nn.init.constant_(m.bias, ${pyFloat(c.bias)})`];
  if (c.bias === 'torch' || (c.bias === 'auto' && c.init === 'torch_default'))
    return [
      "bound = 1 / math.sqrt(m.weight.shape[1])  # nn.Linear's bias: U(±1/√fan_in)",
      'nn.init.uniform_(m.bias, -bound, bound)',
    ];
  return ['nn.init.zeros_(m.bias)'];
}

const indent = (lines: readonly string[], by: string) => lines.map((l) => `${by}${l}`);

/** `def weights_init(m)`, to be applied with model.apply(weights_init). */
export function weightsInitFunction(c: InitFields): string {
  return [
    '@torch.no_grad()',
    'def weights_init(m):',
    '    if isinstance(m, nn.Linear):',
    ...indent(weightInitLines(c), '        '),
    ...indent(biasInitLines(c), '        '),
    '    elif isinstance(m, (nn.BatchNorm1d, nn.LayerNorm)):',
    '        nn.init.constant_(m.weight, 1.0)',
    '        nn.init.constant_(m.bias, 0.0)',
    '',
  ].join('\n');
}

/**
 * LSUV (Mishkin & Matas 2015) after the orthogonal start: every nn.Linear in order (the output layer too)
 * is rescaled until Var(z) = 1 on the batch, with the same tolerance and iteration cap as our engine.
 */
export function lsuvFunction(): string {
  return `@torch.no_grad()
def lsuv_(model, x_batch, tol=${pyFloat(LSUV_TOL)}, max_iters=${LSUV_MAX_ITERS}):
    for lin in [m for m in model.modules() if isinstance(m, nn.Linear)]:
        seen = {}
        hook = lin.register_forward_hook(lambda mod, inp, out: seen.__setitem__("z", out))
        model(x_batch)
        var = seen["z"].var(unbiased=False).item()
        for _ in range(max_iters):
            if abs(var - 1) < tol or not (var > 0 and math.isfinite(var)):
                break  # converged, or a dead / overflowed layer that no factor can fix
            lin.weight.mul_(1 / math.sqrt(var))
            model(x_batch)
            var = seen["z"].var(unbiased=False).item()
        hook.remove()
    for m in model.modules():  # the passes above must not count as BatchNorm's running statistics
        if isinstance(m, nn.BatchNorm1d):
            m.reset_running_stats()
`;
}
