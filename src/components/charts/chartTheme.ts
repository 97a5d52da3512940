// Colours for the SVG charts, from the same CSS variables the canvas charts read (plot.ts readTheme):
// recharts writes them as SVG attributes, where CSS variables cannot be relied on (nor survive the PNG export).
import { useMemo } from 'react';
import { readTheme, type Theme } from './plot';

let cached: Theme | null = null;

export function chartTheme(): Theme {
  cached ??= readTheme(document.documentElement);
  return cached;
}

export function useChartTheme(): Theme {
  return useMemo(chartTheme, []);
}

/** Dash patterns shared by the SVG charts and their legends: theory dashed, step 0 dotted. */
export const DASH = { now: undefined, init: '1 3', theory: '6 4' } as const;
