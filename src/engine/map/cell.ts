// One cell of a trainability map: the base network at one σ_w² and one depth, trained for real from the
// map's seed, measured on the whole training split before and after.
import type { RunConfig } from '../config';
import type { Dataset } from '../data';
import type { Trainer } from '../trainer';

export interface MapCell {
  sw2: number;
  depth: number;
  /** Loss on the whole training split at initialization. */
  loss0: number;
  /** Loss on the whole training split after the map's steps. */
  loss: number;
  /** Accuracy on the whole training split after the map's steps. */
  accuracy: number;
}

export type MakeTrainer = (config: RunConfig, dataset: Dataset) => Promise<Trainer> | Trainer;

/**
 * The cell's network: every Linear layer W ~ N(0, σ_w²/fan_in), i.e. kaiming_normal with mode fan_in and
 * gain √σ_w² — so σ_w² = fan_in·Var(W) is exactly the theory's, in the first and the output layer too.
 * Everything else (width, activation, bias, data, optimizer, seed) is the base config's.
 */
export function mapCellConfig(base: RunConfig, sw2: number, depth: number): RunConfig {
  return { ...base, depth, init: 'kaiming_normal', mode: 'fan_in', gain: Math.sqrt(sw2) };
}

/**
 * Called between chunks of ~CHUNK_MS of training with the chunk's wall time; a page's worker sleeps a share
 * of it so the page keeps a core (the CLI trains straight through).
 */
export type Pace = (chunkMs: number) => Promise<void>;

const CHUNK_MS = 40;

/** Runs `steps` updates, in chunks sized to ~CHUNK_MS with `pace` between them when given. */
async function train(trainer: Trainer, steps: number, pace?: Pace): Promise<void> {
  if (!pace) {
    await trainer.run(steps, { every: steps, stats: false });
    return;
  }
  let done = 0;
  let chunk = 1;
  while (done < steps) {
    const n = Math.min(chunk, steps - done);
    const t0 = performance.now();
    await trainer.run(n, { every: steps, stats: false });
    const ms = performance.now() - t0;
    done += n;
    // Next chunk sized from this one's time per step, within ×2 of it.
    chunk = Math.max(1, Math.min(2 * n, Math.round((n * CHUNK_MS) / Math.max(ms, 0.01))));
    await pace(ms);
  }
}

export async function trainCell(
  base: RunConfig,
  dataset: Dataset,
  sw2: number,
  depth: number,
  steps: number,
  makeTrainer: MakeTrainer,
  pace?: Pace,
): Promise<MapCell> {
  // The trainer's evaluate() reads its `test` split: handing it the training split measures training loss
  // and accuracy over all of it (a batch's are too noisy to compare cells).
  const trainer = await makeTrainer(mapCellConfig(base, sw2, depth), { ...dataset, test: dataset.train });
  try {
    const before = await trainer.evaluate();
    if (steps > 0) await train(trainer, steps, pace);
    const after = steps > 0 ? await trainer.evaluate() : before;
    return { sw2, depth, loss0: before.loss, loss: after.loss, accuracy: after.accuracy };
  } finally {
    trainer.dispose();
  }
}
