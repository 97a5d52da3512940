// Wires the stores to the training worker: any config (or compare, or reset) change restarts every slot
// from the same seed; playback state goes to the worker; worker messages land in the run store (slow
// facts) and in the per-slot History (per-step records). A hidden tab pauses training.
import { createWorkerClient, type WorkerClient } from '../gpu/workerClient';
import { localDataset } from '../engine/data/local';
import { type FromWorker, splitPacked } from '../gpu/workerProtocol';
import { recNonFinite } from './recordView';
import { MAX_SLOTS, slotConfigs, useConfigStore } from './configStore';
import { History } from './history';
import { useRunStore } from './runStore';
import { useScrub } from './scrub';
import { Signal } from './signal';
import { clearSpectra, receiveSpectrum } from './spectrum';

export interface BoundaryData {
  step: number;
  grid: number;
  probs: Float32Array;
}

export const histories: History[] = Array.from({ length: MAX_SLOTS }, () => new History());
export const boundaries: Signal<BoundaryData | null>[] = Array.from(
  { length: MAX_SLOTS },
  () => new Signal<BoundaryData | null>(null),
);
/** Measured training speed of slot 0 (steps per second). */
export const speedometer = new Signal(0);

let client: WorkerClient | null = null;
let nextRunId = 1;
let activeSlots = 0;
const boundaryGrids = new Map<number, number>();
/** The armed exact stop step (a link's steps=), re-sent to a replacement worker. */
let stopAtStep: number | null = null;
/** Whether the spectrum panel wants live spectra (re-sent to a replacement worker). */
let spectrumWanted = false;
/** How long a worker may take to answer a ping after a restart request before it is replaced. */
const WATCHDOG_MS = 800;
let pingId = 0;
let pongId = 0;
/** Set once the current worker has loaded (its first message); before that messages simply queue. */
let workerLoaded = false;

function worker(): WorkerClient {
  if (!client) {
    workerLoaded = false;
    client = createWorkerClient(onMessage);
    const { playing, speed } = useRunStore.getState();
    client.post({ type: 'speed', speed });
    client.post({ type: 'play', playing });
    for (const [slot, grid] of boundaryGrids) client.post({ type: 'boundary', slot, grid });
    if (stopAtStep !== null) client.post({ type: 'stopAt', step: stopAtStep });
    if (spectrumWanted) client.post({ type: 'spectrum', on: true });
  }
  return client;
}

/**
 * A CPU step of a huge network can block the worker for seconds, and a config change would wait behind it.
 * After each restart request, ping: a worker that does not answer in time is terminated and replaced
 * (its run was being discarded anyway), and the runs start again on the fresh one.
 */
function watchdog(): void {
  if (!workerLoaded) return;
  const id = ++pingId;
  worker().post({ type: 'ping', id });
  setTimeout(() => {
    if (pongId >= id || pingId !== id || !client) return;
    client.terminate();
    client = null;
    startRuns();
  }, WATCHDOG_MS);
}

function onMessage(msg: FromWorker): void {
  const run = useRunStore.getState();
  switch (msg.type) {
    case 'progress':
      run.patchSlot(msg.slot, msg.runId, { phase: msg.phase, fraction: msg.fraction });
      break;
    case 'ready':
      run.patchSlot(msg.slot, msg.runId, {
        status: 'ready',
        phase: 'ready',
        fraction: 1,
        backend: msg.backend,
        dims: msg.dims,
        theory: msg.theory,
        preview: msg.preview,
      });
      break;
    case 'records': {
      const cur = run.slots[msg.slot];
      if (!cur || cur.runId !== msg.runId) return;
      const views = splitPacked(msg.packed);
      histories[msg.slot].push(views);
      if (msg.slot === 0) speedometer.set(msg.stepsPerSec);
      const last = views[views.length - 1];
      if (!cur.nonFinite && last && recNonFinite(last) !== null) {
        run.patchSlot(msg.slot, msg.runId, { nonFinite: recNonFinite(last) });
        // A lone run is paused where it broke (NaN weights teach nothing more); compared runs go on.
        if (msg.slot === 0 && activeSlots === 1) setPlaying(false);
      }
      break;
    }
    case 'boundary': {
      const cur = run.slots[msg.slot];
      if (cur && cur.runId === msg.runId)
        boundaries[msg.slot].set({ step: msg.step, grid: msg.grid, probs: msg.probs });
      break;
    }
    case 'error':
      if (msg.slot < 0) {
        for (const [i, s] of run.slots.entries())
          run.patchSlot(i, s.runId, { status: 'error', error: msg.message });
      } else run.patchSlot(msg.slot, msg.runId, { status: 'error', error: msg.message });
      break;
    case 'idle':
      workerLoaded = true;
      break;
    case 'stopped':
      // The worker paused itself exactly on the armed step; the page's play state follows.
      stopAtStep = null;
      setPlaying(false);
      break;
    case 'deviceLost': {
      const cur = run.slots[msg.slot];
      if (!cur || cur.runId !== msg.runId) return;
      useConfigStore.getState().notify(msg.notice, 'warn');
      startRuns();
      break;
    }
    case 'pong':
      pongId = Math.max(pongId, msg.id);
      break;
    case 'spectrum':
      if (run.slots[0]?.runId === msg.runId) receiveSpectrum(msg);
      break;
  }
}

