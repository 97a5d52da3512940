// Embeds: the dialog that writes the <iframe> snippet for a blog post or slide, and the small
// "open in InitScope" link the embedded view shows under its panels.
import { useMemo, useState } from 'react';
import { DEFAULT_EMBED_PANELS, PAGE_PANELS, type PagePanel } from '../../engine/presets/pageUrl';
import { Dialog } from './Dialog';
import { currentPageState, pageLink } from './navigate';
import { embedSnippet } from './snippet';

const PANEL_LABELS: Record<PagePanel, string> = {
  depth: 'Depth profile',
  heatmap: 'Layer × step heatmaps',
  histograms: 'Histograms',
  loss: 'Loss and accuracy',
  table: 'Layer table',
  boundary: 'Decision boundary',
  formula: 'Formula card',
  compare: 'Compare table',
  phase: 'Phase diagram',
  spectrum: 'Jacobian spectrum',
  map: 'Trainability map',
};

function clampSize(v: number, fallback: number): number {
  return Number.isFinite(v) ? Math.min(2000, Math.max(200, Math.round(v))) : fallback;
}

export function EmbedDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [panels, setPanels] = useState<PagePanel[]>([...DEFAULT_EMBED_PANELS]);
  const [width, setWidth] = useState(400);
  const [height, setHeight] = useState(300);
  const [copied, setCopied] = useState('');
  const src = useMemo(() => {
    if (!open) return '';
    const { notices: _n, ...state } = currentPageState();
    return pageLink({
      ...state,
      embed: true,
      panels: panels.length > 0 ? panels : [...DEFAULT_EMBED_PANELS],
    });
  }, [open, panels]);
  const snippet = embedSnippet(src, width, height, 'InitScope: weight initialization, layer by layer');
  const toggle = (p: PagePanel) =>
    setPanels((cur) =>
      cur.includes(p) ? cur.filter((x) => x !== p) : PAGE_PANELS.filter((x) => x === p || cur.includes(x)),
    );
  return (
    <Dialog open={open} onClose={onClose} title="Embed this run" testId="embed-dialog">
      <fieldset className="embed-panels">
        <legend>Panels to show</legend>
        {PAGE_PANELS.map((p) => (
          <label key={p}>
            <input type="checkbox" checked={panels.includes(p)} onChange={() => toggle(p)} />{' '}
            {PANEL_LABELS[p]}
          </label>
        ))}
      </fieldset>
      <div className="embed-size">
        <label>
          width{' '}
          <input
            type="number"
            min={200}
            max={2000}
            value={width}
            onChange={(e) => setWidth(clampSize(e.target.valueAsNumber, 400))}
          />
        </label>
        <label>
          height{' '}
          <input
            type="number"
            min={200}
            max={2000}
            value={height}
            onChange={(e) => setHeight(clampSize(e.target.valueAsNumber, 300))}
          />
        </label>
      </div>
      <label className="embed-snippet">
        HTML to paste
        <textarea
          readOnly
          rows={4}
          value={snippet}
          data-testid="embed-snippet"
          onFocus={(e) => e.target.select()}
        />
      </label>
      <p className="share-actions">
        <button
          type="button"
          className="primary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(snippet);
              setCopied('Copied');
            } catch {
              setCopied('Select the text above and copy it');
            }
          }}
        >
          Copy HTML
        </button>{' '}
        <a href={src} target="_blank" rel="noopener" data-testid="embed-preview">
          Open the embed view
        </a>{' '}
        <span role="status">{copied}</span>
      </p>
    </Dialog>
  );
}

/** Under the panels of an embed: the same run on the full page, in a new tab. */
export function EmbedFooterLink() {
  const { notices: _n, ...state } = currentPageState();
  const href = pageLink({ ...state, embed: false, panels: [] });
  return (
    <a className="embed-open" href={href} target="_blank" rel="noopener" data-testid="open-in-initscope">
      open in InitScope ↗
    </a>
  );
}
