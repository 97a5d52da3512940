// The lab's state outside React: the phase diagram of the current activation (filled by the lab worker)
// and the trainability map being trained — all cells at once on WebGPU where the lab worker can (progress
// in steps, every cell at the end; group after group where the device cannot hold the grid at once), else
// cell by cell on a pool of CPU workers. Charts subscribe to these Signals; the map's controls read
// `mapRun` through useSignal.
import type { Activation, RunConfig } from '../engine/config';
import type { MapCell } from '../engine/map';
import { createLabClient, type LabClient } from '../lab/client';
import type { FromLab, PhaseSnapshot } from '../lab/protocol';
import { Signal } from './signal';

export const phaseDiagram = new Signal<PhaseSnapshot | null>(null);

export type MapStatus = 'running' | 'done' | 'stopped' | 'error';

export interface MapRun {
  id: number;
  config: RunConfig;
  sw2: number[];
  depths: number[];
  steps: number;
  /** [row (depth index) · sw2.length + column]; null until trained. */
  cells: (MapCell | null)[];
  done: number;
  status: MapStatus;
  message?: string;
  theory: { chi1: number[]; xi_c: number[] } | null;
  startedAt: number;
  /**
   * Wall time per unit of work measured so far, for the estimate: per depth × steps on the CPU workers,
   * per step of a group (the whole grid, unless split) on WebGPU.
   */
  msPerUnit: number | null;
  /** null while the lab worker decides; 'webgpu': every cell trains at once (batched). */
  engine: 'cpu' | 'webgpu' | null;
  /** WebGPU: steps done so far, over the groups one after another (steps × gpuGroups in all). */
  stepsDone: number;
  /** WebGPU: groups of cells trained one after another (1: the whole grid at once). */
  gpuGroups?: number;
  /** The adapter (WebGPU) or why the CPU engine trains this map. */
  engineNote?: string;
  /** When the batched run started training (after its device and pipelines were set up). */
  gpuStartedAt?: number;
}

export const mapRun = new Signal<MapRun | null>(null);

let phaseClient: LabClient | null = null;
let phaseKey = '';

export function requestPhase(act: Activation, slope: number): void {
  const key = act === 'leaky_relu' ? `${act}:${slope}` : act;
  if (key === phaseKey) return;
  phaseKey = key;
  const current = phaseDiagram.value;
  if (current && (current.act !== act || (act === 'leaky_relu' && current.slope !== slope)))
    phaseDiagram.set(null);
  phaseClient ??= createLabClient(
    'initscope-lab',
    (msg) => {
      if (
        msg.type === 'phase' &&
        (msg.act === 'leaky_relu' ? `${msg.act}:${msg.slope}` : msg.act) === phaseKey
      )
        phaseDiagram.set(msg);
    },
    () => {
      phaseClient = null;
      phaseKey = '';
    },
  );
  phaseClient.post({ type: 'phase', act, slope });
}

let mapClients: LabClient[] = [];
/** Pool members still training their share of the current map. */
let mapBusy = 0;
let nextMapId = 1;

/**
 * Workers per map: all cores but one for the page and one for the explorer's own worker, at most 4 (each
 * holds the dataset and a trainer), at least 1.
 */
export function mapPoolSize(cores = navigator.hardwareConcurrency || 2): number {
  return Math.max(1, Math.min(4, cores - 2));
}

function patchMap(id: number, patch: (m: MapRun) => Partial<MapRun>): void {
  const m = mapRun.value;
  if (!m || m.id !== id) return;
  mapRun.set({ ...m, ...patch(m) });
}

/** Work done by the trained cells, in depth × steps units (a cell's time grows with its depth). */
function workDone(m: MapRun): number {
  let w = 0;
  for (const c of m.cells) if (c) w += c.depth * Math.max(1, m.steps);
  return w;
}

