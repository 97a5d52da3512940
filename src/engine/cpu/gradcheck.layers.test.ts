// Analytic gradients of every trained tensor (W, b, γ, β, ReZero's α) of normalized and residual
// networks against central finite differences, float64: every norm × res × rezero combination, with
// smooth activations (a kink makes a finite difference meaningless). γ, β and α are moved off their
// init values first so a gradient that forgot one of them cannot pass by accident.
import { describe, expect, it } from 'vitest';
import { type Activation, DEFAULT_CONFIG, NORMS, type NormName, type RunConfig } from '../config';
import { buildGraph } from '../graph';
import { initializeNetwork64 } from '../init';
import { CpuNet } from './net';
import { numericGrad, relErr } from './gradcheckHelpers';

const DIMS = [3, 5, 5, 5, 4];
const B = 4;

function makeNet(act: Activation, norm: NormName, res: 0 | 1, rezero: 0 | 1): CpuNet {
  const config: RunConfig = {
    ...DEFAULT_CONFIG,
    depth: 3,
    width: 5,
    act,
    init: 'xavier_uniform',
    gain: 1.5,
    bias: 'torch',
    seed: 5,
    norm,
    res,
    rezero,
  };
  const graph = buildGraph({ ...config, data: 'probe', in: 3 });
  const net = new CpuNet(
    { dims: DIMS, act, slope: 0.1, loss: 'ce', capacity: B, float64: true, graph },
    initializeNetwork64(config, DIMS),
  );
  for (let i = 0; i < B * DIMS[0]; i++) net.xBatch[i] = 1.5 * Math.sin(1.7 * i + 0.3);
  net.yBatch.set([0, 3, 1, 2]);
  const { p } = net.extraParams();
  p.forEach((t, k) => {
    for (let e = 0; e < t.length; e++) t[e] += 0.3 * Math.cos(2.1 * e + k);
  });
  return net;
}

const CASES: [NormName, 0 | 1, 0 | 1][] = [];
for (const norm of NORMS)
  for (const [res, rezero] of [
    [0, 0],
    [1, 0],
    [1, 1],
  ] as const)
    CASES.push([norm, res, rezero]);

describe('gradient check of normalization and residual layers (float64)', () => {
  for (const act of ['tanh', 'gelu'] as const)
    for (const [norm, res, rezero] of CASES)
      it(`${act}, norm=${norm}, res=${res}, rezero=${rezero}: every tensor within 1e-6 relative`, () => {
        const net = makeNet(act, norm, res, rezero);
        net.forward(B, null);
        net.loss(B, net.yBatch, true);
        net.backward(B, null);
        const extra = net.extraParams();
        const analytic = [...net.gW, ...net.gb, ...extra.g].map((a) => Float64Array.from(a));
        const params = [...net.W, ...net.b, ...extra.p];
        expect(params.length).toBe(8 + (norm === 'none' ? 0 : 6) + (rezero ? 2 : 0));
        params.forEach((p, t) => {
          const numeric = numericGrad(net, B, p);
          // BatchNorm subtracts each feature's batch mean, so the bias of a Linear map it follows (every
          // plain layer's) cannot change the loss: both gradients are exactly zero there.
          const biasLayer = t - net.W.length;
          const bnRemovesBias =
            norm === 'batch' && biasLayer >= 0 && biasLayer < net.L && (res === 0 || biasLayer === 0);
          if (bnRemovesBias) {
            expect(Math.max(...analytic[t].map(Math.abs)), `tensor ${t}`).toBeLessThan(1e-12);
            expect(Math.max(...numeric.map(Math.abs)), `tensor ${t}`).toBeLessThan(1e-9);
            return;
          }
          expect(Math.max(...analytic[t].map(Math.abs)), `tensor ${t}`).toBeGreaterThan(1e-6);
          expect(relErr(analytic[t], numeric), `tensor ${t}`).toBeLessThan(1e-6);
        });
      });
});
