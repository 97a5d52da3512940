// StatsRing with fake MAP_READ buffers (no WebGPU needed): submission order, and that a failure — every map
// rejected by a lost device, or onReady throwing — leaves no unhandled rejection and no mapped buffer behind.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatsRing } from './statsRing';

/** A buffer whose mapAsync the test settles by hand. */
class FakeBuffer {
  mapState: GPUBufferMapState = 'unmapped';
  destroyed = false;
  private settle: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(readonly id: number) {}

  mapAsync(): Promise<void> {
    this.mapState = 'pending';
    return new Promise<void>((resolve, reject) => {
      this.settle = {
        resolve: () => {
          this.mapState = 'mapped';
          resolve();
        },
        reject: (e) => {
          this.mapState = 'unmapped';
          reject(e);
        },
      };
    });
  }
  resolveMap(): void {
    this.settle?.resolve();
  }
  rejectMap(e: Error): void {
    this.settle?.reject(e);
  }
  getMappedRange(): ArrayBuffer {
    if (this.mapState !== 'mapped') throw new Error(`buffer ${this.id} is not mapped`);
    return new Uint32Array([this.id]).buffer;
  }
  unmap(): void {
    this.mapState = 'unmapped';
  }
  destroy(): void {
    this.destroyed = true;
    // Like a real buffer: destroying one with a pending map rejects that map.
    if (this.mapState === 'pending') this.rejectMap(new Error(`buffer ${this.id} destroyed while mapping`));
  }
}

function fakeRing(count: number, onReady: (data: ArrayBuffer, meta: string) => void) {
  const buffers: FakeBuffer[] = [];
  const device = {
    createBuffer: () => {
      const b = new FakeBuffer(buffers.length);
      buffers.push(b);
      return b;
    },
  } as unknown as GPUDevice;
  const ring = new StatsRing<string>(device, count, 4, (data, job) => onReady(data, job.meta));
  return { ring, buffers };
}

/** Submits `n` jobs, returning the fake buffers in submission order. */
async function submit(ring: StatsRing<string>, n: number): Promise<FakeBuffer[]> {
  const used: FakeBuffer[] = [];
  for (let i = 0; i < n; i++) {
    const b = await ring.take();
    ring.submitted(b, `job ${i}`);
    used.push(b as unknown as FakeBuffer);
  }
  return used;
}

/** Lets Node emit 'unhandledRejection' for anything left unhandled (it does so after the microtask queue). */
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('StatsRing (fake buffers)', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(() => {
    unhandled.length = 0;
    vi.stubGlobal('GPUBufferUsage', { MAP_READ: 1, COPY_DST: 8 });
    vi.stubGlobal('GPUMapMode', { READ: 1 });
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    vi.unstubAllGlobals();
  });

  it('hands the data to onReady in submission order and reuses the buffers', async () => {
    const seen: string[] = [];
    const { ring } = fakeRing(3, (data, meta) => seen.push(`${meta}:${new Uint32Array(data)[0]}`));
    const used = await submit(ring, 3);
    // Finish out of order: onReady still runs oldest first.
    for (const b of [...used].reverse()) b.resolveMap();
    await ring.drain();
    expect(seen).toEqual(used.map((b, i) => `job ${i}:${b.id}`));
    expect(used.every((b) => b.mapState === 'unmapped')).toBe(true);
    expect(ring.pending).toBe(0);
  });

  it('a lost device (every map rejected): drain throws the first error, no unhandled rejection', async () => {
    const onReady = vi.fn();
    const { ring } = fakeRing(3, onReady);
    const used = await submit(ring, 3);
    used.forEach((b, i) => {
      b.rejectMap(new Error(`map ${i} aborted: device lost`));
    });
    await expect(ring.drain()).rejects.toThrow('map 0 aborted: device lost');
    await settle();
    expect(unhandled).toEqual([]);
    expect(onReady).not.toHaveBeenCalled();
    expect(ring.pending).toBe(0);
    // Every buffer is free again: three takes do not wait.
    await expect(submit(ring, 3)).resolves.toHaveLength(3);
  });

  it('the later maps rejecting after the first failure are still observed', async () => {
    const { ring } = fakeRing(3, vi.fn());
    const used = await submit(ring, 3);
    used[0].rejectMap(new Error('device lost'));
    const drained = ring.drain().catch((e: Error) => e.message);
    await settle();
    used[1].rejectMap(new Error('late 1'));
    used[2].rejectMap(new Error('late 2'));
    expect(await drained).toBe('device lost');
    await settle();
    expect(unhandled).toEqual([]);
  });

  it('onReady throwing: drain throws it and unmaps the maps that did succeed', async () => {
    const { ring } = fakeRing(3, (_data, meta) => {
      if (meta === 'job 0') throw new Error('bad record');
    });
    const used = await submit(ring, 3);
    for (const b of used) b.resolveMap();
    await expect(ring.drain()).rejects.toThrow('bad record');
    expect(used.map((b) => b.mapState)).toEqual(['unmapped', 'unmapped', 'unmapped']);
    expect(ring.pending).toBe(0);
  });

  it('destroy() with maps in flight: their rejections are not unhandled', async () => {
    const { ring, buffers } = fakeRing(2, vi.fn());
    await submit(ring, 2);
    ring.destroy();
    await settle();
    expect(buffers.every((b) => b.destroyed)).toBe(true);
    expect(unhandled).toEqual([]);
  });
});
