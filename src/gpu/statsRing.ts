// Readback without stalls: a small ring of MAP_READ buffers. Each submission copies its steps' stats into
// one ring buffer and starts mapping it; the trainer keeps submitting and only waits when every buffer is
// in flight — then on the OLDEST, never the newest, so the GPU always has the newer submissions queued.
export interface InFlight<T> {
  buffer: GPUBuffer;
  meta: T;
  submittedAt: number;
  /** When the map resolved (the GPU finished the submission), performance.now() ms. */
  doneAt: number;
  mapped: Promise<void>;
}

export class StatsRing<T> {
  private readonly free: GPUBuffer[] = [];
  private readonly inflight: InFlight<T>[] = [];
  private readonly owned: GPUBuffer[] = [];

  constructor(
    device: GPUDevice,
    count: number,
    readonly bytes: number,
    /** Called in submission order with the mapped data (valid only during the call). */
    private readonly onReady: (data: ArrayBuffer, job: InFlight<T>) => void,
  ) {
    for (let i = 0; i < count; i++) {
      const b = device.createBuffer({
        label: `stats readback ${i}`,
        size: bytes,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      });
      this.free.push(b);
      this.owned.push(b);
    }
  }

  get pending(): number {
    return this.inflight.length;
  }

  /** A buffer to copy the next submission's stats into; waits for the oldest in-flight one if none is free. */
  async take(): Promise<GPUBuffer> {
    while (this.free.length === 0) await this.completeOldest();
    return this.free.pop()!;
  }

  /** Call right after queue.submit() of the commands that copy into `buffer`. */
  submitted(buffer: GPUBuffer, meta: T): void {
    const job: InFlight<T> = {
      buffer,
      meta,
      submittedAt: performance.now(),
      doneAt: 0,
      mapped: Promise.resolve(),
    };
    job.mapped = buffer.mapAsync(GPUMapMode.READ).then(() => {
      job.doneAt = performance.now();
    });
    // Mark the rejection as observed now: a lost device rejects every in-flight map at once, and a job that
    // drain() or destroy() never awaits must not surface as an unhandled rejection. Awaiting job.mapped
    // still throws, so completeOldest() reports the error as before.
    job.mapped.catch(() => undefined);
    this.inflight.push(job);
  }

  /** Waits for the oldest submission, hands its data to onReady and frees its buffer. */
  async completeOldest(): Promise<void> {
    const job = this.inflight.shift();
    if (!job) return;
    try {
      await job.mapped;
      this.onReady(job.buffer.getMappedRange(), job);
    } finally {
      release(job.buffer);
      this.free.push(job.buffer);
    }
  }

  /**
   * Completes every submission in order. On the first failure (a rejected map, e.g. a lost device, or onReady
   * throwing) the rest are settled without calling onReady — their errors observed and dropped, their
   * buffers unmapped and freed — and the first error is thrown.
   */
  async drain(): Promise<void> {
    try {
      while (this.inflight.length > 0) await this.completeOldest();
    } catch (e) {
      await this.abandon();
      throw e;
    }
  }

  /** Waits for every in-flight map to settle, ignoring data and errors, and frees the buffers. */
  private async abandon(): Promise<void> {
    const jobs = this.inflight.splice(0);
    await Promise.allSettled(jobs.map((j) => j.mapped));
    for (const job of jobs) {
      release(job.buffer);
      this.free.push(job.buffer);
    }
  }

  destroy(): void {
    for (const b of this.owned) b.destroy();
    this.free.length = 0;
    this.inflight.length = 0;
  }
}

/** Unmaps a buffer if it is mapped; never throws (on a lost or destroyed device unmap may). */
function release(buffer: GPUBuffer): void {
  try {
    if (buffer.mapState === 'mapped') buffer.unmap();
  } catch {
    // The buffer is unusable either way; the caller already has the error that matters.
  }
}
