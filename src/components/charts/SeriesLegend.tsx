// A legend whose entries switch their series on and off (buttons with aria-pressed, so keyboards and screen
// readers can too). It keeps the `.legend li .swatch` shape that the PNG export reads.
import type { CSSProperties } from 'react';

export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  /** SVG dash pattern ("6 4"), drawn on the swatch as well. */
  dash?: string;
}

function swatchStyle(color: string, dash?: string): CSSProperties {
  if (!dash) return { background: color };
  const [on, off] = dash.split(' ').map(Number);
  const a = Math.max(2, on * 1.2);
  return {
    background: `repeating-linear-gradient(90deg, ${color} 0 ${a}px, transparent ${a}px ${a + off * 1.2}px)`,
  };
}

export function SeriesLegend({
  entries,
  hidden,
  onToggle,
  label = 'Legend: click a series to hide or show it',
}: {
  entries: readonly LegendEntry[];
  hidden: ReadonlySet<string>;
  onToggle(key: string): void;
  label?: string;
}) {
  return (
    <ul className="legend toggles" aria-label={label}>
      {entries.map((e) => (
        <li key={e.key} className={hidden.has(e.key) ? 'off' : undefined}>
          <button
            type="button"
            aria-pressed={!hidden.has(e.key)}
            data-testid={`legend-${e.key}`}
            onClick={() => onToggle(e.key)}
          >
            <span className="swatch" style={swatchStyle(e.color, e.dash)} /> {e.label}
          </button>
        </li>
      ))}
    </ul>
  );
}
