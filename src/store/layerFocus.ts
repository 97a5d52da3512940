// Linked layers: the hidden layer the reader points at (hover or keyboard focus) in any per-layer panel,
// and the one they pinned with a click. Every per-layer panel highlights `highlightedLayer` — hover wins
// over the pin while it lasts, so pointing elsewhere never loses the pinned layer.
import { create } from 'zustand';

export interface LayerFocusState {
  /** Layer under the pointer or keyboard focus (1-based), or null. */
  hover: number | null;
  /** Layer pinned by a click or Enter (1-based), or null. */
  pinned: number | null;
  setHover(layer: number | null): void;
  /** Pins `layer`, or unpins it when it is already the pinned one. */
  togglePin(layer: number): void;
  clear(): void;
}

export const useLayerFocus = create<LayerFocusState>()((set) => ({
  hover: null,
  pinned: null,
  setHover(layer) {
    set((s) => (s.hover === layer ? s : { hover: layer }));
  },
  togglePin(layer) {
    set((s) => ({ pinned: s.pinned === layer ? null : layer }));
  },
  clear() {
    set({ hover: null, pinned: null });
  },
}));

export function highlightedLayer(s: Pick<LayerFocusState, 'hover' | 'pinned'>): number | null {
  return s.hover ?? s.pinned;
}

/** For canvas charts (useCanvasChart sources): redraw when the highlight changes. */
export const layerFocusSource = {
  subscribe: (fn: () => void) =>
    useLayerFocus.subscribe((s, prev) => {
      if (highlightedLayer(s) !== highlightedLayer(prev)) fn();
    }),
};
