import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_STEPS, roundOrder, stepsForWindow } from './measure';

describe('window sizing', () => {
  it('fills the window, but never with fewer than MIN_WINDOW_STEPS steps', () => {
    expect(MIN_WINDOW_STEPS).toBe(20);
    expect(stepsForWindow(1500, 5)).toBe(300);
    expect(stepsForWindow(1500, 500)).toBe(20); // a slow engine still gets 20 steps (10 s)
    expect(stepsForWindow(1500, 0)).toBe(20);
  });
});

describe('round order', () => {
  it('alternates forward and reverse, keeping each pair adjacent', () => {
    const e = ['ours_webgpu', 'ours_webgpu_nostats', 'tfjs_webgpu'];
    expect(roundOrder(e, 0)).toEqual(e);
    expect(roundOrder(e, 1)).toEqual(['tfjs_webgpu', 'ours_webgpu_nostats', 'ours_webgpu']);
    expect(roundOrder(e, 2)).toEqual(e);
    expect(e).toEqual(['ours_webgpu', 'ours_webgpu_nostats', 'tfjs_webgpu']);
  });
});
