// The page's whole state in its link: config plus the page keys (preset, lesson, step, embed, panels,
// compare, play, steps, speed). resolvePageUrl reads a link — a preset or lesson step gives the base, the
// link's own settings override it — and never throws: whatever is wrong becomes a notice and a valid state.
// encodePageQuery writes the state back so that resolvePageUrl(encodePageQuery(s)) reproduces it exactly.
import { CONFIG_VERSION, DEFAULT_CONFIG, type RunConfig } from '../config';
import { decodeConfig, normalizeConfig } from '../config/codec';
import { formatNumber } from '../config/fields';
import { splitQuery } from '../config/query';
import { CONFIG_KEYS, MAX_NOTICES } from '../config/schema';
import { clipNotice, quote } from '../config/text';
import { lessonByName } from '../lessons';
import { encodeMapLink, type MapLink, parseMapLink } from '../map/link';
import { COMPARE_KEYS, type CompareKey, type CompareOverride } from './compareKeys';
import { presetByName } from './index';
import { PAGE_SPEEDS } from './speeds';
import type { Preset } from './types';

export { PAGE_SPEEDS };

export { COMPARE_KEYS, type CompareOverride };

/** Panel names the embed can show; the explorer's PANEL_NAMES is this list. */
export const PAGE_PANELS = [
  'depth',
  'heatmap',
  'histograms',
  'loss',
  'table',
  'boundary',
  'formula',
  'compare',
  'phase',
  'spectrum',
  'map',
] as const;
export type PagePanel = (typeof PAGE_PANELS)[number];
/** What an embed shows when the link names no (valid) panels. */
export const DEFAULT_EMBED_PANELS: readonly PagePanel[] = ['depth', 'loss'];

/** Most steps a link may ask the page to train before it pauses. */
export const MAX_LINK_STEPS = 1_000_000;
/** Most extra runs in compare mode (4 runs in all). */
export const MAX_COMPARE = 3;

export interface PageState {
  config: RunConfig;
  notices: string[];
  /** Preset name, when the link names a known preset (or the lesson step's preset). */
  preset?: string;
  lesson?: string;
  /** Lesson step, 1-based, within the lesson. */
  step?: number;
  /** Embed mode: only `panels`, no controls. */
  embed: boolean;
  /** Panels for the embed, known names in order ([] outside embed mode unless the link names some). */
  panels: PagePanel[];
  /** Compare runs (patches over `config`); [] = compare off. */
  compare: CompareOverride[];
  /** Legend labels of the runs (own run first), from the preset or lesson step. */
  labels?: string[];
  /** false: open paused. */
  play?: boolean;
  /** Train this many steps, then pause. */
  steps?: number;
  speed?: number;
  /** 'map': the trainability-map view (the lab) instead of the explorer's panel order. */
  view?: 'map';
  /** The map's grid, steps and colouring (defaults unless the link says otherwise). */
  map?: MapLink;
}

function bool(raw: string): boolean | undefined {
  const w = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on', ''].includes(w)) return true;
  if (['0', 'false', 'no', 'off'].includes(w)) return false;
  return undefined;
}

function wholeNumber(raw: string, min: number, max: number): number | undefined {
  const t = raw.trim();
  if (!/^\d{1,10}$/.test(t)) return undefined;
  const n = Number(t);
  return n >= min && n <= max ? n : undefined;
}

/** `compare=init:xavier_normal;init:kaiming_normal,mode:fan_out` → one patch per run. */
export function parseCompare(raw: string, notices: string[]): CompareOverride[] {
  const out: CompareOverride[] = [];
  const slots = raw.split(';').filter((s) => s.trim() !== '');
  if (slots.length > MAX_COMPARE) {
    notices.push(`Compare mode shows at most ${MAX_COMPARE + 1} runs; extra runs in the link were dropped.`);
  }
  for (const slot of slots.slice(0, MAX_COMPARE)) {
    const patch: Record<string, unknown> = {};
    for (const pair of slot.split(',')) {
      if (pair.trim() === '') continue;
      const colon = pair.indexOf(':');
      const key = (colon >= 0 ? pair.slice(0, colon) : pair).trim().toLowerCase();
      const value = colon >= 0 ? pair.slice(colon + 1).trim() : '';
      if (!(COMPARE_KEYS as readonly string[]).includes(key)) {
        notices.push(`Compare runs cannot change "${quote(key)}"; that part was ignored.`);
        continue;
      }
      patch[key] = value;
    }
    // Validate the patch through the codec: bad values become notices, never reach a run.
    const checked = normalizeConfig(patch);
    notices.push(...checked.notices);
    const clean: Record<string, unknown> = {};
    // A bstd without a bias means bias=normal, as everywhere else.
    if ('bstd' in patch && !('bias' in patch)) patch.bias = 'normal';
    for (const key of Object.keys(patch)) clean[key] = checked.config[key as CompareKey];
    out.push(clean as CompareOverride);
  }
  return out;
}

