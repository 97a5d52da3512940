// One SVG chart update per task: every recharts chart of the page wants its new data at about the same
// moment (they follow the same History), and rendering them together would make one long main-thread task.
// Queued updates run one at a time, each in a task of its own after the next frame, so the frame loop and
// input keep their turns between two charts. A chart queued twice runs once, with its newest data.
const queue = new Map<object, () => void>();
let running = false;

function runOne(): void {
  const next = queue.entries().next();
  if (next.done) {
    running = false;
    return;
  }
  const [owner, fn] = next.value;
  queue.delete(owner);
  try {
    fn();
  } finally {
    if (queue.size > 0) requestAnimationFrame(() => setTimeout(runOne, 0));
    else running = false;
  }
}

export function queueChartUpdate(owner: object, fn: () => void): void {
  queue.set(owner, fn);
  if (running) return;
  running = true;
  setTimeout(runOne, 0);
}

export function cancelChartUpdate(owner: object): void {
  queue.delete(owner);
}
