// Analytic gradients of every trained tensor of conv networks (Conv2d W and b, the head, γ, β, ReZero's α)
// against central finite differences, float64: every norm × res × rezero combination, with and without
// pooling, with smooth activations. Small images (6×6, 2 channels) keep it fast; the code paths are those
// of 28×28. γ, β and α are moved off their init values first so a forgotten gradient cannot pass.
import { describe, expect, it } from 'vitest';
import { type Activation, DEFAULT_CONFIG, NORMS, type NormName, type RunConfig } from '../../config';
import { buildGraph, weightOp } from '../../graph';
import { initializeConvNetwork } from '../../init';
import { ConvNet } from './convNet';
import { numericGrad, relErr } from '../gradcheckHelpers';

const B = 3;
const SIDE = 6;

function makeNet(act: Activation, norm: NormName, res: 0 | 1, rezero: 0 | 1, pool: number): ConvNet {
  const config: RunConfig = {
    ...DEFAULT_CONFIG,
    arch: 'conv',
    depth: 3,
    width: 3,
    kernel: 3,
    pool,
    data: 'probe',
    in: 2,
    act,
    init: 'xavier_uniform',
    gain: 1.5,
    bias: 'torch',
    seed: 5,
    norm,
    res,
    rezero,
  };
  const graph = buildGraph(config, SIDE);
  const maps = [...graph.hidden.map(weightOp), graph.head];
  const net = new ConvNet(
    { graph, act, slope: 0.1, loss: 'ce', capacity: B, float64: true },
    initializeConvNetwork(config, maps, Float64Array),
  );
  for (let i = 0; i < B * graph.inDim; i++) net.xBatch[i] = 1.5 * Math.sin(1.7 * i + 0.3);
  net.yBatch.set([0, 3, 1]);
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

describe('gradient check of conv networks (float64)', () => {
  it('the pools shrink 6 → 3 → 1 and stop at side 1', () => {
    const net = makeNet('tanh', 'none', 0, 0, 1);
    expect(net.convs.map((c) => c.side)).toEqual([6, 3, 1]);
    expect(net.pooled.map((p) => p !== null)).toEqual([true, true, false]);
  });

  for (const act of ['tanh', 'gelu'] as const)
    for (const pool of [0, 1])
      for (const [norm, res, rezero] of CASES)
        it(`${act}, pool=${pool}, norm=${norm}, res=${res}, rezero=${rezero}: every tensor within 1e-6 relative`, () => {
          const net = makeNet(act, norm, res, rezero, pool);
          net.forward(B, null);
          net.loss(B, net.yBatch, true);
          net.backward(B, null);
          const extra = net.extraParams();
          const analytic = [...net.gW, ...net.gb, ...extra.g].map((a) => Float64Array.from(a));
          const params = [...net.W, ...net.b, ...extra.p];
          expect(params.length).toBe(8 + (norm === 'none' ? 0 : 6) + (rezero ? 2 : 0));
          params.forEach((p, t) => {
            const numeric = numericGrad(net, B, p);
            // BatchNorm2d subtracts each channel's batch mean, so the bias of a conv it follows (every
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