/** (Re)starts every slot from its config; histories start over. */
export function startRuns(): void {
  const { config, compare } = useConfigStore.getState();
  const configs = slotConfigs(config, compare);
  const w = worker();
  // A new run has none of the old run's steps: the time scrubber goes back to live.
  useScrub.getState().setStep(null);
  for (let slot = configs.length; slot < activeSlots; slot++) {
    w.post({ type: 'remove', slot });
    histories[slot].clear();
    boundaries[slot].set(null);
  }
  useRunStore.getState().dropSlotsFrom(configs.length);
  activeSlots = configs.length;
  clearSpectra();
  const baseUrl = new URL('./', document.baseURI).href;
  configs.forEach((c, slot) => {
    const runId = nextRunId++;
    useRunStore.getState().resetSlot(slot, runId);
    histories[slot].clear();
    boundaries[slot].set(null);
    const local = c.data === 'local' ? (localDataset() ?? undefined) : undefined;
    w.post({ type: 'start', slot, runId, config: c, baseUrl, local });
  });
  watchdog();
}

export function setPlaying(playing: boolean): void {
  useRunStore.getState().setPlaying(playing);
  if (playing) useRunStore.getState().setPausedByHidden(false);
}

export function stepOnce(n = 1): void {
  setPlaying(false);
  worker().post({ type: 'step', n });
}

/**
 * Arms (or, with null, disarms) an exact stop: the worker never trains a run past `step` and pauses
 * once every run stands on it. Runs already past it (about to be replaced) are not held.
 */
export function armStopAt(step: number | null): void {
  stopAtStep = step;
  worker().post({ type: 'stopAt', step });
}

/** Test hook: the worker destroys the GPU device of each WebGPU run, as a lost device (restart + notice). */
export function debugLoseDevice(): void {
  worker().post({ type: 'debugLoseDevice' });
}

/** Turns the decision-boundary computation of a slot on (grid > 0) or off. */
export function wantBoundary(slot: number, grid: number): void {
  boundaryGrids.set(slot, grid);
  worker().post({ type: 'boundary', slot, grid });
}

/** Live Jacobian spectra of the explorer's run on (the spectrum panel is on screen) or off. */
export function wantSpectrum(on: boolean): void {
  spectrumWanted = on;
  worker().post({ type: 'spectrum', on });
}

let started = false;

/** Called once by main.tsx: restarts on config changes, forwards playback, pauses on hidden tabs. */
export function initRuntime(): void {
  if (started) return;
  started = true;
  let pending = false;
  const restartSoon = () => {
    if (pending) return;
    pending = true;
    // A task of its own (not a microtask of the change's event): the restart's store updates and
    // re-renders then do not add to the React render of the change itself.
    setTimeout(() => {
      pending = false;
      startRuns();
    }, 0);
  };
  useConfigStore.subscribe((s, prev) => {
    if (s.config !== prev.config || s.compare !== prev.compare || s.resetCount !== prev.resetCount)
      restartSoon();
  });
  useRunStore.subscribe((s, prev) => {
    if (s.playing !== prev.playing) worker().post({ type: 'play', playing: s.playing });
    if (s.speed !== prev.speed) worker().post({ type: 'speed', speed: s.speed });
  });
  startRuns();
  document.addEventListener('visibilitychange', () => {
    const run = useRunStore.getState();
    if (document.hidden && run.playing) {
      run.setPlaying(false);
      run.setPausedByHidden(true);
    }
  });
}
