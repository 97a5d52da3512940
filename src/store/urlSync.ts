// URL ⇄ state. At load: the config (decodeConfig, with notices), compare slots (`compare=`), playback
// (`play=0`, `speed=`) and the embed choice (`embed=1&panels=…`). After that every config change is
// written back with history.replaceState (no history spam); other page keys (preset, lesson, …) are kept.
import { ACTIVATIONS, type Activation, INITIALIZERS, type InitName } from '../engine/config';
import { encodePageQuery, resolvePageUrl } from '../engine/presets/pageUrl';
import { type Speed, SPEEDS } from '../gpu/workerProtocol';
import { type CompareOverride, MAX_SLOTS, useConfigStore } from './configStore';
import { useRunStore } from './runStore';

export interface InitialPage {
  embed: boolean;
  panels: string | null;
}

/** `compare=kaiming_normal,torch_default:tanh` → overrides (init, optional activation), at most 3. */
export function parseCompare(raw: string | null, notices: string[]): CompareOverride[] {
  if (!raw) return [];
  const out: CompareOverride[] = [];
  for (const item of raw.split(',').slice(0, MAX_SLOTS - 1)) {
    const [init, act] = item.split(':');
    if (!(INITIALIZERS as readonly string[]).includes(init)) {
      notices.push('A compare entry names an unknown initializer and was ignored.');
      continue;
    }
    const o: CompareOverride = { init: init as InitName, gain: 'auto' };
    if (act && (ACTIVATIONS as readonly string[]).includes(act)) o.act = act as Activation;
    out.push(o);
  }
  return out;
}

export function formatCompare(slots: readonly CompareOverride[]): string {
  return slots.map((o) => (o.init ?? 'kaiming_normal') + (o.act ? `:${o.act}` : '')).join(',');
}

/** Reads the page's URL into the stores; returns the embed choice. */
export function loadFromUrl(search: string): InitialPage {
  // [share] resolvePageUrl = decodeConfig plus the page keys: a preset or lesson step gives the base
  // config and compare runs, the link's own settings override them (engine/presets/pageUrl.ts).
  const page = resolvePageUrl(search);
  const cfg = useConfigStore.getState();
  cfg.replaceConfig(page.config, page.notices);
  if (page.compare.length > 0) cfg.setCompare(page.compare);
  const run = useRunStore.getState();
  if (page.play === false) run.setPlaying(false);
  if (page.speed !== undefined && (SPEEDS as readonly number[]).includes(page.speed))
    run.setSpeed(page.speed as Speed);
  return { embed: page.embed, panels: page.panels.length > 0 ? page.panels.join(',') : null };
}

/** The query for the current state: the link's page keys kept, the config and compare runs from the stores. */
export function currentQuery(search: string): string {
  const { config, compare } = useConfigStore.getState();
  // [share] Settings are written relative to the link's preset or lesson step, so the link reproduces
  // the run exactly (same seed → same numbers) even where a setting returns to the global default.
  return encodePageQuery({ ...resolvePageUrl(search), config, compare: [...compare] });
}

/** Keeps the address bar in step with the config (replaceState: one history entry, not one per change). */
export function syncUrl(): () => void {
  return useConfigStore.subscribe((s, prev) => {
    if (s.config === prev.config && s.compare === prev.compare) return;
    const q = currentQuery(window.location.search);
    const url = `${window.location.pathname}?${q}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
  });
}
