// Bars of the compare table's "steps to target loss" per run, on canvas like the other charts. (A
// recharts version measured 100+ ms per mount here, its text measuring forcing layouts; four bars do
// not need it.)
import { drawCentered, fmt, linearTicks, scale } from '../charts/plot';
import { type Source, useCanvasChart } from '../charts/useCanvasChart';

export interface StepsBar {
  name: string;
  /** Steps to reach the target, or the steps run so far when it has not (drawn pale, labelled "> n"). */
  steps: number;
  reached: boolean;
  /** Index into the theme's run colours. */
  slot: number;
}

export function StepsChart({ bars, target, source }: { bars: StepsBar[]; target: number; source: Source }) {
  const ref = useCanvasChart(
    (ctx, w, h, theme) => {
      if (bars.length === 0) {
        drawCentered(ctx, w, h, 'no runs', theme);
        return;
      }
      const fp = theme.fontPx;
      const left = fp * 4;
      const right = fp * 4;
      const bottom = fp * 1.8;
      const max = Math.max(1, ...bars.map((b) => b.steps));
      const sx = scale(0, max, left, w - right);
      const rowH = (h - bottom) / bars.length;
      ctx.font = theme.font;
      ctx.textBaseline = 'middle';
      for (const t of linearTicks(0, max, 4)) {
        const x = Math.round(sx.map(t)) + 0.5;
        ctx.strokeStyle = theme.grid;
        ctx.beginPath();
        ctx.moveTo(x, 0);
        ctx.lineTo(x, h - bottom);
        ctx.stroke();
        ctx.fillStyle = theme.muted;
        ctx.textAlign = 'center';
        ctx.fillText(fmt(t), x, h - bottom / 2);
      }
      bars.forEach((b, i) => {
        const y = i * rowH + rowH * 0.15;
        const bw = sx.map(b.steps) - left;
        ctx.globalAlpha = b.reached ? 0.9 : 0.25;
        ctx.fillStyle = theme.slots[b.slot % theme.slots.length];
        ctx.fillRect(left, y, Math.max(1, bw), rowH * 0.7);
        ctx.globalAlpha = 1;
        ctx.fillStyle = theme.fg;
        ctx.textAlign = 'right';
        ctx.fillText(b.name, left - 4, y + rowH * 0.35);
        ctx.textAlign = 'left';
        ctx.fillText(b.reached ? String(b.steps) : `> ${b.steps}`, left + bw + 4, y + rowH * 0.35);
      });
    },
    [source],
    [bars, target],
  );
  return (
    <figure className="steps-chart">
      <canvas
        ref={ref}
        className="chart short"
        data-testid="steps-chart"
        data-bars={bars.map((b) => (b.reached ? b.steps : `>${b.steps}`)).join(',')}
        role="img"
        aria-label={`Steps to smoothed training loss ≤ ${fmt(target)} per run: ${bars.map((b) => `${b.name} ${b.reached ? b.steps : `not yet after ${b.steps}`}`).join('; ')}`}
      />
      <figcaption>
        Steps to smoothed training loss ≤ {fmt(target)} (pale: not reached yet, steps so far). Shorter is
        faster.
      </figcaption>
    </figure>
  );
}
