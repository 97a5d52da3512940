// Presets on signal size (docs/MATH.md#teaching-points): symmetry, explosion, vanishing, and the two fixes
// (Xavier for tanh, Kaiming for ReLU), plus what PyTorch does by default. Each claim is checked by
// presets.test.ts on the CPU engine and by e2e/presets.spec.ts on the page.
import { all, checkAt } from './claim';
import {
  actStd,
  firstOverLast,
  fmt,
  gradStd,
  hasNonFinite,
  lastOverFirst,
  perLayerFactor,
  spread,
  weightGradNorm,
  weightStd,
} from './measure';
import type { Preset } from './types';

const LN3 = Math.log(3);

/**
 * The 50-layer ReLU presets train with Adam (lr 0.001): with SGD + momentum at the default lr 0.05 even a
 * well-initialized 50-layer ReLU net collapses to dead units within 50 steps, which would hide the point.
 */
export const DEEP_RELU = {
  act: 'relu',
  depth: 50,
  width: 64,
  data: 'spiral',
  opt: 'adam',
  lr: 0.001,
} as const;

export const zeros: Preset = {
  name: 'zeros',
  title: 'All zeros: the symmetry trap',
  summary: 'Every unit starts identical, gets the same gradient, and stays identical.',
  explanation:
    'If every weight starts at zero, every unit of a layer computes the same value and receives the same ' +
    'gradient, so no number of steps can make them differ: a layer of 32 units is no better than one unit. ' +
    'With ReLU it is worse still: ReLU(0) = 0, so every hidden activation is exactly zero, no hidden weight ' +
    'ever receives a gradient, and only the output bias learns — the loss stays near ln 3 ≈ 1.10, chance ' +
    'level for three classes. Zero is a fine start for biases; weights need randomness to break the symmetry.',
  config: { init: 'zeros', act: 'relu', depth: 4, width: 32, data: 'spiral' },
  steps: 200,
  claim: {
    text: 'After 30 steps every hidden activation and every hidden weight is still exactly 0, no hidden weight has received a gradient, and the loss is still at chance (≥ 0.9 · ln 3).',
    steps: 30,
    check: checkAt(30, ([r]) =>
      all([
        [
          r.layers.every((l) => l.act.std === 0 && l.act.max === 0),
          `max |act std| ${fmt(Math.max(...r.layers.map(actStd)))}`,
        ],
        [
          r.layers.every((l) => weightStd(l) === 0),
          `max weight std ${fmt(Math.max(...r.layers.map(weightStd)))}`,
        ],
        [
          r.layers.every((l) => weightGradNorm(l) === 0),
          `max ‖∂L/∂W‖ ${fmt(Math.max(...r.layers.map(weightGradNorm)))}`,
        ],
        [r.loss >= 0.9 * LN3, `loss ${fmt(r.loss)} (ln 3 = ${fmt(LN3)})`],
      ]),
    ),
  },
};

export const constant: Preset = {
  name: 'constant',
  title: 'A constant: still symmetric',
  summary: 'Non-zero but identical weights train — as if each layer had a single unit.',
  explanation:
    'Starting every weight at 0.1 instead of 0 does not help. The units of a layer still see the same ' +
    'inputs through the same weights, so they compute the same value and receive the same gradient; the ' +
    'weights do change, but every weight of a hidden-to-hidden layer changes by the same amount and stays ' +
    'equal to all the others. The network trains, but as if each layer had one unit, so it cannot draw the ' +
    'spiral. (PyTorch uses constants for debugging or for special gates, never for ordinary weights.)',
  config: { init: 'constant', value: 0.1, act: 'tanh', depth: 4, width: 32, data: 'spiral' },
  steps: 200,
  claim: {
    text: 'After 30 steps the hidden-to-hidden weights have received gradients, yet within each of those layers all weights are still equal (weight std < 1e-6).',
    steps: 30,
    check: checkAt(30, ([r]) => {
      const inner = r.layers.slice(1);
      const maxStd = Math.max(...inner.map(weightStd));
      const minGrad = Math.min(...inner.map(weightGradNorm));
      return all([
        [maxStd < 1e-6, `largest weight std in layers 2–${r.layers.length}: ${fmt(maxStd)}`],
        [minGrad > 1e-6, `smallest ‖∂L/∂W‖ there: ${fmt(minGrad)}`],
      ]);
    }),
  },
};

