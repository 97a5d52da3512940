import { describe, expect, it } from 'vitest';
import { CONFIG_VERSION } from '../config';
import { MIGRATIONS, type Migration, migrateParams, parseVersion } from './version';

describe('link versions', () => {
  it('parses v', () => {
    expect(parseVersion(undefined)).toEqual({ version: CONFIG_VERSION });
    expect(parseVersion('1')).toEqual({ version: 1 });
    expect(parseVersion(' 3 ')).toEqual({ version: 3 });
    for (const bad of ['0', '-1', '1.0', 'x', '', '1e3', '9999999999']) {
      const r = parseVersion(bad);
      expect(r.version).toBe(CONFIG_VERSION);
      expect(r.notice).toMatch(/not a valid link version/);
    }
  });

  it('has a migration for every step below the current version', () => {
    for (let v = 1; v < CONFIG_VERSION; v++) expect(typeof MIGRATIONS[v]).toBe('function');
  });

  it('applies migration steps in order from the link version up to the target', () => {
    // A made-up history: v1 → v2 renamed lr to rate; v2 → v3 doubled depth.
    const table: Record<number, Migration> = {
      1: (p) => {
        if (p.has('lr')) p.set('rate', p.get('lr')!);
        p.delete('lr');
        return [];
      },
      2: (p) => {
        if (p.has('depth')) p.set('depth', String(2 * Number(p.get('depth'))));
        return ['depth was doubled for version 3.'];
      },
    };
    const fromV1 = new Map([
      ['lr', '0.1'],
      ['depth', '4'],
    ]);
    expect(migrateParams(fromV1, 1, 3, table)).toEqual(['depth was doubled for version 3.']);
    expect([...fromV1]).toEqual([
      ['depth', '8'],
      ['rate', '0.1'],
    ]);
    const fromV2 = new Map([['depth', '4']]);
    migrateParams(fromV2, 2, 3, table);
    expect(fromV2.get('depth')).toBe('8');
    // Nothing to do at the target version, and prototype names in the table are not steps.
    const same = new Map([['lr', '1']]);
    expect(migrateParams(same, 3, 3, table)).toEqual([]);
    expect([...same]).toEqual([['lr', '1']]);
  });
});
