// Trains every cell of a trainability map at once on the GPU: the networks are stacked (gridLayout.ts) and
// every dispatch serves all the nets that have its layer (gridProgram.ts), so a step costs 3·L_max + 4
// dispatches for the whole grid. Each net starts from the CPU engine's initial parameters for its cell
// (initializeNetwork, as the single-network trainer's init: 'cpu'), trains on the same batches
// (batchIndices) with the same optimizer, and is evaluated on the whole training split like trainCell.
import { ADAM, type RunConfig } from '../../engine/config';
import { batchIndices } from '../../engine/data/batches';
import type { Dataset } from '../../engine/data/types';
import { initializeNetwork } from '../../engine/init';
import { mapCellConfig } from '../../engine/map/cell';
import { readBack, storageBuffer, storageFrom, UniformArena } from '../buffers';
import { withErrorScopes } from '../deviceErrors';
import { bindGroup, type Dispatch, encodeDispatch, KernelCache } from '../kernel';
import {
  gridForwardKernel,
  gridGatherKernel,
  gridInputGradKernel,
  gridLossKernel,
  gridWeightGradKernel,
  type GridForm,
  gridForm,
} from './gridKernels';
import { type GridEvalLayout, type GridLayout, gridEvalLayout, gridLayout } from './gridLayout';
import {
  evalSpecs,
  type GridBuffers,
  type GridKernels,
  type GridSpec,
  packTables,
  trainSpecs,
  uniformWords,
} from './gridProgram';

export interface GridCellSpec {
  sw2: number;
  depth: number;
}

export interface GridTrainerOptions {
  /** Target duration of one submission in ms (default 40: the lab worker's chunk). */
  targetSubmitMs?: number;
  /** Most steps per submission (default 64). */
  maxStepsPerSubmit?: number;
  /**
   * The widest kernel form to use where a layer's shape allows it (gridKernels.ts GridForm; default 'quad',
   * which needs the device's 'subgroups' feature, else 'vec4'). Narrower forms give the same numbers.
   */
  widest?: GridForm;
}

/** Why the batched trainer cannot train this base network (null: it can). */
export function gridUnsupported(base: RunConfig): string | null {
  if (base.arch !== 'mlp') return 'the batched map trainer trains plain MLPs, not conv networks';
  if (base.norm !== 'none') return 'the batched map trainer has no normalization layers';
  if (base.res !== 0) return 'the batched map trainer has no residual blocks';
  return null;
}

/**
 * Pipelines per device, kept across maps: the page's lab worker and the bench train map after map on one
 * device, and compiling the eight pipelines again cost each map about a second on SwiftShader.
 */
const caches = new WeakMap<GPUDevice, KernelCache>();
function deviceCache(device: GPUDevice): KernelCache {
  let c = caches.get(device);
  if (!c) {
    c = new KernelCache(device);
    caches.set(device, c);
  }
  return c;
}

/** Words of one step record: first row, valid rows, Adam's two step constants (f32 bits), row indices. */
const recordWords = (batch: number) => 4 + batch;

export class GridTrainer {
  readonly lay: GridLayout;
  /** Where an evaluation chunk's rows go (in the activation buffer, between steps). */
  readonly evalLay: GridEvalLayout;
  /** Dispatches of one training step (3·L_max + 4). */
  readonly dispatchesPerStep: number;
  private readonly bufs: GridBuffers;
  private readonly staging: GPUBuffer;
  private readonly evalStaging: GPUBuffer;
  private readonly owned: GPUBuffer[] = [];
  private readonly uniforms: UniformArena;
  private readonly step: Dispatch[];
  private readonly evalChunk: Dispatch[];
  private readonly evalChunks: number;
  private readonly maxK: number;
  private readonly targetMs: number;
  private stepsPerSubmit = 1;
  private updates = 0;
  private disposed = false;

