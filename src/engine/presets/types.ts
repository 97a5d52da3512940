// What a preset is: a scenario from the article (docs/MATH.md#teaching-points) with the config that shows it,
// a paragraph that explains it, and a claim a machine can check against the run's statistics — so the
// text on the page is tested, not just written.
import type { RunConfig } from '../config';
import type { MapLink } from '../map/link';
import type { StatsRecord } from '../stats/types';
import type { CompareKey, CompareOverride } from './compareKeys';

export type { CompareKey };

export interface PresetVariant {
  /** Short legend label, e.g. "σ_w = 1.5". */
  label: string;
  config: CompareOverride;
}

/** Outcome of checking a claim: `measured` says the numbers in words, for test logs and reports. */
export interface ClaimResult {
  ok: boolean;
  measured: string;
}

export interface Claim {
  /** The claim in plain English, as shown next to the preset. */
  text: string;
  /** Training steps the check needs (0 = the network at initialization is enough). */
  steps: number;
  /**
   * Checks the records of each run: runs[0] is the preset's own config, runs[i] its i-th variant.
   * Each array holds the records in step order starting with step 0.
   */
  check(runs: readonly (readonly StatsRecord[])[]): ClaimResult;
}

export interface Preset {
  /** URL slug: `?preset=<name>`. */
  name: string;
  title: string;
  /** One line for the gallery card. */
  summary: string;
  /** The paragraph of explanation shown with the preset. */
  explanation: string;
  /** Overrides of DEFAULT_CONFIG; URL parameters override these in turn. */
  config: Partial<RunConfig>;
  /** Extra runs for compare mode (same seed and data), each a patch over `config`. */
  compare?: PresetVariant[];
  /** Legend label of the preset's own run when it is compared. */
  label?: string;
  /** How many steps to train when the preset opens (the page stops there; the user may go on). */
  steps: number;
  claim: Claim;
  /** 'map': the preset opens the lab view (trainability map first) with this map. */
  view?: 'map';
  map?: MapLink;
}
