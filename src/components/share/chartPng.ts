// A panel's charts as one PNG: its canvases (drawn at device-pixel resolution) and its recharts SVGs
// (drawn onto a canvas, with their computed styles inlined, since the page's CSS does not travel with a
// serialized SVG), stacked in page order on the panel's background under the panel's title and above its
// legend, so the image stands alone.
const PAD = 12;
const TITLE_PX = 16;
const INLINE_STYLES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

type Chart = HTMLCanvasElement | SVGSVGElement;

function chartsOf(panel: ParentNode): Chart[] {
  // recharts' chart surfaces only: KaTeX's radicals and any icon SVGs are not charts.
  const all = panel.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas, svg.recharts-surface');
  return [...all].filter((el) => {
    if (el instanceof HTMLCanvasElement) return el.width > 0 && el.height > 0;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  });
}

/** The SVG as an image: a clone with computed styles inlined, serialized, decoded. */
async function svgImage(
  svg: SVGSVGElement,
  scale: number,
): Promise<{ img: HTMLImageElement; w: number; h: number }> {
  const box = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  from.forEach((el, i) => {
    const cs = getComputedStyle(el);
    const target = to[i] as SVGElement;
    for (const p of INLINE_STYLES) target.style.setProperty(p, cs.getPropertyValue(p));
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  const url = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }),
  );
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { img, w: Math.round(box.width * scale), h: Math.round(box.height * scale) };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Panels that draw charts, in page order, with their titles. */
export function chartPanels(root: ParentNode = document): { name: string; title: string; el: HTMLElement }[] {
  const out: { name: string; title: string; el: HTMLElement }[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('section[data-panel]')) {
    if (chartsOf(el).length === 0) continue;
    out.push({ name: el.dataset.panel ?? 'chart', title: el.querySelector('h2')?.textContent ?? '', el });
  }
  return out;
}

interface LegendItem {
  text: string;
  color: string;
  /** [on, off] pixel lengths of a dashed or dotted swatch; undefined = solid. */
  dash?: [number, number];
}

/** The panel's HTML legend (swatch + text per item), read from the page so the PNG says what lines mean. */
function legendItems(panel: HTMLElement): LegendItem[] {
  const items: LegendItem[] = [];
  for (const li of panel.querySelectorAll<HTMLElement>('.legend li')) {
    const swatch = li.querySelector<HTMLElement>('.swatch');
    const text = (li.textContent ?? '').trim();
    // A series switched off in its legend is not in the chart either.
    if (!swatch || !text || li.classList.contains('off')) continue;
    const cs = getComputedStyle(swatch);
    // A dashed swatch is a repeating gradient "colour 0 Apx, transparent Apx Bpx": take colour, A and B.
    const grad =
      /repeating-linear-gradient\([^,]+,\s*(rgba?\([^)]*\))\s+0px,\s*rgba?\([^)]*\)\s+([\d.]+)px,\s*rgba?\([^)]*\)\s+[\d.]+px,\s*rgba?\([^)]*\)\s+([\d.]+)px/.exec(
        cs.backgroundImage,
      );
    if (grad)
      items.push({ text, color: grad[1], dash: [Number(grad[2]), Number(grad[3]) - Number(grad[2])] });
    else items.push({ text, color: cs.backgroundColor });
  }
  return items;
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  items: LegendItem[],
  x0: number,
  y0: number,
  maxW: number,
  scale: number,
): number {
  const line = 18 * scale;
  const sw = 22 * scale;
  let x = x0;
  let y = y0 + line / 2;
  for (const it of items) {
    const w = sw + 6 * scale + ctx.measureText(it.text).width + 18 * scale;
    if (x > x0 && x + w > x0 + maxW) {
      x = x0;
      y += line;
    }
    ctx.save();
    ctx.strokeStyle = it.color;
    ctx.lineWidth = 3 * scale;
    ctx.setLineDash(it.dash ? it.dash.map((d) => d * scale) : []);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + sw, y);
    ctx.stroke();
    ctx.restore();
    ctx.fillText(it.text, x + sw + 6 * scale, y);
    x += w;
  }
  return items.length > 0 ? y + line / 2 - y0 : 0;
}

export async function panelToPng(panel: HTMLElement, title: string): Promise<Blob> {
  const scale = Math.min(2, window.devicePixelRatio || 1);
  const parts: { src: CanvasImageSource; w: number; h: number }[] = [];
  for (const c of chartsOf(panel)) {
    if (c instanceof HTMLCanvasElement) parts.push({ src: c, w: c.width, h: c.height });
    else parts.push(await svgImage(c, scale).then(({ img, w, h }) => ({ src: img, w, h })));
  }
  if (parts.length === 0) throw new Error('this panel has no chart');
  const style = getComputedStyle(panel);
  const pad = PAD * scale;
  const titleH = (TITLE_PX + PAD) * scale;
  const out = document.createElement('canvas');
  out.width = Math.round(Math.max(...parts.map((p) => p.w)) + 2 * pad);
  const legend = legendItems(panel);
  const legendFont = `${12 * scale}px ${style.fontFamily || 'sans-serif'}`;
  // Lay the legend out once on a scratch canvas to know how many rows it wraps into.
  const scratch = document.createElement('canvas').getContext('2d');
  let legendH = 0;
  if (scratch && legend.length > 0) {
    scratch.font = legendFont;
    legendH = drawLegend(scratch, legend, pad, 0, out.width - 2 * pad, scale) + pad;
  }
  out.height = Math.round(parts.reduce((s, p) => s + p.h + pad, pad + titleH) + legendH);
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2-D canvas context');
  const bg = style.backgroundColor;
  ctx.fillStyle = bg && bg !== 'rgba(0, 0, 0, 0)' ? bg : '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = style.color || '#1d2430';
  ctx.font = `600 ${TITLE_PX * scale}px ${style.fontFamily || 'sans-serif'}`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, pad, pad);
  let y = pad + titleH;
  for (const p of parts) {
    ctx.drawImage(p.src, pad, y, p.w, p.h);
    y += p.h + pad;
  }
  ctx.font = legendFont;
  ctx.textBaseline = 'middle';
  drawLegend(ctx, legend, pad, y, out.width - 2 * pad, scale);
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
