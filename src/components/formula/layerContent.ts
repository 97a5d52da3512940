// The formula card's part for networks beyond the plain MLP: what BatchNorm / LayerNorm do at init, how a
// residual stream adds up variance, and ReZero — in this network's numbers (docs/LAYERS.md,
// docs/MATH.md#normalization-and-residual-blocks). The Gaussian moments come from the theory's quadrature;
// the stream's predicted std and BatchNorm's measured gradient growth are passed in (from the worker's theory
// and the run's step-0 record). Pure, like formulaContent.
import type { RunConfig } from '../../engine/config';
import { biasSpec } from '../../engine/init';
import { activationMoments } from '../../engine/theory/moments';
import type { ArchSummary } from '../../engine/theory/types';
import { fmt } from '../charts/plot';

/** BatchNorm's gradient growth as measured on this run at step 0 (gradient std, layer L back to layer 1). */
export interface MeasuredGrowth {
  /** Geometric mean factor per layer going backward. */
  perLayer: number;
  /** grad std of layer 1 over that of layer L. */
  total: number;
  layers: number;
}

export interface LayerContent {
  tex: string[];
  why: string[];
}

const n = (v: number) => fmt(v, 3);

/** A number for TeX: 1.5e8 as 1.5 · 10^{8}. */
export function texNum(v: number): string {
  const s = n(v);
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(s);
  return m ? `${m[1]} \\cdot 10^{${m[2]}}` : s;
}

/** E[φ(u)²], E[φ(u)] and E[φ′(u)²] for u ~ N(0, 1): the moments a normalized input feeds φ. */
function unitMoments(c: RunConfig) {
  return activationMoments(c.act, c.slope)(1, 0);
}

function normTex(c: RunConfig): string {
  const over =
    c.norm === 'batch'
      ? `\\text{over the batch of } ${c.batch}`
      : `\\text{over the } ${c.width} \\text{ units}`;
  return `u = \\gamma\\,\\frac{v - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} + \\beta,\\quad \\mu, \\sigma^2\\ ${over},\\quad \\gamma = 1,\\ \\beta = 0 \\text{ at init}`;
}

function normWhy(c: RunConfig, sw2: number, sb2: number): string[] {
  const m = unitMoments(c);
  const name = c.norm === 'batch' ? 'BatchNorm' : 'LayerNorm';
  const what =
    c.norm === 'batch'
      ? 'standardizes every unit over the batch'
      : 'standardizes every sample over its units';
  const why = [
    `γ = 1 and β = 0 at init mean ${name} starts as pure standardization: it ${what}, so u has mean 0 and variance 1 whatever the weights’ scale (σ_w² = ${n(sw2)} here). The forward signal is pinned.`,
  ];
  if (c.res === 0)
    why.push(
      `From layer 2 on every layer sees the same input: Var(z) = σ_w² E[φ(u)²] + σ_b² = ${n(sw2)} · ${n(m.sq)}${sb2 > 0 ? ` + ${n(sb2)}` : ''} = ${n(sw2 * m.sq + sb2)}, with u ~ N(0, 1) — a fixed point reached in one layer, not a product of factors.`,
    );
  return why;
}

function batchGradient(c: RunConfig, measured: MeasuredGrowth | null): { tex: string; why: string[] } {
  const m = unitMoments(c);
  const variance = Math.max(0, m.sq - m.mean * m.mean);
  const chi = m.derivSq / variance;
  const L = c.depth;
  const why = [
    `But BatchNorm’s gradients grow at init: going back, each layer divides by the unit’s std over the batch, which is smaller than its size once the batch mean is taken out. Theory for a large batch (Yang et al. 2019): E[φ′(u)²]/Var(φ(u)) = ${n(chi)} per layer in variance, ×${n(Math.sqrt(chi))} in std — ×${n(Math.sqrt(chi) ** Math.max(0, L - 2))} over layers ${L} to 2 — whatever σ_w is.`,
  ];
  if (measured)
    why.push(
      `Measured on this run at step 0: ×${n(measured.perLayer)} per layer from layer ${measured.layers} back to layer 1, ×${n(measured.total)} in total.`,
    );
  return {
    tex: `\\frac{\\mathbb E[(\\delta^{\\ell})^2]}{\\mathbb E[(\\delta^{\\ell+1})^2]} \\approx \\frac{\\mathbb E[\\phi'(u)^2]}{\\operatorname{Var}\\phi(u)} = ${n(chi)}`,
    why,
  };
}

/** LayerNorm divides by each sample's full second moment: per layer σ_w² E[φ′(u)²] / (σ_w² E[φ(u)²] + σ_b²). */
function layerGradient(c: RunConfig, sw2: number, sb2: number): string {
  const m = unitMoments(c);
  const chi = (sw2 * m.derivSq) / (sw2 * m.sq + sb2);
  const trend = Math.abs(chi - 1) < 0.01 ? 'stay flat' : chi > 1 ? 'grow going back' : 'shrink going back';
  return `Going back, each LayerNorm layer multiplies the gradient’s variance by σ_w² E[φ′(u)²] / (σ_w² E[φ(u)²] + σ_b²) = ${n(chi)}: it divides by each sample’s full second moment, not by a batch-centred variance, so the gradients ${trend} (×${n(Math.sqrt(chi))} in std per layer).`;
}

