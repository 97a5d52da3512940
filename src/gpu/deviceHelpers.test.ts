// Error scopes, device loss, the memory estimate and byte formatting, with fake GPU objects.
import { datasetShape } from '../engine/data/shape';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { networkDims } from '../engine/memory';
import { netLayout } from './netLayout';
import { trainerBytes } from './trainerBuffers';
import {
  captureErrors,
  estimateGpuBytes,
  formatGpuBytes,
  GpuScopeError,
  onUncapturedError,
  watchDeviceLost,
  withErrorScopes,
} from './device';

class GPUValidationError {
  constructor(readonly message: string) {}
}
class GPUOutOfMemoryError {
  constructor(readonly message: string) {}
}

/** A device with a real error-scope stack: raise() delivers to the innermost scope of that filter. */
class FakeDevice extends EventTarget {
  stack: { filter: GPUErrorFilter; error: unknown }[] = [];
  pushErrorScope(filter: GPUErrorFilter) {
    this.stack.push({ filter, error: null });
  }
  async popErrorScope() {
    const s = this.stack.pop();
    if (!s) throw new Error('popErrorScope on an empty stack');
    return s.error;
  }
  raise(filter: GPUErrorFilter, error: unknown) {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      if (this.stack[i].filter === filter) {
        this.stack[i].error ??= error;
        return;
      }
    }
    const ev = new Event('uncapturederror') as Event & { error: unknown };
    ev.error = error;
    this.dispatchEvent(ev);
  }
}
const asDevice = (d: FakeDevice) => d as unknown as GPUDevice;

