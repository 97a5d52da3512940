import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iconSvg } from './icon';

const file = (name: string) => readFileSync(new URL(`../public/icons/${name}`, import.meta.url));

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('app icons (public/icons, made by scripts/make-icons.ts)', () => {
  it('icon.svg is the current drawing (run `npx tsx scripts/make-icons.ts` after changing scripts/icon.ts)', () => {
    expect(file('icon.svg').toString('utf8')).toBe(iconSvg(false));
  });
  it('the PNGs have the sizes the manifest announces', () => {
    expect(pngSize(file('icon-192.png'))).toEqual([192, 192]);
    expect(pngSize(file('icon-512.png'))).toEqual([512, 512]);
    expect(pngSize(file('icon-maskable-512.png'))).toEqual([512, 512]);
  });
});
