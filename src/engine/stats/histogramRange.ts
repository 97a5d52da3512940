// The ONE place that fixes the activation histogram's range and bin count. The range depends only on the
// activation, never on the layer or the step, so histograms of different layers and steps are comparable
// (and a signal that explodes shows up as `over`, one that collapses piles into the bins around 0).
import type { Activation } from '../config';

/** Bins per activation histogram (both engines). */
export const HIST_BINS = 40;

/**
 * Histogram range of h = φ(z): tanh [−1, 1] and sigmoid [0, 1] (their whole image); relu [0, 4]
 * (its image is ≥ 0, so a symmetric range would waste half the bins); every other activation [−4, 4].
 */
export function histogramRange(act: Activation): { lo: number; hi: number } {
  switch (act) {
    case 'tanh':
      return { lo: -1, hi: 1 };
    case 'sigmoid':
      return { lo: 0, hi: 1 };
    case 'relu':
      return { lo: 0, hi: 4 };
    default:
      return { lo: -4, hi: 4 };
  }
}
