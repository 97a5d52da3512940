// Run slice: what the worker told us about each slot (loading progress, backend, errors, the theory
// overlay) and the playback controls. Only slow-changing facts live here, so React renders on them are
// rare; per-step numbers go to the History objects (store/runtime.ts) that charts draw from directly.
import { create } from 'zustand';
import type { BackendInfo } from '../engine/trainer';
import type { NonFinite } from '../engine/stats/types';
import type { DataPreview, Speed, TheoryProfile } from '../gpu/workerProtocol';

export type SlotStatus = 'loading' | 'ready' | 'error';

export interface SlotState {
  runId: number;
  status: SlotStatus;
  /** Loading phase and progress in [0, 1]. */
  phase: string;
  fraction: number;
  backend: BackendInfo | null;
  dims: number[];
  theory: TheoryProfile | null;
  preview: DataPreview | null;
  error: string | null;
  /** First non-finite value of the run (sticky), for the banner. */
  nonFinite: NonFinite | null;
}

export interface RunState {
  slots: SlotState[];
  playing: boolean;
  speed: Speed;
  /** Shown when training was paused because the tab was hidden. */
  pausedByHidden: boolean;
  patchSlot(slot: number, runId: number, patch: Partial<SlotState>): void;
  resetSlot(slot: number, runId: number): void;
  dropSlotsFrom(n: number): void;
  setPlaying(playing: boolean): void;
  setSpeed(speed: Speed): void;
  setPausedByHidden(v: boolean): void;
}

export function emptySlot(runId: number): SlotState {
  return {
    runId,
    status: 'loading',
    phase: 'starting',
    fraction: 0,
    backend: null,
    dims: [],
    theory: null,
    preview: null,
    error: null,
    nonFinite: null,
  };
}

export const useRunStore = create<RunState>()((set) => ({
  slots: [],
  playing: true,
  speed: 20,
  pausedByHidden: false,
  patchSlot(slot, runId, patch) {
    set((s) => {
      const cur = s.slots[slot];
      // Messages from a superseded run (config changed meanwhile) are dropped here.
      if (!cur || cur.runId !== runId) return s;
      const slots = s.slots.slice();
      slots[slot] = { ...cur, ...patch };
      return { slots };
    });
  },
  resetSlot(slot, runId) {
    set((s) => {
      const slots = s.slots.slice();
      slots[slot] = emptySlot(runId);
      return { slots };
    });
  },
  dropSlotsFrom(n) {
    set((s) => (s.slots.length > n ? { slots: s.slots.slice(0, n) } : s));
  },
  setPlaying(playing) {
    set({ playing });
  },
  setSpeed(speed) {
    set({ speed });
  },
  setPausedByHidden(pausedByHidden) {
    set({ pausedByHidden });
  },
}));
