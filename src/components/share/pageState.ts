// Which preset or lesson step the page shows, read from the link once and changed by the gallery and the
// lesson buttons. The run's config lives in the explorer's config store; this holds only the "why".
import { create } from 'zustand';
import { type PageState, resolvePageUrl } from '../../engine/presets/pageUrl';

export interface GuideState {
  preset?: string;
  lesson?: string;
  /** Lesson step, 1-based. */
  step?: number;
  /** Legend labels of the runs, when the preset or step compares several. */
  labels?: string[];
  /** Pause when the run reaches this step (once per opening). */
  steps?: number;
  embed: boolean;
  panels: PageState['panels'];
  /** Bumped each time a preset or step is opened, so the auto-pause re-arms. */
  opened: number;
  /** 'map': the lab view (trainability map first). */
  view?: 'map';
  /** The trainability map's grid and colouring from the link. */
  map?: PageState['map'];
}

function fromUrl(): GuideState {
  const p = resolvePageUrl(window.location.search);
  return {
    preset: p.preset,
    lesson: p.lesson,
    step: p.step,
    labels: p.labels,
    steps: p.steps,
    embed: p.embed,
    panels: p.panels,
    opened: 0,
    view: p.view,
    map: p.map,
  };
}

export const useGuide = create<GuideState>()(() => fromUrl());