describe('withErrorScopes', () => {
  it('returns the value when no GPU error occurred, and leaves the scope stack balanced', async () => {
    const d = new FakeDevice();
    await expect(withErrorScopes(asDevice(d), async () => 42)).resolves.toBe(42);
    expect(d.stack).toHaveLength(0);
  });

  it('throws a validation error with what was being done', async () => {
    const d = new FakeDevice();
    const p = withErrorScopes(
      asDevice(d),
      () => d.raise('validation', new GPUValidationError('binding 2 is too small')),
      'stepping',
    );
    await expect(p).rejects.toBeInstanceOf(GpuScopeError);
    await expect(p).rejects.toThrow('GPU validation error while stepping: binding 2 is too small');
    expect(d.stack).toHaveLength(0);
  });

  it('flags out-of-memory errors', async () => {
    const d = new FakeDevice();
    try {
      await withErrorScopes(asDevice(d), () => d.raise('out-of-memory', new GPUOutOfMemoryError('no room')));
      throw new Error('expected a GpuScopeError');
    } catch (e) {
      expect(e).toBeInstanceOf(GpuScopeError);
      expect((e as GpuScopeError).outOfMemory).toBe(true);
      expect((e as GpuScopeError).errors).toEqual([{ kind: 'out-of-memory', message: 'no room' }]);
      expect((e as Error).message).toMatch(/ran out of memory/);
    }
  });

  it('pops the scopes and rethrows when fn throws without a GPU error', async () => {
    const d = new FakeDevice();
    const boom = new Error('boom');
    await expect(
      withErrorScopes(asDevice(d), () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(d.stack).toHaveLength(0);
  });

  it('reports both when fn throws after a GPU error (the exception becomes the cause)', async () => {
    const d = new FakeDevice();
    const boom = new Error('boom');
    try {
      await withErrorScopes(asDevice(d), () => {
        d.raise('validation', new GPUValidationError('bad pipeline'));
        throw boom;
      });
    } catch (e) {
      expect(e).toBeInstanceOf(GpuScopeError);
      expect((e as Error).cause).toBe(boom);
    }
  });

  it('captureErrors returns every caught error instead of throwing', async () => {
    const d = new FakeDevice();
    const r = await captureErrors(asDevice(d), () => {
      d.raise('validation', new GPUValidationError('v'));
      d.raise('out-of-memory', new GPUOutOfMemoryError('m'));
      return 'done';
    });
    expect(r.value).toBe('done');
    expect(r.threw).toBe(false);
    expect(r.errors).toEqual([
      { kind: 'validation', message: 'v' },
      { kind: 'out-of-memory', message: 'm' },
    ]);
  });

  it('onUncapturedError reports errors outside any scope until stopped', () => {
    const d = new FakeDevice();
    const seen: string[] = [];
    const stop = onUncapturedError(asDevice(d), (e) => seen.push(`${e.kind}: ${e.message}`));
    d.raise('out-of-memory', new GPUOutOfMemoryError('late'));
    stop();
    d.raise('validation', new GPUValidationError('ignored'));
    expect(seen).toEqual(['out-of-memory: late']);
  });
});

describe('watchDeviceLost', () => {
  const lostDevice = (reason: GPUDeviceLostReason, message: string) =>
    ({ lost: Promise.resolve({ reason, message }) }) as unknown as GPUDevice;

  it('calls back with the reason and a notice for the page', async () => {
    const seen: unknown[] = [];
    watchDeviceLost(lostDevice('unknown', 'driver reset'), (l) => seen.push(l));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([
      {
        reason: 'unknown',
        message: 'driver reset',
        expected: false,
        notice:
          'The GPU device was lost (driver reset); the run restarts on a new device from the same configuration.',
      },
    ]);
  });

  it('marks our own destroy() as expected, and stays silent once stopped', async () => {
    const seen: boolean[] = [];
    watchDeviceLost(lostDevice('destroyed', ''), (l) => seen.push(l.expected));
    const stop = watchDeviceLost(lostDevice('unknown', 'x'), () => seen.push(false));
    stop();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([true]);
  });
});

describe('estimateGpuBytes', () => {
  const cfg = (over: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...over });

  it("counts the trainer's packed parameters once per slot: Adam > momentum > SGD by one copy each", () => {
    const c = cfg({ depth: 2, width: 64, data: 'spiral' });
    const dims = networkDims(c);
    const lay = netLayout(dims, c.batch);
    const sgd = estimateGpuBytes(cfg({ ...c, opt: 'sgd' }), dims);
    const mom = estimateGpuBytes(cfg({ ...c, opt: 'momentum' }), dims);
    const adam = estimateGpuBytes(cfg({ ...c, opt: 'adam' }), dims);
    expect(mom.bytes - sgd.bytes).toBe(4 * lay.paramElems);
    expect(adam.bytes - mom.bytes).toBe(4 * lay.paramElems);
    expect(sgd.bytes).toBe(Object.values(sgd.parts).reduce((a, b) => a + b, 0));
  });

  it("includes the trainer's own figure, the dataset and the batch activations", () => {
    const c = cfg({ data: 'fashion', depth: 3, width: 256, batch: 128 });
    const dims = networkDims(c);
    const e = estimateGpuBytes(c, dims);
    const lay = netLayout(dims, c.batch);
    expect(e.parts.trainer).toBe(trainerBytes(lay, { inDim: 784, nTrain: 12000, nTest: 2000 }, c.opt));
    expect(e.parts.trainer).toBeGreaterThan((12000 + 2000) * 785 * 4 + 3 * 4 * 3 * 128 * 256);
    expect(e.maxBinding).toBe(4 * 12000 * 784); // the training images are the largest buffer
    // init: a separate copy of every layer plus the largest layer's scratch
    expect(e.parts.initPeak).toBeGreaterThan(4 * (784 * 256 + 2 * 256 * 256 + 256 * 10));
  });

  it('counts what normalization and residual blocks add: u, stream, its gradient, γ/β/α and their state', () => {
    const c = cfg({ depth: 6, width: 64, batch: 32, opt: 'adam' });
    const dims = networkDims(c);
    const plain = estimateGpuBytes(c, dims);
    const ext = estimateGpuBytes({ ...c, norm: 'batch', res: 1, rezero: 1 }, dims);
    const lay = netLayout(dims, c.batch, 'tiled', { norm: 'batch', residual: true, rezero: true });
    expect(ext.parts.trainer).toBe(trainerBytes(lay, datasetShape(c), 'adam'));
    // u, x, ∂L/∂x: three more activation slabs; γ, β, α in params, grads and Adam's two states.
    expect(ext.parts.trainer - plain.parts.trainer).toBeGreaterThan(
      4 * (3 * lay.actElems + 4 * (lay.paramElems - netLayout(dims, c.batch).paramElems)),
    );
    expect(ext.parts.inference).toBeGreaterThan(plain.parts.inference);
    expect(ext.parts.stats).toBeGreaterThan(plain.parts.stats);
  });

  it('puts the largest networks the limits allow far beyond a 1 GiB binding', () => {
    const c = cfg({ depth: 500, width: 2048, in: 4096, data: 'probe', opt: 'adam' });
    const e = estimateGpuBytes(c, networkDims(c));
    expect(e.bytes).toBeGreaterThan(4 * 4 * 500 * 2048 * 2048);
    expect(e.maxBinding).toBeGreaterThan(1024 ** 3);
  });
});

describe('formatGpuBytes', () => {
  it('uses binary units with one decimal below 10', () => {
    expect(formatGpuBytes(1.3 * 1024 ** 3)).toBe('1.3 GiB');
    expect(formatGpuBytes(1024 ** 3)).toBe('1 GiB');
    expect(formatGpuBytes(256 * 1024 ** 2)).toBe('256 MiB');
    expect(formatGpuBytes(12 * 1024)).toBe('12 KiB');
    expect(formatGpuBytes(100)).toBe('100 bytes');
  });
});
