// Minimal canvas plotting: scales, ticks, axes and lines. The live charts redraw at display rate, which
// SVG charts re-rendered through React cannot do cheaply; these draw a few hundred segments in well
// under a millisecond.

export interface Theme {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
  font: string;
  fontPx: number;
  act: string;
  grad: string;
  /** The residual stream x^ℓ (res=1). */
  stream: string;
  test: string;
  slots: string[];
  classes: string[];
}

export function readTheme(el: Element): Theme {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  const fontPx = Number.parseFloat(v('--chart-font-px', '11')) || 11;
  return {
    fg: v('--fg', '#1d2430'),
    muted: v('--muted', '#5b6575'),
    grid: v('--grid', '#e3e7ee'),
    bg: v('--panel-bg', '#ffffff'),
    font: `${fontPx}px system-ui, sans-serif`,
    fontPx,
    act: v('--c-act', '#2563eb'),
    grad: v('--c-grad', '#d9480f'),
    stream: v('--c-stream', '#2b8a3e'),
    test: v('--c-test', '#7048e8'),
    slots: [
      v('--c-slot0', '#2563eb'),
      v('--c-slot1', '#d9480f'),
      v('--c-slot2', '#2b8a3e'),
      v('--c-slot3', '#ae3ec9'),
    ],
    classes: [
      '#2563eb',
      '#d9480f',
      '#2b8a3e',
      '#ae3ec9',
      '#e8590c',
      '#0c8599',
      '#5c940d',
      '#c2255c',
      '#495057',
      '#7950f2',
    ],
  };
}

export interface Scale {
  log: boolean;
  d0: number;
  d1: number;
  map(v: number): number;
}

export function scale(d0: number, d1: number, r0: number, r1: number, log = false): Scale {
  if (log) {
    const l0 = Math.log10(d0);
    const l1 = Math.log10(d1);
    const k = (r1 - r0) / (l1 - l0 || 1);
    return { log, d0, d1, map: (v) => (v > 0 ? r0 + (Math.log10(v) - l0) * k : Number.NaN) };
  }
  const k = (r1 - r0) / (d1 - d0 || 1);
  return { log, d0, d1, map: (v) => r0 + (v - d0) * k };
}

/** Data extent of finite (and, for log scales, positive) values, padded; a fallback when empty. */
export function extent(values: Iterable<number>, log: boolean, fallback: [number, number]): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return fallback;
  if (log) {
    const a = Math.floor(Math.log10(lo) * 2) / 2;
    const b = Math.ceil(Math.log10(hi) * 2) / 2;
    return [10 ** a, 10 ** (b > a ? b : a + 0.5)];
  }
  if (lo === hi) return [lo - (Math.abs(lo) || 1) * 0.5, hi + (Math.abs(hi) || 1) * 0.5];
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

export function linearTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= count) ?? 10 * mag;
  const out: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
    out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

export function logTicks(lo: number, hi: number, count = 6): number[] {
  const a = Math.ceil(Math.log10(lo) - 1e-9);
  const b = Math.floor(Math.log10(hi) + 1e-9);
  // Less than about a decade: powers of ten alone would give one tick or none; use 1-2-5 steps.
  if (b - a < 1) {
    const out: number[] = [];
    for (let e = a - 1; e <= b; e++)
      for (const m of [1, 2, 5]) {
        const t = m * Number(`1e${e}`);
        if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) out.push(t);
      }
    return out.length >= 2 ? out : linearTicks(lo, hi, 3);
  }
  const every = Math.max(1, Math.ceil((b - a + 1) / count));
  const out: number[] = [];
  for (let e = a; e <= b; e++) if ((e - a) % every === 0) out.push(Number(`1e${e}`));
  return out;
}

