// The "why" above the charts: the open preset's explanation, or the lesson step's text with previous /
// next. Says what to look for (the claim the tests check) and notices when the settings were changed.
import { useState } from 'react';
import { DEFAULT_CONFIG } from '../../engine/config';
import { type Lesson, lessonByName, stepClaim } from '../../engine/lessons';
import { presetByName } from '../../engine/presets';
import { resolvePageUrl } from '../../engine/presets/pageUrl';
import { useConfigStore } from '../../store/configStore';
import { closeGuide, openLesson, openPreset } from './navigate';
import { useGuide } from './pageState';

function baseQuery(lesson: string | undefined, step: number | undefined, preset: string | undefined): string {
  if (lesson) return `lesson=${lesson}&step=${step ?? 1}`;
  return preset ? `preset=${preset}` : '';
}

/** Whether the live config still is the preset's or step's (else the text may not describe it). */
function useModified(query: string): boolean {
  const config = useConfigStore((s) => s.config);
  if (!query) return false;
  const base = resolvePageUrl(query).config;
  return (Object.keys(DEFAULT_CONFIG) as (keyof typeof DEFAULT_CONFIG)[]).some(
    (k) => k !== 'backend' && !Object.is(base[k], config[k]),
  );
}

function LessonNav({ lesson, step }: { lesson: Lesson; step: number }) {
  const n = lesson.steps.length;
  return (
    <nav className="guide-nav" aria-label="Lesson steps">
      <button
        type="button"
        disabled={step <= 1}
        onClick={() => openLesson(lesson.name, step - 1)}
        data-testid="lesson-prev"
      >
        ← Previous
      </button>
      <span className="guide-count" data-testid="lesson-step">
        Step {step} of {n}
      </span>
      <button
        type="button"
        className="primary"
        disabled={step >= n}
        onClick={() => openLesson(lesson.name, step + 1)}
        data-testid="lesson-next"
      >
        Next →
      </button>
    </nav>
  );
}

export function GuideCard() {
  const { preset: presetName, lesson: lessonName, step } = useGuide();
  const query = baseQuery(lessonName, step, presetName);
  const modified = useModified(query);
  // A preset's paragraph starts folded on phones, so the charts stay near the top.
  const [wide] = useState(() => !window.matchMedia('(max-width: 760px)').matches);
  const lesson = lessonName ? lessonByName(lessonName) : undefined;
  const preset = presetName ? presetByName(presetName) : undefined;
  if (!lesson && !preset) return null;

  const lessonStep = lesson && step ? lesson.steps[step - 1] : undefined;
  const claim = lessonStep ? stepClaim(lessonStep) : preset?.claim;
  const restore = () => (lesson && step ? openLesson(lesson.name, step) : preset && openPreset(preset.name));
  return (
    <section className="guide-card" aria-label={lesson ? 'Lesson' : 'Preset'} data-testid="guide-card">
      <header className="guide-head">
        <p className="guide-kicker">{lesson ? `Lesson · ${lesson.title}` : 'Preset'}</p>
        <button type="button" className="link" onClick={closeGuide} aria-label="Close the explanation">
          ×
        </button>
      </header>
      <h2 className="guide-title" data-testid="guide-title">
        {lessonStep ? lessonStep.title : preset?.title}
      </h2>
      {lessonStep ? (
        <p className="guide-text">{lessonStep.text}</p>
      ) : (
        <details className="guide-more" open={wide}>
          <summary>Why</summary>
          <p className="guide-text">{preset?.explanation}</p>
        </details>
      )}
      {claim && (
        <p className="guide-claim">
          <strong>What to look for:</strong> {claim.text}
        </p>
      )}
      {modified && (
        <p className="guide-modified" data-testid="guide-modified">
          You changed settings since opening this; the text describes the original.{' '}
          <button type="button" className="link" onClick={restore}>
            Restore
          </button>
        </p>
      )}
      {lesson && step && <LessonNav lesson={lesson} step={step} />}
    </section>
  );
}
