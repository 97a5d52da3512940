import { describe, expect, it } from 'vitest';
import { MIN_WINDOW_STEPS, stepsForWindow } from './measure';

describe('window sizing', () => {
  it('fills the window, but never with fewer than MIN_WINDOW_STEPS steps', () => {
    expect(MIN_WINDOW_STEPS).toBe(20);
    expect(stepsForWindow(1500, 5)).toBe(300);
    expect(stepsForWindow(1500, 500)).toBe(20); // a slow engine still gets 20 steps (10 s)
    expect(stepsForWindow(1500, 0)).toBe(20);
  });
});
