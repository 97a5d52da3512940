// What the formula card says: the chosen initializer's formula in TeX with this network's numbers plugged
// in (from initSpec, the same numbers the trainers use), and a few sentences on why, for this
// initializer × activation (docs/MATH.md#teaching-points). Pure: no DOM, no KaTeX, so it is unit-tested.
import type { Activation, RunConfig } from '../../engine/config';
import { datasetShape } from '../../engine/data/shape';
import { calculateGain } from '../../engine/init/gain';
import { initSpec } from '../../engine/init/spec';
import type { ArchSummary } from '../../engine/theory/types';
import { fmt } from '../charts/plot';
import { layerContent, type MeasuredGrowth } from './layerContent';

export interface FormulaContent {
  /** Display-mode TeX lines. */
  tex: string[];
  /** Plain sentences (rendered as text, never as HTML). */
  why: string[];
  /** The layer the numbers are for, e.g. "hidden layers 2–20 (64 → 64)". */
  where: string;
}

const n = (v: number) => fmt(v, 3);

/** Fraction of the variance an activation keeps per layer in the small-signal / ReLU-family sense, when exact. */
export function exactActFactor(act: Activation, slope: number): number | null {
  if (act === 'relu') return 0.5;
  if (act === 'leaky_relu') return (1 + slope * slope) / 2;
  if (act === 'linear') return 1;
  return null;
}

/** What the card knows beyond the config: the theory's architecture summary and the run's step-0 record. */
export interface FormulaExtras {
  arch?: ArchSummary | null;
  measured?: MeasuredGrowth | null;
}

