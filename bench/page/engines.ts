// The bench's engines behind one interface: ours (the Trainer of src/engine/cpu and src/gpu) and the
// TF.js baseline, each with or without per-layer statistics.
import type { Trainer } from '../../src/engine/trainer';
import { type BenchOptions, type EngineName, TF_SUBMIT_BATCH } from '../protocol';
import { TfEngine } from '../tfjs/tfEngine';
import type { BenchEngine } from './measure';
import { type BenchSetup, batchSchedule, tfInit } from './setup';
import { createOurCpuTrainer, createOurGpuTrainer } from './ours';

const SPECS: Record<
  EngineName,
  { family: 'ours' | 'tfjs'; backend: 'webgpu' | 'cpu' | 'wasm'; stats: boolean }
> = {
  ours_webgpu: { family: 'ours', backend: 'webgpu', stats: true },
  tfjs_webgpu: { family: 'tfjs', backend: 'webgpu', stats: true },
  ours_cpu: { family: 'ours', backend: 'cpu', stats: true },
  tfjs_cpu: { family: 'tfjs', backend: 'cpu', stats: true },
  tfjs_wasm: { family: 'tfjs', backend: 'wasm', stats: true },
  ours_webgpu_nostats: { family: 'ours', backend: 'webgpu', stats: false },
  tfjs_webgpu_nostats: { family: 'tfjs', backend: 'webgpu', stats: false },
  tfjs_cpu_nostats: { family: 'tfjs', backend: 'cpu', stats: false },
};

function oursEngine(name: EngineName, trainer: Trainer, stats: boolean): BenchEngine {
  // The WebGPU trainer says how many dispatches its step program encoded for the last step.
  const program = trainer as Partial<{ dispatchesPerStep: number }>;
  return {
    name,
    gpu: trainer.backend.kind === 'webgpu',
    programDispatches:
      typeof program.dispatchesPerStep === 'number' ? () => program.dispatchesPerStep ?? 0 : undefined,
    async run(steps) {
      await trainer.run(steps, { every: 1, stats });
    },
    dispose: () => trainer.dispose(),
  };
}

function tfEngine(name: EngineName, engine: TfEngine): BenchEngine {
  return {
    name,
    gpu: engine.backend === 'webgpu',
    async run(steps) {
      await engine.run(steps);
    },
    dispose: () => engine.dispose(),
  };
}

export async function createEngine(
  name: EngineName,
  setup: BenchSetup,
  opts: BenchOptions,
): Promise<BenchEngine> {
  const spec = SPECS[name];
  if (spec.family === 'tfjs') {
    return tfEngine(
      name,
      await TfEngine.create(
        spec.backend,
        tfInit(setup),
        batchSchedule(setup),
        spec.stats,
        opts.tfSubmitBatch ?? TF_SUBMIT_BATCH,
        opts.tfConvGrads,
      ),
    );
  }
  const trainer =
    spec.backend === 'webgpu'
      ? await createOurGpuTrainer(setup.config, setup.dataset)
      : await createOurCpuTrainer(setup.config, setup.dataset);
  return oursEngine(name, trainer, spec.stats);
}
