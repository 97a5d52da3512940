// WGSL has no imports: kernels are composed on the host by concatenating a constants prefix and shared
// snippets (activation switch, reductions) in front of a kernel file.
import type { Activation } from '../engine/config';
import { ACT_CONSTANTS, ACT_ID, wgslActivationConst } from '../engine/activations';
import { ACTIVATIONS } from '../engine/config';
import activationSrc from '../shaders/activation.wgsl?raw';

/** A float32 literal that parses back to exactly Math.fround(x) (9 significant digits round-trip f32). */
export function f32Literal(x: number): string {
  const v = Math.fround(x);
  if (!Number.isFinite(v)) throw new Error(`f32Literal: non-finite constant ${x}`);
  if (Object.is(v, -0)) return '-0.0f';
  return `${v.toPrecision(9)}f`;
}

export type WgslConst = { u32: number } | { f32: number } | { bool: boolean };

/** `const NAME: type = value;` lines, one per entry. */
export function wgslConstants(consts: Record<string, WgslConst>): string {
  const lines: string[] = [];
  for (const [name, c] of Object.entries(consts)) {
    if ('u32' in c) {
      if (!Number.isInteger(c.u32) || c.u32 < 0 || c.u32 > 0xffffffff) throw new Error(`bad u32 ${name}`);
      lines.push(`const ${name}: u32 = ${c.u32}u;`);
    } else if ('f32' in c) lines.push(`const ${name}: f32 = ${f32Literal(c.f32)};`);
    else lines.push(`const ${name}: bool = ${c.bool};`);
  }
  return `${lines.join('\n')}\n`;
}

let tanhOneAtCache = 0;
/**
 * The smallest float32 x with Math.tanh(x) === 1 in this JavaScript engine: past it the reference's tanh
 * (and so its 1 − tanh², its GELU's 1 + tanh) saturates exactly, and the kernels do the same.
 */
export function tanhOneAt(): number {
  if (tanhOneAtCache > 0) return tanhOneAtCache;
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  // Binary search over float32 bit patterns (monotonic for positive floats): tanh(1) < 1, tanh(64) = 1.
  f[0] = 1;
  let below = u[0];
  f[0] = 64;
  let at = u[0];
  while (at - below > 1) {
    const mid = Math.floor((below + at) / 2);
    u[0] = mid;
    if (Math.tanh(f[0]) === 1) at = mid;
    else below = mid;
  }
  u[0] = at;
  tanhOneAtCache = f[0];
  return tanhOneAtCache;
}

/** Constants + φ/φ' functions for one activation. */
export function activationSnippet(act: Activation, slope: number): string {
  return (
    wgslConstants({
      ...Object.fromEntries(ACTIVATIONS.map((a) => [wgslActivationConst(a), { u32: ACT_ID[a] }])),
      ACT: { u32: ACT_ID[act] },
      SLOPE: { f32: slope },
      SELU_LAMBDA: { f32: ACT_CONSTANTS.SELU_LAMBDA },
      SELU_ALPHA: { f32: ACT_CONSTANTS.SELU_ALPHA },
      GELU_C: { f32: ACT_CONSTANTS.GELU_C },
      GELU_K: { f32: ACT_CONSTANTS.GELU_K },
      TANH_ONE_AT: { f32: tanhOneAt() },
    }) + activationSrc
  );
}

/**
 * Directives in front of a kernel that uses subgroup (quad) operations: WGSL allows them only first in a
 * module. The uniformity diagnostic is off because the kernels' early returns of threads past the end are
 * non-uniform; they return whole quads, so every quad that swaps is complete.
 */
export const SUBGROUPS_PREFIX = 'enable subgroups;\ndiagnostic(off, subgroup_uniformity);\n';

/** Joins snippets into one module source. */
export function composeWgsl(...parts: string[]): string {
  return parts.join('\n');
}