export function formulaContent(
  c: RunConfig,
  chi?: number | null,
  extras: FormulaExtras = {},
): FormulaContent {
  const shape = datasetShape(c);
  // The numbers are shown for a hidden→hidden layer (fan_in = fan_out = width) when there is one.
  const fanIn = c.depth > 1 ? c.width : shape.inDim;
  const fanOut = c.width;
  const spec = initSpec(c, fanIn, fanOut);
  const g = spec.gain;
  const where =
    c.depth > 1
      ? `hidden layers 2–${c.depth} (${c.width} → ${c.width}); layer 1 has fan_in = ${shape.inDim}`
      : `hidden layer 1 (${shape.inDim} → ${c.width})`;
  const fans = `${fanIn}+${fanOut}`;
  const tex: string[] = [];
  const gStr = n(g);
  switch (c.init) {
    case 'xavier_uniform':
      tex.push(
        `W \\sim \\mathcal U(-a, a),\\quad a = g\\sqrt{\\tfrac{6}{n_\\text{in}+n_\\text{out}}} = ${gStr}\\sqrt{\\tfrac{6}{${fans}}} = ${n(spec.bound!)}`,
      );
      break;
    case 'xavier_normal':
      tex.push(
        `W \\sim \\mathcal N(0, \\sigma^2),\\quad \\sigma = g\\sqrt{\\tfrac{2}{n_\\text{in}+n_\\text{out}}} = ${gStr}\\sqrt{\\tfrac{2}{${fans}}} = ${n(spec.std!)}`,
      );
      break;
    case 'kaiming_uniform':
    case 'kaiming_normal': {
      const fan = c.mode === 'fan_out' ? fanOut : fanIn;
      const fanTex = c.mode === 'fan_out' ? 'n_\\text{out}' : 'n_\\text{in}';
      tex.push(
        c.init === 'kaiming_uniform'
          ? `W \\sim \\mathcal U(-b, b),\\quad b = g\\sqrt{\\tfrac{3}{${fanTex}}} = ${gStr}\\sqrt{\\tfrac{3}{${fan}}} = ${n(spec.bound!)}`
          : `W \\sim \\mathcal N(0, \\sigma^2),\\quad \\sigma = \\tfrac{g}{\\sqrt{${fanTex}}} = \\tfrac{${gStr}}{\\sqrt{${fan}}} = ${n(spec.std!)}`,
      );
      if (c.gain === 'auto')
        tex.push(`g = \\text{calculate\\_gain}(\\text{${c.act.replace('_', '\\_')}}) = ${gStr}`);
      break;
    }
    case 'torch_default':
      tex.push(
        `W \\sim \\mathcal U(-b, b),\\quad b = \\tfrac{1}{\\sqrt{n_\\text{in}}} = \\tfrac{1}{\\sqrt{${fanIn}}} = ${n(spec.bound!)}`,
      );
      break;
    case 'lecun_normal':
      tex.push(
        `W \\sim \\mathcal N(0, \\sigma^2),\\quad \\sigma = \\tfrac{1}{\\sqrt{n_\\text{in}}} = \\tfrac{1}{\\sqrt{${fanIn}}} = ${n(spec.std!)}`,
      );
      break;
    case 'normal':
      tex.push(`W \\sim \\mathcal N(0, \\sigma^2),\\quad \\sigma = ${n(c.std)}`);
      break;
    case 'uniform':
      tex.push(`W \\sim \\mathcal U(-a, a),\\quad a = ${n(c.a)}`);
      break;
    case 'zeros':
      tex.push('W = 0');
      break;
    case 'constant':
      tex.push(`W_{ij} = ${n(c.value)}`);
      break;
    case 'orthogonal':
    case 'lsuv':
      tex.push(`W = g\\,Q,\\quad QQ^\\top = I,\\quad g = ${gStr}`);
      if (c.init === 'lsuv')
        tex.push(
          '\\text{then per layer: } W^\\ell \\leftarrow W^\\ell / \\operatorname{std}(z^\\ell),\\quad \\text{until } \\operatorname{Var}(z^\\ell) = 1',
        );
      break;
    case 'sparse':
      tex.push(
        `W_{ij} = 0 \\text{ for } ${spec.zerosPerColumn} \\text{ of } ${fanOut} \\text{ per column},\\quad \\text{else } \\mathcal N(0, ${n(c.std)}^2)`,
      );
      break;
  }
  const sw2 = fanIn * spec.weightVar;
  if (spec.weightVar > 0) tex.push(`\\sigma_w^2 = n_\\text{in}\\,\\operatorname{Var}(W) = ${n(sw2)}`);
  const layers = layerContent(c, sw2, extras.arch ?? null, extras.measured ?? null);
  tex.push(...layers.tex);
  return { tex, why: [...layers.why, ...whyText(c, sw2, chi ?? null)], where };
}

/** A line's clauses (split at `,\quad`): each is typeset on its own, so a narrow screen wraps between them. */
export function texClauses(tex: string): string[] {
  const parts = tex.split(',\\quad ').filter((t) => t.length > 0);
  return parts.map((t, i) => (i < parts.length - 1 ? `${t},` : t));
}

