// Config slice: the run's settings, the notices about them (clamped values, refused sizes), and the
// compare slots. Every change goes through normalizeConfig so the store never holds an invalid config.
import { create } from 'zustand';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { normalizeConfig } from '../engine/config/codec';
import { localDataset } from '../engine/data/local';
import type { CompareOverride } from '../engine/presets/compareKeys';

export { COMPARE_KEYS, type CompareOverride } from '../engine/presets/compareKeys';

export const MAX_SLOTS = 4;

export interface Notice {
  id: number;
  text: string;
  kind: 'info' | 'warn';
}

export interface ConfigState {
  config: RunConfig;
  notices: Notice[];
  /** Compare mode: slot 0 is `config`; these are slots 1..3. Empty = compare off. */
  compare: CompareOverride[];
  /** Bumped by reset() so the run restarts with an unchanged config. */
  resetCount: number;
  setConfig(patch: Partial<RunConfig>): void;
  replaceConfig(config: RunConfig, notices?: readonly string[]): void;
  reset(): void;
  notify(text: string, kind?: Notice['kind']): void;
  dismiss(id: number): void;
  setCompare(slots: CompareOverride[]): void;
}

let noticeId = 1;
const toNotices = (texts: readonly string[], kind: Notice['kind']): Notice[] =>
  texts.map((text) => ({ id: noticeId++, text, kind }));

/** Said to whoever opens a data=local link without that file in this tab (another browser, or a reload). */
export const LOCAL_DATA_NOTICE =
  'This link trains on someone’s own CSV file (data=local), which stays in the browser tab that opened it ' +
  'and is not part of the link; showing the spiral dataset instead. Open a CSV file under Data to use yours.';

function normalized(c: RunConfig): { config: RunConfig; notices: string[] } {
  const r = normalizeConfig(c);
  // data=local is valid in a link, but this tab holds no CSV: a built-in dataset, and say why.
  if (r.config.data === 'local' && localDataset() === null)
    return { config: { ...r.config, data: DEFAULT_CONFIG.data }, notices: [...r.notices, LOCAL_DATA_NOTICE] };
  return { config: r.config, notices: r.notices };
}

export const useConfigStore = create<ConfigState>()((set, get) => ({
  config: { ...DEFAULT_CONFIG },
  notices: [],
  compare: [],
  resetCount: 0,
  setConfig(patch) {
    const { config, notices } = normalized({ ...get().config, ...patch });
    set((s) => ({ config, notices: [...s.notices, ...toNotices(notices, 'warn')].slice(-4) }));
  },
  replaceConfig(c, extra = []) {
    const { config, notices } = normalized(c);
    set({ config, notices: toNotices([...extra, ...notices], 'warn').slice(-4) });
  },
  reset() {
    set((s) => ({ resetCount: s.resetCount + 1 }));
  },
  notify(text, kind = 'info') {
    set((s) => ({
      notices: [...s.notices.filter((n) => n.text !== text), ...toNotices([text], kind)].slice(-4),
    }));
  },
  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
  setCompare(slots) {
    set({ compare: slots.slice(0, MAX_SLOTS - 1) });
  },
}));

/** The full config of every slot: slot 0 is the explorer's config, the rest apply their overrides. */
export function slotConfigs(config: RunConfig, compare: readonly CompareOverride[]): RunConfig[] {
  return [config, ...compare.map((o) => normalizeConfig({ ...config, ...o }).config)];
}
