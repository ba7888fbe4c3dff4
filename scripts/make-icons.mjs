// Draws the store icon (a red dot with a "T") and the toolbar icon for each state, as PNGs,
// without any image library. Run: node scripts/make-icons.mjs — output goes to public/icon/.
// Each state has its own shape too, never colour alone: a ring for unknown, a notch for trouble.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const SIZES = [16, 32, 48, 96, 128];
const TOOLBAR_SIZES = [16, 32];
const SUPERSAMPLE = 4;

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const STATES = {
  brand: { colour: [204, 0, 0], mark: 'none' },
  operational: { colour: [27, 127, 59], mark: 'none' },
  degraded: { colour: [163, 82, 0], mark: 'corner' },
  outage: { colour: [197, 34, 31], mark: 'corner' },
  unknown: { colour: [95, 99, 104], mark: 'ring' },
};

/** Colour at a point of the unit square, or null for transparent. */
function painter({ colour, mark }) {
  // biome-ignore lint/complexity/noExcessiveCognitiveComplexity: a maintainer's one-off drawing script: the pixel tests of each mark read best as one function; not shipped.
  return (x, y) => {
    const dx = x - 0.5;
    const dy = y - 0.5;
    const r2 = dx * dx + dy * dy;
    if (r2 > 0.48 * 0.48) return null;
    // Unknown: a hollow disc, so it reads as "no answer" even in greyscale.
    if (mark === 'ring' && r2 < 0.36 * 0.36 && !(y > 0.25 && y < 0.8 && x > 0.22 && x < 0.78)) return [255, 255, 255];
    // Trouble: a white notch in the bottom-right corner.
    if (mark === 'corner' && (x - 0.8) ** 2 + (y - 0.8) ** 2 < 0.14 * 0.14) return [255, 255, 255];
    const bar = y > 0.25 && y < 0.37 && x > 0.22 && x < 0.78;
    const stem = x > 0.44 && x < 0.56 && y >= 0.3 && y < 0.8;
    if (bar || stem) return mark === 'ring' ? colour : [255, 255, 255];
    return mark === 'ring' && r2 < 0.36 * 0.36 ? [255, 255, 255] : colour;
  };
}

// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: a maintainer's one-off drawing script (anti-aliasing loop); not shipped.
function draw(size, paint) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = paint((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) rgba.set([r / a, g / a, b / a, (255 * a) / SUPERSAMPLE ** 2], i);
    }
  }
  return encodePng(size, rgba);
}

mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, draw(size, painter(STATES.brand)));
for (const [state, style] of Object.entries(STATES)) {
  if (state === 'brand') continue;
  for (const size of TOOLBAR_SIZES) writeFileSync(`public/icon/${state}-${size}.png`, draw(size, painter(style)));
}
console.log(`icons: ${SIZES.join(', ')} px, and ${TOOLBAR_SIZES.join(', ')} px per state, in public/icon/`);
