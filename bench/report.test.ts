import { describe, expect, it } from 'vitest';
import { parseArgs } from './args';
import { DEFAULT_CONFIGS, DEFAULT_OPTIONS, type ConfigRun, defaultEngines, ENGINES } from './protocol';
import { median, pairedRatio, toJson, toProfileTable, toRow, toTable } from './report';

const run: ConfigRun = {
  config: 'depth=10&width=64&batch=64',
  settings: 'data=spiral',
  adapter: 'google · swiftshader',
  engines: {
    ours_webgpu: { stepsPerSec: [90, 100, 110], dispatchesPerStep: 40, programDispatchesPerStep: 40 },
    ours_webgpu_nostats: {
      stepsPerSec: [120, 125, 130],
      dispatchesPerStep: 30,
      programDispatchesPerStep: 30,
    },
    tfjs_webgpu: { stepsPerSec: [20, 25, 30, 1000], dispatchesPerStep: 600 },
    ours_cpu: { stepsPerSec: [50, 60] },
    tfjs_cpu: { stepsPerSec: [], error: 'boom' },
    tfjs_wasm: { stepsPerSec: [20, 40] },
  },
};

describe('bench report', () => {
  it('takes medians of odd and even sample counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('pairs ratios by round', () => {
    // Round 2 ran while the machine was busy: both engines slowed, the ratio did not.
    expect(pairedRatio([10, 2, 12], [5, 1, 4])).toBe(2);
    expect(pairedRatio([10, 20], [5])).toBe(2);
    expect(pairedRatio([], [])).toBeNaN();
  });

  it('computes rates, overhead and keeps failures visible', () => {
    const row = toRow(run);
    expect(row.ours_webgpu).toBe(100);
    expect(row.tfjs_webgpu).toBe(27.5);
    expect(row.ours_cpu).toBe(55);
    expect(row.tfjs_cpu).toBeNull();
    // Per round: 120/90, 125/100, 130/110 → median 1.25, minus 1.
    expect(row.stats_overhead).toBeCloseTo(0.25, 4);
    // Per round: 90/20, 100/25, 110/30 → median 4 (the fourth tfjs window has no partner).
    // ours_cpu / tfjs_wasm per round: 50/20, 60/40 → median 2.
    expect(row.speedup).toEqual({ webgpu: 4, cpu: null, cpu_wasm: 2 });
    expect(row.tfjs_wasm).toBe(30);
    expect(row.program_dispatches_per_step).toEqual({ ours_webgpu: 40, ours_webgpu_nostats: 30 });
    expect(row.dispatches_per_step).toEqual({ ours_webgpu: 40, ours_webgpu_nostats: 30, tfjs_webgpu: 600 });
    expect(row.errors).toEqual({ tfjs_cpu: 'boom' });
    expect(row.best_steps_per_s).toEqual({
      ours_webgpu: 110,
      ours_webgpu_nostats: 130,
      tfjs_webgpu: 1000,
      ours_cpu: 60,
      tfjs_wasm: 40,
    });
    expect(row.stats_overhead_best).toBeCloseTo(130 / 110 - 1, 4);
  });

  it('prints exactly the issue JSON shape', () => {
    const parsed = JSON.parse(toJson([toRow(run)]));
    expect(Object.keys(parsed)).toEqual(['results']);
    const r = parsed.results[0];
    for (const k of [
      'config',
      'ours_webgpu',
      'tfjs_webgpu',
      'ours_cpu',
      'tfjs_cpu',
      'tfjs_wasm',
      'stats_overhead',
      'dispatches_per_step',
      'program_dispatches_per_step',
    ]) {
      expect(r).toHaveProperty(k);
    }
    expect(r.config).toBe('depth=10&width=64&batch=64');
  });

  it('tables the ratios against the targets', () => {
    const table = toTable([toRow(run)]);
    expect(table).toContain('| depth=10&width=64&batch=64 | 100 | 27.5 | 4.00 |');
    expect(table).toContain('webgpu ×4.00 met');
    expect(table).toContain('cpu vs wasm ×2.00 met');
    expect(table).toContain('our step program: 40 dispatches per step with statistics, 30 without');
    expect(table).toContain('stats overhead MISSED');
    expect(table).toContain('tfjs_cpu: not measured (boom)');
  });
});

describe('bench profile table', () => {
  it('lists kernels per step with their share', () => {
    const text = toProfileTable([
      {
        ...run,
        profiles: {
          ours_webgpu: {
            steps: 4,
            kernels: [
              { label: 'stats act relu', dispatches: 4, ms: 30 },
              { label: 'forward relu', dispatches: 36, ms: 10 },
            ],
          },
        },
      },
    ]);
    expect(text).toContain(
      'depth=10&width=64&batch=64 · ours_webgpu: 10.00 ms GPU time per step over 4 steps',
    );
    expect(text).toContain('| stats act relu | 7.500 | 75.0 % | 1.0 |');
    expect(text).toContain('| forward relu | 2.500 | 25.0 % | 9.0 |');
  });
});

describe('bench args', () => {
  it('defaults to the issue configs', () => {
    const a = parseArgs([]);
    expect(a.configs).toEqual(DEFAULT_CONFIGS);
    expect(a.options).toEqual(DEFAULT_OPTIONS);
    expect(a.json).toBe(false);
  });

  it('reads flags', () => {
    const a = parseArgs(['--json', '--config', '?depth=2', '--rounds', '3', '--only', 'ours_cpu,tfjs_cpu']);
    expect(a.json).toBe(true);
    expect(a.configs).toEqual(['depth=2']);
    expect(a.options.rounds).toBe(3);
    expect(a.options.only).toEqual(['ours_cpu', 'tfjs_cpu']);
    expect(parseArgs(['--profile']).options.profile).toBe(true);
    expect(parseArgs(['--tf-submit-batch', '40']).options.tfSubmitBatch).toBe(40);
    expect(parseArgs(['--tf-conv-grads', 'input=conv,filter=kernel']).options.tfConvGrads).toEqual({
      input: 'conv',
      filter: 'kernel',
    });
    expect(() => parseArgs(['--tf-conv-grads', 'input=conv'])).toThrow(/--tf-conv-grads needs/);
    expect(parseArgs(['--only', 'ours_cpu,tfjs_wasm']).options.only).toEqual(['ours_cpu', 'tfjs_wasm']);
    expect(parseArgs(['--help']).help).toBe(true);
  });

  it('includes the conv row, which skips TF.js without statistics by default', () => {
    expect(DEFAULT_CONFIGS).toContain('arch=conv&depth=6&width=16&data=fashion&batch=32');
    expect(defaultEngines('depth=10&width=64&batch=64')).toEqual([...ENGINES]);
    expect(defaultEngines('arch=conv&depth=6&width=16&data=fashion&batch=32')).toEqual([
      'ours_webgpu',
      'ours_webgpu_nostats',
      'tfjs_webgpu',
      'ours_cpu',
      'tfjs_cpu',
      'tfjs_wasm',
    ]);
  });

  it('rejects what it does not know', () => {
    expect(() => parseArgs(['--rounds', '0'])).toThrow(/positive integer/);
    expect(() => parseArgs(['--only', 'pytorch'])).toThrow(/engine names/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown argument/);
  });
});