/** Short number text for ticks and labels: 0.217, 1.5e-7, 12k. */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 && a < 1e6 && Number.isInteger(v)) return `${Math.round(v / 1000)}k`;
  if (a >= 1e4 || a < 1e-3) {
    const [m, e] = v.toExponential(Math.max(0, digits - 2)).split('e');
    return `${m.replace(/\.?0+$/, '')}e${e.replace('+', '')}`;
  }
  return Number(v.toPrecision(digits)).toString();
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Plot box inside a canvas of css size w×h, leaving room for tick labels. */
export function plotBox(
  w: number,
  h: number,
  theme: Theme,
  opts: { left?: number; bottom?: number } = {},
): Box {
  const left = opts.left ?? theme.fontPx * 5.2;
  const bottom = opts.bottom ?? theme.fontPx * 3;
  const top = theme.fontPx * 0.8;
  const right = theme.fontPx * 0.8;
  return { x: left, y: top, w: Math.max(10, w - left - right), h: Math.max(10, h - top - bottom) };
}

export function drawAxes(
  ctx: CanvasRenderingContext2D,
  box: Box,
  sx: Scale,
  sy: Scale,
  theme: Theme,
  labels: { x?: string; y?: string; xTicks?: number[]; yTicks?: number[]; grid?: boolean } = {},
): void {
  ctx.save();
  ctx.font = theme.font;
  ctx.lineWidth = 1;
  const xt = labels.xTicks ?? (sx.log ? logTicks(sx.d0, sx.d1) : linearTicks(sx.d0, sx.d1));
  const yt = labels.yTicks ?? (sy.log ? logTicks(sy.d0, sy.d1) : linearTicks(sy.d0, sy.d1, 4));
  ctx.strokeStyle = theme.grid;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yt) {
    const y = Math.round(sy.map(t)) + 0.5;
    if (!(y >= box.y - 1 && y <= box.y + box.h + 1)) continue;
    ctx.beginPath();
    ctx.moveTo(labels.grid === false ? box.x - 4 : box.x, y);
    ctx.lineTo(labels.grid === false ? box.x : box.x + box.w, y);
    ctx.stroke();
    ctx.fillText(fmt(t, 2), box.x - 5, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xt) {
    const x = Math.round(sx.map(t)) + 0.5;
    if (!(x >= box.x - 1 && x <= box.x + box.w + 1)) continue;
    ctx.beginPath();
    ctx.moveTo(x, box.y + box.h);
    ctx.lineTo(x, box.y + box.h + 4);
    ctx.stroke();
    ctx.fillText(fmt(t, 3), x, box.y + box.h + 5);
  }
  ctx.strokeStyle = theme.muted;
  ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w, box.h);
  ctx.fillStyle = theme.fg;
  if (labels.x) ctx.fillText(labels.x, box.x + box.w / 2, box.y + box.h + theme.fontPx * 1.6);
  if (labels.y) {
    ctx.translate(theme.fontPx * 0.2, box.y + box.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'top';
    ctx.fillText(labels.y, 0, 0);
  }
  ctx.restore();
}

export interface LineStyle {
  color: string;
  width?: number;
  dash?: number[];
  /** Draw a dot at each point as well (sparse series such as test evaluations). */
  dots?: boolean;
}

/** Polyline with gaps where a value is not finite or falls off a log axis. */
export function drawLine(
  ctx: CanvasRenderingContext2D,
  n: number,
  x: (i: number) => number,
  y: (i: number) => number,
  sx: Scale,
  sy: Scale,
  box: Box,
  style: LineStyle,
): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.strokeStyle = style.color;
  ctx.fillStyle = style.color;
  ctx.lineWidth = style.width ?? 1.5;
  ctx.setLineDash(style.dash ?? []);
  ctx.beginPath();
  let pen = false;
  for (let i = 0; i < n; i++) {
    const px = sx.map(x(i));
    const py = sy.map(y(i));
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false;
      continue;
    }
    if (pen) ctx.lineTo(px, py);
    else ctx.moveTo(px, py);
    pen = true;
  }
  ctx.stroke();
  if (style.dots) {
    for (let i = 0; i < n; i++) {
      const px = sx.map(x(i));
      const py = sy.map(y(i));
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      ctx.beginPath();
      ctx.arc(px, py, 2.2, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.restore();
}

/** A message in the middle of the plot (e.g. "waiting for the first step"). */
export function drawCentered(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  text: string,
  theme: Theme,
): void {
  ctx.save();
  ctx.font = theme.font;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, w / 2, h / 2);
  ctx.restore();
}
