// Argument parsing for `npm run cli -- run|spectrum|map|export …`: pure, so tests can feed it anything. Options take
// `--name value` or `--name=value`; anything unknown, missing or out of range is an error message for the
// caller to print (exit code 2).
import { DEFAULT_MAP_DEPTHS, DEFAULT_MAP_SW2 } from '../map/axes';

export type CliCommand = 'run' | 'spectrum' | 'map';

export interface CliArgs {
  command: CliCommand;
  /** Query string in the URL codec's format ('' = defaults). */
  config: string;
  steps: number;
  every: number;
  testEvery: number;
  theory: boolean;
  /** null: follow the config's `backend` (auto ⇒ cpu). */
  backend: 'cpu' | 'webgpu' | null;
  json: boolean;
  /** Keep activation histograms in the records. */
  hist: boolean;
  /** Add wall-clock timing of the training run. */
  timing: boolean;
  /** Train on this CSV file (data=local); null: the config's dataset. */
  csv: string | null;
  /** The CSV's label column: a header name or a 1-based number (default: the last column). */
  label: string | null;
  /** map: σ_w² axis 'a:b:n' (validated by the map command). */
  sw2: string;
  /** map: depth list '2,4,8'. */
  depths: string;
}

export interface ExportArgs {
  command: 'export';
  format: 'pytorch';
  config: string;
  /** script: the whole self-contained script; init: only the weights_init snippet. */
  part: 'script' | 'init';
}

export type ParseResult =
  | { kind: 'run'; args: CliArgs }
  | { kind: 'export'; args: ExportArgs }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const MAX_STEPS = 10_000_000;

export const USAGE = `Usage: npm run --silent cli -- run|spectrum|map [options]
       npm run --silent cli -- export --format pytorch [--config '<query>'] [--part script|init]

run       trains the network described by a config query string and prints its statistics records
spectrum  singular values of the input–output Jacobian ∂h^L/∂h^0 at the first training input, after
          --steps updates (default 0: at init), with the mean-field mean squared singular value
map       trainability map: trains the config's network at every σ_w² × depth (W ~ N(0, σ_w²/fan_in)) for
          --steps updates on the CPU engine; loss and accuracy on the whole training split, and ξ_c per column
export    prints the run as one self-contained PyTorch script (--part init: only its weights_init)

Options:
  --config '<query>'   settings in the page's link format, e.g. 'depth=10&width=64&act=tanh' (default: defaults)
  --steps N            training steps (updates) to run; records cover steps 0..N−1; 0 = only the
                       network at initialization (default 0)
  --every K            record every K-th step (step 0 always) (default 1)
  --test-every K       evaluate the held-out split at recorded steps that are multiples of K (default 0 = never)
  --theory             add the mean-field prediction (at init)
  --backend cpu|webgpu engine to use (default: the config's backend; auto means cpu here)
  --hist               keep the activation histograms in the records (left out by default: they are big)
  --timing             add the training wall-clock time and steps per second
  --sw2 a:b:n          map: σ_w² from a to b in n columns (default ${DEFAULT_MAP_SW2})
  --depths list        map: depths, comma-separated (default ${DEFAULT_MAP_DEPTHS})
  --json               print one JSON object (otherwise a short table)
  --csv FILE           train on your own CSV file (numeric features, a label column); sets data=local
  --label NAME         the CSV's label column, by header name or 1-based number (default: the last)
  --help               this text`;

const VALUE_OPTIONS = new Set([
  'config',
  'steps',
  'every',
  'test-every',
  'backend',
  'csv',
  'label',
  'format',
  'part',
  'sw2',
  'depths',
]);
const COMMANDS: readonly (CliCommand | 'export')[] = ['run', 'spectrum', 'map', 'export'];
/** map trains every cell this long unless --steps says otherwise. */
export const DEFAULT_MAP_STEPS = 300;
const RUN_ONLY = ['steps', 'every', 'test-every', 'backend', 'csv', 'label', 'sw2', 'depths'];
const EXPORT_ONLY = ['format', 'part'];
const FLAG_OPTIONS = new Set(['theory', 'json', 'hist', 'timing', 'help']);

