// `npm run wgsl:dump`: every listed kernel dumps as WGSL that is structurally sound (balanced brackets, one
// `@compute fn main` entry point, no name declared twice by the concatenated snippets, bindings that match
// the kernel's explicit layout), in each variant its options select; and the command's exit codes.
// Whether the text compiles is checked with Dawn in src/gpu/kernelCatalog.gpu.test.ts.
import { describe, expect, it } from 'vitest';
import { PROBE, type ProbeMode } from '../src/gpu/init/kernels';
import type { BindingKind } from '../src/gpu/kernel';
import { composeKernel, type KernelOptions, kernelCatalog, kernelNames } from '../src/gpu/kernelCatalog';
import { wgslDump } from './wgslDump';

function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = wgslDump(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

/** The source without comments (line comments; block comments too, which nest in WGSL). */
function stripComments(code: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    if (code.startsWith('/*', i)) {
      depth++;
      i++;
    } else if (depth > 0 && code.startsWith('*/', i)) {
      depth--;
      i++;
    } else if (depth === 0 && code.startsWith('//', i)) {
      while (i < code.length && code[i] !== '\n') i++;
      out += '\n';
    } else if (depth === 0) out += code[i];
  }
  return out;
}

const BINDING_KIND: Record<string, BindingKind> = {
  uniform: 'uniform',
  storage: 'read-only-storage',
  'storage,read': 'read-only-storage',
  'storage,read_write': 'storage',
};

/** What a WGSL front end would reject first, as far as text can tell; empty when sound. */
function wgslProblems(code: string, bindings: readonly BindingKind[]): string[] {
  const problems: string[] = [];
  const src = stripComments(code);
  // Brackets balance and nest; the text at brace depth 0 is the module's top level.
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: string[] = [];
  let top = '';
  for (const ch of src) {
    if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch in pairs) {
      if (stack.pop() !== pairs[ch]) {
        problems.push(`unbalanced "${ch}"`);
        break;
      }
    }
    const braceDepth = stack.filter((c) => c === '{').length;
    if (braceDepth === 0 && ch !== '}') top += ch;
  }
  if (stack.length > 0) problems.push(`unclosed "${stack.join('')}"`);
  const computes = src.match(/@compute/g) ?? [];
  if (computes.length !== 1) problems.push(`${computes.length} @compute attributes`);
  if (!/@compute\s+@workgroup_size\([^)]+\)\s*fn\s+main\s*\(/.test(src))
    problems.push('no `@compute @workgroup_size(…) fn main(` entry point');
  // Snippets are concatenated: a constant, struct, function or variable declared twice would not compile.
  const seen = new Set<string>();
  for (const m of top.matchAll(/\b(?:const|override|fn|struct|alias|var(?:<[^>]*>)?)\s+([A-Za-z_]\w*)/g)) {
    if (seen.has(m[1])) problems.push(`"${m[1]}" declared twice`);
    seen.add(m[1]);
  }
  // Every declared binding is in the kernel's explicit layout, with the same access.
  const declared = new Set<number>();
  for (const m of src.matchAll(/@group\(0\)\s*@binding\((\d+)\)\s*var(?:<([^>]*)>)?\s+\w+/g)) {
    const i = Number(m[1]);
    const kind = BINDING_KIND[(m[2] ?? '').replace(/\s+/g, '')];
    if (declared.has(i)) problems.push(`binding ${i} declared twice`);
    declared.add(i);
    if (i >= bindings.length) problems.push(`binding ${i} is not in the layout (${bindings.length} entries)`);
    else if (kind !== bindings[i])
      problems.push(`binding ${i} is ${kind ?? m[2]} in WGSL, ${bindings[i]} in the layout`);
  }
  if (declared.size === 0) problems.push('no bindings');
  return problems;
}

