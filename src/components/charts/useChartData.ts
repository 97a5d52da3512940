// Data for an SVG (recharts) chart, rebuilt from its sources at most `ms` apart (2 Hz by default) and only
// while the chart is on screen: a React render of a recharts chart costs milliseconds, so it must not run
// per training step, nor for charts nobody sees. The charts take turns (chartQueue.ts), one render per task.
import { useEffect, useRef, useState } from 'react';
import { cancelChartUpdate, queueChartUpdate } from './chartQueue';
import type { Source } from './useCanvasChart';

/**
 * 2 Hz, like the page's text, so a chart and its caption show the same step. Each update of a recharts
 * chart costs two React renders (ours, then recharts' own store notifying on the next animation frame,
 * inside that frame), so the rate is what keeps the frame loop smooth.
 */
export const CHART_UPDATE_MS = 500;

export function useChartData<T>(
  sources: readonly Source[],
  build: () => T,
  deps: readonly unknown[],
  ms = CHART_UPDATE_MS,
): [T, React.RefObject<HTMLDivElement | null>, boolean] {
  const [value, setValue] = useState(build);
  // False until the first queued update landed: a chart mounts then, in a task of its own, not inside the
  // render that created it (compare mode would otherwise mount three recharts charts in one task).
  const [ready, setReady] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const buildRef = useRef(build);
  buildRef.current = build;
  const mounted = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps; sources are read once per deps change
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    let visible = true;
    let stale = false;
    const owner = {};
    const update = () => {
      timer = undefined;
      if (!visible) {
        stale = true;
        return;
      }
      stale = false;
      last = performance.now();
      // Built when its turn comes, so it holds the newest records.
      queueChartUpdate(owner, () => {
        setValue(buildRef.current());
        setReady(true);
      });
    };
    const mark = () => {
      if (timer !== undefined) return;
      timer = setTimeout(update, Math.max(0, ms - (performance.now() - last)));
    };
    const offs = sources.map((s) => s.subscribe(mark));
    const el = ref.current;
    const io = el
      ? new IntersectionObserver((items) => {
          visible = items.some((i) => i.isIntersecting);
          if (visible && stale) mark();
        })
      : null;
    if (el && io) io.observe(el);
    // Inputs from React changed (deps): rebuild now, not at the next tick (on mount useState just built it).
    if (mounted.current) setValue(buildRef.current);
    else mark();
    mounted.current = true;
    return () => {
      for (const off of offs) off();
      io?.disconnect();
      clearTimeout(timer);
      cancelChartUpdate(owner);
    };
  }, [ms, ...deps]);
  return [value, ref, ready];
}
