export { buildGraph, graphDims, isResidualLayer, paramTensors } from './build';
export type { HiddenLayer, LayerKind, LayerSpec, NetworkGraph, NormType, ParamTensor } from './types';
export { graphExtras, LAYER_KINDS, type LayerKindInfo } from './kinds';
