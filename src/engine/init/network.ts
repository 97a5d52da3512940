// Initial parameters of the whole MLP. Layer ℓ (0-based, the output layer is the last) maps dims[ℓ] →
// dims[ℓ+1]; W is [out, in] row-major like nn.Linear. The same initializer and gain apply to every layer,
// the output layer included. Every value is a float32 number, also in Float64Array mode, so the float64
// trainer (gradient checks) starts from exactly the float32 trainer's weights.
import type { RunConfig } from '../config';
import type { FloatArray } from '../rng/sample';
import { fillStandardNormal, fillNormal, fillUniform } from '../rng/sample';
import { STREAM } from '../rng/streams';
import { polarFactor } from './polar';
import { fillSparse } from './sparse';
import type { BiasSpec, InitConfig, InitSpec } from './spec';
import { biasSpec, initSpec } from './spec';

export interface LayerParams<T extends FloatArray = Float32Array> {
  /** [out, in] row-major. */
  W: T;
  /** [out]. */
  b: T;
}

export type NetworkInitConfig = InitConfig & Pick<RunConfig, 'bias' | 'bstd' | 'seed'>;

export type FloatArrayConstructor<T extends FloatArray> = new (length: number) => T;

/** Fill W [fanOut, fanIn] of `layer` from its spec (element index = row·fanIn + col). */
export function fillWeights(
  spec: InitSpec,
  out: FloatArray,
  fanIn: number,
  fanOut: number,
  seed: number,
  layer: number,
): void {
  switch (spec.kind) {
    case 'zeros':
      out.fill(0);
      return;
    case 'constant':
      out.fill(Math.fround(spec.value ?? 0));
      return;
    case 'uniform':
      fillUniform(out, spec.bound ?? 0, seed, layer, STREAM.weight);
      return;
    case 'normal':
      fillNormal(out, spec.std ?? 0, seed, layer, STREAM.weight);
      return;
    case 'sparse':
      fillSparse(out, fanOut, fanIn, spec.zerosPerColumn ?? 0, spec.std ?? 0, seed, layer);
      return;
    case 'orthogonal': {
      const g = new Float64Array(fanOut * fanIn);
      fillStandardNormal(g, seed, layer, STREAM.weight);
      const { p } = polarFactor(g, fanOut, fanIn);
      const gain = Math.fround(spec.gain);
      for (let i = 0; i < p.length; i++) out[i] = Math.fround(gain * p[i]);
      return;
    }
  }
}

/** Fill b [fanOut] of `layer` from its spec (element index = unit, bias stream). */
export function fillBias(spec: BiasSpec, out: FloatArray, seed: number, layer: number): void {
  if (spec.kind === 'uniform') fillUniform(out, spec.bound ?? 0, seed, layer, STREAM.bias);
  else if (spec.kind === 'normal') fillNormal(out, spec.std ?? 0, seed, layer, STREAM.bias);
  else out.fill(Math.fround(spec.value ?? 0));
}

export function initializeLayer<T extends FloatArray>(
  config: NetworkInitConfig,
  layer: number,
  fanIn: number,
  fanOut: number,
  ArrayType: FloatArrayConstructor<T>,
): LayerParams<T> {
  const W = new ArrayType(fanOut * fanIn);
  const b = new ArrayType(fanOut);
  fillWeights(initSpec(config, fanIn, fanOut), W, fanIn, fanOut, config.seed, layer);
  fillBias(biasSpec(config, fanIn), b, config.seed, layer);
  return { W, b };
}

/** dims = [inDim, width × depth…, classes]; returns one {W, b} per Linear layer. */
export function initializeNetwork(config: NetworkInitConfig, dims: readonly number[]): LayerParams[];
export function initializeNetwork<T extends FloatArray>(
  config: NetworkInitConfig,
  dims: readonly number[],
  ArrayType: FloatArrayConstructor<T>,
): LayerParams<T>[];
export function initializeNetwork(
  config: NetworkInitConfig,
  dims: readonly number[],
  ArrayType: FloatArrayConstructor<FloatArray> = Float32Array,
): LayerParams<FloatArray>[] {
  if (dims.length < 2) throw new Error('initializeNetwork: dims needs at least [in, out]');
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1) throw new Error(`initializeNetwork: bad layer size ${d}`);
  }
  const layers: LayerParams<FloatArray>[] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    layers.push(initializeLayer(config, l, dims[l], dims[l + 1], ArrayType));
  }
  return layers;
}

/** Float64Array variant for the CPU trainer's float64 mode (same values as the float32 one). */
export function initializeNetwork64(
  config: NetworkInitConfig,
  dims: readonly number[],
): LayerParams<Float64Array>[] {
  return initializeNetwork(config, dims, Float64Array);
}
