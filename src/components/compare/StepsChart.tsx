// Bar chart of the compare table's "steps to target loss" per run (recharts: a few bars refreshed twice a
// second is what SVG charts do well; the dense, per-step charts are canvas). Loaded with compare mode.
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { fmt } from '../charts/plot';

export interface StepsBar {
  name: string;
  /** Steps to reach the target, or the steps run so far when it has not (drawn hatched, labelled "> n"). */
  steps: number;
  reached: boolean;
  color: string;
}

export function StepsChart({ bars, target }: { bars: StepsBar[]; target: number }) {
  return (
    <figure className="steps-chart" data-testid="steps-chart">
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 4 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={56} tick={{ fontSize: 11 }} />
          <Bar dataKey="steps" isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.name} fill={b.color} fillOpacity={b.reached ? 0.9 : 0.25} />
            ))}
            <LabelList dataKey="steps" position="right" fontSize={11} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption>
        Steps to smoothed training loss ≤ {fmt(target)} (pale: not reached yet, steps so far). Shorter is
        faster.
      </figcaption>
    </figure>
  );
}
