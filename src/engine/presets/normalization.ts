// Presets on normalization and skip connections (docs/LAYERS.md; theory in
// docs/MATH.md#normalization-and-residual-blocks): BatchNorm rescues a tiny init, yet its gradients grow at
// init; a residual stack without care explodes; pre-LayerNorm or ReZero keeps 100 blocks trainable. The
// numbers in the texts are what presets.test.ts measures on the CPU engine (seed 1), with the bands the
// claims check.
import { all, checkAt } from './claim';
import {
  actStd,
  factorBetween,
  fmt,
  gradStd,
  hasNonFinite,
  lastOverFirst,
  normStd,
  streamStd,
} from './measure';
import type { Preset } from './types';

const LN3 = Math.log(3);
const LN4 = Math.log(4);

export const batchNormRescue: Preset = {
  name: 'batchnorm-rescue',
  title: 'BatchNorm rescues normal(0, 0.01) at depth 20',
  summary: 'The same tiny init vanishes without BatchNorm and trains with it.',
  explanation:
    'normal(0, 0.01) in 64-unit ReLU layers gives σ_w² = 64 · 0.01² = 0.0064, so each layer keeps 0.0032 of ' +
    'the variance: the activation std falls about 18× per layer, to 10⁻²⁶ at layer 20, and the network sits ' +
    'at chance. BatchNorm (the source article’s remedy, with its weight γ = 1 and bias β = 0 at init) ' +
    'standardizes every unit over the batch before ReLU: u = (z − mean)/std. Whatever the weights’ scale, u ' +
    'has mean 0 and std 1, so every layer hands on a signal of the same size (ReLU of a unit Gaussian, std ' +
    '≈ 0.58) and the gradients are divided by the same small std on the way back. The tiny init no longer ' +
    'matters for the forward pass, and the same 20-layer network trains. BatchNorm makes training less ' +
    'sensitive to the init; it does not make the init irrelevant (see its gradient growth, next preset).',
  config: { init: 'normal', std: 0.01, act: 'relu', depth: 20, width: 64, data: 'spiral', norm: 'none' },
  label: 'no norm',
  compare: [{ label: 'BatchNorm', config: { norm: 'batch' } }],
  steps: 300,
  claim: {
    text: 'At initialization the last hidden layer’s activation std is below 10⁻²⁰ without BatchNorm and between 0.4 and 0.8 with it (its norm output’s std is 0.9–1 in every layer); after 100 steps the BatchNorm run’s loss is below 0.9 while the plain run is still at chance (≥ 0.95 · ln 3).',
    steps: 100,
    check: (runs) => {
      const init = checkAt(0, ([plain, bn]) => {
        if (!bn) return { ok: false, measured: 'needs the BatchNorm run' };
        const p = plain.layers.at(-1)!.act.std;
        const b = bn.layers.at(-1)!.act.std;
        const u = bn.layers.map(normStd);
        const [lo, hi] = [Math.min(...u), Math.max(...u)];
        return all([
          [p < 1e-20, `last act std without BatchNorm ${fmt(p)}`],
          [b > 0.4 && b < 0.8, `with BatchNorm ${fmt(b)}`],
          // Layer 1 normalizes a tiny z (std ≈ 0.01), where ε = 1e−5 takes a few per cent off u's std.
          [lo > 0.9 && hi < 1.01, `norm output std in [${fmt(lo)}, ${fmt(hi)}]`],
        ]);
      })(runs);
      const later = checkAt(100, ([plain, bn]) =>
        all([
          [bn.loss < 0.9, `loss at step 100: BatchNorm ${fmt(bn.loss)}`],
          [plain.loss >= 0.95 * LN3, `plain ${fmt(plain.loss)} (ln 3 = ${fmt(LN3)})`],
        ]),
      )(runs);
      return { ok: init.ok && later.ok, measured: `${init.measured}; ${later.measured}` };
    },
  },
};

