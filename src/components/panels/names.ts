// Stable panel names: `?embed=1&panels=depth,loss` and the share features refer to panels by these.
// The list itself lives with the page link (engine/presets/pageUrl), which parses `panels=`; the explorer
// uses the same list under its own name, so link and page cannot disagree.
import { PAGE_PANELS, type PagePanel } from '../../engine/presets/pageUrl';

export const PANEL_NAMES = PAGE_PANELS;
export type PanelName = PagePanel;

export function isPanelName(s: string): s is PanelName {
  return (PANEL_NAMES as readonly string[]).includes(s);
}

/** Parses a `panels=` list, keeping known names in order, without duplicates. */
export function parsePanels(list: string | null): PanelName[] {
  if (!list) return [];
  const out: PanelName[] = [];
  for (const raw of list.split(',')) {
    const name = raw.trim().toLowerCase();
    if (isPanelName(name) && !out.includes(name)) out.push(name);
  }
  return out;
}
