// Test inputs for the GPU kernel tests: reproducible values in [−1, 1) from a seed (a 32-bit LCG), the same
// numbers on every machine, cheap to make in bulk.
export function testRandom(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}
