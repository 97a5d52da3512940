// The tooltip of the SVG charts: the row under the pointer (or the keyboard's cursor) with every shown
// series' exact value, read from the row itself, so a value off the log axis (0, NaN) is still reported.
import type { TooltipContentProps } from 'recharts';
import { fmt } from './plot';

export interface TipItem {
  key: string;
  label: string;
  /** The swatch colour, fixed or per row (a bar chart's bars each have their own). */
  color: string | ((row: Record<string, unknown>) => string);
  /** The value's text; null leaves the line out (the series has nothing at this row). */
  value(row: Record<string, unknown>): string | null;
}

export interface TipProps {
  title(row: Record<string, unknown>): string;
  items: readonly TipItem[];
}

/** A number for a tooltip: 4 significant digits, NaN and ±∞ spelled out. */
export function tipNumber(v: unknown): string | null {
  if (typeof v !== 'number') return null;
  return fmt(v, 4);
}

export function ChartTooltip({ active, payload, title, items }: Partial<TooltipContentProps> & TipProps) {
  const row = payload?.[0]?.payload as Record<string, unknown> | undefined;
  if (!active || !row) return null;
  const lines = items.flatMap((it) => {
    const text = it.value(row);
    return text === null
      ? []
      : [{ ...it, text, color: typeof it.color === 'string' ? it.color : it.color(row) }];
  });
  return (
    <div className="chart-tip" data-testid="chart-tip">
      <p className="chart-tip-title">{title(row)}</p>
      <ul>
        {lines.map((l) => (
          <li key={l.key}>
            <span className="tip-swatch" style={{ background: l.color }} /> {l.label}: <b>{l.text}</b>
          </li>
        ))}
      </ul>
    </div>
  );
}