export const normalStd1: Preset = {
  name: 'normal-std-1',
  title: 'normal(0, 1): explosion',
  summary: 'Unit-variance weights in wide layers multiply the signal at every layer.',
  explanation:
    'With W ~ N(0, 1) each unit sums 256 inputs with unit-variance weights, so the variance of z grows by ' +
    'a factor fan_in · Var(W) / 2 = 128 per ReLU layer (the ½ is ReLU zeroing half its inputs): the ' +
    'activation std grows about 11× per layer. After a few layers the logits are in the millions, the loss ' +
    'is astronomically large, and the first update throws the weights so far that values overflow to inf ' +
    'and NaN. The source article met exactly this: loss = inf on the first batch. Never use std = 1 for a ' +
    'wide layer; scale the variance by 1/fan.',
  config: { init: 'normal', std: 1, act: 'relu', depth: 6, width: 256, data: 'spiral' },
  steps: 20,
  claim: {
    text: 'At initialization the activation std grows more than 5× per layer and the loss is above 10⁴; within 5 steps some value overflows to inf or NaN.',
    steps: 5,
    check: (runs) => {
      const recs = runs[0] ?? [];
      const r0 = recs[0];
      if (r0?.step !== 0) return { ok: false, measured: 'no record of step 0' };
      const factor = perLayerFactor(r0, actStd);
      // `nonFinite` is sticky and says where the first inf/NaN appeared, even if records were skipped.
      const flagged = recs.find((r) => r.nonFinite)?.nonFinite?.step;
      const firstBad = flagged ?? recs.find(hasNonFinite)?.step;
      return all([
        [factor > 5, `activation std ×${fmt(factor)} per layer`],
        [!(r0.loss <= 1e4), `loss at step 0: ${fmt(r0.loss)}`],
        [
          firstBad !== undefined && firstBad <= 5,
          firstBad !== undefined ? `first non-finite value at step ${firstBad}` : 'no non-finite value seen',
        ],
      ]);
    },
  },
};

export const normalSmallDeep: Preset = {
  name: 'normal-0.01-deep',
  title: 'normal(0, 0.01), deep: vanishing',
  summary: 'Tiny weights shrink the signal at every layer until nothing is left.',
  explanation:
    'normal(0, 0.01) looks harmless, and in a shallow net it trains. But each tanh layer multiplies the ' +
    'signal by about √(fan_in) · 0.01 = 0.08 (tanh is nearly linear near 0), so ten layers scale it by ' +
    '0.08¹⁰ ≈ 10⁻¹¹. The backward pass multiplies by the same factor, so the gradients that reach the first ' +
    'layers are as small: the output layer sees a constant input, nothing upstream moves, and the loss ' +
    'stalls at chance level.',
  config: { init: 'normal', std: 0.01, act: 'tanh', depth: 10, width: 64, data: 'spiral' },
  steps: 300,
  claim: {
    text: 'At initialization the last hidden layer’s activation std is < 10⁻⁶ of the first’s and the first layer’s gradient std is < 10⁻⁶ of the last’s; after 100 steps the loss is still at chance (≥ 0.95 · ln 3).',
    steps: 100,
    check: (runs) => {
      const init = checkAt(0, ([r]) =>
        all([
          [lastOverFirst(r, actStd) < 1e-6, `act std last/first ${fmt(lastOverFirst(r, actStd))}`],
          [firstOverLast(r, gradStd) < 1e-6, `grad std first/last ${fmt(firstOverLast(r, gradStd))}`],
        ]),
      )(runs);
      const later = checkAt(100, ([r]) => all([[r.loss >= 0.95 * LN3, `loss at step 100: ${fmt(r.loss)}`]]))(
        runs,
      );
      return { ok: init.ok && later.ok, measured: `${init.measured}; ${later.measured}` };
    },
  },
};

