#!/usr/bin/env node
// Draws the app icon, resources/icon.png (512x512 RGBA): a lobster-red rounded square with a white
// "L". Run it again after changing the drawing: `node scripts/draw-app-icon.js`.
// Pure Node (./png.js) so the icon is reproducible without an image editor.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeRgbaPng } from './png.js';

const SIZE = 512;
const SUBSAMPLES = 4; // per axis: 16 samples a pixel smooth the edges

const TOP = [0xe2, 0x4b, 0x33]; // lobster red, lighter at the top...
const BOTTOM = [0xb3, 0x2a, 0x17]; // ...darker at the bottom
const GLYPH = [0xff, 0xff, 0xff];

function insideRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const insideTile = (x, y) => insideRoundedRect(x, y, 24, 24, 488, 488, 108);
// The "L": a stem and a foot, each with softly rounded corners, centred on the tile.
const insideGlyph = (x, y) =>
  insideRoundedRect(x, y, 172, 116, 256, 396, 14) || insideRoundedRect(x, y, 172, 312, 348, 396, 14);

function coverage(px, py, inside) {
  let hits = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      if (inside(px + (sx + 0.5) / SUBSAMPLES, py + (sy + 0.5) / SUBSAMPLES)) hits++;
    }
  }
  return hits / SUBSAMPLES ** 2;
}

function drawPixels() {
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4)); // each row: filter byte 0, then RGBA
  for (let y = 0; y < SIZE; y++) {
    const rowStart = y * (1 + SIZE * 4);
    const t = y / (SIZE - 1);
    const tile = TOP.map((top, i) => Math.round(top + (BOTTOM[i] - top) * t));
    for (let x = 0; x < SIZE; x++) {
      const alpha = coverage(x, y, insideTile);
      if (alpha === 0) continue;
      const glyph = coverage(x, y, insideGlyph);
      const offset = rowStart + 1 + x * 4;
      for (let i = 0; i < 3; i++) rows[offset + i] = Math.round(tile[i] + (GLYPH[i] - tile[i]) * glyph);
      rows[offset + 3] = Math.round(alpha * 255);
    }
  }
  return rows;
}

export function encodeIconPng() {
  return encodeRgbaPng({ size: SIZE, rows: drawPixels() });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'icon.png');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, encodeIconPng());
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
}
