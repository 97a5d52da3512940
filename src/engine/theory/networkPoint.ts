// Where a config's network sits on the phase diagram: σ_w² of its hidden-to-hidden layers (fan_in ·
// Var W) and σ_b² (Var b, plus the square of a constant bias, as meanField counts it); and the settings
// that put a network at a chosen point.
import type { RunConfig } from '../config';
import { biasSpec, initSpec } from '../init';

/** null for LSUV, whose scale is set by the data, not by the initializer. */
export function networkPhasePoint(config: RunConfig): { sw2: number; sb2: number } | null {
  if (config.init === 'lsuv') return null;
  const N = config.width;
  const bias = biasSpec(config, N);
  const c = bias.kind === 'constant' ? (bias.value ?? 0) : 0;
  return { sw2: N * initSpec(config, N, N).weightVar, sb2: bias.biasVar + c * c };
}

/** 5 significant digits: links stay short, and σ² moves by < 0.01 %. */
const round5 = (x: number) => Number(x.toPrecision(5));

/**
 * Settings for (σ_w², σ_b²): kaiming_normal with mode fan_in and gain √σ_w² gives Var W = σ_w²/fan_in in
 * every layer; bias=normal with bstd = √σ_b² gives Var b = σ_b².
 */
export function settingsForPhasePoint(sw2: number, sb2: number): Partial<RunConfig> {
  return {
    init: 'kaiming_normal',
    mode: 'fan_in',
    gain: round5(Math.sqrt(Math.max(0, sw2))),
    bias: 'normal',
    bstd: round5(Math.sqrt(Math.max(0, sb2))),
  };
}
