// A panel's charts as one PNG: its canvases (drawn by the explorer at device-pixel resolution) stacked on
// the panel's background under the panel's title, so the image stands alone on a slide.
const PAD = 12;
const TITLE_PX = 16;

/** Panels that draw on canvas, in page order, with their titles. */
export function chartPanels(root: ParentNode = document): { name: string; title: string; el: HTMLElement }[] {
  const out: { name: string; title: string; el: HTMLElement }[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('section[data-panel]')) {
    const canvases = [...el.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0);
    if (canvases.length === 0) continue;
    out.push({ name: el.dataset.panel ?? 'chart', title: el.querySelector('h2')?.textContent ?? '', el });
  }
  return out;
}

export function panelToPng(panel: HTMLElement, title: string): Promise<Blob> {
  const canvases = [...panel.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0);
  const scale = Math.min(2, window.devicePixelRatio || 1);
  const style = getComputedStyle(panel);
  const width = Math.max(...canvases.map((c) => c.width)) + 2 * PAD * scale;
  const titleH = (TITLE_PX + PAD) * scale;
  const height = canvases.reduce((s, c) => s + c.height + PAD * scale, PAD * scale + titleH);
  const out = document.createElement('canvas');
  out.width = Math.round(width);
  out.height = Math.round(height);
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2-D canvas context'));
  ctx.fillStyle =
    style.backgroundColor && style.backgroundColor !== 'rgba(0, 0, 0, 0)' ? style.backgroundColor : '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = style.color || '#1d2430';
  ctx.font = `600 ${TITLE_PX * scale}px ${style.fontFamily || 'sans-serif'}`;
  ctx.textBaseline = 'top';
  ctx.fillText(title, PAD * scale, PAD * scale);
  let y = PAD * scale + titleH;
  for (const c of canvases) {
    ctx.drawImage(c, PAD * scale, y);
    y += c.height + PAD * scale;
  }
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
