import { describe, expect, it } from 'vitest';
import { History } from '../../store/history';
import { packed } from '../charts/testRecords';
import { describeKept } from './TimeScrubber';

describe('time scrubber: what the history holds', () => {
  it('says every step until the history first thins, then step 0 and the spacing', () => {
    const h = new History(128);
    const recs = packed(Array.from({ length: 300 }, (_, step) => ({ step, actStd: [1], gradStd: [1] })));
    h.push(recs.slice(0, 100));
    const kept = () => ({ steps: h.records.map((r) => r[1]), spacing: h.spacing });
    expect(describeKept(kept())).toBe('Holds every step from 0 to 99.');
    h.push(recs.slice(100));
    const k = kept();
    expect(k.steps[0]).toBe(0);
    expect(k.spacing).toBeGreaterThan(1);
    expect(describeKept(k)).toBe(
      `Holds ${k.steps.length} of ${k.steps[k.steps.length - 1] + 1} steps: step 0, then one every ${k.spacing} steps up to ${k.steps[k.steps.length - 1]} (older steps are thinned so memory stays flat).`,
    );
    expect(describeKept({ steps: [], spacing: 1 })).toBe('No steps recorded yet.');
  });
});
