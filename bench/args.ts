// Command line of `npm run bench` (pure, unit-tested).
import {
  type BenchOptions,
  DEFAULT_CONFIGS,
  DEFAULT_LAB,
  DEFAULT_OPTIONS,
  type LabOptions,
  ENGINES,
  type EngineName,
  TF_SUBMIT_BATCH,
} from './protocol';

export interface BenchArgs {
  json: boolean;
  configs: string[];
  options: BenchOptions;
  /** The lab row (batched map vs its cells one after another); null with --no-lab. */
  lab: LabOptions | null;
  /** Only the lab row (no engine configs). */
  labOnly: boolean;
  /** Reuse bench/out from a previous build. */
  build: boolean;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [--json] [--config QUERY]... [--rounds N] [--window-ms MS] [--warmup-ms MS]
                        [--only ENGINE,...] [--profile] [--no-build]
                        [--no-lab | --lab-only] [--lab-rounds N] [--lab-steps K] [--lab-config QUERY]
  --json        print only {"results": [...]} on stdout (progress goes to stderr)
  --config      a config query, e.g. "depth=10&width=64&batch=64" (repeatable; default: the two MLP rows and the conv row)
  --rounds      timed windows per engine, interleaved A B C D A B C D ... (default ${DEFAULT_OPTIONS.rounds})
  --window-ms   length of one timed window (default ${DEFAULT_OPTIONS.windowMs})
  --warmup-ms   untimed warm-up per engine (default ${DEFAULT_OPTIONS.warmupMs})
  --only        engines to run, from: ${ENGINES.join(', ')}
                (default: all; a conv config skips tfjs_webgpu_nostats and tfjs_cpu_nostats)
  --tf-submit-batch N  TF.js WebGPU's WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE (default ${TF_SUBMIT_BATCH})
  --tf-conv-grads input=transpose|conv,filter=kernel|conv
                TF.js's conv gradients on every backend (default: the faster per backend, bench/tfjs/cnn.ts)
  --profile     instead of timing, GPU time per kernel of each WebGPU engine (timestamp queries)
  --no-build    reuse bench/out from the last build
  --no-lab      skip the lab row (a ${DEFAULT_LAB.sw2.split(':')[2]} σ_w² × ${DEFAULT_LAB.depths.split(',').length} depth map trained batched vs its cells one after another)
  --lab-only    only the lab row
  --lab-rounds  timed rounds of the lab row (default ${DEFAULT_LAB.rounds})
  --lab-steps   training steps of every map cell (default ${DEFAULT_LAB.steps})
  --lab-config  the map's base network (default ${DEFAULT_LAB.config})`;

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag} needs a positive integer, got ${value ?? 'nothing'}`);
  return n;
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const out: BenchArgs = {
    json: false,
    configs: [],
    options: { ...DEFAULT_OPTIONS },
    lab: { ...DEFAULT_LAB },
    labOnly: false,
    build: true,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string | undefined => argv[++i];
    switch (a) {
      case '--json':
        out.json = true;
        break;
      case '--config': {
        const q = next();
        if (!q) throw new Error('--config needs a query such as depth=10&width=64&batch=64');
        out.configs.push(q.replace(/^\?/, ''));
        break;
      }
      case '--rounds':
        out.options.rounds = positiveInt(a, next());
        break;
      case '--window-ms':
        out.options.windowMs = positiveInt(a, next());
        break;
      case '--warmup-ms':
        out.options.warmupMs = positiveInt(a, next());
        break;
      case '--only': {
        const names = (next() ?? '').split(',').filter((s) => s.length > 0);
        const bad = names.filter((n) => !(ENGINES as readonly string[]).includes(n));
        if (names.length === 0 || bad.length > 0)
          throw new Error(
            `--only takes engine names from ${ENGINES.join(', ')}; got ${bad.join(', ') || 'none'}`,
          );
        out.options.only = names as EngineName[];
        break;
      }
      case '--tf-submit-batch':
        out.options.tfSubmitBatch = positiveInt(a, next());
        break;
      case '--tf-conv-grads': {
        const v = next() ?? '';
        const m = /^input=(transpose|conv),filter=(kernel|conv)$/.exec(v);
        if (!m)
          throw new Error(
            `--tf-conv-grads needs input=transpose|conv,filter=kernel|conv, got ${v || 'nothing'}`,
          );
        out.options.tfConvGrads = { input: m[1] as 'transpose' | 'conv', filter: m[2] as 'kernel' | 'conv' };
        break;
      }
      case '--profile':
        out.options.profile = true;
        break;
      case '--no-lab':
        out.lab = null;
        break;
      case '--lab-only':
        out.labOnly = true;
        break;
      case '--lab-rounds':
        if (out.lab) out.lab.rounds = positiveInt(a, next());
        else next();
        break;
      case '--lab-steps':
        if (out.lab) out.lab.steps = positiveInt(a, next());
        else next();
        break;
      case '--lab-config': {
        const q = next();
        if (!q) throw new Error('--lab-config needs a query such as width=32&act=tanh');
        if (out.lab) out.lab.config = q.replace(/^\?/, '');
        break;
      }
      case '--no-build':
        out.build = false;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  if (out.labOnly && out.lab === null) throw new Error('--lab-only and --no-lab contradict each other');
  if (out.labOnly) out.configs = [];
  else if (out.configs.length === 0) out.configs = [...DEFAULT_CONFIGS];
  return out;
}
