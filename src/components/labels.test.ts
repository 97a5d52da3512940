import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../engine/config';
import { slotLabels } from './labels';

const cfg = (p: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...p });

describe('slotLabels', () => {
  it('names runs by init and activation when those differ', () => {
    expect(
      slotLabels([cfg({ init: 'xavier_normal', act: 'relu' }), cfg({ init: 'kaiming_normal', act: 'relu' })]),
    ).toEqual(['Xavier / Glorot normal · ReLU', 'Kaiming / He normal · ReLU']);
  });

  it('adds the settings that differ, so runs differing only in gain get different names', () => {
    const base = cfg({ init: 'kaiming_normal', act: 'tanh', gain: 1 });
    const names = slotLabels([base, { ...base, gain: 1.5 }]);
    expect(names).toEqual(['Kaiming / He normal · tanh · gain 1', 'Kaiming / He normal · tanh · gain 1.5']);
  });
});
