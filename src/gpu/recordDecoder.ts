// Completed chunks' stats blocks → StatsRecords, with the CPU reference's semantics: every step's header
// is read for the run's first non-finite tensor (sticky), records only for the steps that were due.
import type { RunConfig } from '../engine/config';
import { histogramRange } from '../engine/stats/histogramRange';
import type { NonFinite, StatsRecord } from '../engine/stats/types';
import type { NetLayout } from './netLayout';
import { decodeNonFinite } from './nonFinite';
import { decodeExtra, decodeLayer, H, viewsOf } from './statsLayout';
import type { StepPlan } from './stepEncoder';

export class RecordDecoder {
  /** First non-finite tensor of the run (sticky once set). */
  nonFinite: NonFinite | null = null;

  constructor(
    private readonly lay: NetLayout,
    private readonly config: Readonly<RunConfig>,
    private readonly nTest: number,
  ) {}

  /** `data` holds one block per plan, `blockWords` apart. */
  decode(data: ArrayBuffer, plans: readonly StepPlan[], blockWords: number): StatsRecord[] {
    const { u32, f32 } = viewsOf(data);
    const { B, C, L, dims } = this.lay;
    const ce = this.config.loss === 'ce';
    const hist = histogramRange(this.config.act);
    const out: StatsRecord[] = [];
    plans.forEach((plan, j) => {
      const at = j * blockWords;
      if (!this.nonFinite) this.nonFinite = decodeNonFinite(u32[at + H.nonFinite], L, plan.k, this.lay.ext);
      if (!plan.due) return;
      const rec: StatsRecord = {
        step: plan.k,
        loss: f32[at + H.loss] / (ce ? B : B * C),
        accuracy: u32[at + H.correct] / B,
        layers: [],
        nonFinite: this.nonFinite ? { ...this.nonFinite } : null,
      };
      const has = { norm: this.lay.ext.norm !== null, stream: this.lay.ext.residual };
      if (plan.stats)
        for (let i = 0; i < L; i++) {
          // A conv layer's values are batch × side² × channels (gpu/conv/convLayout.ts).
          const per = this.lay.perLayer;
          const n = B * (per ? per.units[i] : dims[i + 1]);
          const nW = per ? per.weights[i] : dims[i] * dims[i + 1];
          const layer = decodeLayer({ u32, f32, at }, i, n, nW, hist);
          const nStream = per ? B * per.outUnits[i] : n;
          if (has.norm || has.stream)
            Object.assign(layer, decodeExtra({ u32, f32, at }, L, i, n, has, nStream));
          rec.layers.push(layer);
        }
      if (plan.test)
        rec.test = {
          loss: f32[at + H.testLoss] / (ce ? this.nTest : this.nTest * C),
          accuracy: u32[at + H.testCorrect] / this.nTest,
        };
      out.push(rec);
    });
    return out;
  }
}