export function encodeCompare(slots: readonly CompareOverride[]): string {
  return slots
    .map((slot) =>
      COMPARE_KEYS.filter((k) => slot[k] !== undefined)
        .map((k) => {
          const v = slot[k];
          return `${k}:${typeof v === 'number' ? formatNumber(v) : String(v)}`;
        })
        .join(','),
    )
    .join(';');
}

/** Base config and compare runs of a preset, possibly patched by a lesson step. */
interface Base {
  config: Partial<RunConfig>;
  compare?: CompareOverride[];
  labels?: string[];
  steps?: number;
  view?: 'map';
  map?: MapLink;
}

function presetBase(p: Preset): Base {
  const compare = p.compare?.map((v) => ({ ...v.config }));
  const labels = p.compare ? [p.label ?? p.title, ...p.compare.map((v) => v.label)] : undefined;
  return { config: { ...p.config }, compare, labels, steps: p.steps, view: p.view, map: p.map };
}

/** Read a page link (a full URL, '?a=b' or 'a=b'). Never throws. */
export function resolvePageUrl(query: string): PageState {
  const notices: string[] = [];
  const pairs = new Map<string, string>();
  for (const [key, value] of splitQuery(query).pairs) pairs.set(key, value);
  const state: Omit<PageState, 'config' | 'notices'> = { embed: false, panels: [], compare: [] };
  let base: Base | undefined;

  const lessonName = pairs.get('lesson');
  const presetName = pairs.get('preset');
  if (lessonName !== undefined) {
    const lesson = lessonByName(lessonName.trim().toLowerCase());
    if (!lesson) notices.push(`There is no lesson "${quote(lessonName)}"; showing the explorer instead.`);
    else {
      let k = 1;
      const rawStep = pairs.get('step');
      if (rawStep !== undefined) {
        const n = wholeNumber(rawStep, 0, Number.MAX_SAFE_INTEGER);
        if (n === undefined) notices.push(`step=${quote(rawStep)} is not a step number; starting at step 1.`);
        else if (n < 1 || n > lesson.steps.length) {
          k = Math.min(Math.max(n, 1), lesson.steps.length);
          notices.push(`“${lesson.title}” has steps 1–${lesson.steps.length}; showing step ${k}.`);
        } else k = n;
      }
      const step = lesson.steps[k - 1];
      const preset = presetByName(step.preset);
      if (preset) {
        base = presetBase(preset);
        base.config = { ...base.config, ...step.config };
        if (step.compare) {
          base.compare = step.compare.map((v) => ({ ...v.config }));
          base.labels =
            step.compare.length > 0 ? [step.label ?? '', ...step.compare.map((v) => v.label)] : undefined;
        }
        if (step.label && base.labels) base.labels[0] = step.label;
        state.preset = preset.name;
      }
      state.lesson = lesson.name;
      state.step = k;
      if (presetName !== undefined)
        notices.push('The link names both a lesson and a preset; the lesson wins.');
    }
  } else if (presetName !== undefined) {
    const preset = presetByName(presetName.trim().toLowerCase());
    if (!preset)
      notices.push(`There is no preset "${quote(presetName)}"; showing the default explorer instead.`);
    else {
      base = presetBase(preset);
      state.preset = preset.name;
    }
  }

  // The link's own settings, validated by the codec, override the preset's; the rules between settings
  // judge the merged result (`?preset=pre-ln-rezero-100&rezero=1` keeps the preset's res=1).
  const presetConfig = normalizeConfig({ ...DEFAULT_CONFIG, ...base?.config }).config;
  const decoded = decodeConfig(query, presetConfig);
  notices.push(...decoded.notices);
  const config = decoded.config;

  const embed = pairs.get('embed');
  if (embed !== undefined) {
    const b = bool(embed);
    if (b === undefined) notices.push(`embed=${quote(embed)} is not 1 or 0; showing the full page.`);
    state.embed = b === true;
  }
  const panels = pairs.get('panels');
  if (panels !== undefined) {
    const names: PagePanel[] = [];
    for (const raw of panels.split(',')) {
      const n = raw.trim().toLowerCase();
      if (n === '') continue;
      if ((PAGE_PANELS as readonly string[]).includes(n)) {
        if (!names.includes(n as PagePanel)) names.push(n as PagePanel);
      } else notices.push(`There is no panel "${quote(raw)}"; known panels: ${PAGE_PANELS.join(', ')}.`);
    }
    state.panels = names;
  }
  if (state.embed && state.panels.length === 0) {
    state.panels = [...DEFAULT_EMBED_PANELS];
  }

  const compare = pairs.get('compare');
  if (compare !== undefined) {
    state.compare = parseCompare(compare, notices);
    // The preset's legend labels still fit when the link spells the preset's own compare runs.
    if (base?.labels && encodeCompare(state.compare) === encodeCompare(base.compare ?? []))
      state.labels = base.labels;
  } else if (base?.compare) {
    state.compare = base.compare;
    state.labels = base.labels;
  }

  const play = pairs.get('play');
  if (play !== undefined) {
    const b = bool(play);
    if (b === undefined) notices.push(`play=${quote(play)} is not 1 or 0; ignored.`);
    else state.play = b;
  }
  const steps = pairs.get('steps');
  if (steps !== undefined) {
    const n = wholeNumber(steps, 0, MAX_LINK_STEPS);
    if (n === undefined)
      notices.push(`steps=${quote(steps)} is not a whole number up to ${MAX_LINK_STEPS}; ignored.`);
    else state.steps = n;
  } else if (base?.steps !== undefined) state.steps = base.steps;
  const speed = pairs.get('speed');
  if (speed !== undefined) {
    const n = wholeNumber(speed, 0, 100);
    if (n === undefined || !(PAGE_SPEEDS as readonly number[]).includes(n)) {
      notices.push(`speed=${quote(speed)} is not one of ${PAGE_SPEEDS.join(', ')}; ignored.`);
    } else state.speed = n;
  }

  const view = pairs.get('view');
  if (view !== undefined && view.trim().toLowerCase() === 'map') state.view = 'map';
  else {
    if (view !== undefined) notices.push(`view=${quote(view)} is not a known view (map); ignored.`);
    if (base?.view) state.view = base.view;
  }
  if (['msw2', 'mdepths', 'msteps', 'mmetric'].some((k) => pairs.has(k)) || state.view === 'map' || base?.map)
    state.map = parseMapLink((k) => pairs.get(k), notices, base?.map);

  const unique = [...new Set(notices.map(clipNotice))];
  return { ...state, config, notices: unique.slice(0, MAX_NOTICES + 1) };
}

