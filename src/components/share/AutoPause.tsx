// A preset or lesson step trains for its suggested number of steps (or the link's `steps=`), then pauses,
// so a class sees the same picture; pressing play goes on from there. Armed once per opening. The worker
// holds the stop (it never runs a chunk past the step, compare slots included), so the pause lands
// exactly on it even at full speed instead of a chunk or more later. The link's own opening (opened 0) is
// armed by main.tsx before the first run starts; this arms the later ones (gallery, lesson buttons).
import { useEffect } from 'react';
import { armStopAt } from '../../store/runtime';
import { useGuide } from './pageState';

export function AutoPause() {
  const steps = useGuide((g) => g.steps);
  const opened = useGuide((g) => g.opened);
  useEffect(() => {
    if (steps === undefined || opened <= 0) return;
    armStopAt(steps);
    return () => armStopAt(null);
  }, [steps, opened]);
  return null;
}
