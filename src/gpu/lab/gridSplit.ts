// A trainability map too big for one device, split into groups of cells that each fit, trained batched one
// group after another. A cell's numbers do not depend on its group: each net reads and writes only its own
// parameters and activations, and its initial weights and batches come from its cell alone.
//
// Groups are packed first-fit, deepest net first (bin packing's first-fit decreasing: few groups). A group's
// dispatches are set by its deepest net, which is its first, so a shallow net filling the space a deep group
// has left costs no dispatch at all — deep and shallow cells share groups wherever they fit.
import { describeAdapter } from '../adapter';
import { defaultBudget } from '../device';
import { formatGpuBytes } from '../deviceBudget';
import { align4, align64, gridEvalWords, gridNeeds } from './gridLayout';

export interface GridDims {
  inDim: number;
  width: number;
  classes: number;
  batch: number;
}

/** What one group may take: the adapter's buffer limits and the memory budget acquireDevice allows. */
export interface GridLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
  budgetBytes: number;
}

export type GridNeeds = ReturnType<typeof gridNeeds>;

export interface GridPlan {
  /** Cell indices (into the caller's depths), ascending, per group; the group of the deepest cell first. */
  groups: number[][];
  /** What the largest group asks of the device (every figure the largest over the groups). */
  needs: GridNeeds;
}

/** The limits of this adapter, with acquireDevice's default memory budget. */
export function adapterGridLimits(adapter: GPUAdapter): GridLimits {
  const { software } = describeAdapter(adapter.info);
  return {
    maxBufferSize: adapter.limits.maxBufferSize,
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    budgetBytes: defaultBudget(adapter.limits, software),
  };
}

/**
 * A group's sizes as gridLayout would lay it out, kept as running sums so trying one more net costs
 * O(depth) rather than a whole layout (400 cells of depth up to 200 would be 80 000 layer records per try).
 * gridSplit.test.ts checks them against gridLayout.
 */
class GroupTally {
  readonly cells: number[] = [];
  private paramWords = 0;
  /** count[l]: nets having hidden layer l + 1. */
  private readonly count: number[] = [];

  constructor(private readonly dims: GridDims) {}

  private netParams(depth: number): number {
    const { inDim, width, classes } = this.dims;
    return (
      align4(inDim * width + width) +
      (depth - 1) * align4(width * width + width) +
      align4(width * classes + classes)
    );
  }

  /** The activation buffer's words (gridLayout's `actWords`) with `extra` (a depth) added, if any. */
  private actWords(extra: number): number {
    const { inDim, width, classes, batch } = this.dims;
    const blocks = 3 * align4(batch * width);
    let a = align4(batch * inDim);
    const layers = Math.max(this.count.length, extra);
    for (let l = 0; l < layers; l++) a = align64(a) + ((this.count[l] ?? 0) + (l < extra ? 1 : 0)) * blocks;
    const nets = this.cells.length + (extra > 0 ? 1 : 0);
    return Math.max(
      align64(align64(a) + nets * align4(2 * batch * classes)),
      gridEvalWords(this.dims, nets, 1),
    );
  }

  /** gridNeeds of this group with a net of depth `extra` added (0: as it is). */
  needs(extra: number, stateCopies: number, evalRows: number): GridNeeds {
    const nets = this.cells.length + (extra > 0 ? 1 : 0);
    return gridNeeds(
      {
        paramWords: this.paramWords + (extra > 0 ? this.netParams(extra) : 0),
        actWords: this.actWords(extra),
        inDim: this.dims.inDim,
        nets: { length: nets },
      },
      stateCopies,
      evalRows,
    );
  }

  add(cell: number, depth: number): void {
    this.cells.push(cell);
    this.paramWords += this.netParams(depth);
    for (let l = 0; l < depth; l++) this.count[l] = (this.count[l] ?? 0) + 1;
  }
}

/** Why these needs do not fit these limits, with figures (null: they fit). */
export function gridMisfit(needs: GridNeeds, limits: GridLimits): string | null {
  const binding = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  if (needs.maxBinding > binding)
    return `a buffer of ${formatGpuBytes(needs.maxBinding)}, this GPU allows ${formatGpuBytes(binding)}`;
  if (needs.bytes > limits.budgetBytes)
    return `${formatGpuBytes(needs.bytes)} of buffers, this GPU allows ${formatGpuBytes(limits.budgetBytes)}`;
  return null;
}

/** Thrown when even one cell alone does not fit the device. */
export class GridTooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GridTooLarge';
  }
}

/**
 * The cells (their depths, in the caller's order) in groups that each fit `limits`; one group when the
 * whole grid fits. Throws GridTooLarge, with figures, when a single cell does not.
 */
export function splitGrid(
  depths: readonly number[],
  dims: GridDims,
  stateCopies: number,
  evalRows: number,
  limits: GridLimits,
): GridPlan {
  if (depths.length === 0) throw new Error('splitGrid: no cells');
  // gridLayout's order: deepest first, equal depths in the cells' order.
  const order = depths
    .map((depth, cell) => ({ cell, depth }))
    .sort((a, b) => b.depth - a.depth || a.cell - b.cell);
  const tallies: GroupTally[] = [];
  for (const { cell, depth } of order) {
    let home = tallies.find((t) => gridMisfit(t.needs(depth, stateCopies, evalRows), limits) === null);
    if (!home) {
      home = new GroupTally(dims);
      const alone = gridMisfit(home.needs(depth, stateCopies, evalRows), limits);
      if (alone !== null)
        throw new GridTooLarge(`WebGPU cannot hold even one cell of this map: depth ${depth} needs ${alone}`);
      tallies.push(home);
    }
    home.add(cell, depth);
  }
  const all = tallies.map((t) => t.needs(0, stateCopies, evalRows));
  return {
    groups: tallies.map((t) => [...t.cells].sort((a, b) => a - b)),
    needs: {
      bytes: Math.max(...all.map((n) => n.bytes)),
      maxBinding: Math.max(...all.map((n) => n.maxBinding)),
      storageBuffersPerStage: Math.max(...all.map((n) => n.storageBuffersPerStage)),
    },
  };
}
