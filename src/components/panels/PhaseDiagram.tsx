// The (σ_w², σ_b²) phase diagram of the current activation (theory, computed in the lab worker): where
// this network sits, the critical line, ξ_c contours; clicking the plane moves the network there.
import { useEffect, useRef, useState } from 'react';
import { networkPhasePoint, settingsForPhasePoint } from '../../engine/theory/networkPoint';
import { PHASE_CODES } from '../../engine/theory/phaseGrid';
import { phaseDiagram, requestPhase } from '../../store/lab';
import { useConfigStore } from '../../store/configStore';
import { drawPhase, phaseBox, phaseValueAt } from '../charts/phaseChart';
import { type Box, fmt } from '../charts/plot';
import { useCanvasChart } from '../charts/useCanvasChart';
import { Panel } from './Panel';
import { useOnScreen } from './useOnScreen';
import { useThrottled } from './useThrottled';

interface Readout {
  sw2: number;
  sb2: number;
  chi1: number;
  xiC: number;
  phase: string;
}

/** Theory at the grid node nearest to (sw2, sb2). */
function readAt(sw2: number, sb2: number): Readout | null {
  const s = phaseDiagram.value;
  if (!s) return null;
  const nearest = (axis: number[], v: number) =>
    axis.reduce((best, a, i) => (Math.abs(a - v) < Math.abs(axis[best] - v) ? i : best), 0);
  const k = nearest(s.sb2, sb2) * s.sw2.length + nearest(s.sw2, sw2);
  if (k >= s.filled) return null;
  return { sw2, sb2, chi1: s.chi1[k], xiC: s.xiC[k], phase: PHASE_CODES[s.phase[k]] };
}

const xiText = (xi: number) => (Number.isFinite(xi) ? fmt(xi, 3) : '∞');

export function PhaseDiagram() {
  const config = useConfigStore((s) => s.config);
  const setConfig = useConfigStore((s) => s.setConfig);
  const [hover, setHover] = useState<Readout | null>(null);
  // Re-render the caption as the grid fills in.
  useThrottled(phaseDiagram, () => phaseDiagram.value?.filled ?? 0, 500);
  const box = useRef<Box | null>(null);
  const seen = useRef<HTMLDivElement>(null);
  const onScreen = useOnScreen(seen);
  useEffect(() => {
    if (onScreen) requestPhase(config.act, config.slope);
  }, [onScreen, config.act, config.slope]);
  const dot = networkPhasePoint(config);
  const ref = useCanvasChart(
    (ctx, w, h, theme) => {
      box.current = phaseBox(w, h, theme);
      drawPhase(ctx, w, h, theme, phaseDiagram.value, dot);
    },
    [phaseDiagram],
    [dot?.sw2, dot?.sb2],
  );
  const pointAt = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const s = phaseDiagram.value;
    if (!s || !box.current) return null;
    const r = e.currentTarget.getBoundingClientRect();
    return phaseValueAt(box.current, s, e.clientX - r.left, e.clientY - r.top);
  };
  const here = dot ? readAt(dot.sw2, dot.sb2) : null;
  return (
    <Panel
      name="phase"
      title="Phase diagram (theory)"
      help={
        <>
          Mean-field theory for {config.act} at infinite width: colour is χ₁, the per-layer gradient factor (
          <span className="key blue">blue</span> ordered, χ₁ &lt; 1: signals and gradients fade;{' '}
          <span className="key red">red</span> chaotic, χ₁ &gt; 1), the black line is χ₁ = 1, dashed lines are
          contours of the depth scale ξ_c over which input correlations are forgotten (networks train to about
          6 ξ_c). Click to move this network (the dot) there: that sets <code>kaiming_normal</code> (fan_in)
          with gain = √σ_w², so Var W = σ_w²/fan_in in every layer, and bias = normal with bstd = √σ_b².
        </>
      }
    >
      <div ref={seen} />
      <canvas
        ref={ref}
        className="chart chart-phase"
        role="img"
        aria-label={`Phase diagram of ${config.act} over σ_w² and σ_b²; click to set this network's weight and bias variance`}
        data-testid="phase-canvas"
        onClick={(e) => {
          const p = pointAt(e);
          if (p) setConfig(settingsForPhasePoint(p.sw2, p.sb2));
        }}
        onMouseMove={(e) => {
          const p = pointAt(e);
          setHover(p ? readAt(p.sw2, p.sb2) : null);
        }}
        onMouseLeave={() => setHover(null)}
      />
      <p className="caption" data-testid="phase-caption">
        {hover
          ? `Pointer: σ_w² ${fmt(hover.sw2, 3)}, σ_b² ${fmt(hover.sb2, 3)} — χ₁ ${fmt(hover.chi1, 3)} (${hover.phase}), ξ_c ${xiText(hover.xiC)}`
          : dot
            ? `This network: σ_w² ${fmt(dot.sw2, 3)}, σ_b² ${fmt(dot.sb2, 3)}${here ? ` — near χ₁ ${fmt(here.chi1, 3)} (${here.phase}), ξ_c ${xiText(here.xiC)}` : ''}`
            : 'LSUV sets each layer’s scale from the data, so this network has no fixed point on the plane.'}
      </p>
    </Panel>
  );
}
