// URL ⇄ state. At load, resolvePageUrl (engine/presets/pageUrl) reads the whole link: a preset or lesson
// step as the base, the link's own settings on top, compare runs, playback and the embed choice, with
// notices for whatever was wrong. After that every config or compare change is written back with
// history.replaceState (no history spam), keeping the link's page keys (preset, lesson, embed, …).
import { encodePageQuery, resolvePageUrl } from '../engine/presets/pageUrl';
import { type Speed, SPEEDS } from '../gpu/workerProtocol';
import { useConfigStore } from './configStore';
import { useRunStore } from './runStore';

export interface InitialPage {
  embed: boolean;
  panels: string[];
  /** The step a preset, lesson step or the link's `steps=` pauses at, if any. */
  steps?: number;
}

/** Reads the page's URL into the stores; returns the embed choice. */
export function loadFromUrl(search: string): InitialPage {
  const page = resolvePageUrl(search);
  const cfg = useConfigStore.getState();
  cfg.replaceConfig(page.config, page.notices);
  if (page.compare.length > 0) cfg.setCompare(page.compare);
  const run = useRunStore.getState();
  // The lab view trains its map in its own worker: the explorer's run waits (Play starts it) unless the
  // link asks for it, so the two do not share the CPU.
  if (page.play === false || (page.view === 'map' && page.play === undefined)) run.setPlaying(false);
  if (page.speed !== undefined && (SPEEDS as readonly number[]).includes(page.speed))
    run.setSpeed(page.speed as Speed);
  return { embed: page.embed, panels: page.panels, steps: page.steps };
}

/** The link for the current state: the current link's page keys with the live config and compare runs. */
export function currentQuery(search: string): string {
  const page = resolvePageUrl(search);
  const { config, compare } = useConfigStore.getState();
  return encodePageQuery({ ...page, config, compare });
}

/** Keeps the address bar in step with the config (replaceState: one history entry, not one per change). */
export function syncUrl(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    const url = `${window.location.pathname}?${currentQuery(window.location.search)}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
  };
  return useConfigStore.subscribe((s, prev) => {
    if (s.config === prev.config && s.compare === prev.compare) return;
    // Coalesced into one write a moment later, outside the change's own task.
    if (timer === undefined) timer = setTimeout(write, 50);
  });
}
