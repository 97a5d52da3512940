// A preset or lesson step trains for its suggested number of steps (or the link's `steps=`), then pauses,
// so a class sees the same picture; pressing play goes on from there. Armed once per opening.
import { useEffect } from 'react';
import { H } from '../../gpu/workerProtocol';
import { histories, setPlaying } from '../../store/runtime';
import { useGuide } from './pageState';

export function AutoPause() {
  const steps = useGuide((g) => g.steps);
  const opened = useGuide((g) => g.opened);
  useEffect(() => {
    if (steps === undefined || opened < 0) return;
    const h = histories[0];
    // Count only a run that started after this opening: until the history is cleared (or shows step 0)
    // its records may still be the previous run's, already far past `steps`.
    let fresh = h.latest === null;
    let armed = true;
    return h.subscribe(() => {
      const r = h.latest;
      if (r === null || r[H.step] === 0) fresh = true;
      if (armed && fresh && r && r[H.step] >= steps) {
        armed = false;
        setPlaying(false);
      }
    });
  }, [steps, opened]);
  return null;
}
