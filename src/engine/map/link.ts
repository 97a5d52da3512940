// A trainability map in the page link: `view=map&msw2=1:4:12&mdepths=2,4,8&msteps=200&mmetric=accuracy`.
// Bad values become notices and the defaults, like every other link key.
import { parseDepths, parseSw2 } from './axes';

export const MAP_METRICS = ['accuracy', 'drop'] as const;
/** accuracy: final training accuracy; drop: final loss / initial loss (below 1 = it learned). */
export type MapMetric = (typeof MAP_METRICS)[number];

export interface MapLink {
  sw2: string;
  depths: string;
  steps: number;
  metric: MapMetric;
}

export const MAP_MAX_LINK_STEPS = 5000;

/** The page's default map: 12 × 8 cells, sized so the CPU engine fills it in a few minutes. */
export const DEFAULT_MAP_LINK: Readonly<MapLink> = Object.freeze({
  sw2: '1:4:12',
  depths: '2,4,8,12,16,24,32,48',
  steps: 200,
  metric: 'accuracy',
});

/** The map of a link: its own keys over `base` (a preset's map, or the defaults). */
export function parseMapLink(
  get: (key: string) => string | undefined,
  notices: string[],
  base: MapLink = DEFAULT_MAP_LINK,
): MapLink {
  const out: MapLink = { ...base };
  const sw2 = get('msw2');
  if (sw2 !== undefined) {
    const p = parseSw2(sw2);
    if (p.ok) out.sw2 = sw2.trim();
    else notices.push(`msw2: ${p.message}; using ${base.sw2}.`);
  }
  const depths = get('mdepths');
  if (depths !== undefined) {
    const p = parseDepths(depths);
    if (p.ok) out.depths = p.value.join(',');
    else notices.push(`mdepths: ${p.message}; using ${base.depths}.`);
  }
  const steps = get('msteps');
  if (steps !== undefined) {
    const t = steps.trim();
    const n = /^\d{1,7}$/.test(t) ? Number(t) : Number.NaN;
    if (n >= 1 && n <= MAP_MAX_LINK_STEPS) out.steps = n;
    else
      notices.push(
        `msteps=${t.slice(0, 20)} is not a whole number from 1 to ${MAP_MAX_LINK_STEPS}; using ${DEFAULT_MAP_LINK.steps}.`,
      );
  }
  const metric = get('mmetric');
  if (metric !== undefined) {
    const m = metric.trim().toLowerCase();
    if ((MAP_METRICS as readonly string[]).includes(m)) out.metric = m as MapMetric;
    else notices.push(`mmetric must be ${MAP_METRICS.join(' or ')}; using ${base.metric}.`);
  }
  return out;
}

/** The link keys that differ from `base` (a preset's map, or the defaults). */
export function encodeMapLink(m: MapLink, base: MapLink = DEFAULT_MAP_LINK): string[] {
  const parts: string[] = [];
  if (m.sw2 !== base.sw2) parts.push(`msw2=${m.sw2}`);
  if (m.depths !== base.depths) parts.push(`mdepths=${m.depths}`);
  if (m.steps !== base.steps) parts.push(`msteps=${m.steps}`);
  if (m.metric !== base.metric) parts.push(`mmetric=${m.metric}`);
  return parts;
}
