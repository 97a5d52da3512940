// Analytic gradients of every W and b against central finite differences, float64, for every activation
// and both losses, on a small net (3 hidden layers of width 5, batch 4).
import { describe, expect, it } from 'vitest';
import {
  ACTIVATIONS,
  type Activation,
  DEFAULT_CONFIG,
  LOSSES,
  type LossName,
  type RunConfig,
} from '../config';
import { initializeNetwork64 } from '../init';
import { CpuNet } from './net';
import { numericGrad, relErr } from './gradcheckHelpers';

const DIMS = [3, 5, 5, 5, 4];
const B = 4;
// Activations with a kink (in φ or φ'): a finite difference that straddles it is meaningless, so the test
// first checks that no pre-activation is that close to 0.
const KINKED: readonly Activation[] = ['relu', 'leaky_relu', 'selu'];

/** Deterministic inputs in [−1.5, 1.5] (no RNG dependency). */
function inputs(): { x: Float64Array; y: Int32Array } {
  const x = new Float64Array(B * DIMS[0]);
  for (let i = 0; i < x.length; i++) x[i] = 1.5 * Math.sin(1.7 * i + 0.3);
  return { x, y: Int32Array.from([0, 3, 1, 2]) };
}

function makeNet(act: Activation, loss: LossName): CpuNet {
  const config: RunConfig = {
    ...DEFAULT_CONFIG,
    act,
    init: 'xavier_uniform',
    gain: 1.5,
    bias: 'torch',
    seed: 5,
  };
  const net = new CpuNet(
    { dims: DIMS, act, slope: 0.1, loss, capacity: B, float64: true },
    initializeNetwork64(config, DIMS),
  );
  const { x, y } = inputs();
  net.xBatch.set(x);
  net.yBatch.set(y);
  return net;
}

describe('gradient check (float64, central differences)', () => {
  for (const act of ACTIVATIONS)
    for (const loss of LOSSES)
      it(`${act} / ${loss}: every W and b within 1e-6 relative`, () => {
        const net = makeNet(act, loss);
        net.forward(B, null);
        if (KINKED.includes(act)) {
          // Recompute z from h is impossible for relu, so measure it directly: rerun each layer's linear map.
          for (let i = 0; i < net.L; i++) {
            const z = net.linear(i, B);
            let minAbs = Number.POSITIVE_INFINITY;
            for (let e = 0; e < B * DIMS[i + 1]; e++) minAbs = Math.min(minAbs, Math.abs(z[e]));
            expect(minAbs).toBeGreaterThan(1e-3);
            net.activate(i, B);
          }
        }
        net.forward(B, null);
        net.loss(B, net.yBatch, true);
        net.backward(B, null);
        const analytic = [...net.gW, ...net.gb].map((a) => Float64Array.from(a));
        const params = [...net.W, ...net.b];
        params.forEach((p, t) => {
          const numeric = numericGrad(net, B, p);
          const err = relErr(analytic[t], numeric);
          // A vanishing gradient would pass trivially; these are all clearly non-zero.
          expect(Math.max(...analytic[t].map(Math.abs))).toBeGreaterThan(1e-6);
          expect(err, `tensor ${t} (${t < net.W.length ? 'W' : 'b'}${t % net.W.length})`).toBeLessThan(1e-6);
        });
      });
});
