// The formula card: the initializer's formula typeset by KaTeX (loaded on first use, outside the initial
// bundle) with this network's numbers, and why it behaves as it does with this activation.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useConfigStore } from '../../store/configStore';
import { histories } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';
import { INIT_LABELS, ACT_LABELS } from '../labels';
import { Panel } from '../panels/Panel';
import { useThrottled } from '../panels/useThrottled';
import { formulaContent, texClauses } from './formulaContent';
import { measuredGrowth } from './measuredGrowth';

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

/** The run's step-0 record (the same array once it exists, so React sees no change afterwards). */
const firstRecord = () => histories[0].records[0] ?? null;

export function FormulaCard() {
  const config = useConfigStore((s) => s.config);
  const chi = useRunStore((s) => s.slots[0]?.theory?.chi ?? null);
  const arch = useRunStore((s) => s.slots[0]?.theory?.arch ?? null);
  const first = useThrottled(histories[0], firstRecord, 500);
  // Only BatchNorm's gradient growth is shown as measured; other networks need no step-0 record here.
  const measured = useMemo(
    () => (config.norm === 'batch' && config.res === 0 ? measuredGrowth(first) : null),
    [config.norm, config.res, first],
  );
  const content = useMemo(
    () => formulaContent(config, chi, { arch, measured }),
    [config, chi, arch, measured],
  );
  const layers =
    (config.norm === 'none' ? '' : ` · ${config.norm === 'batch' ? 'BatchNorm' : 'LayerNorm'}`) +
    (config.res === 1 ? ` · residual${config.rezero === 1 ? ' (ReZero)' : ''}` : '');
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
      title={`Formula: ${INIT_LABELS[config.init]} with ${ACT_LABELS[config.act]}${layers}`}
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
