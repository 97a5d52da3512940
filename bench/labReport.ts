// The lab row's numbers (pure, unit-tested): per round the ratio of the one-after-another map's wall time
// to the batched map's, paired within the round, and the median over rounds; the same without setup.
import type { LabRun } from './protocol';
import { median, pairedRatio } from './report';

/** Issue 10: batched training of the whole grid at least 5× faster than the cells one after another. */
export const LAB_TARGET = 5;

export interface LabRow {
  config: string;
  grid: string;
  cells: number;
  steps: number;
  adapter: string;
  batched_ms: number;
  sequential_ms: number;
  /** Median over rounds of sequential / batched wall time, setup included. */
  speedup: number;
  /** The same with each side's setup (trainer creation) taken out: training and evaluation only. */
  speedup_without_setup: number;
  dispatches_per_step: { batched: number; sequential: number };
  /** Largest relative loss0 difference between the two ways; cells whose trained loss agrees (1e-3). */
  max_loss0_diff: number;
  loss_within_1e3: number;
  met: boolean;
  error?: string;
}

export function toLabRow(r: LabRun): LabRow {
  const minus = (a: number[], b: number[]) => a.map((x, i) => x - (b[i] ?? 0));
  const speedup = pairedRatio(r.sequentialMs, r.batchedMs);
  return {
    config: r.config,
    grid: `${r.sw2.length} σ_w² (${r.sw2[0]}…${r.sw2[r.sw2.length - 1]}) × ${r.depth.length} depths (${r.depth.join(',')})`,
    cells: r.sw2.length * r.depth.length,
    steps: r.steps,
    adapter: r.adapter,
    batched_ms: median(r.batchedMs),
    sequential_ms: median(r.sequentialMs),
    speedup,
    speedup_without_setup: pairedRatio(
      minus(r.sequentialMs, r.sequentialSetupMs),
      minus(r.batchedMs, r.batchedSetupMs),
    ),
    dispatches_per_step: { batched: r.batchedDispatchesPerStep, sequential: r.sequentialDispatchesPerStep },
    max_loss0_diff: r.maxLoss0Diff,
    loss_within_1e3: r.lossWithin,
    met: speedup >= LAB_TARGET,
    ...(r.error ? { error: r.error } : {}),
  };
}

export function toLabTable(row: LabRow): string {
  if (row.error) return `lab (batched map vs cells one after another): not measured (${row.error})`;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    '| lab map (WebGPU) | cells × steps | batched | one after another | × (≥ 5) | × without setup | dispatches/step batched · one after another |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| ${row.grid} | ${row.cells} × ${row.steps} | ${s(row.batched_ms)} | ${s(row.sequential_ms)} | ${row.speedup.toFixed(2)} | ${row.speedup_without_setup.toFixed(2)} | ${row.dispatches_per_step.batched} · ${row.dispatches_per_step.sequential} |`,
    '',
    `lab: batched ×${row.speedup.toFixed(2)} ${row.met ? 'met' : 'MISSED'}; same cells: loss0 within ${row.max_loss0_diff.toExponential(1)} relative, ` +
      `trained loss within 1e-3 in ${row.loss_within_1e3} of ${row.cells} cells (chaotic deep cells amplify rounding); ` +
      `config ${row.config}; adapter: ${row.adapter}`,
  ].join('\n');
}
