// Draws build/icon.png (512×512), the app icon electron-builder turns into each platform's format:
// a rounded tile with three stream lanes of entries, the newest entry marked.
// Run with `node build/make-icon.mjs`; uses nothing but Node.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // 4×4 supersampling for smooth edges

/** Signed distance to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRect(x, y, cx, cy, halfWidth, halfHeight, radius) {
  const dx = Math.abs(x - cx) - halfWidth + radius;
  const dy = Math.abs(y - cy) - halfHeight + radius;
  return Math.min(Math.max(dx, dy), 0) + Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) - radius;
}

const mix = (a, b, t) => a.map((value, index) => value + (b[index] - value) * t);

// Three lanes; each entry is [left, right] in pixels. Older entries fade towards the left.
const LANES = [
  { y: 176, entries: [[88, 150], [166, 250], [266, 318], [334, 424]] },
  { y: 256, entries: [[88, 176], [192, 244], [260, 352]] },
  { y: 336, entries: [[88, 128], [144, 232], [248, 300], [316, 424]] },
];
const NEWEST = { x: 394, y: 256, radius: 30 };

/** Colour (RGBA, 0–1) of one sample point. */
function sample(x, y) {
  if (roundedRect(x, y, 256, 256, 232, 232, 96) > 0) return [0, 0, 0, 0];
  const t = (x + y) / (2 * SIZE);
  let color = [...mix([0.07, 0.2, 0.33], [0.05, 0.42, 0.5], t), 1];
  for (const lane of LANES) {
    for (const [left, right] of lane.entries) {
      if (roundedRect(x, y, (left + right) / 2, lane.y, (right - left) / 2, 18, 18) <= 0) {
        const age = 1 - (right - 88) / (424 - 88);
        color = [...mix(color.slice(0, 3), [0.93, 0.97, 1], 0.95 - 0.5 * age), 1];
      }
    }
  }
  const ring = Math.hypot(x - NEWEST.x, y - NEWEST.y);
  if (ring <= NEWEST.radius + 8) color = [...mix(color.slice(0, 3), [0.05, 0.42, 0.5], 1), 1];
  if (ring <= NEWEST.radius) color = [0.98, 0.36, 0.3, 1];
  return color;
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let row = 0; row < SIZE; row++) {
  const rowStart = row * (SIZE * 4 + 1);
  pixels[rowStart] = 0; // filter: none
  for (let column = 0; column < SIZE; column++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const [r, g, b, a] = sample(column + (sx + 0.5) / SAMPLES, row + (sy + 0.5) / SAMPLES);
        sum[0] += r * a;
        sum[1] += g * a;
        sum[2] += b * a;
        sum[3] += a;
      }
    }
    const alpha = sum[3] / (SAMPLES * SAMPLES);
    const offset = rowStart + 1 + column * 4;
    for (let channel = 0; channel < 3; channel++) pixels[offset + channel] = alpha ? Math.round((sum[channel] / sum[3]) * 255) : 0;
    pixels[offset + 3] = Math.round(alpha * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