function onMapMessage(msg: FromLab): void {
  switch (msg.type) {
    case 'mapTheory':
      patchMap(msg.id, () => ({ theory: { chi1: msg.chi1, xi_c: msg.xi_c } }));
      break;
    case 'mapCell':
      patchMap(msg.id, (m) => {
        const cells = m.cells.slice();
        const col = m.sw2.indexOf(msg.cell.sw2);
        const row = m.depths.indexOf(msg.cell.depth);
        if (col >= 0 && row >= 0) cells[row * m.sw2.length + col] = msg.cell;
        if (m.engine === 'webgpu') return { cells, done: m.done + 1 };
        const elapsed = performance.now() - m.startedAt;
        return { cells, done: m.done + 1, msPerUnit: elapsed / Math.max(1, workDone({ ...m, cells })) };
      });
      break;
    case 'mapGpuStart':
      patchMap(msg.id, () => ({
        engine: 'webgpu',
        engineNote: msg.adapter,
        gpuGroups: msg.groups,
        gpuStartedAt: performance.now(),
      }));
      break;
    case 'mapSteps':
      patchMap(msg.id, (m) => {
        // Groups train one after another, each all of the map's steps.
        const stepsDone = msg.group * m.steps + msg.done;
        return {
          stepsDone,
          msPerUnit: (performance.now() - (m.gpuStartedAt ?? m.startedAt)) / Math.max(1, stepsDone),
        };
      });
      break;
    case 'mapFallback': {
      const m = mapRun.value;
      if (!m || m.id !== msg.id) break;
      stopMapWorker();
      mapRun.set({ ...m, engine: 'cpu', engineNote: msg.reason, startedAt: performance.now() });
      startCpuPool(m);
      break;
    }
    case 'mapDone':
      if (mapRun.value?.id !== msg.id) break;
      mapBusy--;
      if (mapBusy === 0) {
        patchMap(msg.id, () => ({ status: 'done' }));
        stopMapWorker();
      }
      break;
    case 'mapError':
      patchMap(msg.id, () => ({ status: 'error', message: msg.message }));
      stopMapWorker();
      break;
  }
}

function stopMapWorker(): void {
  for (const c of mapClients) c.terminate();
  mapClients = [];
  mapBusy = 0;
}

/** The map's cells on a pool of CPU lab workers, each its interleaved share. */
function startCpuPool(m: MapRun): void {
  const { id, config, sw2, depths, steps } = m;
  const of = Math.min(mapPoolSize(), sw2.length * depths.length);
  const baseUrl = new URL('./', document.baseURI).href;
  mapBusy = of;
  for (let part = 0; part < of; part++) {
    const client = createLabClient(`initscope-map-${part + 1}`, onMapMessage, (text) => {
      patchMap(id, () => ({ status: 'error', message: text }));
      stopMapWorker();
    });
    client.post({ type: 'map', id, config, sw2, depths, steps, baseUrl, part, of });
    mapClients.push(client);
  }
}

export function startMap(config: RunConfig, sw2: number[], depths: number[], steps: number): void {
  stopMapWorker();
  const id = nextMapId++;
  const run: MapRun = {
    id,
    config,
    sw2,
    depths,
    steps,
    cells: new Array(sw2.length * depths.length).fill(null),
    done: 0,
    status: 'running',
    theory: null,
    startedAt: performance.now(),
    msPerUnit: null,
    engine: config.backend === 'cpu' ? 'cpu' : null,
    stepsDone: 0,
  };
  mapRun.set(run);
  if (run.engine === 'cpu') {
    run.engineNote = 'the CPU engine was chosen in the settings';
    startCpuPool(run);
    return;
  }
  // One worker tries WebGPU first (batched); it answers mapFallback where it cannot, then the pool starts.
  const baseUrl = new URL('./', document.baseURI).href;
  mapBusy = 1;
  const client = createLabClient('initscope-map-gpu', onMapMessage, (text) => {
    patchMap(id, () => ({ status: 'error', message: text }));
    stopMapWorker();
  });
  client.post({ type: 'mapGpu', id, config, sw2, depths, steps, baseUrl });
  mapClients.push(client);
}

/** Stops the map now (the worker is terminated mid-cell); the cells trained so far stay. */
export function stopMap(): void {
  const m = mapRun.value;
  stopMapWorker();
  if (m && m.status === 'running') mapRun.set({ ...m, status: 'stopped' });
}

/**
 * Estimated milliseconds left, from the time per depth × step so far (null before the first cell), or on
 * WebGPU from the time per step of a group so far, for the steps of every group left (null before the first
 * submission). Every group but the last is packed about full, so their steps cost about the same and the
 * estimate errs long by at most part of the last group.
 */
export function mapTimeLeft(m: MapRun): number | null {
  if (m.msPerUnit === null || m.status !== 'running') return null;
  if (m.engine === 'webgpu') return Math.max(0, m.steps * (m.gpuGroups ?? 1) - m.stepsDone) * m.msPerUnit;
  let left = 0;
  m.cells.forEach((c, k) => {
    if (!c) left += m.depths[Math.floor(k / m.sw2.length)] * Math.max(1, m.steps);
  });
  return left * m.msPerUnit;
}

/** WebGPU in groups: "group 2 of 3, step 40 of 100", from the steps done over the groups one after another. */
export function mapGroupStatus(m: Pick<MapRun, 'stepsDone' | 'steps' | 'gpuGroups'>): string {
  const groups = m.gpuGroups ?? 1;
  const g = Math.min(groups - 1, Math.floor(m.stepsDone / Math.max(1, m.steps)));
  return `group ${g + 1} of ${groups}, step ${m.stepsDone - g * m.steps} of ${m.steps}`;
}
