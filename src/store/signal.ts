// A value outside React with subscribers: for data that changes at step rate (the decision-boundary
// grid) and is drawn on canvas, where a React render per change would be waste.
export class Signal<T> {
  version = 0;
  private listeners = new Set<() => void>();
  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  set(v: T): void {
    this.current = v;
    this.version++;
    for (const fn of this.listeners) fn();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