/** What a page state starts from before the link's own settings: the preset's or lesson step's state. */
function baseOf(state: Pick<PageState, 'preset' | 'lesson' | 'step'>): PageState {
  if (state.lesson) return resolvePageUrl(`lesson=${state.lesson}&step=${state.step ?? 1}`);
  if (state.preset) return resolvePageUrl(`preset=${state.preset}`);
  return { config: { ...DEFAULT_CONFIG }, notices: [], embed: false, panels: [], compare: [] };
}

function encodeConfigValue(v: unknown): string {
  return typeof v === 'number' ? formatNumber(v) : encodeURIComponent(String(v));
}

/**
 * The link for a page state: `v=`, the preset or lesson, the settings that differ from that base (so
 * opening the link reproduces the config exactly, same seed → same numbers), then the other page keys.
 */
export function encodePageQuery(state: Omit<PageState, 'notices'>): string {
  const parts = [`v=${CONFIG_VERSION}`];
  if (state.lesson) parts.push(`lesson=${state.lesson}`, `step=${state.step ?? 1}`);
  else if (state.preset) parts.push(`preset=${state.preset}`);
  const base = baseOf(state).config;
  const config = normalizeConfig(state.config).config;
  const differs = (key: keyof RunConfig) => !Object.is(config[key], base[key]);
  for (const key of CONFIG_KEYS) {
    // A written bstd reads as bias=normal unless the bias is written too.
    if (differs(key) || (key === 'bias' && differs('bstd')))
      parts.push(`${key}=${encodeConfigValue(config[key])}`);
  }
  if (state.embed) parts.push('embed=1');
  if (state.panels.length > 0) parts.push(`panels=${state.panels.join(',')}`);
  const compare = encodeCompare(state.compare);
  if (compare !== encodeCompare(baseOf(state).compare)) parts.push(`compare=${compare}`);
  if (state.play === false) parts.push('play=0');
  if (state.steps !== undefined && state.steps !== baseOf(state).steps) parts.push(`steps=${state.steps}`);
  if (state.speed !== undefined) parts.push(`speed=${state.speed}`);
  const from = baseOf(state);
  if (state.view === 'map' && from.view !== 'map') parts.push('view=map');
  if (state.map) parts.push(...encodeMapLink(state.map, from.map));
  return parts.join('&');
}
