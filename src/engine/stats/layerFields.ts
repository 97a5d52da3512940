// The per-layer scalar statistics in one fixed order, each with a short key, its CSV column and how to read
// and write it on a LayerStats. The CSV export's columns, the worker's packed layer block and the typed
// record view (LayerView) all follow this list, so a new statistic in LayerStats is listed here once (the
// type check below fails until it is). Groups that only some networks have (norm, stream) are optional:
// their scalars read as undefined when the group is absent.
import type { LayerStats } from './types';

/** The groups of LayerStats (act, pre, grad, weight, norm, stream): every key but the top-level `layer`. */
type Group = Exclude<keyof LayerStats, 'layer'>;
type GroupOf<G extends Group> = NonNullable<LayerStats[G]>;
type GroupField<G extends Group> = Exclude<keyof GroupOf<G>, 'hist'>;
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
  ['normMean', ['norm', 'mean']],
  ['normStd', ['norm', 'std']],
  ['streamStd', ['stream', 'std']],
  ['streamGradStd', ['stream', 'gradStd']],
] as const satisfies readonly (readonly [string, ScalarPath])[];

/** Compiles only while every scalar of LayerStats is in FIELDS (hist is not a scalar). */
export type MissingLayerScalars = Exclude<ScalarPath, (typeof FIELDS)[number][1]>;
const everyScalarListed: [MissingLayerScalars] extends [never] ? true : false = true;
void everyScalarListed;

export type LayerScalarKey = (typeof FIELDS)[number][0];

/** Groups a layer may lack (LayerStats' optional keys). */
export const OPTIONAL_GROUPS = ['norm', 'stream'] as const;
export type OptionalGroup = (typeof OPTIONAL_GROUPS)[number];

export interface LayerScalar {
  /** Short name, e.g. `actStd` (the worker's offset name). */
  key: LayerScalarKey;
  /** CSV column: the JSON path joined by `_`, e.g. `act_std`. */
  column: string;
  /** The optional group this scalar belongs to, if any. */
  optional?: OptionalGroup;
  /** The value; undefined when its optional group is absent from this layer. */
  get(l: LayerStats): number | undefined;
  /** Writes the value, creating its group when absent. */
  set(l: LayerStats, v: number): void;
}

// Groups are plain objects of numbers (apart from act.hist, which no path names), so one indexed access
// serves every field.
type NumberGroup = Record<string, number>;
type GroupBag = Record<string, NumberGroup | undefined>;

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
  const optional = (OPTIONAL_GROUPS as readonly string[]).includes(group)
    ? (group as OptionalGroup)
    : undefined;
  return {
    key,
    column: `${group}_${field}`,
    optional,
    get: (l) => (l as unknown as GroupBag)[group]?.[field],
    set: (l, v) => {
      const bag = l as unknown as GroupBag;
      if (bag[group] === undefined) bag[group] = {};
      (bag[group] as NumberGroup)[field] = v;
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

/** Which optional groups a layer carries, as bits (1 << index in OPTIONAL_GROUPS). */
export function optionalGroupBits(l: LayerStats): number {
  let bits = 0;
  OPTIONAL_GROUPS.forEach((g, i) => {
    if (l[g] !== undefined) bits |= 1 << i;
  });
  return bits;
}

/**
 * A LayerStats (without histogram) from LAYER_SCALARS.length numbers at `offset` of `src`; optional groups
 * only where `groupBits` (see optionalGroupBits) says the layer has them.
 */
export function layerStatsFrom(src: ArrayLike<number>, offset: number, groupBits = 0): LayerStats {
  // Groups first (in LayerStats' own key order), then every listed scalar fills its slot.
  const l = { layer: 0, act: {}, pre: {}, grad: {}, weight: {} } as LayerStats;
  LAYER_SCALARS.forEach((f, i) => {
    if (f.optional && !(groupBits & (1 << OPTIONAL_GROUPS.indexOf(f.optional)))) return;
    f.set(l, src[offset + i]);
  });
  return l;
}
