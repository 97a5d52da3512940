// The prediction for networks beyond the plain MLP — normalized layers or residual blocks — in the same
// TheoryResult shape as the plain one, with what these networks add in `summary.arch` and the notes.
import type { RunConfig } from '../config';
import { activationMoments } from './moments';
import { normalizedField } from './normalized';
import { depthScale, regimeOf } from './regime';
import { residualField } from './residual';
import type { TheoryResult } from './types';
import { layerVariance } from './variance';

function round(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

export function architectureField(
  config: RunConfig,
  dims: readonly number[],
  inputMeanSq: number,
): TheoryResult {
  const moments = activationMoments(config.act, config.slope);
  const N = dims[1];
  const spec = layerVariance(config, N, N);
  const sigmaB2 = spec.biasVar + spec.biasMean * spec.biasMean;
  const normName = config.norm === 'batch' ? 'BatchNorm' : 'LayerNorm';
  const notes: string[] = [];

  if (config.res === 1) {
    const r = residualField(config, dims, inputMeanSq, moments);
    const first = r.layers[0].streamStd ?? Number.NaN;
    const last = r.layers.at(-1)?.streamStd ?? Number.NaN;
    if (config.rezero === 1)
      notes.push(
        'ReZero: every block starts with α = 0, so it adds nothing at init — the stream stays at layer 1’s output through every block, and no block’s weights receive a gradient until α moves.',
      );
    else if (config.norm === 'none')
      notes.push(
        `Residual stream without normalization: every block adds its branch’s variance to the stream, and the branch sees the whole stream, so the variance grows geometrically (here ×${round(r.streamGrowth)} at the last block).`,
      );
    else
      notes.push(
        `Pre-norm residual blocks: ${normName} hands each branch a unit-variance input, so each block adds about the same variance: the stream grows linearly with depth, not geometrically.`,
      );
    notes.push(
      'The gradient profile of a residual network is not predicted: the gradient on the stream at a unit is correlated with that unit’s own earlier activations, which mean-field theory’s independence assumption leaves out. Compare the measured one.',
    );
    return {
      layers: r.layers,
      summary: {
        sigmaW2: r.layers[Math.min(1, r.layers.length - 1)].sigmaW2,
        sigmaB2,
        qStar: null,
        chi1: Number.NaN,
        xiC: Number.NaN,
        trainableDepth: Number.NaN,
        regime: null,
        arch: {
          kind: 'residual',
          gradFactor: null,
          streamGrowth: r.streamGrowth,
          streamStdFirst: first,
          streamStdLast: last,
        },
        notes,
      },
    };
  }

  const r = normalizedField(config, dims, inputMeanSq, moments);
  const { chi1, xiC } = depthScale(r.chi1);
  notes.push(
    `${normName} with γ = 1 and β = 0 at init: every layer’s output u has mean 0 and variance 1 whatever the weights’ scale, so the forward signal is pinned at the same fixed point in every layer.`,
  );
  if (config.norm === 'batch')
    notes.push(
      `The gradient factor is BatchNorm’s at init in the limit of a large batch (Yang et al. 2019): E[φ′(u)²]/Var(φ(u)) per layer, which no σ_w removes (ReLU: π/(π − 1), ×${round(Math.sqrt(r.chi1))} in std per layer). A finite batch and finite width change it by a few per cent per layer: compare the measured profile.`,
    );
  return {
    layers: r.layers,
    summary: {
      sigmaW2: r.layers[Math.min(1, r.layers.length - 1)].sigmaW2,
      sigmaB2,
      qStar: r.qStar,
      chi1,
      xiC,
      trainableDepth: 6 * xiC,
      regime: regimeOf(chi1),
      arch: {
        kind: 'normalized',
        gradFactor: Math.sqrt(chi1),
        streamGrowth: null,
        streamStdFirst: null,
        streamStdLast: null,
      },
      notes,
    },
  };
}
