// Lesson 3, normalization and skip connections (docs/LAYERS.md, docs/MATH.md#normalization-and-residual-blocks):
// a tiny init vanishes, BatchNorm rescues it, BatchNorm's gradients still grow at init, residual blocks
// add up variance, and pre-LN or ReZero keep 100 blocks trainable. Steps reuse the presets of
// presets/normalization.ts; the first has a claim of its own (one run of the compare preset).
import { all, checkAt } from '../presets/claim';
import { fmt, lastOverFirst, actStd } from '../presets/measure';
import type { Lesson } from './types';

export const normalizationLesson: Lesson = {
  name: 'normalization',
  title: 'Normalization and skip connections',
  summary: 'BatchNorm, LayerNorm, residual blocks and ReZero: what each does to the signal at init.',
  steps: [
    {
      preset: 'batchnorm-rescue',
      compare: [],
      label: 'no norm',
      title: 'A tiny init vanishes',
      text:
        'A 20-layer ReLU network with weights from normal(0, 0.01). With 64 inputs per unit each layer keeps ' +
        '64 · 0.01² · ½ = 0.0032 of the variance, so the depth profile falls in a straight line on its log ' +
        'scale, to an activation std of about 10⁻²⁶ at the top. Press play: the loss stays at chance.',
      claim: {
        text: 'At initialization the last hidden layer’s activation std is below 10⁻²⁰ of the first’s.',
        steps: 0,
        check: checkAt(0, ([r]) => {
          const a = lastOverFirst(r, actStd);
          return all([[a < 1e-20, `act std last/first ${fmt(a)}`]]);
        }),
      },
    },
    {
      preset: 'batchnorm-rescue',
      title: 'BatchNorm pins the signal',
      text:
        'The same network with BatchNorm after every Linear layer (weight γ = 1, bias β = 0 at init, as the ' +
        'source article initializes it). Each unit is standardized over the batch before ReLU, so every ' +
        'layer’s output has the same size whatever the weights’ scale: the BatchNorm run’s profile is flat. ' +
        'The formula card shows the fixed point; the loss now falls.',
    },
    {
      preset: 'batchnorm-gradient-growth',
      title: 'But BatchNorm’s gradients grow',
      text:
        'Now look backward. At init a BatchNorm network’s gradient grows at every layer on its way to the ' +
        'input — about ×1.19 per layer here, ×160 over 30 layers — because BatchNorm divides by each unit’s ' +
        'std over the batch, which is smaller than its size once the mean is removed. No choice of σ_w ' +
        'changes this. LayerNorm, in the compare run, normalizes each sample instead, and its gradients ' +
        'stay flat.',
    },
    {
      preset: 'residual-explodes-50',
      title: 'Residual blocks add up variance',
      text:
        'Skip connections: each block adds its branch to a stream, x ← x + W·ReLU(x). With Kaiming weights ' +
        'every branch is as large as the stream it reads, so the variance doubles per block — a green stream ' +
        'line rising ×1.4 per layer to 10⁸ — and training breaks on the first step.',
    },
    {
      preset: 'pre-ln-rezero-100',
      title: 'Pre-LN and ReZero: 100 blocks',
      text:
        'Two fixes, 100 blocks deep. Pre-LN normalizes what each branch reads, so each block adds the same ' +
        'amount of variance: the stream grows like √ℓ, not 2^ℓ. ReZero scales each branch by α = 0 at init, ' +
        'so the network starts as its first layer plus the head and the stream is flat. Both train; the ' +
        'unnormalized stack does not.',
    },
  ],
};
