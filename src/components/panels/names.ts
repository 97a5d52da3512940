// Stable panel names: `?embed=1&panels=depth,loss` and the share features refer to panels by these.
export const PANEL_NAMES = [
  'depth',
  'heatmap',
  'histograms',
  'loss',
  'table',
  'boundary',
  'formula',
  'compare',
] as const;
export type PanelName = (typeof PANEL_NAMES)[number];

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
