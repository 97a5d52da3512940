// Mean-field theory of signal propagation at initialization (docs/MATH.md#mean-field-theory), for plain,
// normalized and residual networks (meanField dispatches; docs/MATH.md#normalization-and-residual-blocks).
export { gaussExpect, HERMITE_NODES, splitExpect } from './expect';
export { gaussHermite, type GaussRule } from './gaussHermite';
export { theoryToJSON } from './json';
export { CRITICAL_TOLERANCE, meanField } from './meanField';
export type { ArchSummary, JsonSafe, Regime, TheoryLayer, TheoryResult, TheorySummary } from './types';
