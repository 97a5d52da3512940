// The user's own CSV: the file's text (kept so another label column can be chosen), what was read from
// it, and the last error. Loading a good file holds its dataset for this tab (engine/data/local.ts) and
// switches the run to data=local; a bad file leaves the run and the previous file exactly as they were.
import { create } from 'zustand';
import { CSV_LIMITS } from '../engine/data/csvLimits';
import { setLocalDataset } from '../engine/data/local';
import { useConfigStore } from './configStore';

export interface LocalSummary {
  fileName: string;
  rows: number;
  features: number;
  columns: string[];
  labelColumn: number;
  classNames: string[];
  header: boolean;
  trainN: number;
  testN: number;
}

interface LocalDataState {
  summary: LocalSummary | null;
  error: string | null;
  /** Text of the loaded file (never sent anywhere). */
  text: string | null;
  /** Parse `text` (the file `fileName`) with the label column `label` (default: the last). */
  load(fileName: string, text: string, label?: string): Promise<boolean>;
  /** Read a File picked or dropped by the user. */
  loadFile(file: File): Promise<boolean>;
  /** Re-read the loaded file with another label column. */
  setLabel(label: string): Promise<boolean>;
  clearError(): void;
}

export const useLocalData = create<LocalDataState>()((set, get) => ({
  summary: null,
  error: null,
  text: null,
  async load(fileName, text, label) {
    // The parser (papaparse) loads with the first file, not with the page.
    const [{ parseCsv }, { datasetFromTable }] = await Promise.all([
      import('../engine/data/csv'),
      import('../engine/data/csvDataset'),
    ]);
    const r = parseCsv(text, { label });
    if (!r.ok) {
      set({ error: `${fileName}: ${r.error}` });
      return false;
    }
    const dataset = datasetFromTable(r.table);
    setLocalDataset(dataset);
    const t = r.table;
    set({
      text,
      error: null,
      summary: {
        fileName,
        rows: t.rows,
        features: t.features,
        columns: t.columns,
        labelColumn: t.labelColumn,
        classNames: t.classNames,
        header: t.header,
        trainN: dataset.train.n,
        testN: dataset.test.n,
      },
    });
    const store = useConfigStore.getState();
    // Already on local data: the config is unchanged, so restart explicitly with the new file.
    if (store.config.data === 'local') store.reset();
    else store.setConfig({ data: 'local' });
    return true;
  },
  async loadFile(file) {
    if (file.size > CSV_LIMITS.maxBytes) {
      set({
        error: `${file.name}: the file is larger than ${CSV_LIMITS.maxBytes / 1e6} MB, the most InitScope reads.`,
      });
      return false;
    }
    try {
      return await get().load(file.name, await file.text());
    } catch (e) {
      set({ error: `${file.name}: could not be read (${e instanceof Error ? e.message : String(e)}).` });
      return false;
    }
  },
  async setLabel(label) {
    const { text, summary } = get();
    if (text === null || summary === null) return false;
    return get().load(summary.fileName, text, label);
  },
  clearError() {
    set({ error: null });
  },
}));
