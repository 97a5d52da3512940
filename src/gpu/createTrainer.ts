// One entry point for a trainer on the best backend: `auto` takes WebGPU on a hardware adapter and the CPU
// engine when WebGPU is missing, the adapter is a software fallback (SwiftShader: there the CPU is faster)
// or the GPU cannot hold the network; `webgpu` and `cpu` force one (forcing WebGPU on a software adapter
// works: tests and the bench use it). BackendInfo.reason says why, in plain English.
import type { BackendPref, RunConfig } from '../engine/config';
import { createCpuTrainer } from '../engine/cpu/cpuTrainer';
import type { Dataset } from '../engine/data/types';
import { networkDims } from '../engine/memory';
import type { BackendInfo, Trainer } from '../engine/trainer';
import { probeAdapter } from './adapter';
import { gpuUnsupported } from './capabilities';
import { acquireDevice, type DeviceLoss, estimateGpuBytes, watchDeviceLost } from './device';
import { createGpuTrainer, type GpuTrainerOptions } from './gpuTrainer';

export interface CreateTrainerOptions {
  /** Default: config.backend. */
  backend?: BackendPref;
  /** The WebGPU entry point (default navigator.gpu; in Node, nodeGpu()). */
  gpu?: GPU;
  /**
   * With backend 'webgpu': train on the CPU engine (reason "WebGPU unavailable: …") when the browser has
   * no WebGPU or no adapter, instead of throwing. The page sets it so a shared link asking for WebGPU
   * still runs where WebGPU is missing; the CLI and tests keep the strict default.
   */
  cpuWhenUnavailable?: boolean;
  /** Called once if the GPU device is lost mid-run (the caller recreates the trainer). */
  onDeviceLost?: (loss: DeviceLoss) => void;
  /** Extra options for the GPU trainer (tests: init source, submission sizes). */
  gpuOptions?: Omit<GpuTrainerOptions, 'backend' | 'ownsDevice'>;
}

export interface CreatedTrainer {
  trainer: Trainer;
  backend: BackendInfo;
}

async function onCpu(config: RunConfig, dataset: Dataset, reason: string): Promise<CreatedTrainer> {
  const trainer = await createCpuTrainer(config, dataset);
  const backend: BackendInfo = { kind: 'cpu', reason };
  Object.assign(trainer.backend, backend);
  return { trainer, backend };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function createTrainer(
  config: RunConfig,
  dataset: Dataset,
  opts: CreateTrainerOptions = {},
): Promise<CreatedTrainer> {
  const pref = opts.backend ?? config.backend;
  if (pref === 'cpu') return onCpu(config, dataset, 'the CPU engine was chosen in the settings');
  const gpu = opts.gpu ?? globalThis.navigator?.gpu;
  const probe = await probeAdapter(gpu);
  if (!probe.ok) {
    if (pref === 'webgpu' && !opts.cpuWhenUnavailable) throw new Error(`WebGPU unavailable: ${probe.reason}`);
    return onCpu(config, dataset, `WebGPU unavailable: ${probe.reason}`);
  }
  if (probe.software && pref === 'auto')
    return onCpu(
      config,
      dataset,
      `software adapter is slower (${probe.description}): the CPU engine runs instead`,
    );
  const unsupported = gpuUnsupported(config);
  if (unsupported !== null) {
    if (pref === 'webgpu' && !opts.cpuWhenUnavailable) throw new Error(`${unsupported}.`);
    return onCpu(config, dataset, `${unsupported}: the CPU engine runs instead`);
  }
  const reason =
    pref === 'webgpu'
      ? `WebGPU was chosen in the settings${probe.software ? ' (on a software adapter)' : ''}`
      : 'a hardware GPU adapter is available';
  let device: GPUDevice | null = null;
  try {
    // Subgroups where the adapter has them: the conv GEMM's quad form on software adapters (convForm).
    const acquired = await acquireDevice(gpu, estimateGpuBytes(config, networkDims(config)), {
      optionalFeatures: ['subgroups'],
    });
    device = acquired.device;
    const backend: BackendInfo = { kind: 'webgpu', adapter: acquired.info.description, reason };
    const stopWatching = opts.onDeviceLost ? watchDeviceLost(device, opts.onDeviceLost) : () => {};
    const trainer = await createGpuTrainer(device, config, dataset, {
      ...opts.gpuOptions,
      strategy: opts.gpuOptions?.strategy ?? (acquired.info.software ? 'direct' : 'tiled'),
      backend,
      ownsDevice: true,
    });
    // Our own destroy() on dispose is not a loss to report.
    const dispose = trainer.dispose.bind(trainer);
    trainer.dispose = () => {
      stopWatching();
      dispose();
    };
    return { trainer, backend };
  } catch (e) {
    device?.destroy();
    if (pref === 'webgpu') throw e;
    return onCpu(
      config,
      dataset,
      `WebGPU could not run this network (${message(e)}): the CPU engine runs instead`,
    );
  }
}
