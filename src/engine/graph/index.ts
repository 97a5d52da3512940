export {
  buildGraph,
  type GraphConfig,
  graphDims,
  isResidualLayer,
  paramTensors,
  poolOf,
  weightCount,
  weightOp,
} from './build';
export type { HiddenLayer, LayerKind, LayerSpec, NetworkGraph, NormType, ParamTensor } from './types';
export { graphExtras, LAYER_KINDS, type LayerKindInfo } from './kinds';