  private constructor(
    readonly device: GPUDevice,
    readonly base: RunConfig,
    readonly dataset: Dataset,
    readonly cells: readonly GridCellSpec[],
    opts: GridTrainerOptions,
  ) {
    const unsupported = gridUnsupported(base);
    if (unsupported) throw new Error(unsupported);
    this.targetMs = opts.targetSubmitMs ?? 40;
    this.maxK = opts.maxStepsPerSubmit ?? 64;
    const train = dataset.train;
    const lay = gridLayout(
      cells.map((c) => c.depth),
      { inDim: dataset.inDim, width: base.width, classes: dataset.classes, batch: base.batch },
    );
    this.lay = lay;
    const mk = (label: string, words: number, data?: ArrayBufferView) => {
      const b = storageBuffer(device, `grid-${label}`, Math.max(1, words) * 4, data);
      this.owned.push(b);
      return b;
    };
    // Unused state buffers keep 4 words: the vec4 kernels bind them as arrays of vec4.
    const stateWords = (copies: number) => (base.opt === 'adam' || copies === 1 ? lay.paramWords : 4);
    const rec = recordWords(lay.batch);
    const ev = gridEvalLayout(lay, train.n);
    this.evalLay = ev;
    // Step records and labels hold a training batch or an evaluation chunk, whichever has more rows.
    const rows = Math.max(lay.batch, ev.rows);
    this.bufs = {
      params: mk('params', lay.paramWords),
      s1: mk('s1', base.opt === 'sgd' ? 4 : lay.paramWords),
      s2: mk('s2', stateWords(2)),
      act: mk('act', lay.actWords),
      labels: mk('labels', rows),
      cur: mk('cur', recordWords(rows)),
      xs: mk('xs', train.x.length, train.x),
      ys: mk('ys', train.y.length, new Uint32Array(train.y.buffer, train.y.byteOffset, train.y.length)),
      evalOut: mk('eval', 2 * lay.nets.length * train.n),
    };
    this.staging = mk('staging', this.maxK * rec);
    const evRec = recordWords(ev.rows);
    this.evalChunks = Math.ceil(train.n / ev.rows);
    const evalRecords = new Uint32Array(this.evalChunks * evRec);
    for (let c = 0; c < this.evalChunks; c++) {
      const o = c * evRec;
      evalRecords[o] = c * ev.rows;
      evalRecords[o + 1] = Math.min(ev.rows, train.n - c * ev.rows);
      for (let r = 0; r < ev.rows; r++) evalRecords[o + 4 + r] = Math.min(c * ev.rows + r, train.n - 1);
    }
    this.evalStaging = mk('eval-records', evalRecords.length, evalRecords);
    const cache = deviceCache(device);
    const widest: GridForm =
      opts.widest === 'quad' || opts.widest === undefined
        ? device.features.has('subgroups')
          ? 'quad'
          : 'vec4'
        : opts.widest;
    const k: GridKernels = {
      gather: cache.get(gridGatherKernel()),
      head: cache.get(gridForwardKernel(base, true)),
      loss: cache.get(gridLossKernel(base, dataset.classes, false)),
      evalLoss: cache.get(gridLossKernel(base, dataset.classes, true)),
      form: (fanIn, fanOut) => gridForm(fanIn, fanOut, widest),
      forward: (f, train) => cache.get(gridForwardKernel(base, false, train, f)),
      weightGrad: (v) => cache.get(gridWeightGradKernel(base, v)),
      inputGrad: (v) => cache.get(gridInputGradKernel(v)),
    };
    const uniforms = new UniformArena(device, 'grid-uniforms');
    this.uniforms = uniforms;
    const build = (specs: GridSpec[]): Dispatch[] => {
      const packed = packTables(specs);
      const tbl = storageFrom(device, 'grid-table', packed.table);
      this.owned.push(tbl);
      return specs.map((s, i) => ({
        kernel: s.kernel,
        bind: bindGroup(device, s.kernel, [uniforms.alloc(uniformWords(packed.uniforms[i])), ...s.bind(tbl)]),
        groups: packed.groups[i],
      }));
    };
    this.step = build(trainSpecs(lay, k, this.bufs));
    this.evalChunk = build(evalSpecs(lay, ev, k, this.bufs, train.n));
    this.dispatchesPerStep = this.step.length;
  }

  static async create(
    device: GPUDevice,
    base: RunConfig,
    dataset: Dataset,
    cells: readonly GridCellSpec[],
    opts: GridTrainerOptions = {},
  ): Promise<GridTrainer> {
    let t: GridTrainer | null = null;
    try {
      return await withErrorScopes(
        device,
        async () => {
          const created = new GridTrainer(device, base, dataset, cells, opts);
          t = created;
          created.uploadInit();
          await device.queue.onSubmittedWorkDone();
          return created;
        },
        'setting up the batched map on the GPU',
      );
    } catch (e) {
      (t as GridTrainer | null)?.dispose();
      throw e;
    }
  }

  /** The kernels of one training step, in order (which forms the layers took). */
  get stepKernels(): string[] {
    return this.step.map((d) => d.kernel.label);
  }

  get stepsDone(): number {
    return this.updates;
  }

  /** Every net's initial parameters: the CPU engine's initializeNetwork for its cell's config. */
  private uploadInit(): void {
    const lay = this.lay;
    const p = new Float32Array(lay.paramWords);
    lay.nets.forEach((net, n) => {
      const cell = this.cells[net.cell];
      const cfg = mapCellConfig(this.base, cell.sw2, cell.depth);
      const dims = [lay.inDim, ...new Array<number>(cell.depth).fill(lay.width), lay.classes];
      const params = initializeNetwork(cfg, dims);
      const maps = [...lay.hidden[n], lay.head[n]];
      maps.forEach((m, i) => {
        p.set(params[i].W, m.w);
        p.set(params[i].b, m.b);
      });
    });
    this.device.queue.writeBuffer(this.bufs.params, 0, p);
  }

