import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, INITIALIZERS } from '../config';
import { createCpuTrainer } from '../cpu/cpuTrainer';
import { parseCliArgs } from './args';
import { nodeFetchBytes } from './nodeFetchBytes';
import { type CliOutput, cliMain } from './run';

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

async function json(argv: string[]): Promise<CliOutput> {
  const r = await cli([...argv, '--json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out);
}

describe('argument parsing', () => {
  it('accepts the documented options in both spellings', () => {
    const p = parseCliArgs([
      'run',
      '--config',
      'depth=3',
      '--steps=5',
      '--every',
      '2',
      '--test-every=4',
      '--theory',
    ]);
    expect(p).toMatchObject({
      kind: 'run',
      args: { config: 'depth=3', steps: 5, every: 2, testEvery: 4, theory: true, backend: null, hist: false },
    });
    expect(parseCliArgs(['--help']).kind).toBe('help');
  });

  it('rejects bad arguments with one message', () => {
    for (const argv of [
      [],
      ['train'],
      ['run', 'extra'],
      ['run', '--steps'],
      ['run', '--steps', '-1'],
      ['run', '--steps', '1.5'],
      ['run', '--steps', 'ten'],
      ['run', '--every', '0'],
      ['run', '--backend', 'tpu'],
      ['run', '--json=yes'],
      ['run', '--nope'],
    ]) {
      const p = parseCliArgs(argv);
      expect(p.kind, argv.join(' ')).toBe('error');
      if (p.kind === 'error') expect(p.message).not.toMatch(/\n/);
    }
  });
});

describe('cliMain', () => {
  it('prints the schema: config, notices, backend, records from step 0; theory on request', async () => {
    const o = await json([
      'run',
      '--config',
      'depth=2&width=8&act=tanh&depth=3&bogus=1',
      '--steps',
      '3',
      '--theory',
    ]);
    expect(o.config.depth).toBe(3);
    expect(o.notices.length).toBeGreaterThan(0); // the unknown key
    expect(o.backend.kind).toBe('cpu');
    expect(o.records.map((r) => r.step)).toEqual([0, 1, 2, 3]);
    const l = o.records[0].layers[0];
    expect(Object.keys(l).sort()).toEqual(['act', 'grad', 'layer', 'pre', 'weight']);
    expect(Object.keys(l.act).sort()).toEqual(['max', 'mean', 'min', 'satFrac', 'std', 'zeroFrac']);
    expect(o.theory).toBeDefined();
  });

  it('--steps 0 prints only step 0; --every/--test-every thin and evaluate; --hist keeps histograms', async () => {
    expect((await json(['run', '--steps', '0'])).records.map((r) => r.step)).toEqual([0]);
    const o = await json([
      'run',
      '--config',
      'depth=2&width=8',
      '--steps',
      '6',
      '--every',
      '2',
      '--test-every',
      '4',
    ]);
    expect(o.records.map((r) => [r.step, r.test !== undefined])).toEqual([
      [0, true],
      [2, false],
      [4, true],
      [6, true],
    ]);
    // --steps 1: the network at init and after one update.
    expect(
      (await json(['run', '--config', 'depth=2&width=8', '--steps', '1'])).records.map((r) => r.step),
    ).toEqual([0, 1]);
    const h = await json(['run', '--config', 'depth=2&width=8', '--steps', '1', '--hist', '--timing']);
    expect(h.records[0].layers[0].act.hist?.counts).toHaveLength(40);
    expect(h.timing?.steps).toBe(1);
  });

  it('prints a table without --json; bad arguments exit 2, run failures exit 1, one line each', async () => {
    const t = await cli(['run', '--config', 'depth=2&width=8', '--steps', '2']);
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/^step\tloss/m);
    const bad = await cli(['run', '--steps', 'x']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    const big = await cli(['run', '--config', 'depth=500&width=2048', '--json']);
    expect(big.code).toBe(1);
    expect(big.err).toMatch(/^error: .*needs .* GB of memory/);
    expect(big.err.trim().split('\n')).toHaveLength(1);
  });
});

describe('every initializer × activation', () => {
  // A small net, two steps: every number must be finite where the math is finite. The one exception is
  // the update ratio of an all-zero W (zeros init) that starts moving: ‖ΔW‖/0 = ∞ (printed as null).
  it('prints finite numbers', async () => {
    const nulls: string[] = [];
    for (const init of INITIALIZERS)
      for (const act of ACTIVATIONS) {
        const r = await cli([
          'run',
          '--config',
          `depth=3&width=8&batch=16&init=${init}&act=${act}`,
          '--steps',
          '2',
          '--json',
        ]);
        expect(r.code).toBe(0);
        const o = JSON.parse(r.out) as CliOutput;
        expect(o.records).toHaveLength(3);
        const walk = (v: unknown, path: string) => {
          if (v === null) {
            if (!(init === 'zeros' && path.endsWith('.updateRatio')) && !path.endsWith('nonFinite'))
              nulls.push(`${init}/${act}${path}`);
          } else if (typeof v === 'number') {
            if (!Number.isFinite(v)) nulls.push(`${init}/${act}${path}`);
          } else if (typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
        };
        walk(o.records, '');
        for (const rec of o.records) expect(rec.nonFinite).toBeNull();
      }
    expect(nulls).toEqual([]);
  });
});

describe('export --format pytorch', () => {
  it('prints the script for the decoded config, or only its weights_init', async () => {
    const r = await cli([
      'export',
      '--format',
      'pytorch',
      '--config',
      'depth=3&init=kaiming_normal&mode=fan_out',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^#!\/usr\/bin\/env python3/);
    expect(r.out).toContain("nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')");
    expect(r.out).toContain('DEPTH, WIDTH, BATCH = 3, 64, 64');
    const init = await cli([
      'export',
      '--format=pytorch',
      '--part',
      'init',
      '--config',
      'init=sparse&sparsity=0.3',
    ]);
    expect(init.out).toContain('nn.init.sparse_(m.weight, sparsity=0.3, std=0.01)');
    expect(init.out).toContain('model.apply(weights_init)');
    expect(init.out).not.toContain('argparse');
  });

  it('reports decoding notices on stderr and refuses what does not apply', async () => {
    const r = await cli(['export', '--format', 'pytorch', '--config', 'depth=9999']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/notice: depth=9999 is above the maximum 500/);
    expect((await cli(['export'])).err).toMatch(/export needs --format pytorch/);
    expect((await cli(['export', '--format', 'onnx'])).err).toMatch(/--format must be pytorch/);
    expect((await cli(['export', '--format', 'pytorch', '--steps', '3'])).code).toBe(2);
    expect((await cli(['run', '--format', 'pytorch'])).err).toMatch(/--format does not apply to run/);
  });
});

describe('run --csv', () => {
  const rows = Array.from({ length: 60 }, (_, i) => `${(i % 3) * 2 + Math.sin(i)},${Math.cos(i)},c${i % 3}`);
  const files: Record<string, string> = { 'ok.csv': `x,y,cls\n${rows.join('\n')}`, 'bad.csv': 'x,y\n1,2' };
  const withFiles = {
    ...deps,
    readText: async (p: string) => files[p] ?? Promise.reject(new Error('ENOENT')),
  };
  const cliWith = async (argv: string[]) => {
    let out = '';
    let err = '';
    const code = await cliMain(argv, withFiles, { out: (s) => (out += s), err: (s) => (err += s) });
    return { code, out, err };
  };

  it('trains on the file as data=local', async () => {
    const r = await cliWith([
      'run',
      '--csv',
      'ok.csv',
      '--config',
      'depth=2&width=8',
      '--steps',
      '2',
      '--json',
    ]);
    expect(r.err).toBe('');
    const o = JSON.parse(r.out) as CliOutput;
    expect(o.config.data).toBe('local');
    expect(o.records.map((x) => x.step)).toEqual([0, 1, 2]);
  });

  it('a bad file or data=local without one: exit 1 and the reason', async () => {
    const bad = await cliWith(['run', '--csv', 'bad.csv']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad.csv: The file has 1 data row; InitScope needs at least 10/);
    const none = await cli(['run', '--config', 'data=local']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/none is loaded here/);
  });
});

describe('the npm entry (src/cli/main.ts)', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: root,
      encoding: 'utf8',
    });

  it('prints one JSON object, exits 0', () => {
    const r = run(['run', '--config', 'depth=2&width=4', '--steps', '1', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).records[0].step).toBe(0);
  });

  // The webgpu backend itself is exercised in src/gpu/node/cli.gpu.test.ts (Dawn in Node).
  it('bad arguments: exit 2, one line on stderr, also for an unknown backend', () => {
    const bad = run(['run', '--steps', '-3']);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const backend = run(['run', '--backend', 'vulkan', '--json']);
    expect(backend.status).toBe(2);
    expect(backend.stderr.trim().split('\n')).toHaveLength(1);
    expect(backend.stderr).toMatch(/backend/);
  });
});
