// Configurations the exported script is checked on against PyTorch 1.13 (pytorch.torch.test.ts). One row
// per case; `check` says how:
//   'full' — its step-0 per-layer stds (pre, act, grad, and norm / stream / stream gradient where our
//            records have them) must lie within PyTorch's seed-to-seed spread (withinSpread.ts);
//   'sane' — the script runs and PyTorch's own numbers are sane, ours not compared: for a setting the
//            export knows before our engine does. Switch the row to 'full' once the CPU engine computes it.
// Architecture rows (norm, res, rezero) are also checked against what those settings must give in PyTorch
// itself (norm std ≈ 1, ReZero's flat stream, …).

export interface TorchCase {
  name: string;
  query: string;
  check: 'full' | 'sane';
}

const SMALL = 'depth=6&width=64&batch=128';

/** Every initializer, activation, bias mode, loss and optimizer at least once. */
export const SETTING_CASES: readonly TorchCase[] = [
  ...[
    'zeros',
    'constant',
    'normal',
    'uniform',
    'xavier_uniform',
    'xavier_normal',
    'kaiming_uniform',
    'kaiming_normal',
    'torch_default',
    'lecun_normal',
    'orthogonal',
    'sparse',
    'lsuv',
  ].map((init) => ({
    name: `init ${init}`,
    query: `${SMALL}&act=tanh&init=${init}`,
    check: 'full' as const,
  })),
  ...['relu', 'leaky_relu', 'tanh', 'sigmoid', 'silu', 'gelu', 'selu', 'linear'].map((act) => ({
    name: `act ${act} (kaiming, auto gain)`,
    query: `${SMALL}&act=${act}&slope=0.2&init=kaiming_normal`,
    check: 'full' as const,
  })),
  {
    name: 'kaiming_uniform fan_out, gain 1.2',
    query: `${SMALL}&init=kaiming_uniform&mode=fan_out&gain=1.2`,
    check: 'full',
  },
  {
    name: 'xavier_uniform gain 2, sigmoid',
    query: `${SMALL}&act=sigmoid&init=xavier_uniform&gain=2`,
    check: 'full',
  },
  { name: 'orthogonal gain 1.5', query: `${SMALL}&act=tanh&init=orthogonal&gain=1.5`, check: 'full' },
  { name: 'sparse 0.5, std 0.3', query: `${SMALL}&init=sparse&sparsity=0.5&std=0.3`, check: 'full' },
  { name: 'uniform a 0.3, relu', query: `${SMALL}&init=uniform&a=0.3`, check: 'full' },
  { name: 'bias torch', query: `${SMALL}&init=kaiming_normal&bias=torch`, check: 'full' },
  { name: 'bias zeros, torch_default', query: `${SMALL}&init=torch_default&bias=zeros`, check: 'full' },
  { name: 'bias constant 0.5', query: `${SMALL}&act=tanh&init=xavier_normal&bias=0.5`, check: 'full' },
  { name: 'mse loss, sgd', query: `${SMALL}&init=kaiming_normal&loss=mse&opt=sgd`, check: 'full' },
  {
    name: 'adam, circles',
    query: `${SMALL}&init=kaiming_normal&opt=adam&lr=0.01&data=circles`,
    check: 'full',
  },
  {
    name: 'xor, batch 32',
    query: 'depth=3&width=32&batch=32&data=xor&init=xavier_uniform&act=tanh',
    check: 'full',
  },
  { name: 'gaussians', query: 'depth=3&width=32&data=gaussians&init=kaiming_uniform', check: 'full' },
  {
    name: 'moons, noise 0.3',
    query: 'depth=3&width=32&data=moons&noise=0.3&init=kaiming_uniform',
    check: 'full',
  },
  {
    name: 'probe, in 128',
    query: 'depth=8&width=128&data=probe&in=128&batch=256&init=kaiming_normal',
    check: 'full',
  },
];

/** The architecture settings: the script runs and prints their fields; ours compared once the engine has them. */
export const ARCH_CASES: readonly TorchCase[] = [
  { name: 'batchnorm', query: 'depth=10&width=64&batch=128&norm=batch&init=kaiming_normal', check: 'full' },
  {
    name: 'layernorm, tanh',
    query: 'depth=10&width=64&batch=128&norm=layer&act=tanh&init=xavier_normal',
    check: 'full',
  },
  { name: 'residual', query: 'depth=10&width=64&batch=128&res=1&init=kaiming_normal', check: 'full' },
  {
    name: 'residual + rezero',
    query: 'depth=10&width=64&batch=128&res=1&rezero=1&init=kaiming_normal',
    check: 'full',
  },
  {
    name: 'pre-LN residual',
    query: 'depth=10&width=64&batch=128&res=1&norm=layer&init=xavier_normal',
    check: 'full',
  },
  {
    name: 'residual + batchnorm',
    query: 'depth=10&width=64&batch=128&res=1&norm=batch&init=kaiming_normal',
    check: 'full',
  },
  {
    name: 'batchnorm, tanh, mse',
    query: 'depth=8&width=64&batch=128&norm=batch&act=tanh&init=xavier_normal&loss=mse',
    check: 'full',
  },
  {
    name: 'rezero + layernorm',
    query: 'depth=8&width=64&batch=128&res=1&rezero=1&norm=layer&init=kaiming_normal',
    check: 'full',
  },
  { name: 'lsuv through batchnorm', query: 'depth=8&width=64&batch=128&norm=batch&init=lsuv', check: 'full' },
  {
    name: 'lsuv through residual blocks',
    query: 'depth=8&width=64&batch=128&res=1&act=tanh&init=lsuv',
    check: 'full',
  },
];
