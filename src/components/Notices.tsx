// Everything the page must tell the reader: the non-finite banner, run errors, the "paused while hidden"
// note, and notices about corrected settings. All text; nothing from the URL is rendered as HTML.
import { useConfigStore } from '../store/configStore';
import { setPlaying } from '../store/runtime';
import { useRunStore } from '../store/runStore';
import type { NonFinite } from '../engine/stats/types';

const TENSOR_WORDS: Record<NonFinite['tensor'], string> = {
  pre: 'pre-activations overflowed',
  act: 'activations overflowed',
  grad: 'gradients overflowed',
  weight: 'weights became non-finite',
  output: 'the output layer overflowed',
  loss: 'the loss itself overflowed',
  norm: 'a normalization output became non-finite',
  stream: 'the residual stream overflowed',
};

export function nonFiniteText(nf: NonFinite, depth: number, paused: boolean): string {
  // The output tensor's words already name the output layer.
  const where =
    nf.layer === 0 || nf.tensor === 'output'
      ? ''
      : nf.layer > depth
        ? ' in the output layer'
        : ` in layer ${nf.layer}`;
  return `Loss became inf/NaN at step ${nf.step}: ${TENSOR_WORDS[nf.tensor]}${where}.${paused ? ' Training paused there.' : ''} The charts show the step where it began; try a smaller init scale or learning rate.`;
}

/** A config that asks for WebGPU but trains on the CPU (createTrainer fell back): why, in one sentence. */
export function fallbackText(reason: string | undefined): string {
  const detail = (reason ?? '').replace(/^WebGPU unavailable: /, '') || 'unknown reason';
  return `WebGPU was chosen, but it is unavailable in this browser: ${detail.replace(/\.$/, '')}. The run trains on the CPU engine instead.`;
}

export function Notices() {
  const notices = useConfigStore((s) => s.notices);
  const dismiss = useConfigStore((s) => s.dismiss);
  const depth = useConfigStore((s) => s.config.depth);
  const wantsGpu = useConfigStore((s) => s.config.backend === 'webgpu');
  const comparing = useConfigStore((s) => s.compare.length);
  const slot0 = useRunStore((s) => s.slots[0]);
  const errors = useRunStore((s) =>
    s.slots
      .map((x, i) => (x?.error ? `Run ${i + 1}: ${x.error}` : null))
      .filter((x) => x !== null)
      .join('\n'),
  );
  const pausedByHidden = useRunStore((s) => s.pausedByHidden);
  return (
    <div className="notices" aria-live="polite">
      {slot0?.nonFinite && (
        <p className="banner bad" role="alert" data-testid="nonfinite-banner">
          {nonFiniteText(slot0.nonFinite, depth, comparing === 0)}
        </p>
      )}
      {wantsGpu && slot0?.backend?.kind === 'cpu' && (
        <p className="banner warn" data-testid="backend-fallback">
          {fallbackText(slot0.backend.reason)}
        </p>
      )}
      {errors && (
        <p className="banner bad" role="alert" data-testid="run-error">
          {errors} — change a setting to try again.
        </p>
      )}
      {pausedByHidden && (
        <p className="banner info" data-testid="hidden-paused">
          Training paused while this tab was hidden.{' '}
          <button type="button" onClick={() => setPlaying(true)}>
            Resume
          </button>
        </p>
      )}
      {notices.map((n) => (
        <p key={n.id} className={`banner ${n.kind}`} data-testid="notice">
          {n.text}{' '}
          <button type="button" className="link" onClick={() => dismiss(n.id)} aria-label="Dismiss notice">
            ×
          </button>
        </p>
      ))}
    </div>
  );
}
