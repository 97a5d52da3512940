// React state that follows a fast source (a History or Signal) at most a few times per second: for the
// text parts of panels (captions, the layer table) that need React but not every step.
import { useEffect, useState } from 'react';
import type { Source } from '../charts/useCanvasChart';

export function useThrottled<T>(source: Source, read: () => T, ms = 400, deps: readonly unknown[] = []): T {
  const [value, setValue] = useState(read);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `read` is a fresh closure each render; the source decides
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const update = () => {
      timer = undefined;
      last = performance.now();
      setValue(read);
    };
    const off = source.subscribe(() => {
      if (timer !== undefined) return;
      timer = setTimeout(update, Math.max(0, ms - (performance.now() - last)));
    });
    update();
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [source, ms, ...deps]);
  return value;
}
