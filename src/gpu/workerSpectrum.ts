// The live Jacobian spectrum of a training run, computed in the training worker from the trainer's current
// weights (engine/spectrum) so the page's main thread never forms or decomposes J. Rate-limited: at most
// once a second, and never more than a tenth of the worker's time (a large J takes a while).
import type { RunConfig } from '../engine/config';
import type { Dataset } from '../engine/data';
import { jacobianSpectrum, SPECTRUM_LIVE_MAX_WORK, spectrumRefusal } from '../engine/spectrum';
import type { Trainer } from '../engine/trainer';
import type { FromWorker } from './workerProtocol';

export interface SpectrumState {
  /** Step of the last spectrum posted (−1: none yet). */
  step: number;
  at: number;
  /** Milliseconds the last one took. */
  cost: number;
}

export const newSpectrumState = (): SpectrumState => ({ step: -1, at: 0, cost: 0 });

const MIN_INTERVAL_MS = 1000;

/**
 * Posts the spectrum at the trainer's current step when due: always for step 0 or `force` (a paused run,
 * a single step), else once the interval has passed. A refused network is reported once, as a message.
 */
export async function maybeSpectrum(
  slot: number,
  runId: number,
  config: RunConfig,
  dataset: Dataset,
  trainer: Trainer,
  st: SpectrumState,
  force: boolean,
  post: (msg: FromWorker, transfer?: Transferable[]) => void,
): Promise<void> {
  const step = trainer.step;
  if (st.step === step) return;
  const now = performance.now();
  const interval = Math.max(MIN_INTERVAL_MS, 10 * st.cost);
  if (step !== 0 && !force && now - st.at < interval) return;
  const refusal = spectrumRefusal(config, SPECTRUM_LIVE_MAX_WORK);
  if (refusal !== null) {
    if (st.step === -1) post({ type: 'spectrum', slot, runId, step, refused: refusal });
    st.step = step;
    st.at = now;
    return;
  }
  let r: ReturnType<typeof jacobianSpectrum>;
  try {
    r = jacobianSpectrum(config, await trainer.weights(), dataset, SPECTRUM_LIVE_MAX_WORK);
  } catch (e) {
    // E.g. weights that overflowed to inf: the run goes on (and reports its non-finite value); the panel
    // says why it has no spectrum at this step.
    st.step = step;
    st.at = performance.now();
    post({ type: 'spectrum', slot, runId, step, refused: e instanceof Error ? e.message : String(e) });
    return;
  }
  st.step = step;
  st.at = performance.now();
  st.cost = st.at - now;
  const values = Float64Array.from(r.singularValues);
  post(
    {
      type: 'spectrum',
      slot,
      runId,
      step,
      values,
      meanSquared: r.meanSquared,
      theoryMeanSquared: r.theory.meanSquared,
      shape: [r.rows, r.cols],
    },
    [values.buffer],
  );
}
