// The dispatches of one batched training step and of one evaluation chunk, with their offset tables:
// every dispatch covers all the nets that have its layer (the network index is part of the dispatch's
// thread index: net-major (net, item) pairs, see grid_common.wgsl).
// Per step: gather, forward of hidden layers 1..L_max, the heads, the loss, the heads' input and weight
// gradients, then per layer from the top (from layer 2) its input gradient and its weight gradient, which
// also applies the optimizer's update: 3·L_max + 4, whatever the number of nets.
import type { Kernel } from '../kernel';
import { GRID_WG, type GridForm } from './gridKernels';
import type { GridEvalLayout, GridLayout } from './gridLayout';

/** Most workgroups along one dimension (WebGPU's guaranteed limit). */
const MAX_GROUPS = 65535;

/** One dispatch before packing: its kernel, uniform, per-net table entries, threads per net and buffers. */
export interface GridSpec {
  kernel: Kernel;
  /** The Grid uniform's words; tbl, nx and items filled in by packTables. */
  uniform: Omit<GridUniform, 'tbl' | 'nx' | 'items'>;
  /** Per net (0..nets−1): up to 8 offsets. */
  entries: number[][];
  items: number;
  /** Buffers (or ranges of one) after the uniform, in binding order, given the packed table. */
  bind: (tbl: GPUBuffer) => (GPUBuffer | GPUBufferBinding)[];
}

export interface GridUniform {
  nets: number;
  rows: number;
  fanIn: number;
  fanOut: number;
  tbl: number;
  nx: number;
  items: number;
  evalRows: number;
}

/** Threads of a 4×4-blocked kernel over an a × b matrix. */
const blocks = (a: number, b: number) => Math.ceil(a / 4) * Math.ceil(b / 4);

/** Workgroups for `items` threads per net, the nets' threads packed together: x up to the limit, then y. */
export function gridGroups(items: number, nets: number): [number, number, number] {
  const wgs = Math.max(1, Math.ceil((items * Math.max(1, nets)) / GRID_WG));
  const nx = Math.min(wgs, MAX_GROUPS);
  return [nx, Math.ceil(wgs / nx), 1];
}

export interface GridKernels {
  gather: Kernel;
  head: Kernel;
  loss: Kernel;
  evalLoss: Kernel;
  /** The kernels a layer of this shape takes (gridKernels.ts gridForm, up to what the device allows). */
  form: (fanIn: number, fanOut: number) => GridForm;
  /** The hidden layers' forward; `train` false: evaluation's, without φ′. */
  forward: (form: GridForm, train: boolean) => Kernel;
  /** The weight gradient and the optimizer's update of the parameters it sums. */
  weightGrad: (form: GridForm) => Kernel;
  inputGrad: (form: GridForm) => Kernel;
}

export interface GridBuffers {
  params: GPUBuffer;
  s1: GPUBuffer;
  s2: GPUBuffer;
  act: GPUBuffer;
  labels: GPUBuffer;
  cur: GPUBuffer;
  xs: GPUBuffer;
  ys: GPUBuffer;
  evalOut: GPUBuffer;
}

/**
 * Two views of the activation buffer split at word `at` (a multiple of 64 words: 256 bytes): from `at` up,
 * then below it. A dispatch may write one and read the other (both bound writable, not overlapping).
 */
function split(act: GPUBuffer, at: number, words: number): [GPUBufferBinding, GPUBufferBinding] {
  return [
    { buffer: act, offset: 4 * at, size: 4 * (words - at) },
    { buffer: act, offset: 0, size: 4 * at },
  ];
}

/** Threads of a hidden layer's forward: 4×4 blocks, 8×8 blocks, or quads of 8×8 blocks (16 × 16 outputs). */
function forwardItems(form: GridForm, rows: number, width: number): number {
  if (form === 'quad') return Math.ceil(rows / 16) * (width / 16) * 4;
  return form === 'vec4' ? Math.ceil(rows / 8) * (width / 8) : blocks(rows, width);
}

/** The batch's (or the evaluation chunk's) rows of the dataset into the input block at word 0. */
function gatherSpec(k: GridKernels, b: GridBuffers, rows: number, inDim: number): GridSpec {
  return {
    kernel: k.gather,
    uniform: { nets: 1, rows, fanIn: inDim, fanOut: 0, evalRows: 0 },
    entries: [[]],
    items: rows * inDim,
    bind: (tbl) => [b.cur, b.xs, b.ys, b.act, b.labels, tbl],
  };
}