export const xavierTanh: Preset = {
  name: 'xavier-tanh',
  title: 'Xavier + tanh: stable',
  summary: 'Var(W) = 2/(fan_in + fan_out) keeps a tanh network’s signal the same size.',
  explanation:
    'Glorot and Bengio chose Var(W) = 2/(fan_in + fan_out) so that, for an activation that is close to ' +
    'linear near zero like tanh, the variance of the activations going forward and of the gradients going ' +
    'backward stays about the same from layer to layer (fan_in keeps the forward pass, fan_out the backward ' +
    'pass; their average is a compromise). The depth profile is nearly flat, neither exploding nor ' +
    'vanishing, and the network trains. tanh squashes large values, so the signal slowly shrinks with depth ' +
    'rather than staying exactly constant.',
  config: { init: 'xavier_normal', act: 'tanh', depth: 10, width: 64, data: 'spiral' },
  steps: 500,
  claim: {
    text: 'At initialization the activation and gradient stds of all 10 layers are within a factor 5 of each other; after 300 steps the loss is below 80 % of its starting value.',
    steps: 300,
    check: (runs) => {
      const init = checkAt(0, ([r]) =>
        all([
          [spread(r, actStd) < 5, `act std max/min ${fmt(spread(r, actStd))}`],
          [spread(r, gradStd) < 5, `grad std max/min ${fmt(spread(r, gradStd))}`],
        ]),
      )(runs);
      const start = runs[0]?.[0]?.loss ?? Number.NaN;
      const later = checkAt(300, ([r]) =>
        all([[r.loss < 0.8 * start, `loss ${fmt(start)} → ${fmt(r.loss)} at step 300`]]),
      )(runs);
      return { ok: init.ok && later.ok, measured: `${init.measured}; ${later.measured}` };
    },
  },
};

export const xavierRelu50: Preset = {
  name: 'xavier-relu-50',
  title: 'Xavier + ReLU, depth 50: variance halves per layer',
  summary: 'Xavier was derived for tanh; ReLU zeroes half the signal, so each layer halves the variance.',
  explanation:
    'Xavier’s Var(W) = 2/(fan_in + fan_out) is 1/n when the layers have equal width n, which preserves the ' +
    'variance of a linear layer. ReLU sets the negative half of its inputs to zero, so E[ReLU(z)²] = ' +
    'Var(z)/2: each layer halves the variance and multiplies the std by 1/√2 ≈ 0.71. Over 50 layers that is ' +
    '2⁻²⁴·⁵ ≈ 4·10⁻⁸ in std, forward and backward alike. The last layers see almost nothing and the first ' +
    'layers receive almost no gradient, so the deep network does not train: ' +
    'even after 300 steps of Adam the loss stays at chance (ln 3 ≈ 1.10). Watch the solid lines lift ' +
    'off the dotted ones within a few steps: Adam moves every bias by about lr = 0.001 per step, and ' +
    'those biases, the same for every input, give the deep layers an std near 10⁻² that carries nothing ' +
    'about the data, which is why the loss does not move.',
  config: { ...DEEP_RELU, init: 'xavier_normal' },
  steps: 300,
  claim: {
    text: 'At initialization the last hidden layer’s activation std is < 10⁻⁵ of the first’s, and the first layer’s gradient std is < 10⁻⁵ of the last’s (theory: 2⁻²⁴·⁵ ≈ 4·10⁻⁸); after 100 steps the loss is still at chance (≥ 0.95 · ln 3).',
    steps: 100,
    check: (runs) => {
      const init = checkAt(0, ([r]) =>
        all([
          [lastOverFirst(r, actStd) < 1e-5, `act std last/first ${fmt(lastOverFirst(r, actStd))}`],
          [firstOverLast(r, gradStd) < 1e-5, `grad std first/last ${fmt(firstOverLast(r, gradStd))}`],
        ]),
      )(runs);
      const later = checkAt(100, ([r]) => all([[r.loss >= 0.95 * LN3, `loss at step 100: ${fmt(r.loss)}`]]))(
        runs,
      );
      return { ok: init.ok && later.ok, measured: `${init.measured}; ${later.measured}` };
    },
  },
};

