import { describe, expect, it } from 'vitest';
import { highlightedLayer, useLayerFocus } from './layerFocus';
import { indexAtOrBefore } from './scrub';

describe('indexAtOrBefore', () => {
  const steps = [0, 4, 8, 16, 32];
  const at = (s: number) => indexAtOrBefore((i) => steps[i], steps.length, s);
  it('finds the kept record at or just before a step', () => {
    expect(at(0)).toBe(0);
    expect(at(7)).toBe(1);
    expect(at(8)).toBe(2);
    expect(at(1000)).toBe(4);
    expect(at(-1)).toBe(-1);
    expect(indexAtOrBefore(() => 0, 0, 5)).toBe(-1);
  });
});

describe('linked layers', () => {
  it('highlights the hovered layer over the pinned one, and a second click unpins', () => {
    const s = useLayerFocus.getState();
    s.clear();
    s.togglePin(3);
    expect(highlightedLayer(useLayerFocus.getState())).toBe(3);
    s.setHover(7);
    expect(highlightedLayer(useLayerFocus.getState())).toBe(7);
    s.setHover(null);
    expect(highlightedLayer(useLayerFocus.getState())).toBe(3);
    s.togglePin(3);
    expect(useLayerFocus.getState().pinned).toBeNull();
  });
});
