// The batched map trainer's kernel specs: WGSL composed from src/shaders/grid_*.wgsl with the run's
// constants (activation, classes, loss, optimizer) in front, as the single-network builders do.
import { ADAM, type RunConfig } from '../../engine/config';
import type { KernelSpec } from '../kernel';
import { activationSnippet, composeWgsl, wgslConstants } from '../wgsl';
import common from '../../shaders/grid_common.wgsl?raw';
import forwardSrc from '../../shaders/grid_forward.wgsl?raw';
import gatherSrc from '../../shaders/grid_gather.wgsl?raw';
import inputGradSrc from '../../shaders/grid_input_grad.wgsl?raw';
import lossSrc from '../../shaders/grid_loss.wgsl?raw';
import updateSrc from '../../shaders/grid_update.wgsl?raw';
import weightGradSrc from '../../shaders/grid_weight_grad.wgsl?raw';

/** Threads per workgroup of every grid kernel (one item each). */
export const GRID_WG = 64;

const WG = { WG: { u32: GRID_WG } } as const;

/** The input gradient reads δ and W as vec4 where fan_in and fan_out are multiples of 4. */
export const vecLayer = (fanIn: number, fanOut: number) => fanIn % 4 === 0 && fanOut % 4 === 0;

/** `train` false: the evaluation's forward, which stores no φ′. */
export function gridForwardKernel(config: RunConfig, head: boolean, train = true): KernelSpec {
  return {
    label: head ? 'grid-head' : `grid-forward-${config.act}${train ? '' : '-eval'}`,
    code: composeWgsl(
      wgslConstants({ ...WG, HEAD: { bool: head }, DPHI: { bool: train && !head } }),
      activationSnippet(config.act, config.slope),
      common,
      forwardSrc,
    ),
    bindings: ['uniform', 'read-only-storage', 'storage', 'read-only-storage'],
  };
}

export function gridLossKernel(config: RunConfig, classes: number, evaluate: boolean): KernelSpec {
  return {
    label: evaluate ? 'grid-eval-loss' : 'grid-loss',
    code: composeWgsl(
      wgslConstants({
        ...WG,
        CLASSES: { u32: classes },
        CE: { bool: config.loss === 'ce' },
        EVAL: { bool: evaluate },
      }),
      common,
      lossSrc,
    ),
    bindings: [
      'uniform',
      'storage',
      'read-only-storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
    ],
  };
}

const OPT_ID = { sgd: 0, momentum: 1, adam: 2 } as const;

/** The weight gradient, with the optimizer's update of every parameter it sums (grid_update.wgsl). */
export function gridWeightGradKernel(config: RunConfig): KernelSpec {
  return {
    label: `grid-weight-grad-${config.opt}`,
    code: composeWgsl(
      wgslConstants({
        ...WG,
        OPT: { u32: OPT_ID[config.opt] },
        LR: { f32: config.lr },
        MOMENTUM: { f32: config.momentum },
        BETA1: { f32: ADAM.beta1 },
        BETA2: { f32: ADAM.beta2 },
        EPS: { f32: ADAM.eps },
      }),
      common,
      updateSrc,
      weightGradSrc,
    ),
    bindings: [
      'uniform',
      'storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
      'storage',
      'read-only-storage',
    ],
  };
}

export function gridInputGradKernel(vec: boolean): KernelSpec {
  return {
    label: `grid-input-grad${vec ? '-vec4' : ''}`,
    code: composeWgsl(wgslConstants({ ...WG, VEC: { bool: vec } }), common, inputGradSrc),
    bindings: [
      'uniform',
      'read-only-storage',
      'storage',
      'read-only-storage',
      'storage',
      'read-only-storage',
    ],
  };
}

export function gridGatherKernel(): KernelSpec {
  return {
    label: 'grid-gather',
    code: composeWgsl(wgslConstants(WG), common, gatherSrc),
    bindings: [
      'uniform',
      'read-only-storage',
      'read-only-storage',
      'read-only-storage',
      'storage',
      'storage',
      'read-only-storage',
    ],
  };
}
