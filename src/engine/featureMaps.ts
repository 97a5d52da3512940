// The feature maps of one test image: what each conv layer hands upward, channel by channel, for the
// page's feature-map panel. Computed by the trainer (either engine) in evaluation mode with the current
// weights; small enough to post a few times a second (at most MAX_FEATURE_CHANNELS maps per layer).

/** Most channels per layer sent and drawn (the first ones). */
export const MAX_FEATURE_CHANNELS = 16;

export interface FeatureMapLayer {
  /** Hidden layer ℓ (1-based); 0 is the input image. */
  layer: number;
  side: number;
  /** Channels the layer has (data holds min(channels, the cap) of them). */
  channels: number;
  /** The first channels' maps, channel-major: [shown, side, side]. */
  data: Float32Array;
}

export interface FeatureMaps {
  /** Updates applied to the weights that produced the maps. */
  step: number;
  /** Index of the image in the test split, and its class. */
  image: number;
  label: number;
  /** The input, then every hidden layer's output before its pool (h^ℓ, or the stream x^ℓ of a block). */
  layers: FeatureMapLayer[];
}

/** Channel-major copy of the first `shown` channels of one NHWC map [side², channels]. */
export function channelMajor(
  map: ArrayLike<number>,
  side: number,
  channels: number,
  shown: number,
): Float32Array {
  const P = side * side;
  const out = new Float32Array(shown * P);
  for (let c = 0; c < shown; c++) for (let p = 0; p < P; p++) out[c * P + p] = map[p * channels + c];
  return out;
}