export const kaimingRelu50: Preset = {
  name: 'kaiming-relu-50',
  title: 'Kaiming + ReLU, depth 50: stable',
  summary: 'Var(W) = 2/fan_in doubles Xavier’s variance to make up for ReLU’s halving.',
  explanation:
    'He et al. (2015) put the factor ReLU loses back in: Var(W) = 2/fan_in (gain √2). Each layer doubles ' +
    'the variance through the weights and ReLU halves it again, so the signal keeps its size through all 50 ' +
    'layers, forward and backward, and the same 50-layer network that Xavier left at chance trains. The ' +
    'source article recommends Kaiming for ReLU networks, especially past ' +
    'about 20 layers. Mean-field theory predicts a perfectly flat profile; a real network of 64-unit layers ' +
    'is a product of 50 finite random matrices, so its profile wanders: the ratio of the last layer’s std to ' +
    'the first’s depends on the seed (across seeds 1–20 it ranged from 0.1 to 3.4), where Xavier’s is 10⁻⁷ ' +
    'for every seed. Wider layers wander less.',
  config: { ...DEEP_RELU, init: 'kaiming_normal' },
  steps: 300,
  claim: {
    text: 'At initialization the last hidden layer’s activation std is within a factor 5 of the first’s, and the first layer’s gradient std within a factor 5 of the last’s (theory: equal); after 100 steps the loss is below 0.9 (chance: ln 3 ≈ 1.10).',
    steps: 100,
    check: (runs) => {
      const init = checkAt(0, ([r]) => {
        const a = lastOverFirst(r, actStd);
        const g = firstOverLast(r, gradStd);
        return all([
          [a > 1 / 5 && a < 5, `act std last/first ${fmt(a)}`],
          [g > 1 / 5 && g < 5, `grad std first/last ${fmt(g)}`],
        ]);
      })(runs);
      const later = checkAt(100, ([r]) => all([[r.loss < 0.9, `loss at step 100: ${fmt(r.loss)}`]]))(runs);
      return { ok: init.ok && later.ok, measured: `${init.measured}; ${later.measured}` };
    },
  },
};

export const torchDefault: Preset = {
  name: 'torch-default',
  title: 'PyTorch’s default for nn.Linear: 1/6 per layer with ReLU',
  summary: 'U(±1/√fan_in) has Var(W) = 1/(3·fan_in); with ReLU the variance falls 6× per layer.',
  explanation:
    'nn.Linear initializes its weights with kaiming_uniform(a = √5), which works out to U(±1/√fan_in): ' +
    'Var(W) = 1/(3·fan_in), a third of what keeps a linear layer stable and a sixth of what ReLU needs. ' +
    'So each ReLU layer multiplies the gradient variance by 1/6 (std by 1/√6 ≈ 0.41) on its way back. ' +
    'Forward, the variance also falls by 1/6 per layer until the random biases (also U(±1/√fan_in)) hold it ' +
    'at a small floor. For the 2–3 layer nets PyTorch users usually build this is harmless; for deep ones, ' +
    'initialize explicitly.',
  config: { init: 'torch_default', act: 'relu', depth: 10, width: 64, data: 'spiral' },
  steps: 300,
  claim: {
    text: 'At initialization the gradient std shrinks by a factor between 0.3 and 0.55 per layer on its way back (theory: 1/√6 ≈ 0.41), and the activation std of layer 2 is below half of layer 1’s.',
    steps: 0,
    check: checkAt(0, ([r]) => {
      const g = 1 / perLayerFactor(r, gradStd);
      const a = r.layers[1].act.std / r.layers[0].act.std;
      return all([
        [g > 0.3 && g < 0.55, `grad std ×${fmt(g)} per layer backward`],
        [a < 0.5, `act std layer 2 / layer 1 = ${fmt(a)}`],
      ]);
    }),
  },
};

export const SIGNAL_PRESETS: readonly Preset[] = [
  zeros,
  constant,
  normalStd1,
  normalSmallDeep,
  xavierTanh,
  xavierRelu50,
  kaimingRelu50,
  torchDefault,
];
