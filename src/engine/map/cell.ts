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

export async function trainCell(
  base: RunConfig,
  dataset: Dataset,
  sw2: number,
  depth: number,
  steps: number,
  makeTrainer: MakeTrainer,
): Promise<MapCell> {
  // The trainer's evaluate() reads its `test` split: handing it the training split measures training loss
  // and accuracy over all of it (a batch's are too noisy to compare cells).
  const trainer = await makeTrainer(mapCellConfig(base, sw2, depth), { ...dataset, test: dataset.train });
  try {
    const before = await trainer.evaluate();
    if (steps > 0) await trainer.run(steps, { every: steps, stats: false });
    const after = steps > 0 ? await trainer.evaluate() : before;
    return { sw2, depth, loss0: before.loss, loss: after.loss, accuracy: after.accuracy };
  } finally {
    trainer.dispose();
  }
}
