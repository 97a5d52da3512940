// GPU init sampling: every initializer of docs/MATH.md#initializers on the GPU, equal to the CPU engine's.
export { FILL_KIND, type FillKind, InitEncoder } from './encoder';
export { encodeLayerInit } from './layer';
export {
  type GpuLayerParams,
  gpuInitializeInto,
  gpuInitializeNetwork,
  type LayerTarget,
  readLayerParams,
} from './network';
export { newtonSchulzIterations } from './newtonSchulz';
export { encodeOrthogonal } from './orthogonal';
