// A device lost with several readbacks in flight (Dawn in Node): run() fails with the loss, and none of the
// other in-flight maps' rejections escapes as an unhandled rejection (the page showed them as console errors).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { loadDataset } from '../engine/data';
import { createGpuTrainer } from './gpuTrainer';
import { nodeDevice } from './node/nodeGpu';

const config: RunConfig = { ...DEFAULT_CONFIG, depth: 2, width: 8, batch: 8, data: 'xor' };

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

it('destroying the device mid-run: run() rejects, no unhandled rejection', async () => {
  const { device } = await nodeDevice();
  const data = await loadDataset(config);
  // One step per submission, so the ring (3 buffers) fills with maps in flight.
  const trainer = await createGpuTrainer(device, config, data, { strategy: 'direct', maxStepsPerSubmit: 1 });
  const submit = device.queue.submit.bind(device.queue);
  let submits = 0;
  device.queue.submit = (cmds) => {
    submit(cmds);
    // After the third submission its map has started (submitted() runs in the same tick): lose the device
    // with every ring buffer in flight.
    if (++submits === 3) queueMicrotask(() => device.destroy());
  };
  await expect(trainer.run(12)).rejects.toThrow();
  expect(submits).toBe(3);
  await new Promise((r) => setTimeout(r, 50));
  expect(unhandled).toEqual([]);
  trainer.dispose();
});
