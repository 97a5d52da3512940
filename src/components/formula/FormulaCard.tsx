// The formula card: the initializer's formula typeset by KaTeX (loaded on first use, outside the initial
// bundle) with this network's numbers, and why it behaves as it does with this activation.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useConfigStore } from '../../store/configStore';
import { useRunStore } from '../../store/runStore';
import { INIT_LABELS, ACT_LABELS } from '../labels';
import { Panel } from '../panels/Panel';
import { formulaContent, texClauses } from './formulaContent';

type Katex = typeof import('katex');
let katexPromise: Promise<Katex> | null = null;

function loadKatex(): Promise<Katex> {
  katexPromise ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
    ([m]) => (m.default ?? m) as Katex,
  );
  return katexPromise;
}

function TexPart({ tex, katex }: { tex: string; katex: Katex | null }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!katex || !ref.current) return;
    const el = ref.current;
    // Typeset in a task of its own, not inside the config change's render (keeps every task short).
    const t = setTimeout(() => {
      // KaTeX builds the DOM itself; the TeX is ours (numbers formatted by us), never user-typed text.
      katex.render(tex, el, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
    }, 0);
    return () => clearTimeout(t);
  }, [tex, katex]);
  return (
    <span ref={ref} className="tex-part">
      {katex ? null : <code>{tex}</code>}
    </span>
  );
}

function TexLine({ tex, katex }: { tex: string; katex: Katex | null }) {
  return (
    <div className="tex">
      {texClauses(tex).map((t) => (
        <TexPart key={t} tex={t} katex={katex} />
      ))}
    </div>
  );
}

export function FormulaCard() {
  const config = useConfigStore((s) => s.config);
  const chi = useRunStore((s) => s.slots[0]?.theory?.chi ?? null);
  const content = useMemo(() => formulaContent(config, chi), [config, chi]);
  const [katex, setKatex] = useState<Katex | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadKatex()
      .then((k) => live && setKatex(k))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, []);
  return (
    <Panel
      name="formula"
      title={`Formula: ${INIT_LABELS[config.init]} with ${ACT_LABELS[config.act]}`}
      help={`Numbers for ${content.where}.`}
    >
      <div
        className="formula"
        data-testid="formula"
        data-katex={katex ? 'ready' : failed ? 'failed' : 'loading'}
      >
        {content.tex.map((t) => (
          <TexLine key={t} tex={t} katex={katex} />
        ))}
      </div>
      <ul className="why">
        {content.why.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </Panel>
  );
}
