// A lesson: a guided sequence of presets, each step with a short text that says what to look at.
import type { RunConfig } from '../config';
import type { Claim, PresetVariant } from '../presets/types';

export interface LessonStep {
  /** The preset this step opens. */
  preset: string;
  /** Changes on top of the preset (e.g. a different σ_w); URL parameters still override these. */
  config?: Partial<RunConfig>;
  /** Compare runs for this step; absent = the preset's own, [] = a single run. */
  compare?: PresetVariant[];
  /** Legend label of the step's own run when compared. */
  label?: string;
  title: string;
  /** A few sentences for students: what happens and where to look. */
  text: string;
  /** What the step shows, checked in tests; absent = the preset's claim (only valid without `config`). */
  claim?: Claim;
}

export interface Lesson {
  /** URL slug: `?lesson=<name>&step=k` (k from 1). */
  name: string;
  title: string;
  summary: string;
  steps: LessonStep[];
}
