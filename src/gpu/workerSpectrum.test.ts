import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { initializeNetwork } from '../engine/init';
import { networkDims } from '../engine/memory';
import type { Trainer } from '../engine/trainer';
import { maybeSpectrum, newSpectrumState } from './workerSpectrum';
import type { FromWorker } from './workerProtocol';

function fakeTrainer(
  config: RunConfig,
  step: { n: number },
  weights = initializeNetwork(config, networkDims(config)),
) {
  return {
    get step() {
      return step.n;
    },
    weights: async () => weights,
  } as unknown as Trainer;
}

describe('maybeSpectrum (training worker)', () => {
  it('posts step 0 at once, then at most once a second unless forced, never twice for one step', async () => {
    const config: RunConfig = { ...DEFAULT_CONFIG, depth: 4, width: 8 };
    const data = await loadDataset(config);
    const step = { n: 0 };
    const t = fakeTrainer(config, step);
    const st = newSpectrumState();
    const posts: FromWorker[] = [];
    const post = (m: FromWorker) => posts.push(m);
    const now = vi.spyOn(performance, 'now');
    now.mockReturnValue(1000);
    await maybeSpectrum(0, 7, config, data, t, st, false, post);
    expect(posts.length).toBe(1);
    expect(posts[0]).toMatchObject({ type: 'spectrum', runId: 7, step: 0, shape: [8, 2] });
    await maybeSpectrum(0, 7, config, data, t, st, true, post); // same step: nothing new
    step.n = 5;
    now.mockReturnValue(1500);
    await maybeSpectrum(0, 7, config, data, t, st, false, post); // too soon
    expect(posts.length).toBe(1);
    await maybeSpectrum(0, 7, config, data, t, st, true, post); // paused: forced
    expect(posts.length).toBe(2);
    step.n = 9;
    now.mockReturnValue(2600);
    await maybeSpectrum(0, 7, config, data, t, st, false, post);
    expect(posts.length).toBe(3);
    now.mockRestore();
  });

  it('reports a refused network once, and non-finite weights as a message instead of failing the run', async () => {
    const config: RunConfig = { ...DEFAULT_CONFIG, depth: 3, width: 8, norm: 'layer' };
    const data = await loadDataset(config);
    const posts: FromWorker[] = [];
    const st = newSpectrumState();
    const step = { n: 0 };
    await maybeSpectrum(0, 1, config, data, fakeTrainer(config, step), st, true, (m) => posts.push(m));
    step.n = 1;
    await maybeSpectrum(0, 1, config, data, fakeTrainer(config, step), st, true, (m) => posts.push(m));
    expect(posts).toEqual([expect.objectContaining({ refused: expect.stringMatching(/plain MLPs/) })]);

    const plain: RunConfig = { ...config, norm: 'none' };
    const w = initializeNetwork(plain, networkDims(plain));
    w[1].W[0] = Number.POSITIVE_INFINITY;
    const out: FromWorker[] = [];
    await maybeSpectrum(0, 2, plain, data, fakeTrainer(plain, { n: 0 }, w), newSpectrumState(), true, (m) =>
      out.push(m),
    );
    expect(out).toEqual([expect.objectContaining({ step: 0, refused: expect.stringMatching(/not finite/) })]);
  });
});
