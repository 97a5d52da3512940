import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../engine/config';
import { localDataset, setLocalDataset } from '../engine/data/local';
import { MALFORMED_CSVS } from '../engine/data/csvMalformed';
import { LOCAL_DATA_NOTICE, useConfigStore } from './configStore';
import { useLocalData } from './localData';

const GOOD = `x,y,label\n${Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 5},${i % 2 ? 'odd' : 'even'}`).join('\n')}`;

beforeEach(() => {
  setLocalDataset(null);
  useLocalData.setState({ summary: null, error: null, text: null });
  useConfigStore.getState().replaceConfig({ ...DEFAULT_CONFIG });
});

describe('own data in the stores', () => {
  it('a good file switches the run to data=local and holds the dataset', async () => {
    expect(await useLocalData.getState().load('good.csv', GOOD)).toBe(true);
    expect(useConfigStore.getState().config.data).toBe('local');
    expect(localDataset()?.classes).toBe(2);
    expect(useLocalData.getState().summary).toMatchObject({ fileName: 'good.csv', rows: 30, features: 2 });
  });

  it('every malformed file leaves the config, the held data and the summary as they were', async () => {
    await useLocalData.getState().load('good.csv', GOOD);
    const before = {
      config: useConfigStore.getState().config,
      data: localDataset(),
      summary: useLocalData.getState().summary,
    };
    for (const bad of MALFORMED_CSVS) {
      expect(await useLocalData.getState().load(`${bad.name}.csv`, bad.text)).toBe(false);
      expect(useLocalData.getState().error).toMatch(bad.error);
      expect(useConfigStore.getState().config).toBe(before.config);
      expect(localDataset()).toBe(before.data);
      expect(useLocalData.getState().summary).toBe(before.summary);
    }
  });

  it('a file that is too big is refused before it is read', async () => {
    const huge = {
      name: 'huge.csv',
      size: 50e6,
      text: () => Promise.reject(new Error('must not read')),
    } as unknown as File;
    expect(await useLocalData.getState().loadFile(huge)).toBe(false);
    expect(useLocalData.getState().error).toMatch(/huge.csv: the file is larger than 20 MB/);
  });

  it('data=local without a held file becomes the default dataset with a notice', () => {
    useConfigStore.getState().setConfig({ data: 'local' });
    const s = useConfigStore.getState();
    expect(s.config.data).toBe(DEFAULT_CONFIG.data);
    expect(s.notices.map((n) => n.text)).toContain(LOCAL_DATA_NOTICE);
  });
});
