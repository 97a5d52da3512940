import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type RunConfig } from '../../engine/config';
import { suggestion } from './suggestion';

const c = (patch: Partial<RunConfig>): RunConfig => ({ ...DEFAULT_CONFIG, ...patch });

describe('suggestion', () => {
  it('keeps the first-sight story: Xavier + ReLU suggests Kaiming', () => {
    expect(suggestion(c({}))?.patch).toEqual({ init: 'kaiming_normal', gain: 'auto', mode: 'fan_in' });
  });

  it('a plain residual stack suggests pre-LayerNorm; a normalized or ReZero one suggests the plain stack', () => {
    expect(suggestion(c({ res: 1 }))?.patch).toEqual({ norm: 'layer' });
    expect(suggestion(c({ res: 1, norm: 'layer' }))?.patch).toEqual({ norm: 'none', rezero: 0 });
    expect(suggestion(c({ res: 1, rezero: 1 }))?.patch).toEqual({ norm: 'none', rezero: 0 });
  });

  it('normalization suggests removing it; a tiny deep init suggests BatchNorm', () => {
    expect(suggestion(c({ norm: 'batch' }))?.patch).toEqual({ norm: 'none' });
    expect(suggestion(c({ init: 'normal', std: 0.01, depth: 20 }))?.patch).toEqual({ norm: 'batch' });
    expect(suggestion(c({ init: 'normal', std: 0.01, depth: 3 }))).toBeNull();
  });
});
