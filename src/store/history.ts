// The stats history of one run, kept outside React: packed records (Float32Array views) in step order.
// It thins itself so memory stays flat however long the run: when full, it keeps the step-0 record and
// every second other record, and from then on accepts records twice as far apart. Charts subscribe and
// redraw on the next animation frame; nothing here triggers a React render.
import { unpackRecord } from '../gpu/workerProtocol';
import { recStep } from './recordView';
import type { StatsRecord } from '../engine/stats/types';

/** Floats kept per run before thinning (~16 MB); the record count adapts to the record size. */
const FLOAT_BUDGET = 4_000_000;
const MIN_RECORDS = 128;
const MAX_RECORDS = 1024;

export class History {
  private recs: Float32Array[] = [];
  private latestRec: Float32Array | null = null;
  private stride = 1;
  private lastKeptStep = -1;
  private capacity = MAX_RECORDS;
  private listeners = new Set<() => void>();
  /** Bumped on every change, so a chart can tell whether it must redraw. */
  version = 0;

  constructor(capacity?: number) {
    if (capacity) this.capacity = capacity;
  }

  get records(): readonly Float32Array[] {
    return this.recs;
  }

  get latest(): Float32Array | null {
    return this.latestRec;
  }

  get size(): number {
    return this.recs.length;
  }

  /** Steps between kept records since the last thinning (1 until the history first fills up). */
  get spacing(): number {
    return this.stride;
  }

  clear(): void {
    this.recs = [];
    this.latestRec = null;
    this.stride = 1;
    this.lastKeptStep = -1;
    this.version++;
    this.emit();
  }

  /** Adds records in step order (one packed view each). */
  push(views: readonly Float32Array[]): void {
    if (views.length === 0) return;
    for (const v of views) {
      if (this.recs.length === 0) this.capacity = capacityFor(v.length, this.capacity);
      // Copy out of the transferred batch so one kept record does not pin the whole batch buffer.
      const step = recStep(v);
      if (this.recs.length === 0 || step === 0 || step - this.lastKeptStep >= this.stride) {
        const own = v.slice();
        this.recs.push(own);
        this.lastKeptStep = step;
        this.latestRec = own;
        if (this.recs.length > this.capacity) this.thin();
      } else {
        this.latestRec = v.slice();
      }
    }
    this.version++;
    this.emit();
  }

  private thin(): void {
    const kept = [this.recs[0]];
    for (let i = 2; i < this.recs.length; i += 2) kept.push(this.recs[i]);
    this.recs = kept;
    this.stride *= 2;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }

  /** The history in the CLI's schema; the latest record is included even when thinning skipped it. */
  toRecords(): StatsRecord[] {
    const out = this.recs.map(unpackRecord);
    const last = this.latestRec;
    if (last && (out.length === 0 || out[out.length - 1].step !== recStep(last)))
      out.push(unpackRecord(last));
    return out;
  }
}

function capacityFor(recordLength: number, cap: number): number {
  const byBudget = Math.floor(FLOAT_BUDGET / Math.max(1, recordLength));
  return Math.max(MIN_RECORDS, Math.min(cap, MAX_RECORDS, byBudget));
}
