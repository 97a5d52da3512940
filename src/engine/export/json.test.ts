import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import type { StatsRecord } from '../stats/types';
import { exportFileName } from './filename';
import { toExportJson } from './json';

const rec: StatsRecord = {
  step: 0,
  loss: Number.POSITIVE_INFINITY,
  accuracy: 0.1,
  layers: [
    {
      layer: 1,
      act: { mean: 0, std: Number.NaN, min: 0, max: 1, zeroFrac: 0.5, satFrac: 0 },
      pre: { mean: 0, std: 1 },
      grad: { std: 1, rms: 1, weightGradNorm: 2 },
      weight: { std: 0.1, updateRatio: 0.01 },
    },
  ],
  nonFinite: { step: 0, layer: 0, tensor: 'loss' },
};
rec.layers[0].act.hist = { lo: 0, hi: 1, counts: [3, 4], under: 0, over: 1 };
const cpu = { kind: 'cpu' as const, reason: 'test' };

describe('toExportJson', () => {
  it('has exactly the CLI keys in order and parses back', () => {
    const text = toExportJson({
      config: { ...DEFAULT_CONFIG },
      notices: ['n'],
      backend: cpu,
      records: [rec],
    });
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['config', 'notices', 'backend', 'records']);
    expect(doc.backend).toEqual(cpu);
    expect(doc.records[0].layers[0].act.hist).toBeUndefined();
    expect(doc.config).toEqual(DEFAULT_CONFIG);
    expect(doc.records[0].layers[0].grad.weightGradNorm).toBe(2);
    // JSON has no NaN/Infinity: null, with nonFinite telling where it began.
    expect(doc.records[0].loss).toBeNull();
    expect(doc.records[0].layers[0].act.std).toBeNull();
    expect(doc.records[0].nonFinite).toEqual({ step: 0, layer: 0, tensor: 'loss' });
  });

  it('adds theory only when given', () => {
    const doc = JSON.parse(
      toExportJson({
        config: { ...DEFAULT_CONFIG },
        notices: [],
        backend: cpu,
        records: [],
        theory: { chi1: 0.5 },
      }),
    );
    expect(Object.keys(doc)).toEqual(['config', 'notices', 'backend', 'records', 'theory']);
    expect(doc.theory.chi1).toBe(0.5);
  });
});

describe('toExportJson and the CLI', () => {
  it('matches what the CLI prints for the same run, field for field', async () => {
    const { runCommand } = await import('../cli/run');
    const { parseCliArgs } = await import('../cli/args');
    const { createCpuTrainer } = await import('../cpu/cpuTrainer');
    const parsed = parseCliArgs(['run', '--config', 'depth=3&width=8&act=tanh', '--steps', '3', '--json']);
    if (parsed.kind !== 'run') throw new Error(`unexpected ${parsed.kind}`);
    const cli = await runCommand(parsed.args, { makeTrainer: (c, d) => createCpuTrainer(c, d) });
    const cliText = JSON.stringify(cli);
    const ours = toExportJson({
      config: cli.config,
      notices: cli.notices,
      backend: cli.backend,
      records: cli.records,
    });
    expect(ours).toBe(cliText);
  });
});

describe('exportFileName', () => {
  it('is built from config values only, in a safe alphabet', () => {
    expect(exportFileName({ ...DEFAULT_CONFIG }, 'depth profile', 'png')).toBe(
      'initscope-xavier_normal-relu-d20-w64-s1-depth_profile.png',
    );
    expect(exportFileName({ ...DEFAULT_CONFIG }, '../../etc', 'csv')).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(exportFileName({ ...DEFAULT_CONFIG }, '../../etc', 'csv')).not.toContain('/');
  });
});
