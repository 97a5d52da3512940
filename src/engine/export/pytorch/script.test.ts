// The generated Python as text, with no PyTorch needed: the torch.nn.init call each setting means, the
// constants, and that nothing from a config can break out of a literal. (pytorch.torch.test.ts runs it.)
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, INITIALIZERS, type RunConfig } from '../../config';
import { biasInitLines, weightInitLines } from './initCode';
import { pyFloat, pyString } from './literal';
import { activationModule } from './modelCode';
import { pytorchInitSnippet, pytorchScript } from './script';

const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...over });

describe('weight init lines', () => {
  it.each([
    [{ init: 'zeros' }, 'nn.init.zeros_(m.weight)'],
    [{ init: 'constant', value: -0.25 }, 'nn.init.constant_(m.weight, -0.25)'],
    [{ init: 'normal', std: 1 }, 'nn.init.normal_(m.weight, mean=0.0, std=1.0)'],
    [{ init: 'uniform', a: 0.3 }, 'nn.init.uniform_(m.weight, -0.3, 0.3)'],
    [{ init: 'xavier_uniform' }, 'nn.init.xavier_uniform_(m.weight)'],
    [{ init: 'xavier_normal', gain: 2 }, 'nn.init.xavier_normal_(m.weight, gain=2.0)'],
    [
      { init: 'kaiming_normal', act: 'tanh' },
      "nn.init.kaiming_normal_(m.weight, mode='fan_in', nonlinearity='tanh')",
    ],
    [
      { init: 'kaiming_uniform', act: 'leaky_relu', slope: 0.1, mode: 'fan_out' },
      "nn.init.kaiming_uniform_(m.weight, mode='fan_out', a=0.1, nonlinearity='leaky_relu')",
    ],
    [
      { init: 'kaiming_normal', act: 'gelu' },
      "nn.init.kaiming_normal_(m.weight, mode='fan_in', nonlinearity='relu')",
    ],
    [{ init: 'kaiming_normal', gain: 1.2 }, 'm.weight.mul_(1.2)'],
    [{ init: 'torch_default' }, 'nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5))'],
    [{ init: 'lecun_normal' }, "nn.init.kaiming_normal_(m.weight, mode='fan_in', nonlinearity='linear')"],
    [{ init: 'orthogonal', gain: 1.5 }, 'nn.init.orthogonal_(m.weight, gain=1.5)'],
    [{ init: 'sparse', sparsity: 0.5, std: 0.3 }, 'nn.init.sparse_(m.weight, sparsity=0.5, std=0.3)'],
    [{ init: 'lsuv' }, "nn.init.orthogonal_(m.weight)  # LSUV's start; lsuv_() then rescales each layer"],
  ] as [Partial<RunConfig>, string][])('%o → %s', (over, line) => {
    expect(weightInitLines(cfg(over))).toContain(line);
  });

  it('every initializer has one, and gelu / silu say which gain stands in for torch’s missing one', () => {
    for (const init of INITIALIZERS) expect(weightInitLines(cfg({ init })).length).toBeGreaterThan(0);
    expect(weightInitLines(cfg({ init: 'kaiming_normal', act: 'silu' }))[0]).toMatch(/no entry for silu.*√2/);
  });
});

describe('bias init lines', () => {
  it('auto is zero except with torch_default; torch is U(±1/√fan_in); a number is a constant', () => {
    expect(biasInitLines({ init: 'xavier_normal', bias: 'auto' })).toEqual(['nn.init.zeros_(m.bias)']);
    expect(biasInitLines({ init: 'torch_default', bias: 'auto' }).join('\n')).toContain(
      'nn.init.uniform_(m.bias, -bound, bound)',
    );
    expect(biasInitLines({ init: 'xavier_normal', bias: 'torch' }).join('\n')).toContain(
      '1 / math.sqrt(m.weight.shape[1])',
    );
    expect(biasInitLines({ init: 'torch_default', bias: 'zeros' })).toEqual(['nn.init.zeros_(m.bias)']);
    expect(biasInitLines({ init: 'normal', bias: 0.5 })).toEqual(['nn.init.constant_(m.bias, 0.5)']);
  });
});

describe('script', () => {
  it('GELU is the tanh approximation, leaky ReLU keeps its slope', () => {
    expect(activationModule('gelu', 0.01)).toBe("nn.GELU(approximate='tanh')");
    expect(activationModule('leaky_relu', 0.2)).toBe('nn.LeakyReLU(0.2)');
  });

  it('holds the run’s sizes, seed, loss, optimizer and architecture', () => {
    const s = pytorchScript(
      cfg({
        depth: 7,
        width: 48,
        batch: 32,
        seed: 9,
        loss: 'mse',
        opt: 'adam',
        lr: 0.003,
        norm: 'batch',
        res: 1,
        rezero: 1,
      }),
    );
    expect(s).toContain('DEPTH, WIDTH, BATCH = 7, 48, 32');
    expect(s).toContain('SEED = 9');
    expect(s).toContain('F.mse_loss(logits, F.one_hot(y, logits.shape[1])');
    expect(s).toContain('torch.optim.Adam(model.parameters(), lr=0.003, betas=(0.9, 0.999), eps=1e-8)');
    expect(s).toContain('nn.BatchNorm1d(features, eps=1e-5, momentum=0.1)');
    expect(s).toContain('RESIDUAL = True');
    expect(s).toContain('REZERO = True');
    expect(s).not.toMatch(/import (numpy|pandas|torchvision)/);
    expect(pytorchScript(cfg({ opt: 'momentum', momentum: 0.8 }))).toContain('momentum=0.8)');
  });

  it('writes only the dataset code the run needs', () => {
    expect(pytorchScript(cfg({ data: 'fashion' }))).toContain('return fashion_data(args.fashion)');
    expect(pytorchScript(cfg({ data: 'probe', in: 100 }))).toContain('return probe_data(100, g)');
    expect(pytorchScript(cfg({ data: 'local' }))).toContain('return csv_data(args.csv, args.label, g)');
    const moons = pytorchScript(cfg({ data: 'moons', noise: 0.3 }));
    expect(moons).toContain('NOISE = 0.3');
    expect(moons).not.toContain('def fashion_data');
  });

  it('the snippet is weights_init and model.apply only', () => {
    const s = pytorchInitSnippet(cfg({ init: 'lsuv' }));
    expect(s).toContain('def weights_init(m):');
    expect(s).toContain('def lsuv_(model, x_batch');
    expect(s).toContain('model.apply(weights_init)');
    expect(s).not.toContain('argparse');
  });

  it('literals: floats stay floats, strings cannot end early', () => {
    expect([pyFloat(1), pyFloat(0.1), pyFloat(1e-7), pyFloat(-0)]).toEqual(['1.0', '0.1', '1e-7', '0.0']);
    expect(pyString('a"b\\c\n')).toBe(String.raw`"a\"b\\c\n"`); // no raw newline, quote escaped
    expect(() => pyFloat(Number.NaN)).toThrow();
  });
});
