// Link versions. `v` says which version of the key scheme wrote a link. Old links are migrated step by step
// (v → v+1) through MIGRATIONS, so a link shared today still opens after keys are renamed or re-scaled.
import { CONFIG_VERSION } from '../config';
import { quote } from './text';

/**
 * One step of migration: rewrite the raw parameters of a version-`from` link into version from+1, in place.
 * Return notices for anything that could not be carried over.
 */
export type Migration = (params: Map<string, string>) => string[];

/**
 * MIGRATIONS[k] turns a version-k link into version k+1. Empty while CONFIG_VERSION is 1. Example for a
 * future version 2 that renamed `lr` to `rate`:
 *   1: (p) => { if (p.has('lr')) { p.set('rate', p.get('lr')!); p.delete('lr'); } return []; }
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({});

export interface VersionResult {
  version: number;
  notice?: string;
}

/** Read `v`: missing means the current version; anything but a positive integer is reported and ignored. */
export function parseVersion(raw: string | undefined): VersionResult {
  if (raw === undefined) return { version: CONFIG_VERSION };
  const text = raw.trim();
  if (/^\d{1,9}$/.test(text) && Number(text) >= 1) return { version: Number(text) };
  return {
    version: CONFIG_VERSION,
    notice: `v=${quote(raw)} is not a valid link version; reading the link as version ${CONFIG_VERSION}.`,
  };
}

/** Apply migrations from `from` up to `to` (exclusive of missing steps, which are skipped). */
export function migrateParams(
  params: Map<string, string>,
  from: number,
  to: number = CONFIG_VERSION,
  table: Readonly<Record<number, Migration>> = MIGRATIONS,
): string[] {
  const notices: string[] = [];
  for (let v = from; v < to; v++) {
    const step = Object.hasOwn(table, v) ? table[v] : undefined;
    if (step) notices.push(...step(params));
  }
  return notices;
}