function parseInteger(name: string, raw: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(raw)) return `--${name} needs a whole number, got "${raw}"`;
  const v = Number(raw);
  if (v < min || v > max) return `--${name} must be between ${min} and ${max}, got ${raw}`;
  return v;
}

export function parseCliArgs(argv: readonly string[]): ParseResult {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') {
      flags.add('help');
      continue;
    }
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
    if (FLAG_OPTIONS.has(name)) {
      if (eq >= 0) return { kind: 'error', message: `--${name} takes no value` };
      flags.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      let v: string | undefined;
      if (eq >= 0) v = a.slice(eq + 1);
      else if (i + 1 < argv.length) v = argv[++i];
      if (v === undefined) return { kind: 'error', message: `--${name} needs a value` };
      values.set(name, v);
    } else {
      return { kind: 'error', message: `unknown option ${a.split('=')[0]} (see --help)` };
    }
  }
  if (flags.has('help') || positional[0] === 'help') return { kind: 'help' };
  if (positional.length === 0)
    return { kind: 'error', message: 'missing command: run, spectrum, map or export (see --help)' };
  const command = COMMANDS.find((c) => c === positional[0]);
  if (command === undefined)
    return { kind: 'error', message: `unknown command "${positional[0]}" (see --help)` };
  if (positional.length > 1) return { kind: 'error', message: `unexpected argument "${positional[1]}"` };
  const foreign = command !== 'export' ? EXPORT_ONLY : [...RUN_ONLY, 'theory', 'json', 'hist', 'timing'];
  const misplaced = foreign.find((o) => values.has(o) || flags.has(o));
  if (misplaced) return { kind: 'error', message: `--${misplaced} does not apply to ${command}` };
  if (command === 'export') return parseExport(values);
  if (command !== 'map' && (values.has('sw2') || values.has('depths')))
    return { kind: 'error', message: '--sw2 and --depths belong to the map command' };

  const defaultSteps = command === 'map' ? String(DEFAULT_MAP_STEPS) : '0';
  const steps = parseInteger('steps', values.get('steps') ?? defaultSteps, 0, MAX_STEPS);
  if (typeof steps === 'string') return { kind: 'error', message: steps };
  const every = parseInteger('every', values.get('every') ?? '1', 1, MAX_STEPS);
  if (typeof every === 'string') return { kind: 'error', message: every };
  const testEvery = parseInteger('test-every', values.get('test-every') ?? '0', 0, MAX_STEPS);
  if (typeof testEvery === 'string') return { kind: 'error', message: testEvery };
  const backendRaw = values.get('backend');
  let backend: CliArgs['backend'] = null;
  if (backendRaw !== undefined) {
    if (backendRaw === 'cpu' || backendRaw === 'webgpu') backend = backendRaw;
    else return { kind: 'error', message: `--backend must be cpu or webgpu, got "${backendRaw}"` };
  }
  return {
    kind: 'run',
    args: {
      command,
      config: values.get('config') ?? '',
      steps,
      every,
      testEvery,
      theory: flags.has('theory'),
      backend,
      json: flags.has('json'),
      hist: flags.has('hist'),
      timing: flags.has('timing'),
      csv: values.get('csv') ?? null,
      label: values.get('label') ?? null,
      sw2: values.get('sw2') ?? DEFAULT_MAP_SW2,
      depths: values.get('depths') ?? DEFAULT_MAP_DEPTHS,
    },
  };
}

function parseExport(values: Map<string, string>): ParseResult {
  const format = values.get('format');
  if (format === undefined) return { kind: 'error', message: 'export needs --format pytorch' };
  if (format !== 'pytorch') return { kind: 'error', message: `--format must be pytorch, got "${format}"` };
  const part = values.get('part') ?? 'script';
  if (part !== 'script' && part !== 'init')
    return { kind: 'error', message: `--part must be script or init, got "${part}"` };
  return { kind: 'export', args: { command: 'export', format, config: values.get('config') ?? '', part } };
}
