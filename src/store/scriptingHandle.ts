// window.initscope: the scripting handle for tests, embeds and the curious. `records()` is the stats
// history in the CLI's schema (step 0 always kept); `latest()` the newest record.
import type { RunConfig } from '../engine/config';
import type { StatsRecord } from '../engine/stats/types';
import type { BackendInfo } from '../engine/trainer';
import { unpackRecord } from '../gpu/workerProtocol';
import { slotConfigs, useConfigStore } from './configStore';
import { debugLoseDevice, histories, setPlaying, stepOnce } from './runtime';
import { type SlotStatus, useRunStore } from './runStore';

export interface InitScopeHandle {
  readonly config: RunConfig;
  readonly backend: BackendInfo | null;
  records(slot?: number): StatsRecord[];
  latest(slot?: number): StatsRecord | null;
  /** Extras for tests and embeds. */
  readonly status: SlotStatus | 'none';
  /** Bumped on every (re)start of the run (config change, reset). */
  readonly runId: number;
  readonly slots: {
    config: RunConfig;
    status: SlotStatus;
    backend: BackendInfo | null;
    error: string | null;
  }[];
  play(): void;
  pause(): void;
  step(n?: number): void;
  setConfig(patch: Partial<RunConfig>): void;
  /** Test hook: lose the GPU device of every WebGPU run (CPU runs ignore it); the runs restart with a notice. */
  debugLoseDevice(): void;
}

declare global {
  interface Window {
    initscope?: InitScopeHandle;
  }
}

export function installScriptingHandle(): void {
  const handle: InitScopeHandle = {
    get config() {
      return useConfigStore.getState().config;
    },
    get backend() {
      const b = useRunStore.getState().slots[0]?.backend;
      return b ? { ...b } : null;
    },
    records(slot = 0) {
      return histories[slot]?.toRecords() ?? [];
    },
    latest(slot = 0) {
      const r = histories[slot]?.latest;
      return r ? unpackRecord(r) : null;
    },
    get status() {
      return useRunStore.getState().slots[0]?.status ?? 'none';
    },
    get runId() {
      return useRunStore.getState().slots[0]?.runId ?? 0;
    },
    get slots() {
      const { config, compare } = useConfigStore.getState();
      const run = useRunStore.getState().slots;
      return slotConfigs(config, compare).map((c, i) => ({
        config: c,
        status: run[i]?.status ?? 'loading',
        backend: run[i]?.backend ?? null,
        error: run[i]?.error ?? null,
      }));
    },
    play: () => setPlaying(true),
    pause: () => setPlaying(false),
    step: (n = 1) => stepOnce(n),
    setConfig: (patch) => useConfigStore.getState().setConfig(patch),
    debugLoseDevice,
  };
  Object.defineProperty(window, 'initscope', { value: handle, configurable: true });
}