  /** Step records of updates k0..k0+n−1: batch rows and Adam's constants for t = k + 1. */
  private records(k0: number, n: number): Uint32Array {
    const { batch } = this.lay;
    const rec = recordWords(batch);
    const out = new Uint32Array(n * rec);
    const f = new Float32Array(out.buffer);
    const idx = new Int32Array(batch);
    for (let s = 0; s < n; s++) {
      const k = k0 + s;
      const o = s * rec;
      out[o + 1] = batch;
      const t = k + 1;
      f[o + 2] = this.base.lr / (1 - ADAM.beta1 ** t);
      f[o + 3] = Math.sqrt(1 - ADAM.beta2 ** t);
      batchIndices(this.base.seed, k, batch, this.dataset.train.n, idx);
      out.set(idx, o + 4);
    }
    return out;
  }

  /** Encodes `n` steps from the staging records into one command buffer. */
  private encodeSteps(n: number): GPUCommandBuffer {
    const enc = this.device.createCommandEncoder({ label: 'grid-steps' });
    const recBytes = recordWords(this.lay.batch) * 4;
    for (let s = 0; s < n; s++) {
      enc.copyBufferToBuffer(this.staging, s * recBytes, this.bufs.cur, 0, recBytes);
      const pass = enc.beginComputePass({ label: 'grid-step' });
      for (const d of this.step) encodeDispatch(pass, d);
      pass.end();
    }
    return enc.finish();
  }

  /**
   * Trains every net `steps` more updates, one submission of K steps at a time (K sized so a submission
   * lasts about targetSubmitMs), the next one submitted before the previous one is waited for: waiting
   * for each submission to finish before encoding the next left the GPU idle for the round trip (in the
   * browser, about a tenth of the bench map's training time; the single-network trainer already keeps
   * submissions in flight). Each submission's records go through one staging buffer: writeBuffer runs on
   * the queue after the submissions before it, which have read their records by then.
   * `afterChunk` sees the steps finished so far and may stop the run (false); the one submission still in
   * flight then finishes too (stepsDone counts it).
   */
  async run(steps: number, afterChunk?: (done: number) => boolean | Promise<boolean>): Promise<void> {
    if (this.disposed) throw new Error('grid trainer disposed');
    let left = steps;
    let finished = this.updates;
    let lastDone = performance.now();
    type InFlight = { done: Promise<void>; n: number; at: number };
    let pending: InFlight | null = null;
    while (left > 0 || pending) {
      let next: InFlight | null = null;
      if (left > 0) {
        const n = Math.min(this.stepsPerSubmit, left, this.maxK);
        this.device.queue.writeBuffer(this.staging, 0, this.records(this.updates, n));
        this.device.queue.submit([this.encodeSteps(n)]);
        next = { done: this.device.queue.onSubmittedWorkDone(), n, at: performance.now() };
        this.updates += n;
        left -= n;
      }
      if (pending) {
        await pending.done;
        const now = performance.now();
        // GPU time of that submission: from when the GPU became free for it.
        const ms = now - Math.max(pending.at, lastDone);
        lastDone = now;
        finished += pending.n;
        this.stepsPerSubmit = Math.max(
          1,
          Math.min(this.maxK, 2 * pending.n, Math.round((pending.n * this.targetMs) / Math.max(ms, 0.01))),
        );
        if (afterChunk && (await afterChunk(finished)) === false) {
          if (next) await next.done;
          return;
        }
      }
      pending = next;
    }
  }

  /** Loss and accuracy of every cell (in the caller's order) on the whole training split. */
  async evaluate(): Promise<{ loss: number; accuracy: number }[]> {
    if (this.disposed) throw new Error('grid trainer disposed');
    const lay = this.lay;
    const M = this.dataset.train.n;
    const N = lay.nets.length;
    const recBytes = recordWords(this.evalLay.rows) * 4;
    const enc = this.device.createCommandEncoder({ label: 'grid-evaluate' });
    for (let c = 0; c < this.evalChunks; c++) {
      enc.copyBufferToBuffer(this.evalStaging, c * recBytes, this.bufs.cur, 0, recBytes);
      const pass = enc.beginComputePass({ label: 'grid-eval-chunk' });
      for (const d of this.evalChunk) encodeDispatch(pass, d);
      pass.end();
    }
    this.device.queue.submit([enc.finish()]);
    const out = new Float32Array(await readBack(this.device, this.bufs.evalOut, 0, 2 * N * M * 4));
    const res = new Array<{ loss: number; accuracy: number }>(this.cells.length);
    lay.nets.forEach((net, n) => {
      let loss = 0;
      let correct = 0;
      for (let r = 0; r < M; r++) {
        loss += out[n * M + r];
        correct += out[(N + n) * M + r];
      }
      res[net.cell] = { loss: loss / M, accuracy: correct / M };
    });
    return res;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const b of this.owned) b.destroy();
    this.uniforms.destroy();
  }
}
