/// <reference lib="webworker" />
// The lab worker: fills the phase diagram of an activation (posting snapshots as it goes), and trains its
// share of a trainability map cell by cell on the CPU engine, posting each cell as it finishes — or the
// whole map at once on WebGPU (src/gpu/lab), posting its progress in steps and every cell at the end (at
// the end of each group, where the device holds the grid only in groups).
import { createCpuTrainer } from '../engine/cpu/cpuTrainer';
import { loadDataset } from '../engine/data';
import { cellOrder, mapTheory, trainCell } from '../engine/map';
import { fillPhaseGrid, phaseGridFor } from '../engine/theory/phaseGrid';
import type { RunConfig } from '../engine/config';
import type { FromLab, ToLab } from './protocol';

declare const self: DedicatedWorkerGlobalScope;

function post(msg: FromLab): void {
  self.postMessage(msg);
}

const yieldToMessages = () => new Promise((r) => setTimeout(r, 0));

/**
 * After each ~40 ms chunk of a cell's training, idle for 35 % of it (as the training worker does): the worker
 * then takes at most ~3/4 of a core, and on a 2-core machine the page keeps its frame rate.
 */
const IDLE_SHARE = 0.35;
const pace = (chunkMs: number) => new Promise<void>((r) => setTimeout(r, IDLE_SHARE * chunkMs));

/** Only the latest phase request is worked on; an older one stops at its next snapshot. */
let phaseRequest = 0;

async function phase(act: ToLab & { type: 'phase' }): Promise<void> {
  const mine = ++phaseRequest;
  const grid = phaseGridFor(act.act, act.slope);
  const snapshot = () =>
    post({
      type: 'phase',
      act: grid.act,
      slope: grid.slope,
      sw2: [...grid.sw2],
      sb2: [...grid.sb2],
      chi1: grid.chi1.slice(),
      xiC: grid.xiC.slice(),
      phase: grid.phase.slice(),
      filled: grid.filled,
    });
  for (;;) {
    const done = fillPhaseGrid(grid, 100);
    snapshot();
    if (done) return;
    await yieldToMessages();
    if (mine !== phaseRequest) return;
  }
}

function mapDataset(msg: { config: RunConfig; baseUrl: string }) {
  return loadDataset(msg.config, {
    fetchBytes: async (path) => {
      const res = await fetch(new URL(path, msg.baseUrl));
      if (!res.ok) throw new Error(`could not download ${path} (HTTP ${res.status})`);
      return new Uint8Array(await res.arrayBuffer());
    },
  });
}

async function mapGpu(msg: ToLab & { type: 'mapGpu' }): Promise<void> {
  try {
    const dataset = await mapDataset(msg);
    const theory = mapTheory(msg.config, msg.sw2);
    post({ type: 'mapTheory', id: msg.id, chi1: theory.chi1, xi_c: theory.xi_c });
    // Loaded only here: the CPU-only paths never fetch the WGSL.
    const { trainMapOnGpu } = await import('../gpu/lab/workerMap');
    const out = await trainMapOnGpu(msg.config, dataset, { sw2: msg.sw2, depth: msg.depths }, msg.steps, {
      onStart: (adapter, groups) => post({ type: 'mapGpuStart', id: msg.id, adapter, groups }),
      onProgress: (done, _steps, group) => post({ type: 'mapSteps', id: msg.id, done, group }),
      // Each group's cells as soon as it is trained: a split map fills in group by group, and a Stop
      // keeps the groups already done.
      onGroupDone: (cells) => {
        for (const cell of cells) post({ type: 'mapCell', id: msg.id, cell });
      },
      pace,
      // Submissions of about a frame (as the training worker's), so the page's own drawing is never
      // queued behind a long one on the same GPU.
      trainer: { targetSubmitMs: 12 },
    });
    if (!out.ok) {
      post({ type: 'mapFallback', id: msg.id, reason: out.reason });
      return;
    }
    post({ type: 'mapDone', id: msg.id });
  } catch (e) {
    post({ type: 'mapError', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
}

async function map(msg: ToLab & { type: 'map' }): Promise<void> {
  try {
    const dataset = await mapDataset(msg);
    if (msg.part === 0) {
      const theory = mapTheory(msg.config, msg.sw2);
      post({ type: 'mapTheory', id: msg.id, chi1: theory.chi1, xi_c: theory.xi_c });
    }
    // Interleaved shares: every worker gets shallow and deep cells alike, so they finish together.
    const mine = cellOrder({ sw2: msg.sw2, depth: msg.depths }).filter((_, k) => k % msg.of === msg.part);
    for (const { sw2, depth } of mine) {
      const cell = await trainCell(msg.config, dataset, sw2, depth, msg.steps, createCpuTrainer, pace);
      post({ type: 'mapCell', id: msg.id, cell });
      await yieldToMessages();
    }
    post({ type: 'mapDone', id: msg.id });
  } catch (e) {
    post({ type: 'mapError', id: msg.id, message: e instanceof Error ? e.message : String(e) });
  }
}

self.onmessage = (e: MessageEvent<ToLab>) => {
  const msg = e.data;
  if (msg.type === 'phase') void phase(msg);
  else if (msg.type === 'map') void map(msg);
  else if (msg.type === 'mapGpu') void mapGpu(msg);
};