/** The training step's forward through every hidden layer and the heads. */
function forwardSpecs(lay: GridLayout, k: GridKernels, b: GridBuffers): GridSpec[] {
  const rows = lay.batch;
  const out: GridSpec[] = [];
  const { width, inDim, classes } = lay;
  const bind = (tbl: GPUBuffer) => [b.params, b.act, tbl];
  out.push(gatherSpec(k, b, rows, inDim));
  for (let l = 0; l < lay.maxDepth; l++) {
    const nets = lay.count[l];
    const fanIn = l === 0 ? inDim : width;
    const form = k.form(fanIn, width);
    const vec = form !== 'scalar';
    // The vec4 forms write this layer's blocks through a view that starts at them (grid_forward_vec4.wgsl).
    const at = vec ? lay.start[l] : 0;
    out.push({
      kernel: k.forward(form, true),
      uniform: { nets, rows, fanIn, fanOut: width, evalRows: 0 },
      entries: Array.from({ length: nets }, (_, n) => {
        const h = lay.hidden[n][l];
        return [l === 0 ? lay.x : lay.hidden[n][l - 1].h, h.h - at, h.w, h.b, h.dphi - at];
      }),
      items: forwardItems(form, rows, width),
      bind: vec
        ? (tbl) => {
            const [above, below] = split(b.act, at, lay.actWords);
            return [b.params, above, tbl, below];
          }
        : bind,
    });
  }
  const N = lay.nets.length;
  out.push({
    kernel: k.head,
    uniform: { nets: N, rows, fanIn: width, fanOut: classes, evalRows: 0 },
    entries: lay.head.map((hd, n) => [lay.hidden[n][lay.nets[n].depth - 1].h, hd.logits, hd.w, hd.b]),
    items: blocks(rows, classes),
    bind,
  });
  return out;
}

export function trainSpecs(lay: GridLayout, k: GridKernels, b: GridBuffers): GridSpec[] {
  const { batch: rows, width, inDim, classes } = lay;
  const N = lay.nets.length;
  const out = forwardSpecs(lay, k, b);
  const none = { evalRows: 0 };
  out.push({
    kernel: k.loss,
    uniform: { nets: N, rows, fanIn: 0, fanOut: classes, ...none },
    entries: lay.head.map((hd) => [hd.logits, hd.dlogits]),
    items: rows,
    bind: (tbl) => [b.act, tbl, b.labels, b.cur, b.evalOut],
  });
  const last = (n: number) => lay.hidden[n][lay.nets[n].depth - 1];
  const wgrad = (tbl: GPUBuffer) => [b.params, b.act, tbl, b.s1, b.s2, b.cur];
  /** The input gradient's bindings: written below `at` (words), δ read from `at` up (see its shader). */
  const igrad = (at: number) => (tbl: GPUBuffer) => {
    const [above, below] = split(b.act, at, lay.actWords);
    return [b.params, below, tbl, above];
  };
  /** Threads of the input gradient (δ_in blocks) and of the weight gradient (∂W blocks, then ∂b blocks). */
  const igradItems = (fanIn: number, fanOut: number) => {
    const form = k.form(fanIn, fanOut);
    if (form === 'quad') return Math.ceil(rows / 16) * (fanIn / 16) * 4;
    return form === 'vec4' ? Math.ceil(rows / 8) * (fanIn / 8) : blocks(rows, fanIn);
  };
  const wgradItems = (fanIn: number, fanOut: number) => {
    const form = k.form(fanIn, fanOut);
    // Quads: whole quads of ∂W, some of whose lanes also sum ∂b (grid_weight_grad_quad.wgsl).
    if (form === 'quad') return (fanOut / 16) * (fanIn / 16) * 4;
    return form === 'vec4'
      ? (fanOut / 8) * (fanIn / 8 + 1)
      : Math.ceil(fanOut / 4) * (Math.ceil(fanIn / 4) + 1);
  };
  out.push({
    kernel: k.inputGrad(k.form(width, classes)),
    uniform: { nets: N, rows, fanIn: width, fanOut: classes, ...none },
    entries: lay.head.map((hd, n) => [hd.dlogits - lay.headStart, last(n).delta, hd.w, last(n).dphi]),
    items: igradItems(width, classes),
    bind: igrad(lay.headStart),
  });
  out.push({
    kernel: k.weightGrad(k.form(width, classes)),
    uniform: { nets: N, rows, fanIn: width, fanOut: classes, ...none },
    entries: lay.head.map((hd, n) => [last(n).h, hd.dlogits, hd.w, hd.b]),
    items: wgradItems(width, classes),
    bind: wgrad,
  });
  // Layer l's δ is complete before its dispatches: from the head for nets whose last layer it is
  // (written above), from layer l + 1's input gradient for the deeper ones. Each input gradient reads W
  // before the weight gradient's dispatch updates it.
  for (let l = lay.maxDepth - 1; l >= 0; l--) {
    const nets = lay.count[l];
    const fanIn = l === 0 ? inDim : width;
    if (l > 0)
      out.push({
        kernel: k.inputGrad(k.form(width, width)),
        uniform: { nets, rows, fanIn: width, fanOut: width, ...none },
        entries: Array.from({ length: nets }, (_, n) => {
          const h = lay.hidden[n][l];
          const below = lay.hidden[n][l - 1];
          return [h.delta - lay.start[l], below.delta, h.w, below.dphi];
        }),
        items: igradItems(width, width),
        bind: igrad(lay.start[l]),
      });
    out.push({
      kernel: k.weightGrad(k.form(fanIn, width)),
      uniform: { nets, rows, fanIn, fanOut: width, ...none },
      entries: Array.from({ length: nets }, (_, n) => {
        const h = lay.hidden[n][l];
        return [l === 0 ? lay.x : lay.hidden[n][l - 1].h, h.delta, h.w, h.b];
      }),
      items: wgradItems(fanIn, width),
      bind: wgrad,
    });
  }
  return out;
}

