// Which engine trains this run, and why: "WebGPU · adapter", "CPU · software adapter is slower",
// "CPU · WebGPU unavailable: reason".
import { useRunStore } from '../store/runStore';

export function badgeText(b: { kind: 'webgpu' | 'cpu'; adapter?: string; reason?: string }): string {
  if (b.kind === 'webgpu') return `WebGPU · ${b.adapter ?? 'adapter'}`;
  // The badge already says CPU: drop createTrainer's trailing "…: the CPU engine runs instead".
  return `CPU · ${(b.reason ?? 'CPU engine').replace(/: the CPU engine runs instead$/, '')}`;
}

export function BackendBadge() {
  const backend = useRunStore((s) => s.slots[0]?.backend ?? null);
  const status = useRunStore((s) => s.slots[0]?.status ?? 'loading');
  const text = backend ? badgeText(backend) : status === 'error' ? 'no engine' : 'starting…';
  return (
    <output
      className={`badge ${backend?.kind ?? 'pending'}`}
      data-testid="backend-badge"
      data-kind={backend?.kind ?? ''}
      title={text}
    >
      {text}
    </output>
  );
}
