// Turns the page's raw samples into the numbers the issue asks for: medians (steps/s), the three target
// ratios, the statistics overhead, and either the JSON line or a readable table. Pure, unit-tested.
import type { ConfigRun, EngineName } from './protocol';

export const TARGETS = { webgpuSpeedup: 3, cpuSpeedup: 2, statsOverhead: 0.15 } as const;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Median over rounds of a[i] / b[i]: each round's two windows ran seconds apart, so a slow drift of a
 * shared machine cancels out of the ratio (the ratio of two medians would not be paired).
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const r: number[] = [];
  for (let i = 0; i < n; i++) if (b[i] > 0) r.push(a[i] / b[i]);
  return median(r);
}

export interface ResultRow {
  config: string;
  ours_webgpu: number | null;
  tfjs_webgpu: number | null;
  ours_cpu: number | null;
  tfjs_cpu: number | null;
  /** TF.js's WebAssembly backend (XNNPACK, single-threaded), with statistics. */
  tfjs_wasm: number | null;
  /** Our WebGPU step time with statistics over without, minus 1 (median of the per-round ratios). */
  stats_overhead: number | null;
  /**
   * ours / tfjs, median of the per-round ratios (the targets: webgpu ≥ 3, cpu and cpu_wasm ≥ 2): cpu is
   * ours_cpu over tfjs-backend-cpu, cpu_wasm ours_cpu over tfjs-backend-wasm.
   */
  speedup: { webgpu: number | null; cpu: number | null; cpu_wasm: number | null };
  ours_webgpu_nostats: number | null;
  tfjs_webgpu_nostats: number | null;
  tfjs_cpu_nostats: number | null;
  /** Compute dispatches per step, counted on the WebGPU API during the timed windows (every WebGPU engine). */
  dispatches_per_step: Partial<Record<EngineName, number>>;
  /** Our WebGPU engine: dispatches of one step as its step program lists them (should equal the count). */
  program_dispatches_per_step: Partial<Record<EngineName, number>>;
  /**
   * Fastest window of each engine. On a loaded shared machine other processes only ever slow a window
   * down, so the best window is the least disturbed estimate (the medians above are what the issue asks).
   */
  best_steps_per_s: Partial<Record<EngineName, number>>;
  /** stats_overhead from the best windows. */
  stats_overhead_best: number | null;
  /** Queue submissions and buffer maps (readbacks) per step of each WebGPU engine. */
  submits_per_step: Partial<Record<EngineName, number>>;
  maps_per_step: Partial<Record<EngineName, number>>;
  settings: string;
  adapter: string;
  errors?: Partial<Record<EngineName, string>>;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function samples(run: ConfigRun, name: EngineName): number[] | null {
  const s = run.engines[name];
  return s && !s.error && s.stepsPerSec.length > 0 ? s.stepsPerSec : null;
}

function rate(run: ConfigRun, name: EngineName): number | null {
  const s = samples(run, name);
  return s ? round4(median(s)) : null;
}

function paired(run: ConfigRun, a: EngineName, b: EngineName): number | null {
  const sa = samples(run, a);
  const sb = samples(run, b);
  const r = sa && sb ? pairedRatio(sa, sb) : Number.NaN;
  return Number.isFinite(r) ? round4(r) : null;
}

export function toRow(run: ConfigRun): ResultRow {
  const slowdown = paired(run, 'ours_webgpu_nostats', 'ours_webgpu');
  const dispatches: Partial<Record<EngineName, number>> = {};
  const program: Partial<Record<EngineName, number>> = {};
  const submits: Partial<Record<EngineName, number>> = {};
  const maps: Partial<Record<EngineName, number>> = {};
  const best: Partial<Record<EngineName, number>> = {};
  const errors: Partial<Record<EngineName, string>> = {};
  for (const [name, s] of Object.entries(run.engines) as [EngineName, ConfigRun['engines'][EngineName]][]) {
    if (s?.dispatchesPerStep !== undefined) dispatches[name] = round4(s.dispatchesPerStep);
    if (s?.programDispatchesPerStep !== undefined) program[name] = s.programDispatchesPerStep;
    if (s?.submitsPerStep !== undefined) submits[name] = round4(s.submitsPerStep);
    if (s?.mapsPerStep !== undefined) maps[name] = round4(s.mapsPerStep);
    if (s?.error) errors[name] = s.error;
    else if (s && s.stepsPerSec.length > 0) best[name] = round4(Math.max(...s.stepsPerSec));
  }
  const row: ResultRow = {
    config: run.config,
    ours_webgpu: rate(run, 'ours_webgpu'),
    tfjs_webgpu: rate(run, 'tfjs_webgpu'),
    ours_cpu: rate(run, 'ours_cpu'),
    tfjs_cpu: rate(run, 'tfjs_cpu'),
    tfjs_wasm: rate(run, 'tfjs_wasm'),
    // Step time with stats over without = rate without / rate with.
    stats_overhead: slowdown === null ? null : round4(slowdown - 1),
    speedup: {
      webgpu: paired(run, 'ours_webgpu', 'tfjs_webgpu'),
      cpu: paired(run, 'ours_cpu', 'tfjs_cpu'),
      cpu_wasm: paired(run, 'ours_cpu', 'tfjs_wasm'),
    },
    ours_webgpu_nostats: rate(run, 'ours_webgpu_nostats'),
    tfjs_webgpu_nostats: rate(run, 'tfjs_webgpu_nostats'),
    tfjs_cpu_nostats: rate(run, 'tfjs_cpu_nostats'),
    best_steps_per_s: best,
    stats_overhead_best:
      best.ours_webgpu && best.ours_webgpu_nostats
        ? round4(best.ours_webgpu_nostats / best.ours_webgpu - 1)
        : null,
    dispatches_per_step: dispatches,
    program_dispatches_per_step: program,
    submits_per_step: submits,
    maps_per_step: maps,
    settings: run.settings,
    adapter: run.adapter,
  };
  if (Object.keys(errors).length > 0) row.errors = errors;
  return row;
}

export function toJson(rows: ResultRow[]): string {
  return JSON.stringify({ results: rows });
}

function fmt(x: number | null, digits = 1): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return x >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

function verdict(ok: boolean | null): string {
  if (ok === null) return 'n/a';
  return ok ? 'met' : 'MISSED';
}

/** A Markdown table (readable in a terminal and pasteable into the README) plus the target verdicts. */
export function toTable(rows: ResultRow[]): string {
  const lines: string[] = [];
  lines.push(
    '| config | ours webgpu | tfjs webgpu | × (≥ 3) | ours cpu | tfjs cpu | × (≥ 2) | tfjs wasm | × (≥ 2) | stats overhead (≤ 15 %) | ours webgpu no stats | tfjs webgpu no stats | tfjs cpu no stats | dispatches/step ours · tfjs |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const { webgpu: gpuRatio, cpu: cpuRatio, cpu_wasm: wasmRatio } = r.speedup;
    const d = r.dispatches_per_step;
    lines.push(
      `| ${r.config} | ${fmt(r.ours_webgpu)} | ${fmt(r.tfjs_webgpu)} | ${fmt(gpuRatio, 2)} | ${fmt(r.ours_cpu)} | ${fmt(r.tfjs_cpu)} | ${fmt(cpuRatio, 2)} | ${fmt(r.tfjs_wasm)} | ${fmt(wasmRatio, 2)} | ${r.stats_overhead === null ? '—' : (r.stats_overhead * 100).toFixed(1) + ' %'} | ${fmt(r.ours_webgpu_nostats)} | ${fmt(r.tfjs_webgpu_nostats)} | ${fmt(r.tfjs_cpu_nostats)} | ${fmt(d.ours_webgpu ?? null, 0)} · ${fmt(d.tfjs_webgpu ?? null, 0)} |`,
    );
  }
  lines.push('');
  lines.push(
    'steps/s: median of the timed windows; ×, overhead: median of the per-round ratios of paired windows.',
  );
  lines.push('Every engine computes the per-layer statistics every step unless "no stats".');
  for (const r of rows) {
    const { webgpu: gpuRatio, cpu: cpuRatio, cpu_wasm: wasmRatio } = r.speedup;
    lines.push(
      `${r.config}: webgpu ×${fmt(gpuRatio, 2)} ${verdict(gpuRatio === null ? null : gpuRatio >= TARGETS.webgpuSpeedup)}, ` +
        `cpu ×${fmt(cpuRatio, 2)} ${verdict(cpuRatio === null ? null : cpuRatio >= TARGETS.cpuSpeedup)}, ` +
        `cpu vs wasm ×${fmt(wasmRatio, 2)} ${verdict(wasmRatio === null ? null : wasmRatio >= TARGETS.cpuSpeedup)}, ` +
        `stats overhead ${verdict(r.stats_overhead === null ? null : r.stats_overhead <= TARGETS.statsOverhead)}`,
    );
    const b = r.best_steps_per_s;
    const bestList = (Object.entries(b) as [EngineName, number][])
      .map(([n, v]) => `${n} ${fmt(v)}`)
      .join(', ');
    if (bestList) {
      const o = r.stats_overhead_best;
      lines.push(
        `  best windows: ${bestList}${o === null ? '' : `; stats overhead ${(o * 100).toFixed(1)} %`}`,
      );
    }
    const p = r.program_dispatches_per_step;
    if (p.ours_webgpu !== undefined || p.ours_webgpu_nostats !== undefined)
      lines.push(
        `  our step program: ${fmt(p.ours_webgpu ?? null, 0)} dispatches per step with statistics, ${fmt(p.ours_webgpu_nostats ?? null, 0)} without`,
      );
    for (const [name, err] of Object.entries(r.errors ?? {})) lines.push(`  ${name}: not measured (${err})`);
  }
  if (rows[0]) lines.push(`settings: ${rows[0].settings}; adapter: ${rows[0].adapter}`);
  return lines.join('\n');
}

/** --profile output: the most expensive kernels of each WebGPU engine, per training step. */
export function toProfileTable(runs: ConfigRun[], top = 12): string {
  const lines: string[] = [];
  for (const run of runs) {
    for (const [name, p] of Object.entries(run.profiles ?? {})) {
      if (!p) continue;
      const total = p.kernels.reduce((s, k) => s + k.ms, 0);
      lines.push(
        `${run.config} · ${name}: ${(total / p.steps).toFixed(2)} ms GPU time per step over ${p.steps} steps`,
      );
      lines.push('| kernel | ms/step | share | dispatches/step |');
      lines.push('|---|---:|---:|---:|');
      for (const k of p.kernels.slice(0, top)) {
        lines.push(
          `| ${k.label} | ${(k.ms / p.steps).toFixed(3)} | ${((100 * k.ms) / (total || 1)).toFixed(1)} % | ${(k.dispatches / p.steps).toFixed(1)} |`,
        );
      }
      lines.push('');
    }
  }
  return lines.join('\n');
}
