// The CLI's `--backend webgpu` (Dawn in Node, through src/cli/main.ts) prints the same JSON as
// `--backend cpu`: same config and notices, same records within the parity tolerance; only the backend
// block differs.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareDeep, STEP_TOL } from '../parityCheck';

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
