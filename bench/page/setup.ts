// Everything every engine of one config shares: the decoded config, the dataset, the network's dims,
// its initial weights and the batch schedule (the engine's own batchIndices), so the TF.js baseline
// trains exactly our network on exactly our batches.
import type { RunConfig } from '../../src/engine/config';
import { decodeConfig } from '../../src/engine/config/codec';
import { batchIndices, type Dataset, fetchReader, loadDataset } from '../../src/engine/data';
import { buildGraph, weightOp } from '../../src/engine/graph';
import { initializeConvNetwork, initializeNetwork } from '../../src/engine/init';
import { networkDims } from '../../src/engine/memory';
import { HIST_BINS, histogramRange } from '../../src/engine/stats/histogramRange';
import type { TfModelInit } from '../tfjs/tfEngine';

export interface BenchSetup {
  config: RunConfig;
  dataset: Dataset;
  dims: number[];
  /** Readable summary of the settings that matter (data, activation, init, optimizer, lr, loss). */
  settings: string;
  notices: string[];
}

export async function benchSetup(query: string): Promise<BenchSetup> {
  // The engines pick their backend from the engine name, not from the config.
  const { config, notices } = decodeConfig(query);
  // Fashion-MNIST is fetched from the page's own folder (bench/vite.config.ts serves public/).
  const dataset = await loadDataset(config, { fetchBytes: fetchReader(location.href) });
  const dims = networkDims(config);
  const settings =
    `data=${config.data} (${dataset.train.n} rows, ${dataset.inDim}→${dataset.classes}), act=${config.act}, ` +
    `init=${config.init}, opt=${config.opt}${config.opt === 'momentum' ? ` ${config.momentum}` : ''}, ` +
    `lr=${config.lr}, loss=${config.loss}, seed=${config.seed}`;
  return { config, dataset, dims, settings, notices };
}

/** The TF.js model's starting point: our initializer's weights, our data, our histogram bins. */
export function tfInit(s: BenchSetup): TfModelInit {
  const graph = buildGraph(s.config);
  // A conv network's parameters are drawn as the CPU trainer draws them (cpuTrainer.ts).
  const weights =
    graph.arch === 'conv'
      ? initializeConvNetwork(s.config, [...graph.hidden.map(weightOp), graph.head], Float32Array)
      : initializeNetwork(s.config, s.dims);
  return {
    config: s.config,
    dims: s.dims,
    graph,
    weights,
    x: s.dataset.train.x,
    y: s.dataset.train.y,
    hist: { bins: HIST_BINS, ...histogramRange(s.config.act) },
  };
}

/** Step k's batch, as our trainers draw it. A fresh array per step: TF.js may keep a reference to it. */
export function batchSchedule(s: BenchSetup): (step: number) => Int32Array {
  return (step) => batchIndices(s.config.seed, step, s.config.batch, s.dataset.train.n);
}
