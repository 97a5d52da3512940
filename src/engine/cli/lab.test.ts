import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../config';
import { createCpuTrainer } from '../cpu/cpuTrainer';
import type { Dataset } from '../data';
import { type MapAxes, runMap } from '../map';
import { parseCliArgs } from './args';
import type { MapOutput, SpectrumOutput } from './lab';
import { nodeFetchBytes } from './nodeFetchBytes';
import { cliMain } from './run';

const deps = {
  fetchBytes: nodeFetchBytes,
  makeTrainer: (c: Parameters<typeof createCpuTrainer>[0], d: Parameters<typeof createCpuTrainer>[1]) =>
    createCpuTrainer(c, d),
};

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await cliMain(argv, deps, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('cli spectrum', () => {
  it('act=linear&init=orthogonal&depth=50: every singular value within 1e−3 of 1, theory 1', async () => {
    const r = await cli(['spectrum', '--config', 'act=linear&init=orthogonal&depth=50', '--json']);
    expect(r.err).toBe('');
    const o: SpectrumOutput = JSON.parse(r.out);
    expect(o.singularValues.length).toBe(2); // spiral: J is 64×2
    for (const s of o.singularValues) expect(Math.abs(s - 1)).toBeLessThan(1e-3);
    expect(o.theory.meanSquared).toBeCloseTo(1, 9);
    expect(o.step).toBe(0);
  });

  it('--steps trains first, and the spectrum moves; refused networks exit 1 with the reason', async () => {
    const at = async (steps: string) =>
      JSON.parse(
        (await cli(['spectrum', '--config', 'depth=4&width=16&data=probe&in=16', '--steps', steps, '--json']))
          .out,
      ).singularValues as number[];
    const s0 = await at('0');
    const s20 = await at('20');
    expect(s0.length).toBe(16);
    expect(s20).not.toEqual(s0);
    const bad = await cli(['spectrum', '--config', 'norm=layer']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/plain MLPs/);
  });
});

describe('cli map', () => {
  it('trains every cell and reports axes, cells and theory per column', async () => {
    const r = await cli([
      'map',
      '--config',
      'act=tanh&bias=normal&width=8&batch=16',
      '--sw2',
      '1:3:3',
      '--depths',
      '4,2',
      '--steps',
      '30',
      '--json',
    ]);
    expect(r.err).toBe('');
    const o: MapOutput = JSON.parse(r.out);
    expect(o.axes).toEqual({ sw2: [1, 2, 3], depth: [2, 4] });
    expect(o.cells.length).toBe(6);
    for (const c of o.cells) {
      expect(Object.keys(c).sort()).toEqual(['accuracy', 'depth', 'loss', 'loss0', 'sw2']);
      expect(c.loss).toBeLessThan(c.loss0); // 30 steps of a shallow net on spiral: the loss drops
    }
    expect(o.theory.chi1.length).toBe(3);
    expect(o.theory.xi_c.length).toBe(3);
    // σ_b² = 0.05 (bias=normal's default bstd): ordered at 1, chaotic at 3.
    expect(o.theory.chi1[0]).toBeLessThan(1);
    expect(o.theory.chi1[2]).toBeGreaterThan(1);
  });

  it('--backend webgpu says when the batched map trained in groups', async () => {
    // A stand-in for the GPU: the CPU's cells, reported as trained in 3 groups.
    const batched = {
      ...deps,
      runMapBatched: async (c: RunConfig, d: Dataset, axes: MapAxes, steps: number) => ({
        ...(await runMap(c, d, axes, steps, createCpuTrainer)),
        groups: 3,
      }),
    };
    const run = async (json: string[]) => {
      let out = '';
      const argv = ['map', '--backend', 'webgpu', '--sw2', '1:2:2', '--depths', '1', '--steps', '2', ...json];
      await cliMain(argv, batched, { out: (s) => (out += s), err: () => {} });
      return out;
    };
    expect(await run([])).toMatch(/^# trainability map, 2 steps per cell \(on WebGPU in 3 groups, /);
    expect(JSON.parse(await run(['--json']))).toMatchObject({ batched: true, groups: 3 });
  });

  it('rejects bad axes with exit code 2 and one line', async () => {
    for (const argv of [
      ['map', '--sw2', '4:1:3'],
      ['map', '--sw2', '1:4'],
      ['map', '--depths', '2,x'],
      ['map', '--depths', '0'],
      ['map', '--sw2', '1:4:64', '--depths', '1,2,3,4,5,6,7'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err.trim().split('\n').length).toBe(1);
    }
    expect(parseCliArgs(['run', '--sw2', '1:2:3']).kind).toBe('error');
    expect(parseCliArgs(['map'])).toMatchObject({ kind: 'run', args: { command: 'map', steps: 300 } });
  });
});
