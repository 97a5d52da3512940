// LSUV's data-driven part (Mishkin & Matas 2015): starting from the orthogonal weights, walk the Linear
// layers in order (the output layer too); for each, forward the first batch up to it and rescale W until
// Var(z) = 1 within LSUV_TOL, at most LSUV_MAX_ITERS times. The GPU trainer follows the same schedule with
// the same helpers from ../init so both stop at the same point.
import { LSUV_MAX_ITERS, lsuvConverged, lsuvScaleFactor } from '../init';
import { moments } from '../stats/compute';
import type { TrainNet } from './trainNet';

/** Population variance of z of layer i over `rows` rows (xBatch holds the batch). */
function layerVariance(net: TrainNet, i: number, rows: number): number {
  const z = net.linear(i, rows);
  const sd = moments(z, rows * net.units(i)).std;
  return sd * sd;
}

/** Rescale every layer of `net` in place; xBatch must hold batch 0. Returns each layer's final Var(z). */
export function applyLsuv(net: TrainNet, rows: number): number[] {
  const finalVar: number[] = [];
  // Normalizations use this batch's statistics, as in training, but BatchNorm's running ones stay at init.
  net.setBatchStatsOnly(true);
  for (let i = 0; i <= net.L; i++) {
    net.prepareInput(i, rows);
    const W = net.W[i];
    let variance = layerVariance(net, i, rows);
    for (let it = 0; it < LSUV_MAX_ITERS && !lsuvConverged(variance); it++) {
      const s = lsuvScaleFactor(variance);
      if (s === 1) break; // dead or overflowed layer: nothing to rescale
      for (let k = 0; k < W.length; k++) W[k] *= s;
      variance = layerVariance(net, i, rows);
    }
    let sum = 0;
    for (let k = 0; k < W.length; k++) sum += W[k];
    net.wSum[i] = sum;
    finalVar.push(variance);
    // The next layer's input, from the z just computed with the final W.
    if (i < net.L) net.finishLayer(i, rows);
  }
  net.setBatchStatsOnly(false);
  return finalVar;
}
