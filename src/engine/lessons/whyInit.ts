// Lesson 1, the article's argument (docs/MATH.md#teaching-points): why not zeros, why the variance matters,
// Xavier for tanh, Kaiming for ReLU, what PyTorch does by default, and the article's own MLP.
import type { Lesson } from './types';

export const whyInitialization: Lesson = {
  name: 'why-initialization',
  title: 'Why initialization matters',
  summary: 'From all-zero weights to Kaiming: symmetry, explosion, vanishing, and the variance rule.',
  steps: [
    {
      preset: 'zeros',
      title: 'All zeros',
      text:
        'The simplest start: every weight is 0. Press play and watch the depth profile stay flat at nothing ' +
        'and the loss stay at chance. With identical weights every unit computes the same thing and gets ' +
        'the same gradient; with ReLU that thing is 0, so no hidden weight ever changes.',
    },
    {
      preset: 'constant',
      title: 'A constant is no better',
      text:
        'Every weight 0.1 instead of 0. Now the network does train — but the layer table shows the ' +
        'weight std of layers 2–4 stays at 0: inside each layer all weights are still equal, so each layer ' +
        'acts like a single unit. Randomness is what lets units become different.',
    },
    {
      preset: 'normal-std-1',
      title: 'Random, but too large',
      text:
        'Random weights with std 1. In a 256-wide layer each unit adds up 256 such terms, so the signal ' +
        'grows about 11× per layer (see the depth profile’s slope). The loss starts huge, and after the ' +
        'first update values overflow: watch for the inf/NaN banner.',
    },
    {
      preset: 'normal-0.01-deep',
      title: 'Random, but too small',
      text:
        'Now std 0.01 in a 10-layer tanh net. Each layer multiplies the signal by about 0.08, so the last ' +
        'layers see almost nothing and the first layers get almost no gradient. The loss does not move: ' +
        'the signal vanished.',
    },
    {
      preset: 'xavier-tanh',
      title: 'Just right for tanh: Xavier',
      text:
        'The rule behind every good initializer: choose Var(W) so that each layer keeps the variance. For ' +
        'tanh, Xavier’s Var(W) = 2/(fan_in + fan_out) does it. The depth profile is nearly flat, and the ' +
        'loss falls.',
    },
    {
      preset: 'xavier-relu-50',
      title: 'Xavier with ReLU, 50 layers',
      text:
        'Keep Xavier but switch to ReLU, 50 layers deep. ReLU zeroes half of its inputs, so each layer halves ' +
        'the variance: the depth profile is a straight line down on the log scale, to about 10⁻⁸ at the ' +
        'last layer. Press play: even with Adam the loss stays at chance.',
    },
    {
      preset: 'kaiming-relu-50',
      title: 'Kaiming fixes ReLU',
      text:
        'Kaiming doubles the variance (Var(W) = 2/fan_in) to make up for ReLU’s halving. Same 50 layers, and ' +
        'now activations and gradients keep their size from the first layer to the last, and the loss falls.',
    },
    {
      preset: 'torch-default',
      title: 'What PyTorch does if you do nothing',
      text:
        'nn.Linear’s default, U(±1/√fan_in), has a sixth of the variance ReLU needs. The gradient shrinks ' +
        'by about 0.41 per layer going back — harmless in a 3-layer net, crippling in a deep one. ' +
        'Initialize deep networks explicitly.',
    },
    {
      preset: 'fashion-mlp',
      title: 'The article’s network',
      text:
        'The source article’s 784-256-10 MLP on Fashion-MNIST, Kaiming against Xavier. With one hidden layer ' +
        'both train well and nearly alike: initialization decides most when the network is deep. Try ' +
        'depth 10 to see the curves part.',
    },
  ],
};
