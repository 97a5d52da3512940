// The lessons, looked up by their URL slug, and the claim each step is tested against.
import { presetByName } from '../presets';
import type { Claim } from '../presets/types';
import { edgeMeasuredLesson } from './edgeMeasured';
import { edgeOfChaosLesson } from './edgeOfChaos';
import { normalizationLesson } from './normalization';
import type { Lesson, LessonStep } from './types';
import { whyInitialization } from './whyInit';

export type { Lesson, LessonStep } from './types';

export const LESSONS: readonly Lesson[] = [
  whyInitialization,
  edgeOfChaosLesson,
  edgeMeasuredLesson,
  normalizationLesson,
];

const BY_NAME: ReadonlyMap<string, Lesson> = new Map(LESSONS.map((l) => [l.name, l]));

export function lessonByName(name: string): Lesson | undefined {
  return BY_NAME.get(name);
}

/** The claim a lesson step shows: its own, or its preset's when the step only opens the preset. */
export function stepClaim(step: LessonStep): Claim | undefined {
  return step.claim ?? (step.config ? undefined : presetByName(step.preset)?.claim);
}
