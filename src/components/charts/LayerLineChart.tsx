// A per-layer line chart in SVG (recharts): x = hidden layer, y = std on a log axis. Used by the depth
// profile and compare mode's overlays. It takes part in linked layers: pointing at (or arrowing to) layer ℓ
// highlights ℓ in every per-layer panel, a click or Enter pins it, and the highlighted layer from elsewhere
// is marked here with a vertical line.
import { useEffect, useRef } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  useActiveTooltipLabel,
  XAxis,
  YAxis,
} from 'recharts';
import { highlightedLayer, useLayerFocus } from '../../store/layerFocus';
import { layerAxis, logAxis } from './axes';
import { ChartTooltip, type TipItem } from './ChartTooltip';
import { fmt, type Theme } from './plot';

export interface LayerLine {
  key: string;
  color: string;
  dash?: string;
  width: number;
  dots: boolean;
  hidden: boolean;
}

/** Mirrors the tooltip's layer (pointer or keyboard) into the linked-layer slice. */
function ActiveLayerSync() {
  const label = useActiveTooltipLabel();
  const was = useRef<number | null>(null);
  useEffect(() => {
    const layer = label === undefined || label === null ? null : Number(label);
    const next = layer !== null && Number.isFinite(layer) ? layer : null;
    // Only changes from this chart: a chart nobody points at must not clear another panel's hover.
    if (next === was.current) return;
    was.current = next;
    useLayerFocus.getState().setHover(next);
  }, [label]);
  return null;
}

export function LayerLineChart({
  rows,
  layers,
  lines,
  range,
  tipItems,
  theme,
  className,
  label,
}: {
  rows: readonly Record<string, unknown>[];
  layers: number;
  lines: readonly LayerLine[];
  /** Extent of the drawable values (log axis), or null. */
  range: [number, number] | null;
  tipItems: readonly TipItem[];
  theme: Theme;
  className: string;
  /** The chart's text alternative (a summary; the panel's caption or table holds the numbers). */
  label: string;
}) {
  const highlight = useLayerFocus(highlightedLayer);
  const pinned = useLayerFocus((s) => s.pinned);
  const x = layerAxis(layers);
  const y = logAxis(range?.[0] ?? 1e-3, range?.[1] ?? 10);
  const pin = () => {
    const h = useLayerFocus.getState().hover;
    if (h !== null) useLayerFocus.getState().togglePin(h);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Enter arrives from recharts' focusable SVG (its keyboard layer) inside
    <div
      className={`${className} rchart`}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          pin();
        }
      }}
    >
      <LineChart
        data={rows as Record<string, unknown>[]}
        responsive
        style={{ width: '100%', height: '100%' }}
        margin={{ top: 8, right: 12, bottom: 18, left: 4 }}
        onClick={pin}
        title={label}
      >
        <CartesianGrid stroke={theme.grid} vertical={false} />
        <XAxis
          dataKey="layer"
          type="number"
          domain={x.domain}
          ticks={x.ticks}
          interval={0}
          allowDecimals={false}
          stroke={theme.muted}
          tick={{ fill: theme.muted }}
          label={{ value: 'hidden layer ℓ', position: 'insideBottom', offset: -12, fill: theme.fg }}
        />
        <YAxis
          type="number"
          scale="log"
          domain={y.domain}
          ticks={y.ticks}
          interval={0}
          allowDataOverflow
          stroke={theme.muted}
          tickFormatter={(v: number) => fmt(v, 2)}
          tick={{ fill: theme.muted }}
          width={52}
          label={{ value: 'std (log)', angle: -90, position: 'insideLeft', fill: theme.fg }}
        />
        {highlight !== null && highlight >= 1 && highlight <= layers && (
          <ReferenceLine
            x={highlight}
            stroke={theme.fg}
            strokeOpacity={highlight === pinned ? 0.7 : 0.35}
            strokeWidth={highlight === pinned ? 2 : 1.5}
            ifOverflow="hidden"
          />
        )}
        {lines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            type="linear"
            stroke={l.color}
            strokeWidth={l.width}
            strokeDasharray={l.dash}
            dot={l.dots ? { r: 2.2, fill: l.color, strokeWidth: 0 } : false}
            activeDot={l.dash ? false : { r: 4 }}
            hide={l.hidden}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          cursor={{ stroke: theme.muted, strokeDasharray: '3 3' }}
          content={(p) => <ChartTooltip {...p} title={(r) => `layer ℓ = ${r.layer}`} items={tipItems} />}
        />
        <ActiveLayerSync />
      </LineChart>
    </div>
  );
}
