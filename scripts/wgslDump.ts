// `npm run wgsl:dump -- <kernel> [options]`: prints one composed WGSL kernel (the text the GPU compiles).
// The arguments and the output live here, free of Node's module loader, so the unit test can call it;
// scripts/wgsl-dump.ts is the entry that installs the `?raw` loader and runs it.
import { ACTIVATIONS, type Activation, OPTIMIZERS } from '../src/engine/config';
import { PROBE, type ProbeMode } from '../src/gpu/init/kernels';
import {
  DEFAULT_KERNEL_OPTIONS,
  findKernel,
  type KernelOptions,
  kernelCatalog,
} from '../src/gpu/kernelCatalog';

export interface DumpIO {
  out(s: string): void;
  err(s: string): void;
}

const USAGE = `usage: npm run --silent wgsl:dump -- <kernel> [options]
options (each applies only to the kernels that use it; defaults in brackets):
  --strategy tiled|direct   matmul, loss, optimizer and statistics form [tiled]
  --shape M,N,K             matmul output M×N, inner K (picks the tile or vec4 form) [64,64,64]
  --slope X                 leaky_relu slope [0.01]
  --gather                  forward / weight-grad: input rows gathered from the data set
  --eval                    loss, norm-forward-batch: held-out evaluation form
  --stats                   optimizer: with the weight statistics
  --classes C               loss: classes [10]
  --act A                   stats-finalize, norm-forward-*, dact, grid-forward: activation [relu]
  --probe P                 init-probe: ${Object.keys(PROBE).join(' | ')} [philox]
  --form F                  grid-*: scalar | vec4 | quad (quad needs the subgroups feature) [vec4];
                            conv-forward / -input-grad / -weight-grad, forward-*, backward-* with
                            --strategy direct: quad (the MLP's where the shape allows it)
  --opt O                   grid-weight-grad: ${OPTIMIZERS.join(' | ')} [sgd]
  --bare                    no header comment
  --list                    list the kernels`;

function listing(): string {
  const entries = kernelCatalog();
  const width = Math.max(...entries.map((e) => e.name.length));
  return entries.map((e) => `  ${e.name.padEnd(width)}  ${e.about}`).join('\n');
}

class UsageError extends Error {}

function parseNumber(flag: string, v: string | undefined, int: boolean, min: number): number {
  const x = Number(v);
  if (v === undefined || v === '' || !Number.isFinite(x) || x < min || (int && !Number.isInteger(x)))
    throw new UsageError(`${flag} needs ${int ? 'an integer' : 'a number'} ≥ ${min}, got ${v ?? 'nothing'}`);
  return x;
}

function oneOf<T extends string>(flag: string, v: string | undefined, values: readonly T[]): T {
  if (v === undefined || !(values as readonly string[]).includes(v))
    throw new UsageError(`${flag} must be one of ${values.join(', ')}; got ${v ?? 'nothing'}`);
  return v as T;
}

interface Parsed {
  name: string | null;
  options: Partial<KernelOptions>;
  bare: boolean;
  list: boolean;
}

function parse(argv: readonly string[]): Parsed {
  const p: Parsed = { name: null, options: {}, bare: false, list: false };
  const o = p.options;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    switch (a) {
      case '--strategy':
        o.strategy = oneOf(a, value(), ['tiled', 'direct'] as const);
        break;
      case '--shape': {
        const v = value();
        const parts = (v ?? '').split(',');
        if (parts.length !== 3) throw new UsageError(`--shape needs M,N,K; got ${v ?? 'nothing'}`);
        [o.M, o.N, o.K] = parts.map((s) => parseNumber('--shape', s, true, 1));
        break;
      }
      case '--slope':
        o.slope = parseNumber(a, value(), false, 0);
        break;
      case '--classes':
        o.classes = parseNumber(a, value(), true, 2);
        break;
      case '--act':
        o.act = oneOf<Activation>(a, value(), ACTIVATIONS);
        break;
      case '--probe':
        o.probe = oneOf(a, value(), Object.keys(PROBE) as ProbeMode[]);
        break;
      case '--form':
        o.form = oneOf(a, value(), ['scalar', 'vec4', 'quad'] as const);
        break;
      case '--opt':
        o.opt = oneOf(a, value(), OPTIMIZERS);
        break;
      case '--gather':
      case '--eval':
      case '--stats':
        o[a.slice(2) as 'gather' | 'eval' | 'stats'] = true;
        break;
      case '--bare':
        p.bare = true;
        break;
      case '--list':
      case '--help':
      case '-h':
        p.list = true;
        break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        if (p.name !== null) throw new UsageError(`one kernel at a time (got ${p.name} and ${a})`);
        p.name = a;
    }
  }
  return p;
}

/** Runs the command; returns the exit code (0 printed, 2 bad arguments or unknown kernel). */
export function wgslDump(argv: readonly string[], io: DumpIO): number {
  let p: Parsed;
  try {
    p = parse(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`wgsl:dump: ${e.message}\n${USAGE}\n`);
    return 2;
  }
  if (p.list) {
    io.out(`${USAGE}\n\nkernels:\n${listing()}\n`);
    return 0;
  }
  if (p.name === null) {
    io.err(`wgsl:dump: which kernel? Name one of these:\n${listing()}\n\n${USAGE}\n`);
    return 2;
  }
  const entry = findKernel(p.name);
  if (!entry) {
    io.err(`wgsl:dump: unknown kernel "${p.name}". Available kernels:\n${listing()}\n`);
    return 2;
  }
  const options = { ...DEFAULT_KERNEL_OPTIONS, ...p.options };
  const spec = entry.build(options);
  if (!p.bare) {
    const knobs = entry.uses.map((k) => `${k}=${options[k]}`).join(' ');
    const bindings = spec.bindings.map((b, i) => `${i} ${b}`).join(', ');
    io.out(
      `// ${entry.name}: ${spec.label}${knobs ? ` (${knobs})` : ''}\n` +
        `// ${entry.about}\n// bind group 0: ${bindings}\n\n`,
    );
  }
  io.out(spec.code.endsWith('\n') ? spec.code : `${spec.code}\n`);
  return 0;
}
