// A per-layer line chart in SVG (recharts): x = hidden layer, y = std on a log axis. Used by the depth
// profile and compare mode's overlays. It takes part in linked layers: pointing at (or arrowing to) layer ℓ
// highlights ℓ in every per-layer panel, a click or Enter pins it, and the highlighted layer from elsewhere
// is marked here with a vertical line.
import { useCallback, useEffect, useMemo, useRef } from 'react';
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
import type { Theme } from './plot';
import { axisStyle, FILL, fmtTick2, MARGIN, Y_AXIS_WIDTH } from './rechartsProps';
import { useStable } from './useStable';

export interface LayerLine {
  key: string;
  color: string;
  dash?: string;
  width: number;
  dots: boolean;
  hidden: boolean;
}

const ACTIVE_DOT = { r: 4 };
const layerTitle = (r: Record<string, unknown>) => `layer ℓ = ${r.layer}`;

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
  // Stable references while the content is the same: new ones make recharts re-register axes and series.
  const x = useStable(layerAxis(layers));
  const y = useStable(logAxis(range?.[0] ?? 1e-3, range?.[1] ?? 10));
  const stableLines = useStable(lines);
  const style = useMemo(() => axisStyle(theme), [theme]);
  const xLabel = useMemo(() => style.xLabel('hidden layer ℓ'), [style]);
  const yLabel = useMemo(() => style.yLabel('std (log)'), [style]);
  const dots = useMemo(
    () =>
      new Map(
        stableLines.map((l) => [
          l.key,
          l.dots ? { r: 2.2, fill: l.color, strokeWidth: 0 } : (false as const),
        ]),
      ),
    [stableLines],
  );
  const stableTips = useStable(tipItems.map(({ key, label, color }) => ({ key, label, color })));
  // biome-ignore lint/correctness/useExhaustiveDependencies: tipItems' value readers are recreated with the same meaning; stableTips says when they change
  const tooltip = useCallback(
    (p: object) => <ChartTooltip {...p} title={layerTitle} items={tipItems} />,
    [stableTips],
  );
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
        style={FILL}
        margin={MARGIN}
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
          tick={style.tick}
          label={xLabel}
        />
        <YAxis
          type="number"
          scale="log"
          domain={y.domain}
          ticks={y.ticks}
          interval={0}
          allowDataOverflow
          stroke={theme.muted}
          tickFormatter={fmtTick2}
          tick={style.tick}
          width={Y_AXIS_WIDTH}
          label={yLabel}
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
        {stableLines.map((l) => (
          <Line
            key={l.key}
            dataKey={l.key}
            type="linear"
            stroke={l.color}
            strokeWidth={l.width}
            strokeDasharray={l.dash}
            dot={dots.get(l.key)}
            activeDot={l.dash ? false : ACTIVE_DOT}
            hide={l.hidden}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
        <Tooltip isAnimationActive={false} cursor={style.cursor} content={tooltip} />
        <ActiveLayerSync />
      </LineChart>
    </div>
  );
}