export const batchNormGradients: Preset = {
  name: 'batchnorm-gradient-growth',
  title: 'BatchNorm’s gradients grow at init: depth 30',
  summary: 'Forward pinned, backward exploding: ×1.19 per layer, ×160 over 30 BatchNorm layers.',
  explanation:
    'BatchNorm pins the forward signal, but look at the gradients. Going back through a BatchNorm layer the ' +
    'gradient is divided by the std of that unit over the batch — and that std is smaller than the unit’s ' +
    'typical size, because BatchNorm first subtracts the batch mean, which for a ReLU input is large. Per ' +
    'layer the gradient variance is multiplied by E[φ′(u)²]/Var(φ(u)) = ½ / (½ − 1/(2π)) = π/(π − 1) ≈ 1.47, ' +
    'i.e. ×1.21 in std, whatever σ_w is (Yang et al. 2019, “A Mean Field Theory of Batch Normalization”, in ' +
    'the large-batch limit). Measured here at width 128 and batch 128: ×1.19 per layer from layer 30 back to ' +
    'layer 1, about ×160 in total (PyTorch at width 256, batch 256: ×1.19, ×141). LayerNorm, which ' +
    'normalizes each sample over its units instead, divides by the full second moment, and with ReLU its ' +
    'gradients stay flat. Deep BatchNorm networks in practice are residual, where the skip connections ' +
    'carry the gradient around each BatchNorm; in a plain BatchNorm stack like this one the first layers ' +
    'start with by far the largest gradients.',
  config: {
    init: 'kaiming_normal',
    act: 'relu',
    depth: 30,
    width: 128,
    batch: 128,
    data: 'probe',
    norm: 'batch',
  },
  label: 'BatchNorm',
  compare: [{ label: 'LayerNorm', config: { norm: 'layer' } }],
  steps: 100,
  claim: {
    text: 'At initialization, going back from layer 30 to layer 1, the gradient std grows ×1.15–1.25 per layer with BatchNorm (theory for a large batch: ×1.21), more than 50× in total, but changes by less than 3× in total with LayerNorm; every layer’s activation std is between 0.45 and 0.75 in both.',
    steps: 0,
    check: checkAt(0, ([bn, ln]) => {
      if (!ln) return { ok: false, measured: 'needs the LayerNorm run' };
      const L = bn.layers.length;
      const perLayer = 1 / factorBetween(bn, gradStd, 1, L);
      const total = 1 / lastOverFirst(bn, gradStd);
      const lnTotal = 1 / lastOverFirst(ln, gradStd);
      const acts = [...bn.layers.map(actStd), ...ln.layers.map(actStd)];
      const [lo, hi] = [Math.min(...acts), Math.max(...acts)];
      return all([
        [perLayer > 1.15 && perLayer < 1.25, `BatchNorm: grad std ×${fmt(perLayer)} per layer backward`],
        [total > 50, `×${fmt(total)} from layer ${L} to 1`],
        [lnTotal > 1 / 3 && lnTotal < 3, `LayerNorm: ×${fmt(lnTotal)} in total`],
        [lo > 0.45 && hi < 0.75, `activation std in [${fmt(lo)}, ${fmt(hi)}]`],
      ]);
    }),
  },
};

export const residualExplodes: Preset = {
  name: 'residual-explodes-50',
  title: 'A 50-layer residual stack without care explodes',
  summary: 'Kaiming + ReLU in residual blocks: the stream’s variance doubles per block.',
  explanation:
    'A residual block adds its branch to the stream: x ← x + W·ReLU(x). With Kaiming weights the branch ' +
    'keeps the size of what it reads, and it reads the whole stream, so each block adds about as much ' +
    'variance as the stream already has: the variance doubles per block and the std grows ×√2 ≈ 1.41. The ' +
    'variances add up — Var(x^ℓ) = Var(x^{ℓ−1}) + Var(z^ℓ), exactly, at init — and 49 blocks turn the first ' +
    'layer’s std of about 0.8 into about 10⁸ here (PyTorch, on random inputs: 0.83 → 3·10⁷). The logits are as large, the loss is in ' +
    'the millions, and the first update overflows to inf/NaN. Kaiming is right for a plain ReLU stack, where ' +
    'each layer replaces its input; in a residual stack each block adds to it, so something has to keep the ' +
    'branches small: a normalization in front of the branch, a scale that starts at 0 (ReZero), or weights ' +
    'scaled down with depth.',
  config: { init: 'kaiming_normal', act: 'relu', depth: 50, width: 64, data: 'spiral', res: 1 },
  steps: 20,
  claim: {
    text: 'At initialization the stream’s std grows from layer 1 to layer 50 by more than 10⁶, ×1.3–1.55 per block (theory: ×√2 ≈ 1.41 once deep); the loss at step 0 is above 10⁵; within 5 steps some value overflows to inf or NaN.',
    steps: 5,
    check: (runs) => {
      const recs = runs[0] ?? [];
      const r0 = recs[0];
      if (r0?.step !== 0) return { ok: false, measured: 'no record of step 0' };
      const L = r0.layers.length;
      const growth = lastOverFirst(r0, streamStd);
      const perBlock = factorBetween(r0, streamStd, 1, L);
      const flagged = recs.find((r) => r.nonFinite)?.nonFinite?.step;
      const firstBad = flagged ?? recs.find(hasNonFinite)?.step;
      return all([
        [
          growth > 1e6,
          `stream std ${fmt(r0.layers[0].stream?.std ?? Number.NaN)} → ${fmt(r0.layers[L - 1].stream?.std ?? Number.NaN)} (×${fmt(growth)})`,
        ],
        [perBlock > 1.3 && perBlock < 1.55, `×${fmt(perBlock)} per block`],
        [!(r0.loss <= 1e5), `loss at step 0: ${fmt(r0.loss)}`],
        [
          firstBad !== undefined && firstBad <= 5,
          firstBad !== undefined ? `first non-finite value at step ${firstBad}` : 'no non-finite value seen',
        ],
      ]);
    },
  },
};

