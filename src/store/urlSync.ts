// URL ⇄ state. At load: the config (decodeConfig, with notices), compare slots (`compare=`), playback
// (`play=0`, `speed=`) and the embed choice (`embed=1&panels=…`). After that every config change is
// written back with history.replaceState (no history spam); other page keys (preset, lesson, …) are kept.
import { ACTIVATIONS, type Activation, INITIALIZERS, type InitName } from '../engine/config';
import { decodeConfig, encodeConfig } from '../engine/config/codec';
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
  const params = new URLSearchParams(search);
  const { config, notices } = decodeConfig(search);
  const extra: string[] = [];
  const compare = parseCompare(params.get('compare'), extra);
  const cfg = useConfigStore.getState();
  cfg.replaceConfig(config, [...notices, ...extra]);
  if (compare.length > 0) cfg.setCompare(compare);
  const run = useRunStore.getState();
  if (params.get('play') === '0') run.setPlaying(false);
  const speed = Number(params.get('speed'));
  if (params.has('speed') && (SPEEDS as readonly number[]).includes(speed)) run.setSpeed(speed as Speed);
  return { embed: params.get('embed') === '1', panels: params.get('panels') };
}

/** The query for the current state: config first, then the page keys we do not own, then compare. */
export function currentQuery(search: string): string {
  const { config, compare } = useConfigStore.getState();
  const keep = new URLSearchParams(search);
  const parts = [encodeConfig(config)];
  for (const [k, v] of keep) {
    if (['preset', 'lesson', 'step', 'embed', 'panels', 'play', 'speed', 'steps'].includes(k))
      parts.push(`${k}=${encodeURIComponent(v)}`);
  }
  if (compare.length > 0) parts.push(`compare=${formatCompare(compare)}`);
  return parts.join('&');
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
