// Weight and bias initialization with torch.nn.init semantics (docs/MATH.md#initializers, #random-numbers).
export { calculateGain, resolveGain } from './gain';
export { LSUV_MAX_ITERS, LSUV_TOL, lsuvConverged, lsuvScaleFactor } from './lsuv';
export type { FloatArrayConstructor, LayerParams, NetworkInitConfig } from './network';
export {
  fillBias,
  fillWeights,
  initializeConvNetwork,
  initializeLayer,
  initializeNetwork,
  initializeNetwork64,
} from './network';
export type { PolarResult } from './polar';
export { polarFactor } from './polar';
export { fillSparse } from './sparse';
export type { BiasKind, BiasSpec, InitConfig, InitKind, InitSpec, WeightShape } from './spec';
export { biasSpec, initSpec, sparseZeroCount } from './spec';
