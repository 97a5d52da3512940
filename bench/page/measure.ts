// The timing protocol: warm every engine up, size each engine's window from its warm-up speed, then time
// the engines interleaved (A B C D A B C D …) so that slow drifts of a shared, noisy machine hit all of
// them alike. Reports raw per-window rates; the runner takes medians.
import type { BenchOptions, EngineName, EngineSamples, KernelProfile } from '../protocol';
import { diffCounts, readGpuCounts } from './gpuCounters';
import { takeKernelTimes } from './gpuProfiler';

export interface BenchEngine {
  readonly name: EngineName;
  /** Whether it issues WebGPU commands (then dispatches per step are reported). */
  readonly gpu: boolean;
  /** Our WebGPU engine: the dispatches of its last step as the step program lists them. */
  programDispatches?: () => number;
  /** Train `steps` steps; resolves when their statistics are back on the host. */
  run(steps: number): Promise<void>;
  dispose(): void;
}

export type Log = (line: string) => void;

async function timeSteps(engine: BenchEngine, steps: number): Promise<number> {
  const t0 = performance.now();
  await engine.run(steps);
  return performance.now() - t0;
}

/** Fewest steps in a timed window, whatever its length in ms: a rate from a handful of steps is noise. */
export const MIN_WINDOW_STEPS = 20;

/** Steps that fill about `windowMs` at `msPerStep`, at least MIN_WINDOW_STEPS. */
export function stepsForWindow(windowMs: number, msPerStep: number): number {
  if (!(msPerStep > 0)) return MIN_WINDOW_STEPS;
  return Math.max(MIN_WINDOW_STEPS, Math.round(windowMs / msPerStep));
}

/**
 * Engines in round r: A B C … in even rounds, … C B A in odd ones, so a machine that speeds up or slows down
 * during a round favours neither window of a pair over the rounds (the paired ratios, e.g. the statistics
 * overhead, would otherwise drift one way). Neighbours stay neighbours.
 */
export function roundOrder<T>(engines: readonly T[], r: number): readonly T[] {
  return r % 2 === 0 ? engines : [...engines].reverse();
}

/** One window per WebGPU engine with every dispatch timed by the GPU (see gpuProfiler.ts). */
export async function profileKernels(
  engines: BenchEngine[],
  opts: BenchOptions,
  log: Log,
): Promise<Partial<Record<EngineName, KernelProfile>>> {
  const out: Partial<Record<EngineName, KernelProfile>> = {};
  for (const e of engines) {
    if (!e.gpu) continue;
    const steps = Math.max(2, Math.round(opts.windowMs / 200));
    await takeKernelTimes();
    await e.run(steps);
    out[e.name] = { steps, kernels: await takeKernelTimes() };
    log(`  ${e.name}: profiled ${steps} steps`);
  }
  return out;
}

export async function measure(
  engines: BenchEngine[],
  opts: BenchOptions,
  log: Log,
): Promise<Partial<Record<EngineName, EngineSamples>>> {
  const chunk = new Map<BenchEngine, number>();
  const live: BenchEngine[] = [];
  const out: Partial<Record<EngineName, EngineSamples>> = {};
  for (const e of engines) {
    try {
      // First call compiles pipelines and allocates; then keep stepping until the warm-up time is spent,
      // doubling the step count, and size the timed window from the last (steady) run.
      let spent = await timeSteps(e, 1);
      let steps = 1;
      let ms: number;
      for (;;) {
        ms = await timeSteps(e, steps);
        spent += ms;
        if (spent + 2 * ms > opts.warmupMs) break;
        steps *= 2;
      }
      chunk.set(e, stepsForWindow(opts.windowMs, ms / steps));
      live.push(e);
      out[e.name] = { stepsPerSec: [] };
      log(`  ${e.name}: warm, ${(ms / steps).toFixed(1)} ms/step, ${chunk.get(e)} steps per window`);
    } catch (err) {
      out[e.name] = { stepsPerSec: [], error: (err as Error).message };
      log(`  ${e.name}: FAILED in warm-up: ${(err as Error).message}`);
    }
  }
  if (opts.profile) return out;
  const totals = new Map<BenchEngine, { steps: number; dispatches: number; submits: number; maps: number }>();
  for (let r = 0; r < opts.rounds; r++) {
    for (const e of roundOrder(live, r)) {
      const samples = out[e.name]!;
      if (samples.error) continue;
      const steps = chunk.get(e)!;
      try {
        const before = readGpuCounts();
        const ms = await timeSteps(e, steps);
        const d = diffCounts(readGpuCounts(), before);
        samples.stepsPerSec.push((steps * 1000) / ms);
        const t = totals.get(e) ?? { steps: 0, dispatches: 0, submits: 0, maps: 0 };
        totals.set(e, {
          steps: t.steps + steps,
          dispatches: t.dispatches + d.dispatches,
          submits: t.submits + d.submits,
          maps: t.maps + d.maps,
        });
      } catch (err) {
        samples.error = (err as Error).message;
        log(`  ${e.name}: FAILED in round ${r + 1}: ${samples.error}`);
      }
    }
    log(
      `  round ${r + 1}/${opts.rounds}: ${live.map((e) => `${e.name} ${(out[e.name]!.stepsPerSec.at(-1) ?? 0).toFixed(1)}`).join(', ')}`,
    );
  }
  for (const [e, t] of totals) {
    if (!e.gpu || t.steps === 0) continue;
    const s = out[e.name]!;
    s.dispatchesPerStep = t.dispatches / t.steps;
    s.submitsPerStep = t.submits / t.steps;
    s.mapsPerStep = t.maps / t.steps;
    if (e.programDispatches) s.programDispatchesPerStep = e.programDispatches();
  }
  return out;
}
