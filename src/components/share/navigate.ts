// Opening a preset or a lesson step: the link is rewritten first (so the explorer's URL sync, which keeps
// the page keys of the current link, encodes the new config against the new preset), then the config and
// compare runs go to the explorer's stores, which restart the runs.
import { encodeCompare, encodePageQuery, type PageState, resolvePageUrl } from '../../engine/presets/pageUrl';
import { useConfigStore } from '../../store/configStore';
import { setPlaying } from '../../store/runtime';
import { useGuide } from './pageState';

/** The page state as it is now: the link's page keys with the live config and compare runs. */
export function currentPageState(): PageState {
  const page = resolvePageUrl(window.location.search);
  const { config, compare } = useConfigStore.getState();
  return { ...page, config, compare: [...compare] };
}

/** Absolute link for a page state (the current page's path, any sub-path it is served from). */
export function pageLink(state: Omit<PageState, 'notices'>): string {
  const url = new URL(window.location.href);
  url.search = `?${encodePageQuery(state)}`;
  url.hash = '';
  return url.href;
}

function writeUrl(state: Omit<PageState, 'notices'>): void {
  const url = `${window.location.pathname}?${encodePageQuery(state)}${window.location.hash}`;
  window.history.replaceState(window.history.state, '', url);
}

function open(query: string): void {
  const cur = resolvePageUrl(window.location.search);
  const next = resolvePageUrl(query);
  // Keep the playback choices and the embed view of the current link.
  const state: PageState = { ...next, embed: cur.embed, panels: cur.panels, speed: cur.speed };
  writeUrl(state);
  useGuide.setState((g) => ({
    preset: state.preset,
    lesson: state.lesson,
    step: state.step,
    labels: state.labels,
    steps: state.steps,
    opened: g.opened + 1,
    view: state.view,
    map: state.map,
  }));
  const store = useConfigStore.getState();
  store.replaceConfig(state.config, state.notices);
  if (encodeCompare(store.compare) !== encodeCompare(state.compare)) store.setCompare(state.compare);
  setPlaying(true);
}

export function openPreset(name: string): void {
  open(`preset=${encodeURIComponent(name)}`);
}

export function openLesson(name: string, step = 1): void {
  open(`lesson=${encodeURIComponent(name)}&step=${step}`);
}

/** Leave the preset or lesson, keeping the settings as they are. */
export function closeGuide(): void {
  const state = currentPageState();
  writeUrl({ ...state, preset: undefined, lesson: undefined, step: undefined, steps: undefined });
  useGuide.setState({
    preset: undefined,
    lesson: undefined,
    step: undefined,
    labels: undefined,
    steps: undefined,
  });
}