export const deepResidualFixes: Preset = {
  name: 'pre-ln-rezero-100',
  title: 'Pre-LN or ReZero: 100 residual blocks train',
  summary: 'A norm in front of each branch, or a branch scale that starts at 0, tames the stream.',
  explanation:
    'The same Kaiming + ReLU network, a first layer and 100 residual blocks, three ways. Without care the ' +
    'stream’s variance doubles per block: its std reaches about 10¹⁴ at the top, and the loss stays above ' +
    '10¹⁰. Pre-LN puts a LayerNorm in front of each branch, x ← x + W·ReLU(LN(x)): the branch always ' +
    'reads a unit-variance input, so each block adds the same variance, σ_w² · E[ReLU(z)²] = 2 · ½ = 1, ' +
    'and the stream grows linearly, std ≈ √ℓ: about 10 at layer 101 instead of 10¹⁴. ReZero (Bachlechner ' +
    'et al. 2020) multiplies each branch by a trained scalar α that starts at 0: at init every block is ' +
    'the identity, the stream stays exactly at the first layer’s output, and the network starts as the ' +
    'first layer plus the head; the gradient reaches every α at once, and the blocks switch on as α ' +
    'moves. Both train within 20 Adam steps on four Gaussian blobs.',
  config: {
    init: 'kaiming_normal',
    act: 'relu',
    depth: 101,
    width: 32,
    batch: 32,
    data: 'gaussians',
    res: 1,
    norm: 'layer',
    opt: 'adam',
    lr: 0.001,
  },
  label: 'pre-LN',
  compare: [
    { label: 'ReZero', config: { norm: 'none', rezero: 1 } },
    { label: 'neither', config: { norm: 'none' } },
  ],
  steps: 200,
  claim: {
    text: 'At initialization the stream’s std grows from layer 1 to layer 101 by less than 25× with pre-LN (theory: linearly in variance, about +1 per block), stays exactly flat with ReZero, and grows more than 10¹⁰× with neither; after 20 steps of Adam the pre-LN and ReZero losses are below 0.6 (chance: ln 4 ≈ 1.39) while the third is still above 10⁶.',
    steps: 20,
    check: (runs) => {
      const init = checkAt(0, ([ln, rz, none]) => {
        if (!rz || !none) return { ok: false, measured: 'needs the ReZero and the plain runs' };
        const a = lastOverFirst(ln, streamStd);
        const b = lastOverFirst(rz, streamStd);
        const c = lastOverFirst(none, streamStd);
        return all([
          [a > 1 && a < 25, `stream std last/first: pre-LN ×${fmt(a)}`],
          [b === 1, `ReZero ×${fmt(b)}`],
          [c > 1e10, `neither ×${fmt(c)}`],
        ]);
      })(runs);
      const later = checkAt(20, ([ln, rz, none]) =>
        all([
          [ln.loss < 0.6 && rz.loss < 0.6, `loss at step 20: pre-LN ${fmt(ln.loss)}, ReZero ${fmt(rz.loss)}`],
          [!(none.loss <= 1e6), `neither ${fmt(none.loss)} (ln 4 = ${fmt(LN4)})`],
        ]),
      )(runs);
      return { ok: init.ok && later.ok, measured: `${init.measured}; ${later.measured}` };
    },
  },
};

export const NORMALIZATION_PRESETS: readonly Preset[] = [
  batchNormRescue,
  batchNormGradients,
  residualExplodes,
  deepResidualFixes,
];
