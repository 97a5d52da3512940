// Whether an element is (near) the viewport: the lab's panels ask their workers for work only then, so a
// page opened at the top does not spend CPU on a phase diagram or a spectrum nobody has scrolled to.
import { type RefObject, useEffect, useState } from 'react';

export function useOnScreen(ref: RefObject<Element | null>, margin = '200px'): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const io = new IntersectionObserver((items) => setOn(items.some((i) => i.isIntersecting)), {
      rootMargin: margin,
    });
    io.observe(el);
    return () => io.disconnect();
  }, [ref, margin]);
  return on;
}
