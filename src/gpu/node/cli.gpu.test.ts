// The CLI's `--backend webgpu` (Dawn in Node, through src/cli/main.ts) prints the same JSON as
// `--backend cpu`: same config and notices, same records within the parity tolerance; only the backend
// block differs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { close, compareDeep, CURVE_TOL, STEP_TOL } from '../parityCheck';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function cli(backend: 'cpu' | 'webgpu') {
  const config = 'depth=4&width=24&batch=16&data=circles&act=tanh&init=xavier_uniform&opt=adam&lr=0.01';
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'run',
      '--config',
      config,
      '--steps',
      '3',
      '--test-every',
      '2',
      '--json',
      '--backend',
      backend,
    ],
    { cwd: root, encoding: 'utf8', timeout: 60_000 },
  );
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('CLI --backend webgpu', () => {
  it('prints the same JSON as --backend cpu for one config', () => {
    const gpu = cli('webgpu');
    const cpu = cli('cpu');
    expect(gpu.backend.kind).toBe('webgpu');
    expect(cpu.backend.kind).toBe('cpu');
    expect(gpu.config).toEqual(cpu.config);
    expect(gpu.notices).toEqual(cpu.notices);
    expect(gpu.records.map((r: { step: number }) => r.step)).toEqual([0, 1, 2, 3]);
    expect(compareDeep(gpu.records, cpu.records, STEP_TOL, 'records')).toEqual([]);
  });
});

describe('CLI map --backend webgpu', () => {
  it('trains the whole grid at once and prints the same cells as --backend cpu', () => {
    const map = (backend: 'cpu' | 'webgpu') => {
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'src/cli/main.ts',
          'map',
          '--config',
          'act=tanh&bias=normal&width=8&batch=16',
          '--sw2',
          '1:3:3',
          '--depths',
          '2,4',
          '--steps',
          '20',
          '--json',
          '--backend',
          backend,
        ],
        { cwd: root, encoding: 'utf8', timeout: 120_000 },
      );
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const gpu = map('webgpu');
    const cpu = map('cpu');
    expect(gpu.batched).toBe(true);
    expect(cpu.batched).toBe(false);
    expect(gpu.axes).toEqual(cpu.axes);
    expect(gpu.theory).toEqual(cpu.theory);
    expect(gpu.cells.length).toBe(6);
    type Cell = { sw2: number; depth: number; loss0: number; loss: number; accuracy: number };
    gpu.cells.forEach((g: Cell, i: number) => {
      const c: Cell = cpu.cells[i];
      expect([g.sw2, g.depth]).toEqual([c.sw2, c.depth]);
      expect(close(g.loss0, c.loss0, STEP_TOL), `loss0 ${g.loss0} vs ${c.loss0}`).toBe(true);
      expect(close(g.loss, c.loss, CURVE_TOL), `loss ${g.loss} vs ${c.loss}`).toBe(true);
      expect(Math.abs(g.accuracy - c.accuracy)).toBeLessThanOrEqual(1 / 1000 + 1e-12); // spiral: 1000 rows
    });
  });
});
