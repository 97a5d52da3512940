// Lesson 2, mean-field phases of tanh (docs/MATH.md#mean-field-theory): ordered (gradients vanish), critical
// (σ_w = 1), chaotic (gradients grow), PyTorch's tanh gain, and orthogonal weights at the critical point.
import { all, checkAt } from '../presets/claim';
import { actStd, firstOverLast, fmt, gradStd, lastOverFirst } from '../presets/measure';
import type { Lesson } from './types';

const gradBack = (lo: number, hi: number) =>
  checkAt(0, ([r]) => {
    const g = firstOverLast(r, gradStd);
    return all([[g > lo && g < hi, `grad std first/last ${fmt(g)}`]]);
  });

export const edgeOfChaosLesson: Lesson = {
  name: 'edge-of-chaos',
  title: 'The edge of chaos',
  summary: 'Ordered, critical, chaotic: how σ_w decides whether gradients survive 30 tanh layers.',
  steps: [
    {
      preset: 'edge-of-chaos',
      config: { gain: 0.8 },
      compare: [],
      label: 'σ_w = 0.8',
      title: 'Ordered: σ_w = 0.8',
      text:
        'A 30-layer tanh network with Var(W) = σ_w²/fan_in and no biases. Mean-field theory says each layer ' +
        'multiplies the gradient variance by χ₁ = σ_w² · E[tanh′(z)²]. At σ_w = 0.8, χ₁ ≈ 0.64: the ' +
        'gradient (dashed theory, solid measurement) falls by about 0.8 per layer, 10⁻³ over the depth.',
      claim: {
        text: 'The first layer’s gradient std is below 1 % of the last layer’s (theory ≈ 8·10⁻⁴).',
        steps: 0,
        check: gradBack(0, 0.01),
      },
    },
    {
      preset: 'edge-of-chaos',
      compare: [],
      label: 'σ_w = 1',
      title: 'Critical: σ_w = 1',
      text:
        'At σ_w = 1, χ₁ approaches 1: the edge of chaos. The signal still fades slowly (tanh squashes it), ' +
        'but only like a power of the depth, not exponentially: after 30 layers the gradient has lost a ' +
        'factor of about 6–10, not a thousand.',
      claim: {
        text: 'The first layer’s gradient std is between 5 % and 100 % of the last layer’s (theory ≈ 16 %).',
        steps: 0,
        check: gradBack(0.05, 1),
      },
    },
    {
      preset: 'edge-of-chaos',
      config: { gain: 1.5 },
      compare: [],
      label: 'σ_w = 1.5',
      title: 'Chaotic: σ_w = 1.5',
      text:
        'Past the edge, χ₁ ≈ 1.14 > 1: going back, the gradient grows at every layer, about 5× over 30 ' +
        'layers, and two nearby inputs end up with unrelated outputs — the chaotic phase. The forward ' +
        'activations settle at a fixed size instead of vanishing.',
      claim: {
        text: 'The first layer’s gradient std is more than 2.5× the last layer’s (theory ≈ 4.6×).',
        steps: 0,
        check: gradBack(2.5, 1e6),
      },
    },
    {
      preset: 'edge-of-chaos',
      title: 'Side by side',
      text:
        'Both runs together, from the same seed and data. The depth profile shows the two regimes at once: ' +
        'at σ_w = 1 the gradient drifts down gently, at 1.5 it climbs towards the input. Press play to see ' +
        'how each trains.',
    },
    {
      preset: 'edge-of-chaos',
      config: { gain: 'auto' },
      compare: [],
      label: 'gain 5/3',
      title: 'PyTorch’s tanh gain, 5/3',
      text:
        "calculate_gain('tanh') = 5/3 keeps the forward variance near 1 (fixed point q* ≈ 1.18), so the " +
        'activations hold their size. But that is in the chaotic phase, χ₁ ≈ 1.21: over 30 layers the ' +
        'gradient grows more than 10×. Fine for a few layers; for very deep tanh nets stay close to σ_w = 1.',
      claim: {
        text: 'The last layer’s activation std is within a factor 2 of the first’s, while the first layer’s gradient std is more than 4× the last’s (theory ≈ 12×).',
        steps: 0,
        check: checkAt(0, ([r]) => {
          const a = lastOverFirst(r, actStd);
          const g = firstOverLast(r, gradStd);
          return all([
            [a > 0.5 && a < 2, `act std last/first ${fmt(a)}`],
            [g > 4, `grad std first/last ${fmt(g)}`],
          ]);
        }),
      },
    },
    {
      preset: 'orthogonal-tanh',
      title: 'Orthogonal weights at the edge',
      text:
        'At σ_w = 1, replace the Gaussian matrices by orthogonal ones. Orthogonal matrices keep every ' +
        'vector’s length, so the layer-to-layer noise of the Gaussian run disappears: all directions pass ' +
        'through 50 layers alike (dynamical isometry), which is what lets very deep networks train fast.',
    },
  ],
};
