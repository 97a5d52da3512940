// UI preferences that are not part of a run: presenter mode, chart options, the compare targets.
import { create } from 'zustand';

export interface UiState {
  presenter: boolean;
  lossLogY: boolean;
  /** Compare table targets: steps until train loss ≤ lossTarget / accuracy ≥ accTarget. */
  lossTarget: number;
  accTarget: number;
  set(patch: Partial<Omit<UiState, 'set'>>): void;
}

export const useUiStore = create<UiState>()((set) => ({
  presenter: false,
  lossLogY: true,
  lossTarget: 0.5,
  accTarget: 0.8,
  set(patch) {
    set(patch);
  },
}));
