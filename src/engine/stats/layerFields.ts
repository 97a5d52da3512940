// The per-layer scalar statistics in one fixed order, each with a short key, its CSV column and how to read
// and write it on a LayerStats. The CSV export's columns and the worker's packed layer block both follow this
// list, so a new statistic in LayerStats is listed here once (the type check below fails until it is).
import type { LayerStats } from './types';

/** The groups of LayerStats (act, pre, grad, weight): every key but the top-level `layer`. */
type Group = Exclude<keyof LayerStats, 'layer'>;
type GroupField<G extends Group> = Exclude<keyof LayerStats[G], 'hist'>;
/** Where a scalar sits in LayerStats: the top-level `layer`, or a group and a number field in it. */
type ScalarPath =
  | readonly ['layer']
  | { [G in Group]: { [F in GroupField<G>]: readonly [G, F] }[GroupField<G>] }[Group];

const FIELDS = [
  ['layer', ['layer']],
  ['actMean', ['act', 'mean']],
  ['actStd', ['act', 'std']],
  ['actMin', ['act', 'min']],
  ['actMax', ['act', 'max']],
  ['zeroFrac', ['act', 'zeroFrac']],
  ['satFrac', ['act', 'satFrac']],
  ['preMean', ['pre', 'mean']],
  ['preStd', ['pre', 'std']],
  ['gradStd', ['grad', 'std']],
  ['gradRms', ['grad', 'rms']],
  ['weightGradNorm', ['grad', 'weightGradNorm']],
  ['weightStd', ['weight', 'std']],
  ['updateRatio', ['weight', 'updateRatio']],
] as const satisfies readonly (readonly [string, ScalarPath])[];

/** Compiles only while every scalar of LayerStats is in FIELDS (hist is not a scalar). */
export type MissingLayerScalars = Exclude<ScalarPath, (typeof FIELDS)[number][1]>;
const everyScalarListed: [MissingLayerScalars] extends [never] ? true : false = true;
void everyScalarListed;

export type LayerScalarKey = (typeof FIELDS)[number][0];

export interface LayerScalar {
  /** Short name, e.g. `actStd` (the worker's offset name). */
  key: LayerScalarKey;
  /** CSV column: the JSON path joined by `_`, e.g. `act_std`. */
  column: string;
  get(l: LayerStats): number;
  set(l: LayerStats, v: number): void;
}

// Groups are plain objects of numbers (apart from act.hist, which no path names), so one indexed access
// serves every field.
type NumberGroup = Record<string, number>;

export const LAYER_SCALARS: readonly LayerScalar[] = FIELDS.map(([key, path]): LayerScalar => {
  if (path[0] === 'layer') {
    return {
      key,
      column: 'layer',
      get: (l) => l.layer,
      set: (l, v) => {
        l.layer = v;
      },
    };
  }
  const [group, field] = path;
  return {
    key,
    column: `${group}_${field}`,
    get: (l) => (l[group] as unknown as NumberGroup)[field],
    set: (l, v) => {
      (l[group] as unknown as NumberGroup)[field] = v;
    },
  };
});

/** Offset of each scalar in the LAYER_SCALARS order. */
export function layerScalarIndex(): Record<LayerScalarKey, number> {
  const out = {} as Record<LayerScalarKey, number>;
  LAYER_SCALARS.forEach((f, i) => {
    out[f.key] = i;
  });
  return out;
}

/** A LayerStats (without histogram) from LAYER_SCALARS.length numbers at `offset` of `src`. */
export function layerStatsFrom(src: ArrayLike<number>, offset: number): LayerStats {
  // Groups first (in LayerStats' own key order), then every listed scalar fills its slot.
  const l = { layer: 0, act: {}, pre: {}, grad: {}, weight: {} } as LayerStats;
  LAYER_SCALARS.forEach((f, i) => {
    f.set(l, src[offset + i]);
  });
  return l;
}
