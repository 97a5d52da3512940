// What the CPU trainer, the optimizer and LSUV need from a network, so the MLP (net.ts) and the conv
// network (conv/convNet.ts) run under the same training loop. Parameters are in the one order of
// docs/LAYERS.md#parameters: W and b per map (hidden layers, then the head), then extraParams().
import type { Split } from '../data/types';
import type { Arr } from './gemm';
import type { LossResult } from './loss';
import type { StepProbe } from './probe';

export interface TrainNet {
  readonly spec: { readonly float64: boolean };
  /** [input values, width × depth, classes] (networkDims; a conv network's width counts channels). */
  readonly dims: readonly number[];
  /** Number of hidden layers. */
  readonly L: number;
  readonly W: Arr[];
  readonly b: Arr[];
  readonly gW: Arr[];
  readonly gb: Arr[];
  /** Σ W_i, kept current by the optimizer: the weight finiteness check of the next pass. */
  readonly wSum: Float64Array;
  readonly logits: Arr;
  readonly yBatch: Int32Array;
  /** γ…, β…, then ReZero's α…, with their gradients. */
  extraParams(): { p: Arr[]; g: Arr[] };
  /** BatchNorm's running statistics (state the optimizer does not touch). */
  runningState(): Arr[];
  gather(split: Split, idx: Int32Array, rows: number): void;
  loadRows(x: ArrayLike<number>, start: number, rows: number): void;
  /** Forward from the loaded rows to the logits; `train` false evaluates (BatchNorm's running statistics). */
  forward(rows: number, probe: StepProbe | null, train?: boolean): void;
  loss(rows: number, y: Int32Array, withGrad: boolean): LossResult;
  backward(rows: number, probe: StepProbe | null): void;
  weightStats(probe: StepProbe): void;
  // LSUV walks the maps one at a time:
  /** Values per sample of map i's output z (its units; a conv layer's channels × H × W). */
  units(i: number): number;
  /** Make map i's input ready (what the layers below and a block's branch produce). */
  prepareInput(i: number, rows: number): void;
  /** z of map i for `rows` rows. */
  linear(i: number, rows: number): Arr;
  /** Everything of hidden layer i after its map. */
  finishLayer(i: number, rows: number): void;
  setBatchStatsOnly(on: boolean): void;
}
