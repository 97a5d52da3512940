// Trains a preset's (or lesson step's) runs on the CPU engine and checks its claim: what the unit tests,
// and anyone who doubts a preset's text, run. Each run gets the same seed and data, like compare mode.
import type { RunConfig } from '../config';
import { createCpuTrainer } from '../cpu/cpuTrainer';
import { loadDataset } from '../data';
import type { FetchBytes } from '../data/types';
import type { StatsRecord } from '../stats/types';
import type { Claim, ClaimResult } from './types';

export interface ClaimRun {
  records: StatsRecord[][];
  result: ClaimResult;
  /** Wall time of the training, ms. */
  ms: number;
}

/** Records of `steps` training steps (step 0 and step `steps` included) for each config. */
export async function trainRecords(
  configs: readonly RunConfig[],
  steps: number,
  fetchBytes?: FetchBytes,
  every?: number,
): Promise<StatsRecord[][]> {
  const out: StatsRecord[][] = [];
  for (const config of configs) {
    const dataset = await loadDataset(config, { fetchBytes });
    const trainer = await createCpuTrainer(config, dataset);
    try {
      // Non-finite values do not stop a run: the claim may be about exactly that.
      // run(n) records steps 0..n−1 (step k = the pass before update k), so step `steps` needs n = steps + 1.
      // Statistics cost about as much as the step itself: long claims record every 10th step (their checks
      // read steps that are multiples of 10); short ones record every step.
      out.push(await trainer.run(steps + 1, { every: every ?? (steps <= 20 ? 1 : 10) }));
    } finally {
      trainer.dispose();
    }
  }
  return out;
}

export async function runClaim(
  claim: Claim,
  configs: readonly RunConfig[],
  fetchBytes?: FetchBytes,
): Promise<ClaimRun> {
  const t0 = Date.now();
  const records = await trainRecords(configs, claim.steps, fetchBytes, claim.every);
  return { records, result: claim.check(records), ms: Date.now() - t0 };
}
