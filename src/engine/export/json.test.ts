import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config';
import type { StatsRecord } from '../stats/types';
import { exportFileName } from './filename';
import { toExportJson } from './json';

const rec: StatsRecord = {
  step: 0,
  loss: Number.POSITIVE_INFINITY,
  accuracy: 0.1,
  layers: [
    {
      layer: 1,
      act: { mean: 0, std: Number.NaN, min: 0, max: 1, zeroFrac: 0.5, satFrac: 0 },
      pre: { mean: 0, std: 1 },
      grad: { std: 1, rms: 1, weightGradNorm: 2 },
      weight: { std: 0.1, updateRatio: 0.01 },
    },
  ],
  nonFinite: { step: 0, layer: 0, tensor: 'loss' },
};

describe('toExportJson', () => {
  it('has exactly the CLI keys in order and parses back', () => {
    const text = toExportJson({ config: { ...DEFAULT_CONFIG }, notices: ['n'], records: [rec] });
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['config', 'notices', 'records']);
    expect(doc.config).toEqual(DEFAULT_CONFIG);
    expect(doc.records[0].layers[0].grad.weightGradNorm).toBe(2);
    // JSON has no NaN/Infinity: null, with nonFinite telling where it began.
    expect(doc.records[0].loss).toBeNull();
    expect(doc.records[0].layers[0].act.std).toBeNull();
    expect(doc.records[0].nonFinite).toEqual({ step: 0, layer: 0, tensor: 'loss' });
  });

  it('adds theory only when given', () => {
    const doc = JSON.parse(
      toExportJson({ config: { ...DEFAULT_CONFIG }, notices: [], records: [], theory: { chi1: 0.5 } }),
    );
    expect(Object.keys(doc)).toEqual(['config', 'notices', 'records', 'theory']);
    expect(doc.theory.chi1).toBe(0.5);
  });
});

describe('exportFileName', () => {
  it('is built from config values only, in a safe alphabet', () => {
    expect(exportFileName({ ...DEFAULT_CONFIG }, 'depth profile', 'png')).toBe(
      'initscope-xavier_normal-relu-d20-w64-s1-depth_profile.png',
    );
    expect(exportFileName({ ...DEFAULT_CONFIG }, '../../etc', 'csv')).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(exportFileName({ ...DEFAULT_CONFIG }, '../../etc', 'csv')).not.toContain('/');
  });
});
