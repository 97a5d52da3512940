// Ridgeline of per-layer activation histograms from one record: a row per chosen layer, all on the same
// fixed range, with the share of values below / above the range written at the row's ends.
import { histBinCount, layerCount, layerHist, recStep } from '../../store/recordView';
import { histBins } from './records';
import { drawCentered, fmt, type Theme } from './plot';
import { bandIndex, type ReadoutGrid } from './readout';

/** Up to `max` layers, evenly spread, always the first and the last (1-based). */
export function pickLayers(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i + 1);
  const out = new Set<number>();
  for (let k = 0; k < max; k++) out.add(1 + Math.round((k * (n - 1)) / (max - 1)));
  return [...out];
}

function pct(part: number, total: number): string {
  if (!(total > 0) || part === 0) return '0%';
  const p = (100 * part) / total;
  return p < 0.1 ? '<0.1%' : `${fmt(p, 2)}%`;
}

/** Draws the ridgeline; returns the grid it drew (layer rows × bins) for hover readouts, or null. */
export function drawRidges(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  rec: Float32Array | null,
  maxRows: number,
  /** The linked layer (1-based): given a row even when it is not among the evenly spread ones. */
  highlight: number | null = null,
): ReadoutGrid | null {
  if (!rec || histBinCount(rec) === 0) {
    drawCentered(
      ctx,
      w,
      h,
      rec ? 'this engine sent no histograms' : 'waiting for the network at init…',
      theme,
    );
    return null;
  }
  const layers = pickLayers(layerCount(rec), maxRows);
  if (highlight !== null && highlight <= layerCount(rec) && !layers.includes(highlight)) {
    layers.push(highlight);
    layers.sort((a, b) => a - b);
  }
  const fp = theme.fontPx;
  const left = fp * 3.6;
  const right = fp * 6.2;
  const top = fp * 0.6;
  const bottom = fp * 1.8;
  const rowH = (h - top - bottom) / layers.length;
  const plotW = Math.max(10, w - left - right);
  const h0 = layerHist(rec, 0);
  const lo = h0?.lo ?? 0;
  const hi = h0?.hi ?? 1;
  ctx.save();
  ctx.font = theme.font;
  layers.forEach((layer, row) => {
    const i = layer - 1;
    const bins = histBins(rec, i);
    const under = layerHist(rec, i)?.under ?? 0;
    const over = layerHist(rec, i)?.over ?? 0;
    let inRange = 0;
    let peak = 0;
    for (const c of bins) {
      inRange += c;
      peak = Math.max(peak, c);
    }
    const total = inRange + under + over;
    const base = top + (row + 1) * rowH;
    const bw = plotW / bins.length;
    if (layer === highlight) {
      ctx.fillStyle = theme.grid;
      ctx.fillRect(0, base - rowH, w, rowH);
    }
    ctx.fillStyle = theme.act;
    ctx.globalAlpha = 0.75;
    for (let b = 0; b < bins.length; b++) {
      // Square-root height so a big spike (ReLU's dead units at 0) does not flatten everything else.
      const hh = peak > 0 ? Math.sqrt(bins[b] / peak) * rowH * 0.92 : 0;
      ctx.fillRect(left + b * bw, base - hh, Math.max(1, bw - 0.5), hh);
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = theme.grid;
    ctx.beginPath();
    ctx.moveTo(left, base + 0.5);
    ctx.lineTo(left + plotW, base + 0.5);
    ctx.stroke();
    ctx.fillStyle = theme.fg;
    ctx.textBaseline = 'bottom';
    ctx.textAlign = 'right';
    ctx.fillText(`ℓ=${layer}`, left - 4, base);
    ctx.textAlign = 'left';
    ctx.fillStyle = over > 0 ? theme.grad : theme.muted;
    // "> 4: 0%" says which end and how much; a bare ">0" read as "more than zero".
    ctx.fillText(`>${fmt(hi)}: ${pct(over, total)}`, left + plotW + 4, base);
    if (under > 0) {
      ctx.fillStyle = theme.grad;
      ctx.fillText(`<${fmt(lo)}: ${pct(under, total)}`, left + plotW + 4, base - fp * 1.1);
    }
  });
  ctx.fillStyle = theme.muted;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(fmt(lo), left, h - bottom + 3);
  ctx.textAlign = 'right';
  ctx.fillText(fmt(hi), left + plotW, h - bottom + 3);
  ctx.textAlign = 'center';
  ctx.fillText(`h (step ${recStep(rec)})`, left + plotW / 2, h - bottom + 3);
  ctx.restore();
  const nBins = histBinCount(rec);
  const binW = (hi - lo) / nBins;
  return {
    cols: nBins,
    rows: layers.length,
    cellAt: (x, y) => {
      const col = bandIndex(x, left, plotW, nBins);
      const row = bandIndex(y, top, rowH * layers.length, layers.length);
      return col < 0 || row < 0 ? null : { col, row };
    },
    rect: ({ col, row }) => ({
      x: left + (col * plotW) / nBins,
      y: top + row * rowH,
      w: plotW / nBins,
      h: rowH,
    }),
    text: ({ col, row }) => {
      const layer = layers[row];
      const i = layer - 1;
      const hist = layerHist(rec, i);
      const bins = histBins(rec, i);
      let total = (hist?.under ?? 0) + (hist?.over ?? 0);
      for (const c of bins) total += c;
      const a = lo + col * binW;
      const end = col === nBins - 1 ? ']' : ')';
      return `layer ${layer}, step ${recStep(rec)}: h in [${fmt(a, 3)}, ${fmt(a + binW, 3)}${end}: ${bins[col]} ${bins[col] === 1 ? 'value' : 'values'} (${pct(bins[col], total)})`;
    },
    layerOf: (row) => layers[row],
    rowOf: (layer) => layers.indexOf(layer),
  };
}
