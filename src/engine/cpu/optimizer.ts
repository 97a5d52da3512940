// SGD, momentum and Adam with PyTorch's update rules, applied in place to every W and b (and γ, β, α). While it walks
// the weights it also measures what the statistics need: ‖W‖ before the update, ‖ΔW‖ of the update as
// actually stored (after float32 rounding), and Σ W afterwards (the next pass's finiteness check).
import { ADAM, type RunConfig } from '../config';
import type { Arr } from './gemm';
import type { TrainNet } from './trainNet';

export interface OptimizerConfig {
  opt: RunConfig['opt'];
  lr: number;
  momentum: number;
}

export class Optimizer {
  /** γ, β and α with their gradients (docs/LAYERS.md#parameters); empty for the plain MLP. */
  private readonly extra: { p: Arr[]; g: Arr[] };
  /** Velocity (momentum) or first moment (Adam), per tensor; W tensors first, then b, then the extras. */
  private readonly s1: Arr[] = [];
  /** Second moment (Adam). */
  private readonly s2: Arr[] = [];
  private t = 0;
  /** ‖W_i‖_F before and ‖ΔW_i‖_F of the last update, per layer. */
  readonly weightNorm: Float64Array;
  readonly deltaNorm: Float64Array;

  constructor(
    private readonly cfg: OptimizerConfig,
    private readonly net: TrainNet,
  ) {
    const F = net.spec.float64 ? Float64Array : Float32Array;
    this.extra = net.extraParams();
    const tensors = [...net.W, ...net.b, ...net.extraParams().p];
    if (cfg.opt !== 'sgd') for (const p of tensors) this.s1.push(new F(p.length));
    if (cfg.opt === 'adam') for (const p of tensors) this.s2.push(new F(p.length));
    this.weightNorm = new Float64Array(net.L + 1);
    this.deltaNorm = new Float64Array(net.L + 1);
  }

  /** One update of every parameter from the gradients in the net. */
  step(): void {
    this.t++;
    const net = this.net;
    const nW = net.W.length;
    for (let i = 0; i < nW; i++) {
      const r = this.update(net.W[i], net.gW[i], i);
      this.weightNorm[i] = Math.sqrt(r.oldSq);
      this.deltaNorm[i] = Math.sqrt(r.deltaSq);
      net.wSum[i] = r.newSum;
    }
    for (let i = 0; i < nW; i++) this.update(net.b[i], net.gb[i], nW + i);
    for (let k = 0; k < this.extra.p.length; k++) this.update(this.extra.p[k], this.extra.g[k], 2 * nW + k);
  }

  /** Copy of the optimizer state (for a trial update that is undone). */
  saveState(): { s1: Arr[]; s2: Arr[]; t: number } {
    return { s1: this.s1.map((a) => a.slice()), s2: this.s2.map((a) => a.slice()), t: this.t };
  }

  loadState(state: { s1: Arr[]; s2: Arr[]; t: number }): void {
    for (let i = 0; i < state.s1.length; i++) this.s1[i].set(state.s1[i]);
    for (let i = 0; i < state.s2.length; i++) this.s2[i].set(state.s2[i]);
    this.t = state.t;
  }

  private readonly res = { oldSq: 0, deltaSq: 0, newSum: 0 };

  private update(p: Arr, g: Arr, slot: number): { oldSq: number; deltaSq: number; newSum: number } {
    const n = p.length;
    const lr = this.cfg.lr;
    let oldSq = 0;
    let deltaSq = 0;
    let newSum = 0;
    if (this.cfg.opt === 'sgd') {
      for (let k = 0; k < n; k++) {
        const w = p[k];
        p[k] = w - lr * g[k];
        const dw = p[k] - w;
        oldSq += w * w;
        deltaSq += dw * dw;
        newSum += p[k];
      }
    } else if (this.cfg.opt === 'momentum') {
      // PyTorch SGD(momentum=μ, dampening=0): v ← μv + g (v starts at g), p ← p − lr·v.
      const v = this.s1[slot];
      const mu = this.cfg.momentum;
      for (let k = 0; k < n; k++) {
        v[k] = mu * v[k] + g[k];
        const w = p[k];
        p[k] = w - lr * v[k];
        const dw = p[k] - w;
        oldSq += w * w;
        deltaSq += dw * dw;
        newSum += p[k];
      }
    } else {
      // PyTorch Adam: m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²;
      // p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε).
      const m = this.s1[slot];
      const v = this.s2[slot];
      const { beta1, beta2, eps } = ADAM;
      const stepSize = lr / (1 - beta1 ** this.t);
      const bc2Sqrt = Math.sqrt(1 - beta2 ** this.t);
      for (let k = 0; k < n; k++) {
        const gk = g[k];
        m[k] = beta1 * m[k] + (1 - beta1) * gk;
        v[k] = beta2 * v[k] + (1 - beta2) * gk * gk;
        const w = p[k];
        p[k] = w - (stepSize * m[k]) / (Math.sqrt(v[k]) / bc2Sqrt + eps);
        const dw = p[k] - w;
        oldSq += w * w;
        deltaSq += dw * dw;
        newSum += p[k];
      }
    }
    const r = this.res;
    r.oldSq = oldSq;
    r.deltaSq = deltaSq;
    r.newSum = newSum;
    return r;
  }
}
