// File names for downloads, built only from validated config values (never raw URL text), so a shared
// link cannot smuggle a path or odd characters into the saved file's name.
import type { RunConfig } from '../config';

export function exportBaseName(c: Pick<RunConfig, 'init' | 'act' | 'depth' | 'width' | 'seed'>): string {
  const base = `initscope-${c.init}-${c.act}-d${c.depth}-w${c.width}-s${c.seed}`;
  return base.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function exportFileName(
  c: Pick<RunConfig, 'init' | 'act' | 'depth' | 'width' | 'seed'>,
  what: string,
  ext: 'csv' | 'json' | 'png' | 'py',
): string {
  const tag = what.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 40);
  return `${exportBaseName(c)}${tag ? `-${tag}` : ''}.${ext}`;
}
