import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedSnippet } from './snippet';

describe('share wiring', () => {
  it('writes an iframe whose attributes no link can break out of', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string(), (src, title) => {
        const html = embedSnippet(src, 400, 300, title);
        // Exactly one tag pair, and the attribute values contain no raw quote or bracket.
        expect(html.match(/</g)).toHaveLength(2);
        expect(html.match(/>/g)).toHaveLength(2);
        const values = [...html.matchAll(/="([^"]*)"/g)].map((m) => m[1]);
        expect(values).toHaveLength(6);
        const back = values[0]
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&');
        expect(back).toBe(src);
      }),
      { numRuns: 500 },
    );
  });
});
