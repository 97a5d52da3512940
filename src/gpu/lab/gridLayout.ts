// Where every number of a batched trainability map lives on the GPU. The grid's networks share width,
// input, classes and batch and differ in depth; they are sorted deepest first, so hidden layer l exists
// for a prefix of them (nets 0..count[l]−1) and one dispatch per layer covers exactly the nets that have
// it. Each net's head sits on top of its own last layer, found through per-net offsets (no padding: a
// shallow net never pays for the deep ones' layers). Everything is in f32 words.

export interface GridNet {
  /** Index into the caller's cell list (the order of the map's cells). */
  cell: number;
  depth: number;
}

/** One Linear map of one net: its parameters (and, at the same offsets, its optimizer state). */
export interface GridLinear {
  fanIn: number;
  fanOut: number;
  /** W [fanOut, fanIn] row-major, then b [fanOut] right after it. */
  w: number;
  b: number;
}

/** One hidden layer of one net: its Linear map and its per-sample buffers [batch, width]. */
export interface GridHidden extends GridLinear {
  h: number;
  dphi: number;
  delta: number;
}

export interface GridLayout {
  nets: GridNet[];
  inDim: number;
  width: number;
  classes: number;
  batch: number;
  maxDepth: number;
  /** count[l − 1]: how many nets have hidden layer l (deepest first, so they are nets 0..count−1). */
  count: number[];
  /** hidden[n][l − 1] for l = 1..depth of net n. */
  hidden: GridHidden[][];
  /**
   * start[l − 1]: where hidden layer l's blocks begin in the activation buffer (every net's, side by side),
   * and headStart the heads' logits: multiples of 64 words, so a binding can start there (WebGPU's
   * 256-byte storage offset alignment) and one dispatch can write below a boundary and read above it.
   */
  start: number[];
  headStart: number;
  head: (GridLinear & { logits: number; dlogits: number })[];
  /** Words of the parameter buffer (also the optimizer-state buffers). */
  paramWords: number;
  /** The gathered input batch [batch, inDim], shared by every net. */
  x: number;
  /** Words of the activation buffer. */
  actWords: number;
}

/** Up to a multiple of 4 words (a vec4) and of 64 words (256 bytes, WebGPU's storage binding offset alignment). */
export const align4 = (v: number) => Math.ceil(v / 4) * 4;
export const align64 = (v: number) => Math.ceil(v / 64) * 64;

export function gridLayout(
  depths: readonly number[],
  dims: { inDim: number; width: number; classes: number; batch: number },
): GridLayout {
  if (depths.length === 0) throw new Error('gridLayout: no networks');
  const { inDim, width, classes, batch } = dims;
  // Deepest first; equal depths keep the cells' order.
  const nets = depths
    .map((depth, cell) => ({ cell, depth }))
    .sort((a, b) => b.depth - a.depth || a.cell - b.cell);
  const maxDepth = nets[0].depth;
  const count = Array.from({ length: maxDepth }, (_, l) => nets.filter((n) => n.depth > l).length);
  let p = 0;
  let a = 0;
  // Every matrix and block starts at a multiple of 4 words, so the kernels can read them as vec4.
  const linear = (fanIn: number, fanOut: number): GridLinear => {
    const w = p;
    p += align4(fanIn * fanOut + fanOut);
    return { fanIn, fanOut, w, b: w + fanIn * fanOut };
  };
  const block = () => {
    const at = a;
    a += align4(batch * width);
    return at;
  };
  const x = a;
  a = align4(batch * inDim);
  const hidden: GridHidden[][] = nets.map(() => []);
  const start: number[] = [];
  // Layer-major: the nets of one layer sit side by side, like the dispatches that read them.
  for (let l = 0; l < maxDepth; l++) {
    a = align64(a);
    start.push(a);
    for (let n = 0; n < count[l]; n++)
      hidden[n].push({
        ...linear(l === 0 ? inDim : width, width),
        h: block(),
        dphi: block(),
        delta: block(),
      });
  }
  a = align64(a);
  const headStart = a;
  const head = nets.map(() => {
    const lin = linear(width, classes);
    const logits = a;
    a += align4(2 * batch * classes);
    return { ...lin, logits, dlogits: logits + batch * classes };
  });
  return {
    nets,
    inDim,
    width,
    classes,
    batch,
    maxDepth,
    count,
    hidden,
    start,
    headStart,
    head,
    paramWords: p,
    x,
    // At least what an evaluation of one row per chunk needs (gridEvalLayout), which only matters for a
    // grid of one tiny net: the evaluation lives in this buffer too.
    actWords: Math.max(align64(a), gridEvalWords(dims, nets.length, 1)),
  };
}

