// Rows for the SVG depth profile: one row per hidden layer, one key per series. The series are a list, so
// a new per-layer statistic is one more entry in DEPTH_SERIES (plus a colour in Tone and the charts' Theme
// when it needs its own): the residual stream x^ℓ is one. Chart, tooltip, legend (with its toggle), axis
// extent and the off-axis note pick it up from here.
import type { LayerScalarKey } from '../../engine/stats/layerFields';
import type { TheoryProfile } from '../../gpu/workerProtocol';
import { hasGroup, layerCount, layerValue, perLayer, recStep } from '../../store/recordView';

export type Tone = 'act' | 'grad' | 'stream';
/** now: the shown record; init: step 0; theory: the mean-field prediction (dashed). */
export type SeriesKind = 'now' | 'init' | 'theory';

export interface DepthInputs {
  /** The record the per-layer panels show (latest, or the scrubbed step). */
  now: Float32Array | null;
  /** The step-0 record. */
  first: Float32Array | null;
  theory: TheoryProfile | null;
}

export interface DepthSeriesDef {
  key: string;
  label: string;
  tone: Tone;
  kind: SeriesKind;
  /** Layer i's value (0-based), or undefined when this series has nothing for these inputs. */
  read(inputs: DepthInputs, i: number): number | undefined;
}

/** Theory's gradient profile is a ratio; anchor it at the measured step-0 gradient std of the top layer. */
export function anchoredGradTheory(
  gradRatio: readonly number[],
  first: Float32Array | null | undefined,
): number[] | null {
  // Residual networks have no gradient prediction (all NaN): draw none rather than an empty dashed series.
  if (!first || !gradRatio.some(Number.isFinite)) return null;
  const top = perLayer(first, 'gradStd')[layerCount(first) - 1];
  if (!(top > 0) || !Number.isFinite(top)) return null;
  return gradRatio.map((r) => r * top);
}

/** Step 0 is drawn only while "now" is a later step (at step 0 the two lines coincide). */
function initRecord({ now, first }: DepthInputs): Float32Array | null {
  return first && now && first !== now && recStep(first) === 0 && recStep(now) !== 0 ? first : null;
}

const recField = (key: LayerScalarKey) => (rec: Float32Array | null, i: number) =>
  rec && i < layerCount(rec) ? layerValue(rec, i, key) : undefined;
const act = recField('actStd');
const grad = recField('gradStd');
const streamField = recField('streamStd');
/** The residual stream's std, only for records of residual networks. */
const stream = (rec: Float32Array | null, i: number) =>
  rec && hasGroup(rec, 'stream') ? streamField(rec, i) : undefined;

export const DEPTH_SERIES: readonly DepthSeriesDef[] = [
  { key: 'act', label: 'activations hˡ', tone: 'act', kind: 'now', read: (d, i) => act(d.now, i) },
  { key: 'grad', label: 'gradients δˡ = ∂L/∂zˡ', tone: 'grad', kind: 'now', read: (d, i) => grad(d.now, i) },
  // Residual networks: the stream x^ℓ the head reads (act is only each block's branch input a = φ(Norm(x))).
  {
    key: 'stream',
    label: 'residual stream xˡ',
    tone: 'stream',
    kind: 'now',
    read: (d, i) => stream(d.now, i),
  },
  {
    key: 'act0',
    label: 'activations at step 0',
    tone: 'act',
    kind: 'init',
    read: (d, i) => act(initRecord(d), i),
  },
  {
    key: 'grad0',
    label: 'gradients at step 0',
    tone: 'grad',
    kind: 'init',
    read: (d, i) => grad(initRecord(d), i),
  },
  {
    key: 'stream0',
    label: 'stream at step 0',
    tone: 'stream',
    kind: 'init',
    read: (d, i) => stream(initRecord(d), i),
  },
  {
    key: 'actTheory',
    label: 'activations, theory (at init)',
    tone: 'act',
    kind: 'theory',
    read: (d, i) => d.theory?.actStd[i],
  },
  {
    key: 'gradTheory',
    label: 'gradients, theory (at init)',
    tone: 'grad',
    kind: 'theory',
    read: (d, i) => (d.theory ? anchoredGradTheory(d.theory.gradRatio, d.first)?.[i] : undefined),
  },
  {
    key: 'streamTheory',
    label: 'stream, theory (at init)',
    tone: 'stream',
    kind: 'theory',
    read: (d, i) => d.theory?.streamStd?.[i],
  },
];

export type DepthRow = { layer: number; raw: Record<string, number> } & Record<string, unknown>;

export interface DepthData {
  layers: number;
  rows: DepthRow[];
  /** Series with a value for at least one layer (drawable or not), in list order. */
  present: DepthSeriesDef[];
  /** Present series with nothing on a log axis (every value 0 or not finite). */
  offAxis: DepthSeriesDef[];
  /** y extent of every drawable value (log axis), or null when there is none. */
  extent: [number, number] | null;
}

/**
 * Below this an std is an exact zero in disguise (float32 stops near 1e-45; the mean-field recursion of a
 * zero-weight network bottoms out near 1e-150): off the log axis, so it cannot stretch the axis to 1e-150.
 */
export const LOG_FLOOR = 1e-100;

/** A value a log axis can draw: finite and above LOG_FLOOR (an exact zero in disguise). */
export function onLogAxis(v: number): number | null {
  return Number.isFinite(v) && v > LOG_FLOOR ? v : null;
}

export function depthData(inputs: DepthInputs, defs: readonly DepthSeriesDef[] = DEPTH_SERIES): DepthData {
  const layers = inputs.now ? layerCount(inputs.now) : 0;
  const rows: DepthRow[] = Array.from({ length: layers }, (_, i) => ({ layer: i + 1, raw: {} }));
  const present: DepthSeriesDef[] = [];
  const offAxis: DepthSeriesDef[] = [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const def of defs) {
    let any = false;
    let drawn = false;
    for (let i = 0; i < layers; i++) {
      const v = def.read(inputs, i);
      if (v === undefined) continue;
      any = true;
      rows[i].raw[def.key] = v;
      const y = onLogAxis(v);
      rows[i][def.key] = y;
      if (y !== null) {
        drawn = true;
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
    }
    if (!any) continue;
    present.push(def);
    if (!drawn) offAxis.push(def);
  }
  return { layers, rows, present, offAxis, extent: lo <= hi ? [lo, hi] : null };
}
