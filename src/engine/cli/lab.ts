// The CLI's lab commands: `spectrum` (the Jacobian's singular values) and `map` (a trainability map), on
// the same decoded config, dataset and trainer factory as `run`.
import { decodeConfig } from '../config/codec';
import { loadDataset } from '../data';
import {
  bandWithinTheory,
  checkCellCount,
  deepestTrainable,
  type MapResult,
  parseDepths,
  parseSw2,
  runMap,
  trainableThreshold,
} from '../map';
import { jacobianSpectrum, type SpectrumResult } from '../spectrum';
import type { CliArgs } from './args';
import type { CliDeps } from './run';

/** A bad --sw2 or --depths: the CLI exits with code 2 and this message. */
export class UsageError extends Error {}

export interface SpectrumOutput extends SpectrumResult {
  config: ReturnType<typeof decodeConfig>['config'];
  notices: string[];
  /** Updates applied before the Jacobian was taken (0 = at init). */
  step: number;
}

export async function spectrumCommand(args: CliArgs, deps: CliDeps): Promise<SpectrumOutput> {
  const { config, notices } = decodeConfig(args.config);
  const backend = args.backend ?? (config.backend === 'webgpu' ? 'webgpu' : 'cpu');
  const dataset = await loadDataset(config, { fetchBytes: deps.fetchBytes });
  const trainer = await deps.makeTrainer(config, dataset, backend);
  try {
    if (args.steps > 0) await trainer.run(args.steps, { every: args.steps, stats: false });
    const result = jacobianSpectrum(config, await trainer.weights(), dataset);
    return { config, notices, step: args.steps, ...result };
  } finally {
    trainer.dispose();
  }
}

export interface MapOutput extends MapResult {
  config: ReturnType<typeof decodeConfig>['config'];
  notices: string[];
  steps: number;
  backend: 'cpu' | 'webgpu';
  /** Whether every cell trained at once (WebGPU's batched trainer) or one after another. */
  batched: boolean;
  /** Batched: groups of cells trained one after another where the device could not hold the whole grid. */
  groups?: number;
  /** Per σ_w² column: the deepest cell whose accuracy is ≥ threshold, and whether ξ_c ≤ it ≤ 12 ξ_c. */
  band: { threshold: number; deepestTrainable: number[]; withinTheory: boolean[] };
}

export async function mapCommand(
  args: CliArgs,
  deps: CliDeps,
  onProgress?: (done: number, total: number) => void,
): Promise<MapOutput> {
  const sw2 = parseSw2(args.sw2);
  if (!sw2.ok) throw new UsageError(sw2.message);
  const depth = parseDepths(args.depths);
  if (!depth.ok) throw new UsageError(depth.message);
  const axes = { sw2: sw2.value, depth: depth.value };
  const tooMany = checkCellCount(axes);
  if (tooMany !== null) throw new UsageError(tooMany);
  const { config, notices } = decodeConfig(args.config);
  const backend = args.backend ?? 'cpu';
  const dataset = await loadDataset(config, { fetchBytes: deps.fetchBytes });
  const batched = backend === 'webgpu' ? deps.runMapBatched : undefined;
  const result = batched
    ? await batched(config, dataset, axes, args.steps)
    : await runMap(
        config,
        dataset,
        axes,
        args.steps,
        (c, d) => deps.makeTrainer(c, d, backend),
        (_, done, total) => onProgress?.(done, total),
      );
  const threshold = trainableThreshold(dataset.classes);
  const deepest = deepestTrainable(result.axes.sw2, result.cells, dataset.classes);
  const withinTheory = bandWithinTheory(deepest, result.theory.xi_c, Math.max(...result.axes.depth));
  return {
    config,
    notices,
    steps: args.steps,
    backend,
    batched: batched !== undefined,
    ...result,
    band: { threshold, deepestTrainable: deepest, withinTheory },
  };
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(4) : String(v));

export function formatSpectrum(o: SpectrumOutput): string {
  const sv = o.singularValues;
  return [
    `# Jacobian ∂h^L/∂h^0 (${o.rows}×${o.cols}) at step ${o.step}: ${sv.length} singular values`,
    ...o.notices.map((n) => `# notice: ${n}`),
    `largest ${fmt(sv[0])}, smallest ${fmt(sv[sv.length - 1])}`,
    `mean squared: measured ${fmt(o.meanSquared)}, theory ${fmt(o.theory.meanSquared)}`,
    '',
  ].join('\n');
}

/** Accuracy grid: one row per depth, one column per σ_w², then ξ_c per column. */
export function formatMap(o: MapOutput): string {
  const how = !o.batched
    ? `one cell after another on ${o.backend}`
    : (o.groups ?? 1) > 1
      ? `on WebGPU in ${o.groups} groups, each group's cells at once`
      : 'all cells at once on WebGPU';
  const lines = [`# trainability map, ${o.steps} steps per cell (${how}); accuracy on the training split`];
  for (const n of o.notices) lines.push(`# notice: ${n}`);
  lines.push(['depth \\ σ_w²', ...o.axes.sw2.map((w) => w.toFixed(2))].join('\t'));
  for (const d of o.axes.depth) {
    const row = o.axes.sw2.map((w) => {
      const c = o.cells.find((x) => x.depth === d && x.sw2 === w);
      return c ? c.accuracy.toFixed(2) : '';
    });
    lines.push([String(d), ...row].join('\t'));
  }
  lines.push(['ξ_c', ...o.theory.xi_c.map(fmt)].join('\t'));
  lines.push([`deepest ≥ ${o.band.threshold.toFixed(2)}`, ...o.band.deepestTrainable.map(String)].join('\t'));
  lines.push(['ξ_c ≤ it ≤ 12ξ_c', ...o.band.withinTheory.map((b) => (b ? 'yes' : 'no'))].join('\t'));
  return `${lines.join('\n')}\n`;
}
