import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stripWgslComments } from './wgslStrip';

describe('stripWgslComments', () => {
  it('drops line and (nested) block comments, trailing spaces and blank lines, and keeps the code', () => {
    const src = [
      '// header',
      'const A: u32 = 1u; // trailing',
      '',
      '/** doc',
      ' * more /* nested */ still doc',
      ' */',
      'fn f(x: f32) -> f32 { return x / 2.0; }   ',
      '',
    ].join('\n');
    expect(stripWgslComments(src)).toBe('const A: u32 = 1u;\nfn f(x: f32) -> f32 { return x / 2.0; }\n');
  });

  it('leaves no comment in any shader, and every statement of it', () => {
    for (const f of readdirSync('src/shaders').filter((n) => n.endsWith('.wgsl'))) {
      const src = readFileSync(`src/shaders/${f}`, 'utf8');
      const out = stripWgslComments(src);
      expect(out, f).not.toMatch(/\/\/|\/\*|\*\//);
      // Same code tokens: the ; and { counts of the source outside comments.
      const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      for (const ch of [';', '{', '}'])
        expect(out.split(ch).length, `${f} ${ch}`).toBe(code.split(ch).length);
    }
  });
});
