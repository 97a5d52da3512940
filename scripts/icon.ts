// The app icon, drawn as SVG: a magnifying lens over two signal curves, one flat (a good initialization)
// and one fading with depth (a poor one). `maskable` fills the whole square and keeps the drawing inside
// the central safe zone (a circle of 40 % of the size) that launchers may crop to.

const ACCENT = '#1f5fd1';
const FLAT = '#ffffff';
const FADING = '#fbbf24';

function drawing(): string {
  return [
    '<circle cx="228" cy="228" r="132" fill="#174aa6" stroke="#ffffff" stroke-width="28"/>',
    '<line x1="326" y1="326" x2="416" y2="416" stroke="#ffffff" stroke-width="46" stroke-linecap="round"/>',
    // The flat profile: a good init keeps the signal's scale layer after layer.
    `<polyline points="146,236 176,230 206,238 236,232 266,237 296,231 316,235" fill="none" stroke="${FLAT}" stroke-width="16" stroke-linecap="round" stroke-linejoin="round"/>`,
    // The fading one: the signal shrinks by a constant factor per layer.
    `<path d="M160,178 C194,244 232,282 316,294" fill="none" stroke="${FADING}" stroke-width="16" stroke-linecap="round"/>`,
  ].join('');
}

export function iconSvg(maskable: boolean): string {
  const background = maskable
    ? `<rect width="512" height="512" fill="${ACCENT}"/>`
    : `<rect width="512" height="512" rx="96" fill="${ACCENT}"/>`;
  // Maskable: scale the drawing into the safe zone around the centre.
  const body = maskable
    ? `<g transform="translate(256 256) scale(0.72) translate(-270 -270)">${drawing()}</g>`
    : `<g transform="translate(-14 -14)">${drawing()}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img"><title>InitScope</title>${background}${body}</svg>\n`;
}
