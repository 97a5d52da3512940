// The batched map trainer's kernel specs: WGSL composed from src/shaders/grid_*.wgsl with the run's
// constants (activation, classes, loss, optimizer) in front, as the single-network builders do.
import { ADAM, type RunConfig } from '../../engine/config';
import type { KernelSpec } from '../kernel';
import { activationSnippet, composeWgsl, SUBGROUPS_PREFIX, wgslConstants } from '../wgsl';
import common from '../../shaders/grid_common.wgsl?raw';
import forwardSrc from '../../shaders/grid_forward.wgsl?raw';
import forwardQuadSrc from '../../shaders/grid_forward_quad.wgsl?raw';
import quadSrc from '../../shaders/grid_quad.wgsl?raw';
import forwardVecSrc from '../../shaders/grid_forward_vec4.wgsl?raw';
import forwardVecIo from '../../shaders/grid_forward_vec4_io.wgsl?raw';
import gatherSrc from '../../shaders/grid_gather.wgsl?raw';
import inputGradSrc from '../../shaders/grid_input_grad.wgsl?raw';
import inputGradQuadSrc from '../../shaders/grid_input_grad_quad.wgsl?raw';
import inputGradVecSrc from '../../shaders/grid_input_grad_vec4.wgsl?raw';
import inputGradVecIo from '../../shaders/grid_input_grad_vec4_io.wgsl?raw';
import lossSrc from '../../shaders/grid_loss.wgsl?raw';
import updateSrc from '../../shaders/grid_update.wgsl?raw';
import updateVecSrc from '../../shaders/grid_update_vec4.wgsl?raw';
import weightGradSrc from '../../shaders/grid_weight_grad.wgsl?raw';
import weightGradQuadSrc from '../../shaders/grid_weight_grad_quad.wgsl?raw';
import weightGradVecSrc from '../../shaders/grid_weight_grad_vec4.wgsl?raw';
import weightGradVecIo from '../../shaders/grid_weight_grad_vec4_io.wgsl?raw';

/** Threads per workgroup of every grid kernel (one item each). */
export const GRID_WG = 64;

const WG = { WG: { u32: GRID_WG } } as const;

/**
 * The kernels a layer takes, all with the same results: 'scalar' 4×4 blocks per thread (any shape),
 * 'vec4' 8×8 blocks read and written as vec4 (grid_*_vec4.wgsl; fan_in and fan_out multiples of 8), and
 * 'quad', the vec4 blocks with four threads sharing their loads through quad operations
 * (grid_*_quad.wgsl; multiples of 16, and a device with the 'subgroups' feature).
 */
export type GridForm = 'scalar' | 'vec4' | 'quad';

const FORM_RANK: Record<GridForm, number> = { scalar: 0, vec4: 1, quad: 2 };

/** The widest form a layer of this shape takes, up to `widest` (what the device and the caller allow). */
export function gridForm(fanIn: number, fanOut: number, widest: GridForm): GridForm {
  const fits: GridForm =
    fanIn % 16 === 0 && fanOut % 16 === 0 ? 'quad' : fanIn % 8 === 0 && fanOut % 8 === 0 ? 'vec4' : 'scalar';
  return FORM_RANK[fits] < FORM_RANK[widest] ? fits : widest;
}

/** The quad kernels' lane geometry, after grid_common.wgsl. */
const quadGeometry = (form: GridForm) => (form === 'quad' ? quadSrc : '');

/** `train` false: the evaluation's forward, which stores no φ′. Hidden layers only for vec4 and quad. */
export function gridForwardKernel(
  config: RunConfig,
  head: boolean,
  train = true,
  form: GridForm = 'scalar',
): KernelSpec {
  if (form !== 'scalar' && head) throw new Error('gridForwardKernel: the heads have only the scalar form');
  const dphi = train && !head;
  const src = { scalar: forwardSrc, vec4: forwardVecSrc, quad: forwardQuadSrc }[form];
  return {
    label: head ? 'grid-head' : `grid-forward-${config.act}${train ? '' : '-eval'}-${form}`,
    code: composeWgsl(
      form === 'quad' ? SUBGROUPS_PREFIX : '',
      wgslConstants({ ...WG, HEAD: { bool: head }, DPHI: { bool: dphi } }),
      activationSnippet(config.act, config.slope),
      common,
      quadGeometry(form),
      form === 'scalar' ? '' : forwardVecIo,
      src,
    ),
    bindings:
      form === 'scalar'
        ? ['uniform', 'read-only-storage', 'storage', 'read-only-storage']
        : ['uniform', 'read-only-storage', 'storage', 'read-only-storage', 'storage'],
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
export function gridWeightGradKernel(config: RunConfig, form: GridForm): KernelSpec {
  const vec = form !== 'scalar';
  return {
    label: `grid-weight-grad-${config.opt}-${form}`,
    code: composeWgsl(
      form === 'quad' ? SUBGROUPS_PREFIX : '',
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
      quadGeometry(form),
      vec ? weightGradVecIo : '',
      vec ? updateVecSrc : updateSrc,
      { scalar: weightGradSrc, vec4: weightGradVecSrc, quad: weightGradQuadSrc }[form],
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

export function gridInputGradKernel(form: GridForm): KernelSpec {
  return {
    label: `grid-input-grad-${form}`,
    code: composeWgsl(
      form === 'quad' ? SUBGROUPS_PREFIX : '',
      wgslConstants(WG),
      common,
      quadGeometry(form),
      form === 'scalar' ? '' : inputGradVecIo,
      { scalar: inputGradSrc, vec4: inputGradVecSrc, quad: inputGradQuadSrc }[form],
    ),
    bindings: ['uniform', 'read-only-storage', 'storage', 'read-only-storage', 'storage'],
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
