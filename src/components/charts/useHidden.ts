// Which series of a chart the reader switched off in its legend (per chart, not saved: a reload shows all).
import { useCallback, useState } from 'react';

export function useHidden(): [ReadonlySet<string>, (key: string) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback((key: string) => {
    setHidden((h) => {
      const next = new Set(h);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);
  return [hidden, toggle];
}
