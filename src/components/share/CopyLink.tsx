// "Copy link": the link of exactly this run (config, seed, preset or lesson step, compare runs). Where the
// clipboard is not available (http, permissions) the link is shown selected for a manual copy.
import { useEffect, useRef, useState } from 'react';
import { currentPageState, pageLink } from './navigate';

export function CopyLink() {
  const [shown, setShown] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (shown) input.current?.select();
  }, [shown]);
  useEffect(() => {
    if (!status) return;
    const t = setTimeout(() => setStatus(''), 2500);
    return () => clearTimeout(t);
  }, [status]);

  const copy = async () => {
    const { embed: _e, panels: _p, ...state } = currentPageState();
    const href = pageLink({ ...state, embed: false, panels: [] });
    try {
      await navigator.clipboard.writeText(href);
      setShown(null);
      setStatus('Link copied');
    } catch {
      setShown(href);
      setStatus('Copy the selected link');
    }
  };

  return (
    <span className="share-copy">
      <button type="button" onClick={copy} data-testid="copy-link">
        Copy link
      </button>
      <span className="share-status" role="status" aria-live="polite">
        {status}
      </span>
      {shown && (
        <input
          ref={input}
          className="share-link-field"
          readOnly
          value={shown}
          aria-label="Link to this run"
          data-testid="share-link"
          onBlur={() => setShown(null)}
        />
      )}
    </span>
  );
}
