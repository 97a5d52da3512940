/// <reference lib="webworker" />
// The training worker: holds up to four trainers (the explorer's run and the compare slots), steps them
// round-robin in small chunks so control messages are never stuck behind a long run, and posts each
// chunk's stats records packed in one transferable Float32Array. The main thread never waits on it.
import type { RunConfig } from '../engine/config';
import { setLocalDataset } from '../engine/data/local';
import type { Dataset } from '../engine/data';
import type { Trainer } from '../engine/trainer';
import { describeDeviceLoss } from './device';
import { decisionGrid, previewOf, theoryOf } from './workerHelpers';
import { type FromWorker, packRecords, type Speed, type ToWorker } from './workerProtocol';
import { loadDatasetCached, makeTrainer } from './workerEngine';
import { maybeSpectrum, newSpectrumState, type SpectrumState } from './workerSpectrum';

declare const self: DedicatedWorkerGlobalScope;

interface Slot {
  runId: number;
  config: RunConfig;
  trainer: Trainer | null;
  busy: boolean;
  /** Superseded while busy: dispose when its run returns. */
  dead: boolean;
  msPerStep: number;
  boundaryStep: number;
  boundaryAt: number;
  /** The plane of a 2-D dataset (null for other datasets: no boundary). */
  bounds: [number, number, number, number] | null;
  /** Its device was destroyed by the debugLoseDevice hook: report that 'destroyed' as a real loss. */
  lossSimulated: boolean;
  dataset: Dataset | null;
  spectrum: SpectrumState;
}

/** Wall time one chunk of steps may take before the worker looks at its messages again. */
const CHUNK_MS = 40;
const MAX_CHUNK = 256;
const BOUNDARY_EVERY_MS = 400;
/** Idle time after each chunk, as a share of the chunk's time (the worker's duty cycle ≤ 1/1.35). */
const IDLE_SHARE = 0.35;

const slots: (Slot | undefined)[] = [];
const boundaryGrid = new Map<number, number>();
let spectrumOn = false;
let playing = true;
let speed: Speed = 20;
let pendingSteps = 0;
/** Armed stop step (null: none): see the 'stopAt' message. */
let stopAt: number | null = null;
let looping = false;
let paceFrom = 0;
let paceDone = 0;

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      // The page sends its own CSV with every start, so a replaced worker has it too.
      if (msg.local) setLocalDataset(msg.local);
      void startSlot(msg.slot, msg.runId, msg.config, msg.baseUrl);
      break;
    case 'remove':
      retire(slots[msg.slot]);
      slots[msg.slot] = undefined;
      break;
    case 'play':
      playing = msg.playing;
      resetPace();
      kick();
      break;
    case 'speed':
      speed = msg.speed;
      resetPace();
      break;
    case 'step':
      pendingSteps += msg.n;
      kick();
      break;
    case 'stopAt':
      stopAt = msg.step;
      kick();
      break;
    case 'ping':
      post({ type: 'pong', id: msg.id });
      break;
    case 'boundary':
      boundaryGrid.set(msg.slot, msg.grid);
      if (slots[msg.slot]) slots[msg.slot]!.boundaryStep = -1;
      kick();
      break;
    case 'debugLoseDevice':
      loseDevices();
      break;
    case 'spectrum':
      spectrumOn = msg.on;
      if (slots[0]) slots[0].spectrum = newSpectrumState();
      void spectrumNow();
      break;
  }
};

/** A paused run trains no chunk that would post its spectrum: take it now (when the slot is idle). */
async function spectrumNow(): Promise<void> {
  const s = slots[0];
  if (!spectrumOn || !s || s.busy || s.dead || !s.trainer || !s.dataset) return;
  s.busy = true;
  try {
    await maybeSpectrum(0, s.runId, s.config, s.dataset, s.trainer, s.spectrum, true, post);
  } finally {
    s.busy = false;
    if (s.dead) s.trainer?.dispose();
  }
}

function deviceOf(t: Trainer | null): GPUDevice | null {
  if (t?.backend.kind !== 'webgpu') return null;
  return (t as Trainer & { device?: GPUDevice }).device ?? null;
}

/** The test hook: destroy each WebGPU run's device as a driver reset would lose it. */
function loseDevices(): void {
  for (const s of slots) {
    const device = deviceOf(s?.trainer ?? null);
    if (!s || s.dead || !device) continue;
    s.lossSimulated = true;
    device.destroy();
  }
}

/** How long a failed GPU call waits for device.lost to say the device is gone. */
const LOST_GRACE_MS = 250;

