// Messages between the page and the lab worker (lab/worker.ts), which computes the phase diagram and
// trains trainability maps off the main thread. Separate from the training worker so a map never slows
// the explorer's run scheduling, and a stopped map can simply be terminated.
import type { Activation, RunConfig } from '../engine/config';
import type { MapCell } from '../engine/map';

export type ToLab =
  | { type: 'phase'; act: Activation; slope: number }
  | {
      type: 'map';
      id: number;
      config: RunConfig;
      sw2: number[];
      depths: number[];
      steps: number;
      /** The page's base URL, to fetch bundled datasets relative to it. */
      baseUrl: string;
      /** This worker's share of a pool: cells k with k % of === part (in training order). */
      part: number;
      of: number;
    }
  /** The whole map at once on WebGPU (batched); answered by mapFallback where it cannot run there. */
  | {
      type: 'mapGpu';
      id: number;
      config: RunConfig;
      sw2: number[];
      depths: number[];
      steps: number;
      baseUrl: string;
    };

export interface PhaseSnapshot {
  act: Activation;
  slope: number;
  sw2: number[];
  sb2: number[];
  chi1: Float64Array;
  xiC: Float64Array;
  phase: Uint8Array;
  filled: number;
}

export type FromLab =
  | ({ type: 'phase' } & PhaseSnapshot)
  | { type: 'mapTheory'; id: number; chi1: number[]; xi_c: number[] }
  | { type: 'mapCell'; id: number; cell: MapCell }
  /**
   * The batched map started on this adapter: every cell of a group trains at once, all finishing together;
   * `groups` > 1 where the device cannot hold the whole grid (groups train one after another).
   */
  | { type: 'mapGpuStart'; id: number; adapter: string; groups: number }
  /** The batched map's steps done so far by group `group` (0-based; of the map's steps), after each submission. */
  | { type: 'mapSteps'; id: number; done: number; group: number }
  /** WebGPU cannot train this map (why): the page trains it on its CPU workers. */
  | { type: 'mapFallback'; id: number; reason: string }
  /** This worker's share is trained. */
  | { type: 'mapDone'; id: number }
  | { type: 'mapError'; id: number; message: string };
