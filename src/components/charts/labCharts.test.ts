import { describe, expect, it } from 'vitest';
import { cellAt, cellScore, depthRow } from './mapChart';
import { phaseValueAt } from './phaseChart';
import { histogram, spectrumRange } from './spectrumChart';

const box = { x: 10, y: 20, w: 100, h: 50 };

describe('phase chart geometry', () => {
  it('maps a point of the plot to (σ_w², σ_b²), σ_b² upward, and nothing outside', () => {
    const axes = { sw2: [0, 2, 4], sb2: [0, 0.25, 0.5] };
    expect(phaseValueAt(box, axes, 10, 70)).toEqual({ sw2: 0, sb2: 0 });
    expect(phaseValueAt(box, axes, 110, 20)).toEqual({ sw2: 4, sb2: 0.5 });
    expect(phaseValueAt(box, axes, 60, 45)).toEqual({ sw2: 2, sb2: 0.25 });
    expect(phaseValueAt(box, axes, 5, 45)).toBeNull();
  });
});

describe('map chart geometry and colour', () => {
  it('finds the cell under a point, shallow rows at the bottom', () => {
    const run = { sw2: [1, 2, 3, 4], depths: [2, 4] };
    expect(cellAt(box, run, 12, 68)).toEqual({ col: 0, row: 0 });
    expect(cellAt(box, run, 108, 22)).toEqual({ col: 3, row: 1 });
    expect(cellAt(box, run, 200, 22)).toBeNull();
  });

  it('places depths on the rows in log depth, extrapolating beyond them', () => {
    const depths = [2, 4, 8, 16];
    expect(depthRow(depths, 4)).toBeCloseTo(1, 12);
    expect(depthRow(depths, Math.sqrt(32))).toBeCloseTo(1.5, 12);
    expect(depthRow(depths, 32)).toBeCloseTo(4, 12);
    expect(depthRow(depths, 1)).toBeCloseTo(-1, 12);
  });

  it('scores accuracy from chance (0) to perfect (1), loss drop as 1 − loss/loss₀, overflow as NaN', () => {
    expect(cellScore({ loss0: 1, loss: 0.5, accuracy: 0.5 }, 'accuracy', 2)).toBe(0);
    expect(cellScore({ loss0: 1, loss: 0.5, accuracy: 1 }, 'accuracy', 2)).toBe(1);
    expect(cellScore({ loss0: 1, loss: 0.25, accuracy: 1 }, 'drop', 2)).toBe(0.75);
    expect(cellScore({ loss0: 1, loss: 2, accuracy: 1 }, 'drop', 2)).toBe(0);
    expect(cellScore({ loss0: 1, loss: Number.NaN, accuracy: 0.5 }, 'accuracy', 2)).toBeNaN();
  });
});

describe('spectrum histogram', () => {
  it('covers both spectra and the marks in whole decades, at least two wide', () => {
    expect(spectrumRange([[1, 1, 1]], [1])).toEqual([-1, 1]);
    // A value on a decade gets a little room: 10⁻³ opens the axis at 10⁻⁴.
    expect(spectrumRange([[1e-3, 2], [50]], [0.5])).toEqual([-4, 2]);
  });

  it('counts every value, exact zeros in the first bin', () => {
    const h = histogram([0, 1e-3, 1, 10], -3, 2, 5);
    expect(h).toEqual([2, 0, 0, 1, 1]);
    expect(h.reduce((a, b) => a + b)).toBe(4);
  });
});
