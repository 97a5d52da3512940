// Central finite differences and the relative error they are judged by, shared by the gradient checks of
// every network kind (gradcheck*.test.ts). Test-only: nothing in the engine imports it.
import type { Arr } from './gemm';
import type { LossResult } from './loss';
import type { StepProbe } from './probe';

/** What a gradient check needs of a network: a forward pass on its loaded batch and the loss of it. */
export interface CheckedNet {
  readonly yBatch: Int32Array;
  forward(rows: number, probe: StepProbe | null): void;
  loss(rows: number, y: Int32Array, withGrad: boolean): LossResult;
}

/** Step of the central differences (float64 networks). */
export const FD_STEP = 1e-5;

/** The loss of the batch's `rows` rows at the current parameters. */
export function lossOf(net: CheckedNet, rows: number): number {
  net.forward(rows, null);
  return net.loss(rows, net.yBatch, false).loss;
}

/** ∂loss/∂p by central differences, p perturbed in place and restored. */
export function numericGrad(net: CheckedNet, rows: number, p: Arr): Float64Array {
  const g = new Float64Array(p.length);
  for (let k = 0; k < p.length; k++) {
    const v = p[k];
    p[k] = v + FD_STEP;
    const up = lossOf(net, rows);
    p[k] = v - FD_STEP;
    const down = lossOf(net, rows);
    p[k] = v;
    g[k] = (up - down) / (2 * FD_STEP);
  }
  return g;
}

/** ‖a − n‖ / max(‖a‖, ‖n‖): the analytic gradient's error relative to the larger of the two. */
export function relErr(a: Float64Array, n: Float64Array): number {
  let d = 0;
  let na = 0;
  let nn = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - n[i]) ** 2;
    na += a[i] ** 2;
    nn += n[i] ** 2;
  }
  return Math.sqrt(d) / Math.max(Math.sqrt(na), Math.sqrt(nn), 1e-300);
}