/** The variants each kernel's options select (a small cartesian product over the options it uses). */
function variants(uses: readonly (keyof KernelOptions)[]): Partial<KernelOptions>[] {
  const axes: Partial<Record<keyof KernelOptions, unknown[]>> = {
    strategy: ['tiled', 'direct'],
    // Aligned (vec4 forms, 1×1 tiles), odd (scalar forms), large (4×4 register tiles).
    M: [64, 5, 512],
    gather: [false, true],
    eval: [false, true],
    stats: [false, true],
    probe: Object.keys(PROBE) as ProbeMode[],
    act: ['relu', 'tanh'],
  };
  let out: Partial<KernelOptions>[] = [{}];
  for (const key of uses) {
    const values = axes[key];
    if (!values) continue;
    out = out.flatMap((o) =>
      values.map((v) =>
        key === 'M' ? { ...o, M: v as number, N: (v as number) + 2, K: v as number } : { ...o, [key]: v },
      ),
    );
  }
  return out;
}

describe('wgsl:dump kernel catalog', () => {
  const entries = kernelCatalog();

  it('names every kernel family once, with unique names', () => {
    const names = kernelNames();
    expect(new Set(names).size).toBe(names.length);
    for (const family of [
      'forward-relu',
      'forward-linear',
      'input-grad-tanh',
      'weight-grad',
      'loss-ce',
      'loss-mse',
      'optimizer-adam',
      'stats-act-relu',
      'stats-finalize',
      'lsuv-moments',
      'lsuv-scale',
      'init-fill',
      'init-sparse-keys',
      'init-sparse-mask',
      'init-orthogonal-matmul',
      'init-orthogonal-norm',
      'init-orthogonal-scale',
      'init-probe',
      'rig-affine',
    ])
      expect(names).toContain(family);
  });

  for (const entry of entries) {
    it(`${entry.name} dumps sound WGSL in every variant`, () => {
      const { code, out, err } = run([entry.name]);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain('@compute');
      for (const v of variants(entry.uses)) {
        const spec = composeKernel(entry.name, v);
        expect(spec.code.trim().length).toBeGreaterThan(0);
        expect({ variant: v, problems: wgslProblems(spec.code, spec.bindings) }).toEqual({
          variant: v,
          problems: [],
        });
      }
    });
  }

  it('the structural check catches what concatenation can break', () => {
    const good = composeKernel('lsuv-scale');
    expect(wgslProblems(good.code, good.bindings)).toEqual([]);
    const broken = {
      duplicate: `const N: u32 = 4u;\n${good.code}\nconst N: u32 = 4u;`,
      unbalanced: good.code.replace(/\}\s*$/, ''),
      noEntry: good.code.replace('@compute', ''),
      access: good.code.replace('var<storage, read_write>', 'var<storage, read>'),
    };
    for (const [what, code] of Object.entries(broken))
      expect({ what, n: wgslProblems(code, good.bindings).length }).not.toEqual({ what, n: 0 });
  });

  it('prints exactly the composed code with --bare', () => {
    const { code, out } = run(['input-grad-gelu', '--bare', '--strategy', 'direct', '--shape', '8,12,16']);
    expect(code).toBe(0);
    const spec = composeKernel('input-grad-gelu', { strategy: 'direct', M: 8, N: 12, K: 16 });
    expect(out).toBe(spec.code.endsWith('\n') ? spec.code : `${spec.code}\n`);
    expect(spec.label).toContain('vec4x4');
  });

  it('lists the kernels and exits 2 without a name or with an unknown one', () => {
    const none = run([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('forward-relu');
    const unknown = run(['forward-swish']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown kernel "forward-swish"');
    expect(unknown.err).toContain('optimizer-adam');
    const list = run(['--list']);
    expect(list.code).toBe(0);
    for (const name of kernelNames()) expect(list.out).toContain(name);
  });

  it('refuses bad options with exit 2', () => {
    for (const argv of [
      ['forward-relu', '--strategy', 'fast'],
      ['forward-relu', '--shape', '4,4'],
      ['loss-ce', '--classes', '1'],
      ['forward-relu', '--frobnicate'],
      ['forward-relu', 'loss-ce'],
    ]) {
      const r = run(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.err).toMatch(/^wgsl:dump: /);
    }
  });
});