function whyText(c: RunConfig, sw2: number, chi: number | null): string[] {
  const why: string[] = [];
  const L = c.depth;
  const act = exactActFactor(c.act, c.slope);
  if (c.init === 'zeros' || c.init === 'constant') {
    why.push(
      'Symmetry: every unit of a layer starts with the same weights, so all compute the same output and receive the same gradient. They stay identical forever — a layer of N units trains like one unit.',
    );
    if (c.init === 'zeros')
      why.push(
        'With all-zero weights the gradient reaching the hidden layers is zero as well: nothing but the last biases learns.',
      );
    return why;
  }
  // The plain MLP's per-layer factor; normalized and residual networks get layerContent's account instead.
  const plain = c.norm === 'none' && c.res === 0;
  if (plain && act !== null) {
    const factor = sw2 * act;
    const total = factor ** L;
    why.push(
      `Each ${c.act === 'linear' ? 'linear' : c.act === 'relu' ? 'ReLU' : 'leaky ReLU'} layer multiplies the signal's variance by σ_w²·${n(act)} = ${n(factor)}; after ${L} layers that is ${n(factor)}^${L} = ${n(total)} (std ×${n(Math.sqrt(total))}).`,
    );
    if (factor < 0.9)
      why.push(
        'Below 1: the forward signal and the gradients vanish with depth, and the early layers barely learn.',
      );
    else if (factor > 1.1)
      why.push(
        'Above 1: the signal explodes with depth; large activations overflow to inf/NaN (the source article’s std = 1 example hit inf on the first batch).',
      );
    else why.push('About 1: the variance is preserved layer after layer, so depth is no obstacle at init.');
  } else if (plain && chi !== null && Number.isFinite(chi)) {
    why.push(
      `Mean-field theory: each layer multiplies the gradient's variance by χ₁ = ${n(chi)} at the fixed point (${chi < 0.95 ? 'below 1: vanishing' : chi > 1.05 ? 'above 1: exploding, chaotic' : 'about 1: the edge of chaos, trainable at depth'}).`,
    );
  }
  // Each initializer's design story is about a plain stack; a norm or a residual stream changes it (above).
  if (!plain) return why;
  switch (c.init) {
    case 'xavier_uniform':
    case 'xavier_normal':
      why.push(
        c.act === 'tanh' || c.act === 'sigmoid' || c.act === 'linear'
          ? 'Xavier/Glorot keeps the variance in the near-linear regime of tanh and sigmoid, averaging fan_in and fan_out so forward and backward are both roughly preserved.'
          : 'Xavier/Glorot was derived for activations that are linear near 0. ReLU zeroes half its inputs, so about half the variance is lost per layer: Kaiming’s factor 2 fixes that.',
      );
      break;
    case 'kaiming_uniform':
    case 'kaiming_normal':
      why.push(
        c.mode === 'fan_in'
          ? 'Kaiming/He with fan_in keeps the forward activations’ variance constant (gain √2 for ReLU makes up for the half it zeroes); recommended for ReLU nets beyond ~20 layers.'
          : 'fan_out keeps the backward gradients’ variance constant instead of the forward signal’s — the choice for transposed convolutions and generators. With equal widths the two agree.',
      );
      break;
    case 'torch_default':
      why.push(
        'PyTorch’s nn.Linear default is kaiming_uniform with a = √5, i.e. U(±1/√fan_in): σ_w² = 1/3. With ReLU each layer keeps 1/6 of the variance, so deep default-initialized MLPs vanish.',
      );
      break;
    case 'normal':
    case 'uniform':
      why.push(
        'A fixed scale ignores the layer width: σ_w² grows with fan_in. Wide layers with std = 1 explode; std = 0.01 vanishes in a few layers.',
      );
      break;
    case 'orthogonal':
      why.push(
        'Orthogonal matrices preserve the norm of every vector exactly, not just on average: with tanh near the edge of chaos this gives dynamical isometry, well-conditioned at any depth.',
      );
      break;
    case 'lsuv':
      why.push(
        'LSUV starts orthogonal, then rescales each layer on a real batch until its pre-activations have unit variance — whatever the activation.',
      );
      break;
    case 'lecun_normal':
      why.push(
        'LeCun normal (σ_w² = 1) suits SELU, whose self-normalizing fixed point assumes it; with ReLU it halves the variance per layer.',
      );
      break;
    case 'sparse':
      why.push(
        'Sparse init zeroes a fraction of each column and draws the rest from N(0, std²); the effective σ_w² shrinks by the kept fraction.',
      );
      break;
  }
  const gainNote = calculateGain(c.act, c.slope);
  if ((c.init === 'xavier_normal' || c.init === 'xavier_uniform') && c.gain === 'auto' && c.act === 'tanh')
    why.push(
      `Tip: calculate_gain('tanh') = ${n(gainNote)}; passing it as the gain pushes tanh nets into their chaotic phase.`,
    );
  return why;
}
