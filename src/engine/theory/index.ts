// Mean-field theory of signal propagation at initialization (DESIGN §5).
export { gaussExpect, HERMITE_NODES, splitExpect } from './expect';
export { gaussHermite, type GaussRule } from './gaussHermite';
export { theoryToJSON } from './json';
export { CRITICAL_TOLERANCE, meanField } from './meanField';
export type { JsonSafe, Regime, TheoryLayer, TheoryResult, TheorySummary } from './types';
