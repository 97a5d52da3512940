// One requestAnimationFrame loop for every canvas chart. A chart marks itself dirty when one of its
// sources changes (a History, a Signal, a zustand store) and is redrawn once on the next frame, only
// while it is on screen. React renders a chart once; the data never goes through React.
import { useEffect, useRef } from 'react';
import { readTheme, type Theme } from './plot';

export interface Source {
  subscribe(fn: () => void): () => void;
}

export type DrawFn = (ctx: CanvasRenderingContext2D, w: number, h: number, theme: Theme) => void;

interface Entry {
  canvas: HTMLCanvasElement;
  /** CSS size from the ResizeObserver, so drawing never forces a layout by reading clientWidth. */
  w: number;
  h: number;
  draw: DrawFn;
  visible: boolean;
  dirty: boolean;
  theme: Theme | null;
}

const entries = new Set<Entry>();
let frame = 0;

function schedule(): void {
  if (frame === 0) frame = requestAnimationFrame(flush);
}

/** Drawing time per frame; charts still dirty after it wait for the next frame (oldest first). */
const FRAME_BUDGET_MS = 8;

function flush(): void {
  frame = 0;
  const t0 = performance.now();
  for (const e of [...entries]) {
    if (!e.dirty || !e.visible) continue;
    if (performance.now() - t0 > FRAME_BUDGET_MS) {
      schedule();
      return;
    }
    e.dirty = false;
    // Move it to the back so that under pressure every chart gets its turn.
    entries.delete(e);
    entries.add(e);
    paint(e);
  }
}

function paint(e: Entry): void {
  const { canvas, w, h } = e;
  if (w === 0 || h === 0) return;
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  const pw = Math.round(w * dpr);
  const ph = Math.round(h * dpr);
  if (canvas.width !== pw || canvas.height !== ph) {
    canvas.width = pw;
    canvas.height = ph;
  }
  // willReadFrequently keeps the canvas in CPU memory: these small 2-D charts rasterize faster in software
  // than through a (possibly software-emulated) GPU raster path, and never need a GPU round trip.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return;
  e.theme ??= readTheme(canvas);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  try {
    e.draw(ctx, w, h, e.theme);
  } catch (err) {
    // A chart bug must not take the page down; it shows up in the console and the chart stays blank.
    console.error('chart draw failed', err);
  }
}

/** Theme changes (presenter mode, colour scheme) invalidate the cached theme of every chart. */
export function invalidateChartThemes(): void {
  for (const e of entries) {
    e.theme = null;
    e.dirty = true;
  }
  schedule();
}

/**
 * Returns a ref for a <canvas>; `draw` runs on the next animation frame after any source notifies (and
 * on resize). `deps` re-registers the chart when the draw function's inputs from React change.
 */
export function useCanvasChart(draw: DrawFn, sources: readonly Source[], deps: readonly unknown[]) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const entry: Entry = {
      canvas,
      w: 0,
      h: 0,
      draw: (...a) => drawRef.current(...a),
      visible: true,
      dirty: true,
      theme: null,
    };
    entries.add(entry);
    const mark = () => {
      entry.dirty = true;
      schedule();
    };
    const offs = sources.map((s) => s.subscribe(mark));
    const ro = new ResizeObserver((items) => {
      const box = items[items.length - 1]?.contentRect;
      if (box) {
        entry.w = box.width;
        entry.h = box.height;
      }
      mark();
    });
    ro.observe(canvas);
    const io = new IntersectionObserver((items) => {
      entry.visible = items.some((i) => i.isIntersecting);
      if (entry.visible) mark();
    });
    io.observe(canvas);
    mark();
    return () => {
      entries.delete(entry);
      for (const off of offs) off();
      ro.disconnect();
      io.disconnect();
    };
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps; sources are read once per deps change
  }, deps);
  return ref;
}
