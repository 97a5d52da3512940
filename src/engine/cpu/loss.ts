// Output losses and their gradient with respect to the logits, averaged over the batch like PyTorch:
// CrossEntropyLoss (log-sum-exp, stable for any logits) and MSELoss(reduction='mean') against one-hot
// targets, i.e. the mean over batch × classes.
import type { LossName } from '../config';
import type { Arr } from './gemm';

export interface LossResult {
  /** Mean loss over the rows. */
  loss: number;
  /** Rows whose argmax (first maximum) equals the label. */
  correct: number;
}

/**
 * Loss of logits [rows, C] against labels y; when `grad` is given it receives ∂loss/∂logits for a batch
 * of `gradRows` rows (normally = rows; the scale is 1/gradRows for ce, 2/(gradRows·C) for mse).
 */
export function lossAndGrad(
  kind: LossName,
  logits: Arr,
  y: Int32Array,
  rows: number,
  C: number,
  grad: Arr | null,
): LossResult {
  let total = 0;
  let correct = 0;
  const invB = 1 / rows;
  const mseScale = 2 / (rows * C);
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    const label = y[r];
    let max = logits[o];
    let arg = 0;
    for (let c = 1; c < C; c++) {
      if (logits[o + c] > max) {
        max = logits[o + c];
        arg = c;
      }
    }
    if (arg === label) correct++;
    if (kind === 'ce') {
      let se = 0;
      for (let c = 0; c < C; c++) se += Math.exp(logits[o + c] - max);
      const lse = max + Math.log(se);
      total += lse - logits[o + label];
      if (grad !== null)
        for (let c = 0; c < C; c++)
          grad[o + c] = (Math.exp(logits[o + c] - lse) - (c === label ? 1 : 0)) * invB;
    } else {
      for (let c = 0; c < C; c++) {
        const diff = logits[o + c] - (c === label ? 1 : 0);
        total += diff * diff;
        if (grad !== null) grad[o + c] = diff * mseScale;
      }
    }
  }
  return { loss: kind === 'ce' ? total / rows : total / (rows * C), correct };
}

/** Row-wise softmax of logits [rows, C] into out (class probabilities). */
export function softmaxRows(logits: Arr, out: Float32Array, rows: number, C: number, outOffset = 0): void {
  for (let r = 0; r < rows; r++) {
    const o = r * C;
    let max = logits[o];
    for (let c = 1; c < C; c++) if (logits[o + c] > max) max = logits[o + c];
    let se = 0;
    for (let c = 0; c < C; c++) se += Math.exp(logits[o + c] - max);
    for (let c = 0; c < C; c++) out[outOffset + o + c] = Math.exp(logits[o + c] - max) / se;
  }
}
