// Keeps a value's previous reference while its content is the same. recharts compares its props by
// reference and re-registers an axis or a series (a dispatch to its store, then another render) whenever
// one is a new object, so props rebuilt on each update must be handed over stable.
import { useRef } from 'react';

export function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => sameContent(v, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every((k) => sameContent((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return false;
}

export function useStable<T>(value: T): T {
  const ref = useRef(value);
  if (!sameContent(ref.current, value)) ref.current = value;
  return ref.current;
}
