// Philox4x32-10 (Salmon, Moraes, Dror & Shaw, SC'11 "Parallel random numbers: as easy as 1, 2, 3"),
// the counter-based generator shared by the CPU engine and the WGSL kernels. It is a pure function of
// (counter, key), so any element of any tensor can be drawn independently, in any order, on either side.
//
// Everything is 32-bit unsigned arithmetic. JavaScript has no 64-bit integer multiply on plain numbers,
// and WGSL has no u64 at all, so the high word of the 32×32 → 64-bit product is assembled from 16-bit
// halves (every partial product is < 2^32 and therefore exact in a double). The WGSL port must do the same.

/** Round multipliers and Weyl key increments from Random123 (PHILOX_M4x32_0/1, PHILOX_W32_0/1). */
export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;

/** High 32 bits of the exact 64-bit product a·b of two uint32 values, as a uint32. */
export function mulhi32(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  // Each 16×16-bit partial product is < 2^32; Math.imul keeps it in int32 registers (wrapped), and the
  // >>> / & below read its bits back exactly.
  const lolo = Math.imul(aLo, bLo);
  const hilo = Math.imul(aHi, bLo);
  const lohi = Math.imul(aLo, bHi);
  const hihi = Math.imul(aHi, bHi);
  // Carry out of the low word: the three pieces that land in bits 16..31, summed (< 3·2^16).
  const mid = (lolo >>> 16) + (hilo & 0xffff) + (lohi & 0xffff);
  return (hihi + (hilo >>> 16) + (lohi >>> 16) + (mid >>> 16)) >>> 0;
}

/**
 * Philox4x32 with `rounds` rounds, written into `out` (4 uint32). Allocation-free: the bulk samplers call
 * this once per element. Random123's schedule: round with the key, then bump the key before each later round.
 */
export function philox4x32Into(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
  rounds = 10,
): void {
  c0 >>>= 0;
  c1 >>>= 0;
  c2 >>>= 0;
  c3 >>>= 0;
  k0 >>>= 0;
  k1 >>>= 0;
  for (let r = 0; r < rounds; r++) {
    if (r > 0) {
      k0 = (k0 + PHILOX_W0) >>> 0;
      k1 = (k1 + PHILOX_W1) >>> 0;
    }
    const hi0 = mulhi32(PHILOX_M0, c0);
    const lo0 = Math.imul(PHILOX_M0, c0) >>> 0;
    const hi1 = mulhi32(PHILOX_M1, c2);
    const lo1 = Math.imul(PHILOX_M1, c2) >>> 0;
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

/** Philox4x32-10 of a 4-word counter and a 2-word key (uint32 each); returns the 4 output words. */
export function philox4x32(ctr: ArrayLike<number>, key: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(4);
  philox4x32Into(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], out, 10);
  return out;
}

/** Philox4x32 with a chosen round count (Random123 also publishes 7-round vectors; used by the tests). */
export function philox4x32Rounds(
  ctr: ArrayLike<number>,
  key: ArrayLike<number>,
  rounds: number,
): Uint32Array {
  const out = new Uint32Array(4);
  philox4x32Into(ctr[0], ctr[1], ctr[2], ctr[3], key[0], key[1], out, rounds);
  return out;
}