/**
 * Where an evaluation puts its numbers: in the training activation buffer, which it reuses between steps.
 * Evaluation stores no φ′ or δ and needs each layer's output only until the next layer has read it, so the
 * hidden layers alternate between two regions (layer l writes region l % 2, one [rows, width] block per
 * net), which lets a chunk hold many more rows than a training batch: fewer chunks, fewer dispatches.
 */
export interface GridEvalLayout {
  /** Rows per evaluation chunk. */
  rows: number;
  /** The input block [rows, inDim] sits at word 0; the two regions start here (multiples of 64 words). */
  region: [number, number];
  regionWords: number;
  /** Net n's block in a region starts at region + n · block. */
  block: number;
  /** Net n's logits [rows, classes]. */
  logits: number[];
}

/** Where an evaluation layout of `nets` nets at `rows` rows per chunk puts things, and its words. */
function evalOffsets(dims: { inDim: number; width: number; classes: number }, nets: number, rows: number) {
  const block = align4(rows * dims.width);
  const regionWords = align64(nets * block);
  const r0 = align64(align4(rows * dims.inDim));
  const logitsAt = r0 + 2 * regionWords;
  const logitsWords = align4(rows * dims.classes);
  return { block, regionWords, r0, logitsAt, logitsWords, words: align64(logitsAt + nets * logitsWords) };
}

/** Words of an evaluation layout of `nets` nets at `rows` rows per chunk. */
export function gridEvalWords(
  dims: { inDim: number; width: number; classes: number },
  nets: number,
  rows: number,
): number {
  return evalOffsets(dims, nets, rows).words;
}

/** The evaluation layout for `maxRows` rows in the fewest chunks that fit the activation buffer. */
export function gridEvalLayout(lay: GridLayout, maxRows: number): GridEvalLayout {
  const N = lay.nets.length;
  let lo = 1;
  let hi = Math.max(1, maxRows);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (gridEvalWords(lay, N, mid) <= lay.actWords) lo = mid;
    else hi = mid - 1;
  }
  // As few chunks as that allows, with their rows evened out: every chunk computes `rows` rows, so a last
  // chunk of a few valid rows would cost as much as a full one (1000 rows at most 390 a chunk: 3 × 334).
  const rows = Math.ceil(maxRows / Math.ceil(maxRows / lo));
  const o = evalOffsets(lay, N, rows);
  return {
    rows,
    region: [o.r0, o.r0 + o.regionWords],
    regionWords: o.regionWords,
    block: o.block,
    logits: lay.nets.map((_, n) => o.logitsAt + n * o.logitsWords),
  };
}

/**
 * What the batched trainer asks of a device: every buffer (parameters and `stateCopies`
 * optimizer states; activations; the evaluation's per-row outputs and their read-back copy; the dataset)
 * and the largest one. The read-back copy grows with the cells like the outputs, so a map split to fit a
 * memory budget (gridSplit.ts) must count it.
 */
export function gridNeeds(
  // Only the sizes: gridSplit.ts asks this of groups it has not laid out.
  lay: Pick<GridLayout, 'paramWords' | 'actWords' | 'inDim'> & { nets: { length: number } },
  stateCopies: number,
  evalRows: number,
): { bytes: number; maxBinding: number; storageBuffersPerStage: number } {
  const buffers = [lay.paramWords, lay.actWords, 2 * lay.nets.length * evalRows, evalRows * lay.inDim];
  const readBackCopy = 2 * lay.nets.length * evalRows;
  // Plus the evaluation's labels (a word per row), its step record (4 + a word per row) and its chunks'
  // records (4 per chunk + a word per row): at most 7 words per row.
  const records = 7 * evalRows;
  const words = lay.paramWords * stateCopies + buffers.reduce((a, b) => a + b, 0) + readBackCopy + records;
  return { bytes: 4 * words, maxBinding: 4 * Math.max(...buffers), storageBuffersPerStage: 6 };
}