/**
 * Before a failed WebGPU run is reported: a lost device makes the pending mapAsync reject before
 * device.lost settles, and reporting that as a run error (then disposing the trainer, which stops the
 * loss watcher) would leave the run dead instead of restarting it. Waiting briefly for device.lost lets
 * the loss path retire the slot (notice + restart) first; the caller then reports only real errors.
 */
async function settleLoss(t: Trainer | null): Promise<void> {
  const device = deviceOf(t);
  if (device) await Promise.race([device.lost, sleep(LOST_GRACE_MS)]);
}

function resetPace(): void {
  paceFrom = performance.now();
  paceDone = 0;
}

function retire(s: Slot | undefined): void {
  if (!s) return;
  s.dead = true;
  if (!s.busy) s.trainer?.dispose();
}

async function startSlot(slot: number, runId: number, config: RunConfig, baseUrl: string): Promise<void> {
  retire(slots[slot]);
  const s: Slot = {
    runId,
    config,
    trainer: null,
    busy: true,
    dead: false,
    msPerStep: 5,
    boundaryStep: -1,
    boundaryAt: 0,
    bounds: null,
    lossSimulated: false,
    dataset: null,
    spectrum: newSpectrumState(),
  };
  slots[slot] = s;
  try {
    post({ type: 'progress', slot, runId, phase: 'loading data', fraction: 0 });
    const dataset = await loadDatasetCached(config, baseUrl, (fraction) =>
      post({ type: 'progress', slot, runId, phase: 'loading data', fraction }),
    );
    if (s.dead) return;
    s.dataset = dataset;
    post({ type: 'progress', slot, runId, phase: 'initializing the network', fraction: 1 });
    const { trainer, backend } = await makeTrainer(config, dataset, (loss) => {
      // Our own destroy() (dispose) is no loss, unless the test hook stands in for a driver reset.
      if (s.dead || (loss.expected && !s.lossSimulated)) return;
      retire(s);
      const notice = s.lossSimulated
        ? describeDeviceLoss({ reason: 'unknown', message: 'simulated by the debugLoseDevice hook' }).notice
        : loss.notice;
      post({ type: 'deviceLost', slot, runId, notice });
    });
    s.trainer = trainer;
    if (s.dead) return;
    const dims = [
      dataset.inDim,
      ...Array.from({ length: config.depth }, () => config.width),
      dataset.classes,
    ];
    const preview = previewOf(dataset);
    s.bounds = preview?.bounds ?? null;
    post({
      type: 'ready',
      slot,
      runId,
      backend,
      dims,
      theory: theoryOf(config, dims, dataset),
      preview,
      trainN: dataset.train.n,
      testN: dataset.test.n,
    });
    await runChunk(slot, s, 0);
  } catch (e) {
    if (!s.dead) await settleLoss(s.trainer);
    if (!s.dead) post({ type: 'error', slot, runId, message: errorText(e) });
    s.trainer?.dispose();
    s.trainer = null;
  } finally {
    s.busy = false;
    if (s.dead) s.trainer?.dispose();
  }
  kick();
}

/** Runs n steps (n = 0: the step-0 record) on one slot and posts the records. */
async function runChunk(slot: number, s: Slot, n: number): Promise<void> {
  const trainer = s.trainer!;
  const t0 = performance.now();
  const records = await trainer.run(n, { every: 1, testEvery: 25 });
  if (n > 0) s.msPerStep = 0.7 * s.msPerStep + 0.3 * ((performance.now() - t0) / n);
  if (s.dead || records.length === 0) return;
  const packed = packRecords(records);
  post(
    {
      type: 'records',
      slot,
      runId: s.runId,
      packed,
      count: records.length,
      stepsPerSec: 1000 / Math.max(1e-3, s.msPerStep),
    },
    [packed.buffer],
  );
  await maybeBoundary(slot, s, n === 0 || !playing);
  if (spectrumOn && slot === 0 && s.dataset && !s.dead)
    await maybeSpectrum(slot, s.runId, s.config, s.dataset, trainer, s.spectrum, !playing, post);
}

async function maybeBoundary(slot: number, s: Slot, force: boolean): Promise<void> {
  const grid = boundaryGrid.get(slot) ?? 0;
  const trainer = s.trainer;
  if (grid <= 0 || !trainer || s.dead) return;
  const now = performance.now();
  if (s.boundaryStep === trainer.step || (!force && now - s.boundaryAt < BOUNDARY_EVERY_MS)) return;
  if (!s.bounds) return;
  const x = decisionGrid(s.bounds, grid);
  const probs = await trainer.predict(x);
  s.boundaryStep = trainer.step;
  s.boundaryAt = performance.now();
  if (s.dead) return;
  post({ type: 'boundary', slot, runId: s.runId, step: trainer.step, grid, probs }, [probs.buffer]);
}

