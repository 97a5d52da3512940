// The explorer run's Jacobian spectra as the training worker posts them: the one at step 0 (kept for the
// whole run, drawn as the reference) and the latest. Outside React, like the histories.
import type { FromWorker } from '../gpu/workerProtocol';
import { Signal } from './signal';

export type SpectrumData =
  | {
      step: number;
      values: Float64Array;
      meanSquared: number;
      theoryMeanSquared: number;
      shape: [number, number];
    }
  | { step: number; refused: string };

export const spectrumAtInit = new Signal<SpectrumData | null>(null);
export const spectrumLatest = new Signal<SpectrumData | null>(null);

export function clearSpectra(): void {
  spectrumAtInit.set(null);
  spectrumLatest.set(null);
}

export function receiveSpectrum(msg: Extract<FromWorker, { type: 'spectrum' }>): void {
  const data: SpectrumData =
    msg.values && msg.shape
      ? {
          step: msg.step,
          values: msg.values,
          meanSquared: msg.meanSquared ?? Number.NaN,
          theoryMeanSquared: msg.theoryMeanSquared ?? Number.NaN,
          shape: msg.shape,
        }
      : { step: msg.step, refused: msg.refused ?? 'no spectrum' };
  if (msg.step === 0) spectrumAtInit.set(data);
  spectrumLatest.set(data);
}
