// Which form a conv GEMM takes on a hardware GPU (strategy 'tiled'), from the size of its output: a
// register tile (src/shaders/conv_tile.wgsl: each thread several contiguous outputs) when the output is big
// enough to give the GPU's compute units a workgroup each, else one output per thread in 16×16 workgroups.
// Every form sums each output in the same k order from +0, so the choice never changes a bit (a split
// weight gradient, splitK.ts, sums per chunk and then the chunks: the same bits for forms whose chunks
// are the same).
import { DEFAULT_UNITS } from '../matmulKernels';
import { pickSplit } from '../splitK';

/**
 * A register-tiled block: wgx × wgy threads, each owning a t×t tile of outputs in 4-wide fragments, so a
 * workgroup covers (wgy·t) rows (m) × (wgx·t) columns (n); tk is the k depth of a workgroup tile.
 */
export interface ConvTile {
  t: 4 | 8;
  wgx: 4 | 8 | 16;
  wgy: 4 | 8 | 16;
  tk: number;
}

/**
 * 'direct' (software adapters), 'quad' (the direct form sharing loads across a quad: software adapters
 * with subgroups), 'single' (one output per thread, 16×16 workgroups) or a
 * register tile.
 */
export type ConvForm = 'direct' | 'quad' | 'single' | ConvTile;

/** Workgroup memory every adapter grants (maxComputeWorkgroupStorageSize's default), for both tiles. */
const WORKGROUP_BYTES = 16384;

/**
 * k depth of a tile: the smallest at which every thread loads a whole number of vec4 of each operand per
 * k-tile (tk·t/(4·wgx) of A, tk·t/(4·wgy) of B), and never under 8 so a barrier pair covers some work.
 */
function depth(t: number, wgx: number, wgy: number): number {
  return Math.max(8, (4 * Math.max(wgx, wgy)) / t);
}

/** Bytes of the two padded workgroup tiles (one vec4 of padding per k row, as in the shader). */
export function tileBytes(c: ConvTile): number {
  return c.tk * ((c.wgy * c.t) / 4 + 1 + (c.wgx * c.t) / 4 + 1) * 16;
}

function tile(t: 4 | 8, wgx: 4 | 8 | 16, wgy: 4 | 8 | 16): ConvTile {
  return { t, wgx, wgy, tk: depth(t, wgx, wgy) };
}

/**
 * Candidate blocks for an output N columns wide, largest first. The block is as narrow as N allows (conv
 * outputs are often a few channels wide and very tall): 4×4 tiles with wgx = 4, 8 or 16 threads across
 * (16, 32 or 64 columns) and 64 to 256 threads; 8×8 tiles in 128×128 blocks only past 64 columns.
 */
export function convTileCandidates(N: number): ConvTile[] {
  const wgx = N <= 16 ? 4 : N <= 32 ? 8 : 16;
  const out: ConvTile[] = N > 64 ? [tile(8, 16, 16)] : [];
  for (const wgy of [16, 8, 4] as const) if (wgx * wgy >= 64) out.push(tile(4, wgx, wgy));
  return out.filter((c) => tileBytes(c) <= WORKGROUP_BYTES);
}

/** Workgroups [x over N, y over M] of a register tile. */
export function convTileGroups(c: ConvTile, M: number, N: number): [number, number] {
  return [Math.ceil(N / (c.wgx * c.t)), Math.ceil(M / (c.wgy * c.t))];
}

/**
 * pickTile's rule (matmulKernels.ts) for an M×N conv output: the largest block that still gives at least
 * one workgroup per compute unit (and ≥ 32 on small GPUs). `splitQ` (the weight gradient: Cout × Cin·k²
 * outputs, each a sum over Q = B·S² positions) lets the reduction be cut into chunks, one per workgroup z
 * (splitK.ts), so a block counts its workgroups times the chunks pickSplit gives it: a register tile uses
 * each loaded value for t outputs where 'single' uses it for one, so a tile that fills the GPU once split
 * is the better plan (the split's cost, a partials slice per chunk and one reduce dispatch, is the same
 * for either form). Where even the smallest block cannot (a few blocks' worth of outputs, as the bench's
 * 16 × 144 weight gradient: 3 blocks × at most MAX_SPLITS chunks), the most workgroups come from one
 * output per thread: 'single', itself split (convSplit).
 */
export function pickConvTile(M: number, N: number, units = DEFAULT_UNITS, splitQ = 0): ConvTile | 'single' {
  const want = Math.max(32, units);
  for (const c of convTileCandidates(N)) {
    const [gx, gy] = convTileGroups(c, M, N);
    const splits = splitQ > 0 ? pickSplit(gx * gy, 0, splitQ, units, c.tk).splits : 1;
    if (gx * gy * splits >= want) return c;
  }
  return 'single';
}
