// Moments snippet: Welford updates and Chan merges of (count, mean, M2), the numerically stable way to
// get a variance in one pass (a large mean does not swallow a small spread, as Σx² − (Σx)²/n would).

struct Moments { n: f32, mean: f32, m2: f32 }

fn moments_empty() -> Moments { return Moments(0.0, 0.0, 0.0); }

fn moments_push(a: Moments, x: f32) -> Moments {
  let n = a.n + 1.0;
  let d = x - a.mean;
  let mean = a.mean + d / n;
  return Moments(n, mean, a.m2 + d * (x - mean));
}

fn moments_merge(a: Moments, b: Moments) -> Moments {
  let n = a.n + b.n;
  if (b.n == 0.0) { return a; }
  if (a.n == 0.0) { return b; }
  let d = b.mean - a.mean;
  let f = b.n / n;
  return Moments(n, a.mean + d * f, a.m2 + b.m2 + d * d * a.n * f);
}
