// What one training pass reports besides its result: the per-layer statistics when the step is recorded,
// and the first non-finite tensor of the run (sticky). Passes call `check` on every tensor in a fixed
// order — per layer upward: weight, pre, act (output layer: weight, output); then the loss (layer 0);
// then backward, downward: grad (the output layer's δ counts as layer depth + 1) — so "first" is
// well defined within a step.
import { firstNonFiniteIndex } from '../stats/compute';
import type { LayerStats, NonFinite, TensorName } from '../stats/types';

export class StepProbe {
  /** Step index of the current pass. */
  step = 0;
  /** Compute the per-layer statistics in this pass. */
  stats = false;
  /** Include activation histograms. */
  hist = false;
  nonFinite: NonFinite | null = null;
  /** Per hidden layer (index ℓ − 1), filled piecewise by forward, backward and the update. */
  layers: LayerStats[] = [];

  /** Prepare for the pass of `step` with `hidden` hidden layers. */
  begin(step: number, stats: boolean, hist: boolean, hidden: number): void {
    this.step = step;
    this.stats = stats;
    this.hist = hist;
    this.layers = [];
    if (stats)
      for (let l = 1; l <= hidden; l++)
        this.layers.push({
          layer: l,
          act: { mean: 0, std: 0, min: 0, max: 0, zeroFrac: 0, satFrac: 0 },
          pre: { mean: 0, std: 0 },
          grad: { std: 0, rms: 0, weightGradNorm: 0 },
          weight: { std: 0, updateRatio: 0 },
        });
  }

  /**
   * Note the tensor as the run's first non-finite one if it holds NaN/±∞ and none was seen before. `sum`
   * is its float64 sum, computed in passing: non-finite sum ⇒ look (a float64 sum of finite float64
   * values can still overflow), finite sum ⇒ every term is finite.
   */
  check(values: ArrayLike<number>, count: number, sum: number, layer: number, tensor: TensorName): void {
    if (this.nonFinite !== null || Number.isFinite(sum)) return;
    if (firstNonFiniteIndex(values, count) >= 0) this.nonFinite = { step: this.step, layer, tensor };
  }
}
