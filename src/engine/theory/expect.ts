// Gaussian expectations E[f(μ + √v·z)], z ~ N(0, 1), for the mean-field maps.
//
// Gauss–Hermite (HERMITE_NODES nodes) is exact for polynomials and converges fast for smooth f whose features
// are wide compared with the node spacing (≈ 0.2·√v near the centre). It fails in two cases that matter here
// (measured against a 800k-point Simpson reference):
//   • a kink: SELU at v = 1 — E[φ′²] off by 0.7 %;
//   • a wide Gaussian: tanh at v = 25 — E[φ′²] off by 14 %, at v = 100 by 80 % (all nodes miss the narrow
//     bump of φ′ around 0), which would put the chaotic phase's χ₁ far off.
// For those, `splitExpect` cuts the line where the argument μ + √v·z crosses 0 (where every activation has its
// kink or its transition), and integrates each side with Gauss–Legendre on intervals that start at width
// ~1/√v there and double up to the Gaussian's own scale. `activationRule` chooses between the two.
import { type GaussRule, gaussHermite } from './gaussHermite';
import { gaussLegendre } from './gaussLegendre';

export const HERMITE_NODES = 128;
/** Points per Gauss–Legendre piece of the split rule. */
const PIECE_NODES = 12;
/** The split rule integrates z over [−Z_MAX, Z_MAX]; the Gaussian mass outside is 1.2e−23. */
const Z_MAX = 10;
/** Widest piece (in z); the Gaussian varies on scale 1. */
const MAX_PIECE = 1.5;

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** E[f(√q·z)], z ~ N(0, 1), by Gauss–Hermite with HERMITE_NODES nodes. */
export function gaussExpect(f: (x: number) => number, q: number): number {
  const { nodes, weights } = gaussHermite(HERMITE_NODES);
  const s = Math.sqrt(q);
  let sum = 0;
  for (let i = 0; i < nodes.length; i++) sum += weights[i] * f(s * nodes[i]);
  return sum;
}

/** Quadrature points uᵢ = μ + √v·zᵢ with weights wᵢ (Σ wᵢ ≈ 1) for E[g(u)], u ~ N(μ, v). */
export interface NormalRule {
  readonly u: Float64Array;
  readonly w: Float64Array;
}

export function hermiteRule(variance: number, mean: number): NormalRule {
  const { nodes, weights } = gaussHermite(HERMITE_NODES);
  const s = Math.sqrt(variance);
  const u = new Float64Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) u[i] = mean + s * nodes[i];
  return { u, w: weights };
}

/** Piece boundaries from `start` toward `end`: widths w0, 2w0, 4w0, … capped at MAX_PIECE. */
function gradedBreaks(start: number, end: number, w0: number): number[] {
  const dir = Math.sign(end - start);
  const breaks = [start];
  let at = start;
  let width = w0;
  while ((end - at) * dir > 1e-12) {
    const next = Math.abs(end - at) <= width * 1.5 ? end : at + dir * width;
    breaks.push(next);
    at = next;
    width = Math.min(width * 2, MAX_PIECE);
  }
  return breaks;
}

/** z-nodes and N(0,1)-weighted weights of the split rule, for a kink at z = `kink` and first width w0. */
function splitNodes(kink: number, w0: number): NormalRule {
  const edges = [...gradedBreaks(kink, -Z_MAX, w0).reverse(), ...gradedBreaks(kink, Z_MAX, w0).slice(1)];
  const gl: GaussRule = gaussLegendre(PIECE_NODES);
  const count = (edges.length - 1) * PIECE_NODES;
  const z = new Float64Array(count);
  const w = new Float64Array(count);
  let k = 0;
  for (let p = 0; p + 1 < edges.length; p++) {
    const half = 0.5 * (edges[p + 1] - edges[p]);
    const mid = 0.5 * (edges[p + 1] + edges[p]);
    for (let i = 0; i < PIECE_NODES; i++) {
      z[k] = mid + half * gl.nodes[i];
      w[k] = half * gl.weights[i] * INV_SQRT_2PI * Math.exp(-0.5 * z[k] * z[k]);
      k++;
    }
  }
  return { u: z, w };
}

// The theory calls the rule hundreds of times per network, mostly with the kink at 0 (no constant bias);
// with w0 rounded down to a power of two those calls share a few cached node sets.
const nodeCache = new Map<string, NormalRule>();
const NODE_CACHE_MAX = 512;

function cachedSplitNodes(kink: number, w0: number): NormalRule {
  const key = `${kink}:${w0}`;
  let rule = nodeCache.get(key);
  if (!rule) {
    if (nodeCache.size >= NODE_CACHE_MAX) nodeCache.clear();
    rule = splitNodes(kink, w0);
    nodeCache.set(key, rule);
  }
  return rule;
}

/**
 * Points and weights for E[g(u)], u ~ N(μ, v), split where u = 0. v = 0 is taken as the limit v → 0⁺ (the
 * average of both sides at a kink), which is what the length map's fixed point q* = 0 means.
 */
export function splitRule(variance: number, mean: number): NormalRule {
  const s = Math.max(Math.sqrt(variance), 1e-150);
  // The kink sits at z = −μ/√v; kept inside the integration range so each side is smooth.
  const kink = Math.min(Z_MAX, Math.max(-Z_MAX, -mean / s));
  // Features of φ have width ~1 in u, i.e. 1/√v in z. Below 1e−9 the missed part is negligible.
  const w0 = 2 ** Math.floor(Math.log2(Math.max(1e-9, Math.min(0.5, 0.5 / s))));
  const { u: z, w } = cachedSplitNodes(kink, w0);
  const u = new Float64Array(z.length);
  for (let i = 0; i < z.length; i++) u[i] = mean + s * z[i];
  return { u, w };
}

/** E[f(μ + √v·z)] with the split rule: accurate for kinks at 0 and for any v. */
export function splitExpect(f: (x: number) => number, variance: number, mean = 0): number {
  const { u, w } = splitRule(variance, mean);
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += w[i] * f(u[i]);
  return sum;
}
