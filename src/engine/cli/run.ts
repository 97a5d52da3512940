// The CLI's run loop, independent of Node and of any backend: the entry (src/cli/main.ts) hands in how to
// make a trainer and how to read shipped files, and gets back an exit code.
import type { RunConfig } from '../config';
import { decodeConfig } from '../config/codec';
import { type Dataset, type FetchBytes, loadDataset } from '../data';
import { networkDims } from '../memory';
import type { StatsRecord } from '../stats/types';
import { meanField, theoryToJSON } from '../theory';
import { MEAN_FIELD_MLP_ONLY } from '../theory/meanField';
import type { BackendInfo, Trainer } from '../trainer';
import { parseCsv } from '../data/csv';
import { datasetFromTable } from '../data/csvDataset';
import { NO_LOCAL_DATA, setLocalDataset } from '../data/local';
import { pytorchInitSnippet, pytorchScript } from '../export/pytorch';
import { type CliArgs, type ExportArgs, parseCliArgs, USAGE } from './args';
import { formatMap, formatSpectrum, mapCommand, spectrumCommand, UsageError } from './lab';
import type { MapAxes, MapResult } from '../map';

export interface CliDeps {
  makeTrainer(config: RunConfig, dataset: Dataset, backend: 'cpu' | 'webgpu'): Promise<Trainer>;
  fetchBytes?: FetchBytes;
  /** Reads a user's file as text (--csv). */
  readText?: (path: string) => Promise<string>;
  /** Clock for --timing, in milliseconds. */
  now?: () => number;
  /**
   * `map --backend webgpu`: the whole grid trained at once (src/gpu/lab's batched trainer; `groups` > 1
   * where the device could not hold it at once); without it the cells train one after another through
   * makeTrainer.
   */
  runMapBatched?: (
    config: RunConfig,
    dataset: Dataset,
    axes: MapAxes,
    steps: number,
  ) => Promise<MapResult & { groups?: number }>;
}

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CliOutput {
  config: RunConfig;
  notices: string[];
  backend: BackendInfo;
  records: StatsRecord[];
  theory?: unknown;
  timing?: { steps: number; seconds: number; stepsPerSecond: number };
}

/** Decode, load, train, collect: the object that --json prints. */
/** --csv: parse the file and hold it as this process's own data (data=local). */
async function holdCsv(args: CliArgs, deps: CliDeps): Promise<void> {
  if (args.csv === null) return;
  if (!deps.readText) throw new Error('--csv is not available here');
  const text = await deps.readText(args.csv);
  const r = parseCsv(text, { label: args.label ?? undefined });
  if (!r.ok) throw new Error(`${args.csv}: ${r.error}`);
  setLocalDataset(datasetFromTable(r.table));
}

export async function runCommand(args: CliArgs, deps: CliDeps): Promise<CliOutput> {
  await holdCsv(args, deps);
  const decoded = decodeConfig(args.config);
  const notices = decoded.notices;
  const config: RunConfig = args.csv !== null ? { ...decoded.config, data: 'local' } : decoded.config;
  if (args.csv === null && config.data === 'local') throw new Error(NO_LOCAL_DATA);
  const backend = args.backend ?? (config.backend === 'webgpu' ? 'webgpu' : 'cpu');
  const dataset = await loadDataset(config, { fetchBytes: deps.fetchBytes });
  const trainer = await deps.makeTrainer(config, dataset, backend);
  try {
    const now = deps.now ?? (() => performance.now());
    const t0 = now();
    const records = await trainer.run(args.steps, { every: args.every, testEvery: args.testEvery });
    const seconds = (now() - t0) / 1000;
    // Records cover steps 0 … N: after N updates, one more pass records the trained network (step N) —
    // its own update is applied but never reported.
    if (args.steps > 0) {
      const final = await trainer.run(1, { every: 1, testEvery: args.testEvery > 0 ? 1 : 0 });
      records.push(...final.filter((r) => r.step === args.steps));
    }
    if (!args.hist) for (const r of records) for (const l of r.layers) delete l.act.hist;
    const out: CliOutput = { config, notices, backend: trainer.backend, records };
    if (args.theory && config.arch === 'conv') out.notices.push(`--theory: ${MEAN_FIELD_MLP_ONLY}.`);
    else if (args.theory)
      out.theory = theoryToJSON(meanField(config, networkDims(config), dataset.inputMeanSq));
    if (args.timing) out.timing = { steps: args.steps, seconds, stepsPerSecond: args.steps / seconds };
    return out;
  } finally {
    trainer.dispose();
  }
}

const fmt = (v: number | undefined) =>
  v === undefined ? '' : Number.isFinite(v) ? v.toPrecision(5) : String(v);

/** The human-readable form: one line per record. */
export function formatTable(o: CliOutput): string {
  const lines = [
    `# ${o.backend.kind} · ${o.config.depth}×${o.config.width} ${o.config.act} ${o.config.init}`,
  ];
  for (const n of o.notices) lines.push(`# notice: ${n}`);
  lines.push('step\tloss\taccuracy\ttest_loss\ttest_accuracy');
  for (const r of o.records)
    lines.push([r.step, fmt(r.loss), fmt(r.accuracy), fmt(r.test?.loss), fmt(r.test?.accuracy)].join('\t'));
  const nf = o.records.at(-1)?.nonFinite;
  if (nf) lines.push(`# first non-finite value: step ${nf.step}, layer ${nf.layer}, ${nf.tensor}`);
  if (o.timing) lines.push(`# ${o.timing.stepsPerSecond.toFixed(1)} steps/s`);
  return `${lines.join('\n')}\n`;
}

/** Exit code: 0 success, 1 run failed (message on stderr), 2 bad arguments (one line on stderr). */
export async function cliMain(argv: readonly string[], deps: CliDeps, io: CliIO): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') {
    io.out(`${USAGE}\n`);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`error: ${parsed.message}\n`);
    return 2;
  }
  if (parsed.kind === 'export') return exportCommand(parsed.args, io);
  try {
    const args = parsed.args;
    // JSON.stringify writes NaN and ±Infinity as null: the documented meaning of null in a record.
    if (args.command === 'spectrum') {
      const out = await spectrumCommand(args, deps);
      io.out(args.json ? `${JSON.stringify(out)}\n` : formatSpectrum(out));
    } else if (args.command === 'map') {
      const out = await mapCommand(args, deps);
      io.out(args.json ? `${JSON.stringify(out)}\n` : formatMap(out));
    } else {
      const out = await runCommand(args, deps);
      io.out(args.json ? `${JSON.stringify(out)}\n` : formatTable(out));
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n`);
      return 2;
    }
    io.err(`error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
    return 1;
  }
}

/** `export --format pytorch`: the script (or the init snippet) on stdout, decoding notices on stderr. */
function exportCommand(args: ExportArgs, io: CliIO): number {
  const { config, notices } = decodeConfig(args.config);
  for (const n of notices) io.err(`notice: ${n}\n`);
  io.out(args.part === 'init' ? pytorchInitSnippet(config) : pytorchScript(config));
  return 0;
}
