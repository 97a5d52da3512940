// The presets gallery and the lessons list: each preset a card with its thumbnail (the real depth profile
// at init, drawn by scripts/preset-thumbnails.ts), title and one-line summary.
import { LESSONS } from '../../engine/lessons';
import { PRESETS } from '../../engine/presets';
import { Dialog } from './Dialog';
import { openLesson, openPreset } from './navigate';
import { useGuide } from './pageState';

export function thumbnailUrl(name: string): string {
  return new URL(`presets/${name}.svg`, document.baseURI).href;
}

export function PresetsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const current = useGuide((g) => (g.lesson ? undefined : g.preset));
  return (
    <Dialog open={open} onClose={onClose} title="Presets" testId="presets-dialog" wide>
      <p className="share-muted">
        Each preset opens a scenario (from the source article, and beyond it: normalization, residual blocks)
        with the settings that show it, and says what to look for. Links: <code>?preset=name</code>; other
        settings in the link override the preset’s.
      </p>
      <ul className="preset-grid">
        {PRESETS.map((p) => (
          <li key={p.name}>
            <button
              type="button"
              className={`preset-card${current === p.name ? ' current' : ''}`}
              aria-current={current === p.name ? 'true' : undefined}
              data-testid={`preset-${p.name}`}
              onClick={() => {
                openPreset(p.name);
                onClose();
              }}
            >
              <img src={thumbnailUrl(p.name)} alt="" width={160} height={90} loading="lazy" />
              <span className="preset-title">{p.title}</span>
              <span className="preset-summary">{p.summary}</span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

export function LessonsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Lessons" testId="lessons-dialog">
      <p className="share-muted">
        Guided tours through the presets, a few sentences per step. Links:{' '}
        <code>?lesson=name&amp;step=k</code>.
      </p>
      {LESSONS.map((l) => (
        <section key={l.name} className="lesson-entry">
          <h3>{l.title}</h3>
          <p>{l.summary}</p>
          <ol className="lesson-steps">
            {l.steps.map((s, i) => (
              <li key={s.title}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    openLesson(l.name, i + 1);
                    onClose();
                  }}
                >
                  {s.title}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="primary"
            data-testid={`lesson-${l.name}`}
            onClick={() => {
              openLesson(l.name, 1);
              onClose();
            }}
          >
            Start “{l.title}”
          </button>
        </section>
      ))}
    </Dialog>
  );
}
