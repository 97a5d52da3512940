// The update rules against hand-computed numbers on a one-weight network (W = 0.5, gradients 0.2 then −0.1).
import { describe, expect, it } from 'vitest';
import { CpuNet } from './net';
import { Optimizer, type OptimizerConfig } from './optimizer';

function twoSteps(cfg: OptimizerConfig): number[] {
  const net = new CpuNet(
    { dims: [1, 1, 1], act: 'linear', slope: 0, loss: 'mse', capacity: 1, float64: true },
    [
      { W: [0.5], b: [0] },
      { W: [1], b: [0] },
    ],
  );
  const opt = new Optimizer(cfg, net);
  const seen: number[] = [];
  for (const g of [0.2, -0.1]) {
    net.gW[0][0] = g;
    opt.step();
    seen.push(net.W[0][0]);
  }
  return seen;
}

describe('optimizers (PyTorch semantics)', () => {
  it('sgd: W −= lr·g', () => {
    const [w1, w2] = twoSteps({ opt: 'sgd', lr: 0.1, momentum: 0 });
    expect(w1).toBeCloseTo(0.48, 15);
    expect(w2).toBeCloseTo(0.49, 15);
  });

  it('momentum: v = μv + g (v₁ = g), W −= lr·v', () => {
    // v1 = 0.2 → W = 0.5 − 0.02; v2 = 0.9·0.2 − 0.1 = 0.08 → W = 0.48 − 0.008.
    const [w1, w2] = twoSteps({ opt: 'momentum', lr: 0.1, momentum: 0.9 });
    expect(w1).toBeCloseTo(0.48, 15);
    expect(w2).toBeCloseTo(0.472, 15);
  });

  it('adam: bias-corrected moments, ε outside the square root', () => {
    // t=1: m = 0.02, v = 4e-5, step = 0.01/0.1, denom = √v/√0.001 + 1e-8 = 0.2 + 1e-8 → W = 0.4900000005.
    // t=2: m = 0.008, v = 4.996e-5, step = 0.01/0.19, denom = √v/√0.001999 + 1e-8 → W = 0.48733663027…
    const [w1, w2] = twoSteps({ opt: 'adam', lr: 0.01, momentum: 0 });
    expect(w1).toBeCloseTo(0.4900000005, 13);
    expect(w2).toBeCloseTo(0.4873366302718676, 13);
  });

  it('reports ‖W‖ before and ‖ΔW‖ of the update, and Σ W after it', () => {
    const net = new CpuNet(
      { dims: [2, 1, 1], act: 'linear', slope: 0, loss: 'mse', capacity: 1, float64: true },
      [
        { W: [3, 4], b: [0] },
        { W: [1], b: [0] },
      ],
    );
    const opt = new Optimizer({ opt: 'sgd', lr: 1, momentum: 0 }, net);
    net.gW[0].set([0.3, 0.4]);
    opt.step();
    expect(opt.weightNorm[0]).toBeCloseTo(5, 14);
    expect(opt.deltaNorm[0]).toBeCloseTo(0.5, 14);
    expect(net.wSum[0]).toBeCloseTo(2.7 + 3.6, 14);
  });
});