function live(): [number, Slot][] {
  const out: [number, Slot][] = [];
  slots.forEach((s, i) => {
    if (s?.trainer && !s.dead && !s.busy) out.push([i, s]);
  });
  return out;
}

/** How many steps each slot takes next: single steps first, then the paced or the fastest chunk. */
function nextChunk(active: [number, Slot][]): number {
  if (pendingSteps > 0) {
    const n = pendingSteps;
    pendingSteps = 0;
    return n;
  }
  if (!playing) return 0;
  const msAll = active.reduce((sum, [, s]) => sum + s.msPerStep, 0);
  const fit = Math.max(1, Math.min(MAX_CHUNK, Math.floor(CHUNK_MS / Math.max(0.01, msAll))));
  if (speed === 0) return fit;
  const due = Math.floor(((performance.now() - paceFrom) / 1000) * speed) - paceDone;
  return Math.max(0, Math.min(fit, due));
}

/**
 * Steps slot `s` may take of a chunk of n: never past the armed stop step (so a full-speed chunk of 256
 * lands exactly on it). A run already past the stop step is an old run about to be replaced: not held.
 */
function clampToStop(s: Slot, n: number): number {
  const step = s.trainer?.step ?? 0;
  const target = stopTarget();
  if (target === null || step > target) return n;
  return Math.min(n, target - step);
}

/**
 * The trainer step (updates done) at which the last record is the stop step's: record k holds the stats
 * taken before update k, so the record for step N arrives with the (N+1)-th update.
 */
function stopTarget(): number | null {
  return stopAt === null ? null : stopAt + 1;
}

/**
 * True when the armed stop step is reached: every run (compare slots too, a still-loading one counts as
 * not there yet) stands exactly on it. Failed runs (no trainer, not loading) are left out.
 */
function reachedStop(): boolean {
  if (stopAt === null) return false;
  let any = false;
  for (const s of slots) {
    if (!s || s.dead) continue;
    if (!s.trainer) {
      if (s.busy) return false;
      continue;
    }
    if (s.busy || s.trainer.step !== stopTarget()) return false;
    any = true;
  }
  return any;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function kick(): void {
  if (looping) return;
  looping = true;
  void loop().finally(() => {
    looping = false;
  });
}

async function loop(): Promise<void> {
  for (;;) {
    const active = live();
    if (active.length === 0) return;
    if (playing && reachedStop()) {
      const step = stopAt!;
      playing = false;
      stopAt = null;
      post({ type: 'stopped', step });
    }
    const single = pendingSteps > 0;
    const n = nextChunk(active);
    if (n === 0) {
      if (!playing) {
        // Paused: still draw a requested boundary, then stop until a message kicks us.
        for (const [i, s] of active) await maybeBoundary(i, s, true);
        return;
      }
      await sleep(Math.max(4, 1000 / Math.max(1, speed) / 2));
      continue;
    }
    const t0 = performance.now();
    let ran = 0;
    for (const [i, s] of active) {
      // Single steps (the Step button) are the user's explicit ask and are not held at the stop step.
      const k = single ? n : clampToStop(s, n);
      if (s.dead || k === 0) continue;
      ran = Math.max(ran, k);
      s.busy = true;
      try {
        await runChunk(i, s, k);
      } catch (e) {
        // A run retired meanwhile (device lost, superseded) fails as it is torn down: nothing to report.
        if (!s.dead) await settleLoss(s.trainer);
        if (!s.dead) post({ type: 'error', slot: i, runId: s.runId, message: errorText(e) });
        s.trainer?.dispose();
        s.trainer = null;
      } finally {
        s.busy = false;
        if (s.dead) s.trainer?.dispose();
      }
    }
    if (ran === 0) {
      // Every run waits at the stop step for a compare slot that is still loading.
      await sleep(20);
      continue;
    }
    paceDone += ran;
    // Let queued messages (pause, new config) in before the next chunk, and leave part of the time
    // idle even when behind: on a two-core machine the page's rendering needs CPU too.
    await sleep(Math.round((performance.now() - t0) * IDLE_SHARE));
  }
}

post({ type: 'idle', playing });
