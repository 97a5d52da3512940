// The 2-D toy sets (unit-scale shapes before standardization). Sample i of a split takes its random
// numbers from the data stream at indices 8i + k, so every point is a pure function of (seed, split, i).
// Labels cycle through the classes (i mod C) so the sets are exactly balanced.
import type { DatasetName } from '../config';
import { dataNormal, dataUniform } from './random';

export type TwoDName = Exclude<DatasetName, 'probe' | 'fashion' | 'local'>;

const DRAWS_PER_POINT = 8;
export const GAUSSIAN_SPREAD = 0.35;
export const GAUSSIAN_CENTERS = [
  [1, 1],
  [-1, 1],
  [-1, -1],
  [1, -1],
] as const;

export function twoDClasses(name: TwoDName): number {
  return name === 'spiral' ? 3 : name === 'gaussians' ? 4 : 2;
}

/** n points of `name` with Gaussian noise of std `noise` on both coordinates, drawn from `slot`. */
export function generateTwoD(
  name: TwoDName,
  seed: number,
  noise: number,
  n: number,
  slot: number,
): { x: Float32Array; y: Int32Array } {
  const classes = twoDClasses(name);
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const base = i * DRAWS_PER_POINT;
    const u0 = dataUniform(seed, base, slot);
    const u1 = dataUniform(seed, base + 1, slot);
    const c = i % classes;
    let px: number;
    let py: number;
    switch (name) {
      case 'spiral': {
        // Three arms, one turn each, radius growing from 0 to 1 along the arm.
        const theta = (2 * Math.PI * c) / 3 + 2 * Math.PI * u0;
        px = u0 * Math.cos(theta);
        py = u0 * Math.sin(theta);
        break;
      }
      case 'circles': {
        const r = c === 0 ? 1 : 0.5;
        const theta = 2 * Math.PI * u0;
        px = r * Math.cos(theta);
        py = r * Math.sin(theta);
        break;
      }
      case 'xor': {
        // Class 0 in quadrants (+,+) and (−,−), class 1 in (+,−) and (−,+); keep a 0.05 margin off the axes.
        const s = ((i / classes) | 0) % 2 === 0 ? 1 : -1;
        px = s * (0.05 + 0.95 * u0);
        py = (c === 0 ? s : -s) * (0.05 + 0.95 * u1);
        break;
      }
      case 'gaussians': {
        const [cx, cy] = GAUSSIAN_CENTERS[c];
        px = cx + GAUSSIAN_SPREAD * dataNormal(seed, base + 4, slot);
        py = cy + GAUSSIAN_SPREAD * dataNormal(seed, base + 5, slot);
        break;
      }
      case 'moons': {
        const theta = Math.PI * u0;
        px = c === 0 ? Math.cos(theta) : 1 - Math.cos(theta);
        py = c === 0 ? Math.sin(theta) : 0.5 - Math.sin(theta);
        break;
      }
    }
    x[2 * i] = px + noise * dataNormal(seed, base + 2, slot);
    x[2 * i + 1] = py + noise * dataNormal(seed, base + 3, slot);
    y[i] = c;
  }
  return { x, y };
}
