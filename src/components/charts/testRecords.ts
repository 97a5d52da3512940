// Packed stats records for the chart unit tests: the same layout the worker sends (gpu/workerProtocol).
import type { StatsRecord } from '../../engine/stats/types';
import { packRecords, splitPacked } from '../../gpu/workerProtocol';

export interface FakeRecord {
  step: number;
  loss?: number;
  accuracy?: number;
  test?: { loss: number; accuracy: number };
  actStd: number[];
  gradStd: number[];
  /** Residual networks: the stream's std per layer. */
  streamStd?: number[];
}

export function packed(records: readonly FakeRecord[]): Float32Array[] {
  const rs: StatsRecord[] = records.map((r) => ({
    step: r.step,
    loss: r.loss ?? 1,
    accuracy: r.accuracy ?? 0.5,
    ...(r.test ? { test: r.test } : {}),
    layers: r.actStd.map((std, i) => ({
      layer: i + 1,
      act: { mean: 0, std, min: 0, max: 1, zeroFrac: 0, satFrac: 0 },
      pre: { mean: 0, std: 1 },
      grad: { std: r.gradStd[i], rms: r.gradStd[i], weightGradNorm: 1 },
      weight: { std: 1, updateRatio: 0 },
      ...(r.streamStd ? { stream: { std: r.streamStd[i], gradStd: 1 } } : {}),
    })),
  }));
  return splitPacked(packRecords(rs));
}
