// The bench page: exposes window.initscopeBench.run(query, options) for bench/cli.ts. One config at a
// time: set up the shared model and data, create every engine, time them interleaved, dispose.
import { probeAdapter } from '../../src/gpu/adapter';
import {
  type BenchHook,
  type BenchOptions,
  type ConfigRun,
  defaultEngines,
  type LabOptions,
  type LabRun,
} from '../protocol';
import { createEngine } from './engines';
import { installGpuCounters } from './gpuCounters';
import { installGpuProfiler } from './gpuProfiler';
import { type BenchEngine, measure, profileKernels } from './measure';
import { runLab } from './lab';
import { benchSetup } from './setup';
import { tfWasmFeatures } from '../tfjs/wasmBackend';

installGpuCounters();
// Profiling must wrap device creation, so it is decided when the page loads.
if (new URLSearchParams(location.search).has('profile')) installGpuProfiler();

const status = document.getElementById('status');
const log = (line: string): void => {
  console.log(line);
  if (status) status.textContent = line;
};

async function adapterName(): Promise<string> {
  const probe = await probeAdapter();
  return probe.ok ? probe.description : `none (${probe.reason})`;
}

async function run(query: string, opts: BenchOptions): Promise<ConfigRun> {
  const setup = await benchSetup(query);
  for (const n of setup.notices) log(`  config notice: ${n}`);
  const names = opts.only ?? defaultEngines(query);
  const engines: BenchEngine[] = [];
  const result: ConfigRun = {
    config: query,
    settings: setup.settings,
    adapter: await adapterName(),
    engines: {},
  };
  for (const name of names) {
    try {
      engines.push(await createEngine(name, setup, opts));
      if (name === 'tfjs_wasm') log(`  ${await tfWasmFeatures()}`);
    } catch (e) {
      result.engines[name] = { stepsPerSec: [], error: (e as Error).message };
      log(`  ${name}: not measured: ${(e as Error).message}`);
    }
  }
  try {
    Object.assign(result.engines, await measure(engines, opts, log));
    if (opts.profile) result.profiles = await profileKernels(engines, opts, log);
  } finally {
    for (const e of engines) e.dispose();
  }
  return result;
}

async function lab(opts: LabOptions): Promise<LabRun> {
  try {
    return await runLab(opts, log);
  } catch (e) {
    const { config, steps } = opts;
    const error = (e as Error).message;
    log(`  lab: not measured: ${error}`);
    const none = { batchedMs: [], sequentialMs: [], batchedSetupMs: [], sequentialSetupMs: [] };
    return {
      config,
      steps,
      sw2: [],
      depth: [],
      rows: 0,
      adapter: await adapterName(),
      ...none,
      batchedDispatchesPerStep: 0,
      sequentialDispatchesPerStep: 0,
      maxLoss0Diff: 0,
      lossWithin: 0,
      error,
    };
  }
}

const hook: BenchHook = { run, lab };
(window as unknown as { initscopeBench: BenchHook }).initscopeBench = hook;
log('ready');