/**
 * One evaluation chunk of ev.rows rows (gridLayout.ts gridEvalLayout): the forward pass, the hidden layers
 * alternating between the layout's two regions, and each valid row's loss and correctness.
 */
export function evalSpecs(
  lay: GridLayout,
  ev: GridEvalLayout,
  k: GridKernels,
  b: GridBuffers,
  evalRows: number,
): GridSpec[] {
  const { width, inDim, classes } = lay;
  const rows = ev.rows;
  const N = lay.nets.length;
  const out: GridSpec[] = [];
  const bind = (tbl: GPUBuffer) => [b.params, b.act, tbl];
  out.push(gatherSpec(k, b, rows, inDim));
  /** Net n's block in region r, and a binding of region r (or of the input block, r = −1). */
  const block = (r: number, n: number) => ev.region[r] + n * ev.block;
  const view = (r: number): GPUBufferBinding =>
    r < 0
      ? { buffer: b.act, offset: 0, size: 4 * ev.region[0] }
      : { buffer: b.act, offset: 4 * ev.region[r], size: 4 * ev.regionWords };
  for (let l = 0; l < lay.maxDepth; l++) {
    const nets = lay.count[l];
    const fanIn = l === 0 ? inDim : width;
    const form = k.form(fanIn, width);
    const vec = form !== 'scalar';
    const to = l % 2;
    const from = l === 0 ? -1 : (l - 1) % 2;
    // The vec4 forms read and write through views of the two regions (offsets relative to them).
    const inAt = vec && from >= 0 ? ev.region[from] : 0;
    const outAt = vec ? ev.region[to] : 0;
    out.push({
      kernel: k.forward(form, false),
      uniform: { nets, rows, fanIn, fanOut: width, evalRows: 0 },
      entries: Array.from({ length: nets }, (_, n) => {
        const h = lay.hidden[n][l];
        const input = from < 0 ? 0 : block(from, n) - inAt;
        const output = block(to, n) - outAt;
        return [input, output, h.w, h.b, output];
      }),
      items: forwardItems(form, rows, width),
      bind: vec ? (tbl) => [b.params, view(to), tbl, view(from)] : bind,
    });
  }
  out.push({
    kernel: k.head,
    uniform: { nets: N, rows, fanIn: width, fanOut: classes, evalRows: 0 },
    entries: lay.head.map((hd, n) => [block((lay.nets[n].depth - 1) % 2, n), ev.logits[n], hd.w, hd.b]),
    items: blocks(rows, classes),
    bind,
  });
  out.push({
    kernel: k.evalLoss,
    uniform: { nets: N, rows, fanIn: 0, fanOut: classes, evalRows },
    // The evaluation writes no gradient: its second entry is never read.
    entries: ev.logits.map((o) => [o, o]),
    items: rows,
    bind: (tbl) => [b.act, tbl, b.labels, b.cur, b.evalOut],
  });
  return out;
}

/** All specs' tables in one u32 array; each spec's uniform with its table base and workgroups. */
export function packTables(specs: readonly GridSpec[]): {
  table: Uint32Array;
  uniforms: GridUniform[];
  groups: [number, number, number][];
} {
  let words = 0;
  const uniforms: GridUniform[] = [];
  const groups: [number, number, number][] = [];
  for (const s of specs) {
    const gr = gridGroups(s.items, s.uniform.nets);
    groups.push(gr);
    uniforms.push({ ...s.uniform, tbl: words, nx: gr[0], items: s.items });
    words += Math.max(1, s.entries.length) * 8;
  }
  const table = new Uint32Array(Math.max(4, words));
  specs.forEach((s, i) => {
    s.entries.forEach((e, n) => {
      table.set(e, uniforms[i].tbl + n * 8);
    });
  });
  return { table, uniforms, groups };
}

export function uniformWords(u: GridUniform): number[] {
  return [u.nets, u.rows, u.fanIn, u.fanOut, u.tbl, u.nx, u.items, u.evalRows];
}
