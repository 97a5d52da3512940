// Presets of the signal-propagation lab: they open the trainability map (view=map) next to the phase
// diagram, for tanh at Schoenholz et al.'s σ_b² = 0.05 and for ReLU. The explorer's own run is the
// network on the critical line, and the claim checks what the phase diagram says about it.
import { all, checkAt } from './claim';
import { firstOverLast, fmt, gradStd } from './measure';
import type { Preset } from './types';

/** The map's task: small enough for the CPU engine in a browser, hard enough to need depth to be usable. */
const MAP_TASK = { width: 32, batch: 32, data: 'circles', opt: 'sgd', lr: 0.01, depth: 20 } as const;

const gradWithin = (lo: number, hi: number) =>
  checkAt(0, ([r]) => {
    const g = firstOverLast(r, gradStd);
    return all([[g > lo && g < hi, `grad std first/last ${fmt(g)}`]]);
  });

export const mapTanh: Preset = {
  name: 'map-tanh',
  title: 'Trainability map: tanh, σ_b² = 0.05',
  summary:
    'Train a grid of tanh networks over σ_w² and depth: only a band around the critical line trains deep.',
  explanation:
    'Schoenholz et al. (2017) trained tanh networks with bias variance σ_b² = 0.05 at many weight variances ' +
    'σ_w² and depths, and found they train only down to about 6 ξ_c layers, where ξ_c is the depth over which ' +
    'mean-field theory says two inputs become indistinguishable (ordered side) or unrelated (chaotic side). ' +
    'At the critical σ_w² ≈ 1.76 ξ_c diverges and the trainable band reaches the deepest networks. This map ' +
    'trains every cell for real in your browser; the explorer below shows the network on the critical line.',
  config: {
    ...MAP_TASK,
    act: 'tanh',
    init: 'kaiming_normal',
    mode: 'fan_in',
    gain: Math.sqrt(1.76),
    bias: 'normal',
    bstd: Math.sqrt(0.05),
  },
  view: 'map',
  map: { sw2: '1:4:13', depths: '4,8,12,16,24,32,48', steps: 300, metric: 'accuracy' },
  steps: 0,
  claim: {
    text: 'On the critical line (σ_w² = 1.76, σ_b² = 0.05) the first layer’s gradient std is within a factor 3 of the last layer’s, 20 layers down.',
    steps: 0,
    check: gradWithin(1 / 3, 3),
  },
};

export const mapRelu: Preset = {
  name: 'map-relu',
  title: 'Trainability map: ReLU',
  summary: 'ReLU’s critical line is σ_w² = 2 (Kaiming) for any bias; above it the signal explodes.',
  explanation:
    'For ReLU, χ₁ = σ_w²/2 whatever the bias variance, so the critical line is the vertical σ_w² = 2 — ' +
    'Kaiming initialization. Below it signals and gradients shrink by χ₁ per layer; above it they grow ' +
    'without bound (there is no chaotic fixed point: ReLU is unbounded). The map shows the trainable band ' +
    'narrowing onto σ_w² = 2 as the networks get deeper; the explorer shows the Kaiming network.',
  config: {
    ...MAP_TASK,
    act: 'relu',
    init: 'kaiming_normal',
    mode: 'fan_in',
    gain: Math.SQRT2,
    bias: 'normal',
    bstd: Math.sqrt(0.05),
  },
  view: 'map',
  map: { sw2: '1:3:11', depths: '4,8,12,16,24,32,48', steps: 300, metric: 'accuracy' },
  steps: 0,
  claim: {
    text: 'With σ_w² = 2 (Kaiming) the first layer’s gradient std is within a factor 3 of the last layer’s, 20 layers down.',
    steps: 0,
    check: gradWithin(1 / 3, 3),
  },
};

export const LAB_PRESETS: readonly Preset[] = [mapTanh, mapRelu];
