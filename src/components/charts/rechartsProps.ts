// Props shared by the SVG charts, defined once so recharts sees the same references on every update (it
// re-registers an axis or a series whose props are new objects, at the cost of another render pass).
import type { CSSProperties } from 'react';
import { fmt, type Theme } from './plot';

export const MARGIN = { top: 8, right: 12, bottom: 18, left: 4 };
export const FILL: CSSProperties = { width: '100%', height: '100%' };
export const Y_AXIS_WIDTH = 52;
export const fmtTick2 = (v: number) => fmt(v, 2);
export const fmtTick3 = (v: number) => fmt(v, 3);

/** Axis text and the tooltip cursor in the theme's colours (one object per theme). */
export function axisStyle(theme: Theme) {
  return {
    tick: { fill: theme.muted },
    cursor: { stroke: theme.muted, strokeDasharray: '3 3' },
    xLabel: (value: string) => ({ value, position: 'insideBottom' as const, offset: -12, fill: theme.fg }),
    yLabel: (value: string) => ({ value, angle: -90, position: 'insideLeft' as const, fill: theme.fg }),
  };
}
