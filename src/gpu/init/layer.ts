// One Linear layer's W [out, in] and b [out] — or a Conv2d's W [out, in·k²] with PyTorch's conv fans —
// sampled on the GPU from the same specs as the CPU engine (src/engine/init: initSpec, biasSpec, and
// initializeConvNetwork's shapes), so both backends start from the same network.
import type { NetworkInitConfig, WeightShape } from '../../engine/init';
import { biasSpec, initSpec } from '../../engine/init';
import { STREAM } from '../../engine/rng/streams';
import type { BindingResource } from '../kernel';
import type { InitEncoder } from './encoder';
import { grid1d, SPARSE_KEYS_KERNEL, SPARSE_MASK_KERNEL } from './kernels';
import { encodeOrthogonal } from './orthogonal';

export function encodeLayerInit(
  enc: InitEncoder,
  config: NetworkInitConfig,
  layer: number,
  fanIn: number,
  fanOut: number,
  W: BindingResource,
  b: BindingResource,
  /** W's matrix form (a conv's [out, in·k²], whose fans are in·k² and out·k²); default [fanOut, fanIn]. */
  shape: WeightShape = { kind: 'linear', rows: fanOut, cols: fanIn },
): void {
  const { rows, cols } = shape;
  const n = rows * cols;
  const seed = config.seed >>> 0;
  const spec = initSpec(config, fanIn, fanOut, shape);
  switch (spec.kind) {
    case 'zeros':
    case 'constant':
      enc.fill(W, n, 'constant', spec.value ?? 0, seed, layer, STREAM.weight);
      break;
    case 'uniform':
      enc.fill(W, n, 'uniform', spec.bound ?? 0, seed, layer, STREAM.weight);
      break;
    case 'normal':
      enc.fill(W, n, 'normal', spec.std ?? 0, seed, layer, STREAM.weight);
      break;
    case 'sparse': {
      enc.fill(W, n, 'normal', spec.std ?? 0, seed, layer, STREAM.weight);
      const zeros = Math.min(rows, spec.zerosPerColumn ?? 0);
      if (zeros > 0) {
        const keys = enc.scratchBuffer('sparse keys', n * 4);
        const params = enc.arena.alloc([rows, cols, zeros, seed, layer, STREAM.sparseMask, 0, 0]);
        const groups = grid1d(enc.device, n);
        enc.dispatch(enc.kernel(SPARSE_KEYS_KERNEL), [params, keys], groups);
        enc.dispatch(enc.kernel(SPARSE_MASK_KERNEL), [params, keys, W], groups, n * rows);
      }
      break;
    }
    case 'orthogonal':
      // G from the weight stream (std 1 rounds z once to f32, as the CPU's float64 G is close to it).
      enc.fill(W, n, 'normal', 1, seed, layer, STREAM.weight);
      encodeOrthogonal(enc, W, rows, cols, spec.gain);
      break;
  }
  const bias = biasSpec(config, fanIn);
  if (bias.kind === 'uniform') enc.fill(b, rows, 'uniform', bias.bound ?? 0, seed, layer, STREAM.bias);
  // The same Box–Muller on the bias stream as the CPU's fillNormal (within an ulp, like normal weights).
  else if (bias.kind === 'normal') enc.fill(b, rows, 'normal', bias.std ?? 0, seed, layer, STREAM.bias);
  else enc.fill(b, rows, 'constant', bias.value ?? 0, seed, layer, STREAM.bias);
}
