// Which engine trains this run, and why: "WebGPU · adapter", "CPU · software adapter is slower",
// "CPU · WebGPU unavailable: reason". In the small embed (400×300) the full sentence would be cut
// mid-word, so there the badge says just "WebGPU" / "CPU" and keeps the sentence in its tooltip.
import { useLayoutEffect, useRef, useState } from 'react';
import { useRunStore } from '../store/runStore';

type Badged = { kind: 'webgpu' | 'cpu'; adapter?: string; reason?: string };

export function badgeText(b: Badged): string {
  if (b.kind === 'webgpu') return `WebGPU · ${b.adapter ?? 'adapter'}`;
  // The badge already says CPU: drop createTrainer's trailing "…: the CPU engine runs instead".
  return `CPU · ${(b.reason ?? 'CPU engine').replace(/: the CPU engine runs instead$/, '')}`;
}

/** The engine's name alone, for tight spaces. */
export function badgeShortText(b: Badged): string {
  return b.kind === 'webgpu' ? 'WebGPU' : 'CPU';
}

export function BackendBadge() {
  const backend = useRunStore((s) => s.slots[0]?.backend ?? null);
  const status = useRunStore((s) => s.slots[0]?.status ?? 'loading');
  const ref = useRef<HTMLOutputElement>(null);
  // The embed layout is the App's business; the badge only asks whether it sits inside it.
  const [compact, setCompact] = useState(false);
  useLayoutEffect(() => {
    setCompact(ref.current?.closest('.embed') != null);
  }, []);
  const text = backend ? badgeText(backend) : status === 'error' ? 'no engine' : 'starting…';
  const shown = backend && compact ? badgeShortText(backend) : text;
  return (
    <output
      ref={ref}
      className={`badge ${backend?.kind ?? 'pending'}`}
      data-testid="backend-badge"
      data-kind={backend?.kind ?? ''}
      title={text}
      aria-label={shown === text ? undefined : text}
    >
      {shown}
    </output>
  );
}
