// Lesson 3: the edge of chaos, measured — the phase diagram (theory), the trainability map (real training
// over σ_w² × depth) and the Jacobian spectrum, on Schoenholz et al.'s tanh setting (σ_b² = 0.05).
import { all, checkAt } from '../presets/claim';
import { firstOverLast, fmt, gradStd } from '../presets/measure';
import type { Lesson } from './types';

const gradRatio = (lo: number, hi: number) =>
  checkAt(0, ([r]) => {
    const g = firstOverLast(r, gradStd);
    return all([[g > lo && g < hi, `grad std first/last ${fmt(g)}`]]);
  });

export const edgeMeasuredLesson: Lesson = {
  name: 'edge-of-chaos-measured',
  title: 'Edge of chaos, measured',
  summary:
    'Phase diagram, trainability map and Jacobian spectrum: where theory says deep networks train, and whether they do.',
  steps: [
    {
      preset: 'map-tanh',
      title: 'The phase diagram',
      text:
        'The phase diagram is theory: for every weight variance σ_w² and bias variance σ_b², mean-field theory ' +
        'predicts χ₁, the factor by which each tanh layer scales gradients. Blue is ordered (χ₁ < 1), red chaotic ' +
        '(χ₁ > 1), the black line χ₁ = 1. The dot is this network: σ_w² = 1.76, σ_b² = 0.05, on the line. Its ' +
        'depth profile shows gradients that neither vanish nor explode over 20 layers.',
    },
    {
      preset: 'map-tanh',
      config: { gain: Math.sqrt(1.2) },
      title: 'Ordered: σ_w² = 1.2',
      text:
        'Move left into the blue (or click the diagram there). χ₁ ≈ 0.85: every layer shrinks the gradient ' +
        'variance, and the correlation between any two inputs creeps towards 1 over ξ_c ≈ 6 layers — deeper ' +
        'layers see nearly the same signal for every input, so there is little left to learn from.',
      claim: {
        text: 'The first layer’s gradient std is below 30 % of the last layer’s (20 layers, σ_w² = 1.2).',
        steps: 0,
        check: gradRatio(0, 0.3),
      },
    },
    {
      preset: 'map-tanh',
      config: { gain: Math.sqrt(3) },
      title: 'Chaotic: σ_w² = 3',
      text:
        'Now right into the red. χ₁ ≈ 1.2: gradients grow towards the input, and two nearby inputs drift apart ' +
        'until they are unrelated (their correlation falls to c* < 1 over ξ_c ≈ 9 layers). The contours on the ' +
        'diagram are ξ_c: it is largest along the critical line and falls off on both sides.',
      claim: {
        text: 'The first layer’s gradient std is more than 2.5× the last layer’s (20 layers, σ_w² = 3).',
        steps: 0,
        check: gradRatio(2.5, 1e9),
      },
    },
    {
      preset: 'map-tanh',
      title: 'The trainability map',
      text:
        'The map trains the same network for real at every σ_w² and depth of the grid, one cell after another, ' +
        'and colours each by its training accuracy. The red lines are theory: ξ_c (solid) and 6 ξ_c (dashed). ' +
        'Far from the critical line only shallow networks train; near it the band reaches the deepest row. ' +
        'Click a cell to open that network below.',
    },
    {
      preset: 'orthogonal-tanh',
      title: 'The Jacobian spectrum',
      text:
        'Average gradient size is not the whole story. The spectrum panel shows all singular values of the ' +
        'Jacobian from the input to the last hidden layer. With orthogonal weights at σ_w = 1 they stay close ' +
        'together (dynamical isometry); switch weights to Xavier normal and the same 50 layers spread them ' +
        'over orders of magnitude, though the mean square — theory’s dashed line — is the same.',
    },
    {
      preset: 'map-relu',
      title: 'ReLU',
      text:
        'For ReLU, χ₁ = σ_w²/2 whatever the bias: the critical line is the vertical σ_w² = 2, Kaiming ' +
        'initialization. Above it there is no chaotic fixed point — the signal just grows — and below it ' +
        'everything fades. The map shows the trainable band narrowing onto σ_w² = 2 with depth.',
    },
  ],
};
