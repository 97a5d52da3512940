// A canvas chart with a readout of the value under the pointer — or under a cursor moved with the arrow
// keys once the chart has keyboard focus. Rows that are hidden layers take part in linked layers: pointing
// at one highlights it in every per-layer panel, a click or Enter pins it. The readout and the cursor's
// outline are HTML over the canvas, so moving them never redraws the chart.
import { type ReactNode, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { useLayerFocus } from '../../store/layerFocus';
import { Signal } from '../../store/signal';
import { type Cell, moveCell, type ReadoutGrid } from './readout';

export interface Readout {
  /** Set by the chart's draw function: the grid it just drew. */
  grid: { current: ReadoutGrid | null };
  /** Told after every draw, so a resting readout follows the data. */
  drawn: Signal<number>;
}

export function useReadout(): Readout {
  return useMemo(() => ({ grid: { current: null }, drawn: new Signal(0) }), []);
}

/** For draw functions: record the grid and tell the readout. */
export function drew(readout: Readout, grid: ReadoutGrid | null): void {
  readout.grid.current = grid;
  readout.drawn.set(readout.drawn.value + 1);
}

interface Tip {
  cell: Cell;
  text: string;
  box: { x: number; y: number; w: number; h: number };
}

export function CanvasReadout({
  readout,
  canvasRef,
  className,
  canvasLabel,
  hint,
  testId,
  extra,
}: {
  readout: Readout;
  canvasRef: RefObject<HTMLCanvasElement | null>;
  className: string;
  /** The chart's text alternative. */
  canvasLabel: string;
  /** What the keyboard does here (part of the focusable region's name). */
  hint: string;
  testId?: string;
  extra?: ReactNode;
}) {
  const [tip, setTip] = useState<Tip | null>(null);
  const cursor = useRef<Cell | null>(null);
  /** The pointer's position over the canvas (CSS px), or null when it is elsewhere. */
  const pointer = useRef<{ x: number; y: number } | null>(null);
  /** Focus arrived before the first draw: the cursor starts after it. */
  const startPending = useRef(false);
  const boxRef = useRef<HTMLDivElement>(null);

  const show = (cell: Cell | null) => {
    const g = readout.grid.current;
    cursor.current = cell;
    if (!g || !cell) {
      setTip(null);
      return;
    }
    setTip({ cell, text: g.text(cell), box: g.rect(cell) });
    if (g.layerOf) useLayerFocus.getState().setHover(g.layerOf(cell.row));
  };
  const leave = () => {
    pointer.current = null;
    startPending.current = false;
    const hadLayer = cursor.current && readout.grid.current?.layerOf;
    show(null);
    if (hadLayer) useLayerFocus.getState().setHover(null);
  };
  // A resting readout follows the data (training goes on under the pointer): after each draw the pointer's
  // cell is looked up again (columns move as steps arrive), the keyboard's cell is re-read.
  // biome-ignore lint/correctness/useExhaustiveDependencies: show reads refs only
  useEffect(
    () =>
      readout.drawn.subscribe(() => {
        const g = readout.grid.current;
        const p = pointer.current;
        if (p) {
          const cell = g ? g.cellAt(p.x, p.y) : null;
          if (cell) show(cell);
          return;
        }
        const c = cursor.current;
        if (!c && g && startPending.current) {
          // Focused before the chart had drawn (it draws once on screen): start the cursor now.
          startCursor();
          return;
        }
        if (!c || !g) return;
        if (c.col >= g.cols || c.row >= g.rows) show(null);
        else setTip({ cell: c, text: g.text(c), box: g.rect(c) });
      }),
    [readout],
  );
  /** The keyboard cursor's start: the highlighted layer's row when there is one, at the newest column. */
  const startCursor = () => {
    const g = readout.grid.current;
    startPending.current = !g;
    if (!g || g.cols === 0 || g.rows === 0) return;
    const s = useLayerFocus.getState();
    const layer = s.hover ?? s.pinned;
    const row = layer !== null && g.rowOf ? g.rowOf(layer) : -1;
    show({ col: g.cols - 1, row: Math.max(0, row) });
  };
  const pin = () => {
    const g = readout.grid.current;
    const c = cursor.current;
    if (g?.layerOf && c) useLayerFocus.getState().togglePin(g.layerOf(c.row));
  };
  const local = (e: { clientX: number; clientY: number }) => {
    const r = canvasRef.current?.getBoundingClientRect();
    return r ? { x: e.clientX - r.left, y: e.clientY - r.top } : null;
  };
  const right = tip && boxRef.current ? tip.box.x + tip.box.w / 2 > boxRef.current.clientWidth * 0.6 : false;
  return (
    // An application region: the arrow keys belong to the chart's cursor, not to the screen reader.
    <div
      ref={boxRef}
      className="readout-box"
      role="application"
      aria-label={`${canvasLabel}. ${hint}`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart's keyboard cursor needs focus (WCAG 2.1.1)
      tabIndex={0}
      data-testid={testId}
      onPointerMove={(e) => {
        const p = local(e);
        const g = readout.grid.current;
        const cell = p && g ? g.cellAt(p.x, p.y) : null;
        if (!cell) leave();
        else if (!tip || tip.cell.col !== cell.col || tip.cell.row !== cell.row) show(cell);
        // Kept even before the first draw (a chart scrolled into view draws on the next frame).
        pointer.current = p;
      }}
      onPointerLeave={leave}
      onClick={pin}
      onFocus={(e) => {
        if (e.target === e.currentTarget && !cursor.current) startCursor();
      }}
      onBlur={leave}
      onKeyDown={(e) => {
        const g = readout.grid.current;
        if (!g) return;
        if (e.key === 'Escape') {
          leave();
          return;
        }
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          pin();
          return;
        }
        const next = moveCell(cursor.current, e.key, g);
        if (next) {
          e.preventDefault();
          show(next);
        }
      }}
    >
      <canvas ref={canvasRef} className={className} role="img" aria-label={canvasLabel} />
      {tip && (
        <>
          <div
            className="readout-cursor"
            style={{ left: tip.box.x, top: tip.box.y, width: tip.box.w, height: tip.box.h }}
          />
          <output
            className={`readout${right ? ' left' : ''}`}
            data-testid="readout"
            style={{
              left: right ? tip.box.x - 6 : tip.box.x + tip.box.w + 6,
              top: tip.box.y + tip.box.h / 2,
            }}
          >
            {tip.text}
          </output>
        </>
      )}
      {extra}
    </div>
  );
}