/** ReLU-family share of the variance φ keeps from a symmetric input (null when not exact). */
function keep(c: RunConfig): number | null {
  if (c.act === 'relu') return 0.5;
  if (c.act === 'leaky_relu') return (1 + c.slope * c.slope) / 2;
  if (c.act === 'linear') return 1;
  return null;
}

function residual(c: RunConfig, sw2: number, sb2: number, arch: ArchSummary | null): LayerContent {
  const L = c.depth;
  const blocks = L - 1;
  const tex: string[] = [];
  const why: string[] = [];
  const predicted =
    arch?.kind === 'residual' && arch.streamStdFirst !== null && arch.streamStdLast !== null
      ? ` The theory for this network (layer 1’s exact output law): stream std ${n(arch.streamStdFirst)} at layer 1, ${n(arch.streamStdLast)} at layer ${L}.`
      : '';
  if (c.rezero === 1) {
    tex.push(
      `x^\\ell = x^{\\ell-1} + \\alpha_\\ell\\, z^\\ell,\\quad \\alpha_\\ell = 0 \\text{ at init},\\quad x^{${L}} = x^1`,
    );
    why.push(
      `ReZero: every block’s α starts at 0, so at init each of the ${blocks} blocks is the identity and the network is the first layer plus the head: the stream keeps layer 1’s std all the way up.${predicted}`,
      'No block’s weights get a gradient until its α moves (∂L/∂z = α ∂L/∂x = 0), but every α gets one at once (∂L/∂α = Σ ∂L/∂x ⊙ z), so the blocks switch on one by one as training needs them.',
    );
    return { tex, why };
  }
  tex.push(
    'x^\\ell = x^{\\ell-1} + z^\\ell,\\quad \\operatorname{Var}(x^\\ell) = \\operatorname{Var}(x^{\\ell-1}) + \\operatorname{Var}(z^\\ell)',
  );
  if (c.norm !== 'none') {
    const inc = sw2 * unitMoments(c).sq + sb2;
    tex.push(
      `\\operatorname{Var}(z^\\ell) = \\sigma_w^2\\,\\mathbb E[\\phi(u)^2] + \\sigma_b^2 = ${n(inc)},\\quad \\operatorname{Var}(x^{${L}}) \\approx \\operatorname{Var}(x^1) + ${blocks} \\cdot ${n(inc)}`,
    );
    why.push(
      `Pre-norm blocks: the norm hands every branch a unit-variance input, so each of the ${blocks} blocks adds about the same ${n(inc)} to the stream’s variance — linear growth (std like √ℓ), not geometric.${predicted}`,
    );
    return { tex, why };
  }
  const k = keep(c);
  if (k !== null) {
    const f = 1 + sw2 * k;
    tex.push(
      `\\operatorname{Var}(z^\\ell) \\approx \\sigma_w^2 \\cdot ${n(k)} \\cdot \\operatorname{Var}(x^{\\ell-1}),\\quad \\operatorname{Var}(x^{${L}}) \\approx ${n(f)}^{${blocks}}\\,\\operatorname{Var}(x^1),\\quad ${n(f)}^{${blocks}} = ${texNum(f ** blocks)}`,
    );
    why.push(
      `Without a norm each branch reads the whole stream and, with σ_w² = ${n(sw2)}, adds ${n(sw2 * k)} of its variance back: the variance grows ×${n(f)} per block, ×${n(f ** blocks)} over ${blocks} blocks (std ×${n(Math.sqrt(f ** blocks))}).${predicted}`,
    );
  } else {
    why.push(
      `Without a norm each branch reads the whole stream, so what it adds grows with the stream: the variance grows geometrically with depth.${predicted}`,
    );
  }
  return { tex, why };
}

/** The card's lines for normalized and residual networks; empty for the plain MLP. */
export function layerContent(
  c: RunConfig,
  sw2: number,
  arch: ArchSummary | null,
  measured: MeasuredGrowth | null,
): LayerContent {
  const tex: string[] = [];
  const why: string[] = [];
  const bias = biasSpec(c, c.width);
  const sb2 = bias.biasVar + (bias.kind === 'constant' ? (bias.value ?? 0) ** 2 : 0);
  if (c.norm !== 'none') {
    tex.push(normTex(c));
    why.push(...normWhy(c, sw2, sb2));
    if (c.norm === 'batch' && c.res === 0) {
      const g = batchGradient(c, measured);
      tex.push(g.tex);
      why.push(...g.why);
    }
    if (c.norm === 'layer' && c.res === 0) why.push(layerGradient(c, sw2, sb2));
  }
  if (c.res === 1) {
    const r = residual(c, sw2, sb2, arch);
    tex.push(...r.tex);
    why.push(...r.why);
  }
  return { tex, why };
}
