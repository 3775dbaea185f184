#!/usr/bin/env node
// Draws the tray icons into resources/tray/ (or the folder given as the first argument):
// the app icon's rounded tile with its "L", once per tray state, so the icon is recognisable and
// the state reads at a glance even at 16 px.
//   ok       slate tile, white L: visible on light and dark panels alike
//   alert    red tile, white L, and a badge dot in a notch at the top right (not colour alone)
//   error    amber tile, dark L
//   offline  grey tile, white L, a little transparent
//   setup    grey outline and L only: nothing to report yet
// Sizes: 16 px and 32 px (`@2x`) for Windows and macOS, 22 px and 44 px for Linux panels
// (`linux-` prefix), plus macOS's template image for ok (`okTemplate.png`, `okTemplate@2x.png`:
// black and alpha only, so the menu bar can tint it). The `@2x` names let Electron's nativeImage
// pick the sharper file on high-density screens. Run again after changing the drawing:
// `node scripts/draw-tray-icons.js`. Pure Node (./png.js): the output is the same on every machine.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeRgbaPng } from './png.js';

const SUBSAMPLES = 8; // per axis: small icons need finer edges than the 512 px app icon

const SLATE = [0x3c, 0x46, 0x50];
const RED = [0xd9, 0x3a, 0x26];
const AMBER = [0xf0, 0xa0, 0x20];
const AMBER_GLYPH = [0x3a, 0x26, 0x00];
const GREY = [0x8c, 0x91, 0x98];
const WHITE = [0xff, 0xff, 0xff];
const BLACK = [0x00, 0x00, 0x00];

function insideRoundedRect(x, y, [left, top, right, bottom], radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const insideCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2;

/**
 * Shapes in the base grid of each panel size (16 or 22 units), edges on whole units so the 1x
 * icon stays crisp; the 2x icon is the same drawing at twice the resolution.
 */
const GEOMETRY = {
  16: { tile: [1, 1, 15, 15], tileRadius: 3.5, stem: [5, 3, 8, 13], foot: [5, 10, 11, 13], glyphRadius: 0.6, badge: [12.5, 3.5, 2.75], notch: 4.25, stroke: 1.25 },
  22: { tile: [1, 1, 21, 21], tileRadius: 5, stem: [7, 4, 11, 18], foot: [7, 14, 15, 18], glyphRadius: 0.8, badge: [17, 5, 3.75], notch: 5.5, stroke: 1.5 },
};

function shapes(g) {
  const [l, t, r, b] = g.tile;
  const s = g.stroke;
  const tile = (x, y) => insideRoundedRect(x, y, g.tile, g.tileRadius);
  return {
    tile,
    outline: (x, y) => tile(x, y) && !insideRoundedRect(x, y, [l + s, t + s, r - s, b - s], g.tileRadius - s),
    glyph: (x, y) => insideRoundedRect(x, y, g.stem, g.glyphRadius) || insideRoundedRect(x, y, g.foot, g.glyphRadius),
    notch: (x, y) => insideCircle(x, y, g.badge[0], g.badge[1], g.notch),
    badge: (x, y) => insideCircle(x, y, g.badge[0], g.badge[1], g.badge[2]),
  };
}

/** Layers painted in order: `paint` with a colour (and opacity), or `erase` what is below. */
const STATES = {
  ok: [{ shape: 'tile', paint: SLATE }, { shape: 'glyph', paint: WHITE }],
  alert: [{ shape: 'tile', paint: RED }, { shape: 'glyph', paint: WHITE }, { shape: 'notch', erase: true }, { shape: 'badge', paint: RED }],
  error: [{ shape: 'tile', paint: AMBER }, { shape: 'glyph', paint: AMBER_GLYPH }],
  offline: [{ shape: 'tile', paint: GREY, opacity: 0.8 }, { shape: 'glyph', paint: WHITE }],
  setup: [{ shape: 'outline', paint: GREY }, { shape: 'glyph', paint: GREY }],
  okTemplate: [{ shape: 'tile', paint: BLACK }, { shape: 'glyph', erase: true }],
};

function coverage(px, py, scale, inside) {
  let hits = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      if (inside((px + (sx + 0.5) / SUBSAMPLES) / scale, (py + (sy + 0.5) / SUBSAMPLES) / scale)) hits++;
    }
  }
  return hits / SUBSAMPLES ** 2;
}

/** RGBA rows with a leading filter byte (0) each, as PNG's IDAT wants them before deflate. */
function drawPixels(layers, base, scale) {
  const size = base * scale;
  const found = shapes(GEOMETRY[base]);
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Premultiplied colour, so painting and erasing compose simply.
      let [r, g, b, a] = [0, 0, 0, 0];
      for (const layer of layers) {
        const c = coverage(x, y, scale, found[layer.shape]) * (layer.opacity ?? 1);
        if (c === 0) continue;
        if (layer.erase) {
          [r, g, b, a] = [r * (1 - c), g * (1 - c), b * (1 - c), a * (1 - c)];
        } else {
          const [pr, pg, pb] = layer.paint;
          [r, g, b, a] = [pr * c + r * (1 - c), pg * c + g * (1 - c), pb * c + b * (1 - c), c + a * (1 - c)];
        }
      }
      const offset = y * (1 + size * 4) + 1 + x * 4;
      const alpha = Math.round(a * 255);
      if (alpha === 0) continue;
      rows[offset] = Math.round(r / a);
      rows[offset + 1] = Math.round(g / a);
      rows[offset + 2] = Math.round(b / a);
      rows[offset + 3] = alpha;
    }
  }
  return { size, rows };
}

/** Every tray icon file: name → PNG bytes. */
export function drawTrayIcons() {
  const files = new Map();
  for (const [state, layers] of Object.entries(STATES)) {
    const panels = state === 'okTemplate' ? [['', 16]] : [['', 16], ['linux-', 22]];
    for (const [prefix, base] of panels) {
      files.set(`${prefix}${state}.png`, encodeRgbaPng(drawPixels(layers, base, 1)));
      files.set(`${prefix}${state}@2x.png`, encodeRgbaPng(drawPixels(layers, base, 2)));
    }
  }
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2]
    ? path.resolve(process.argv[2])
    : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'tray');
  fs.mkdirSync(target, { recursive: true });
  const files = drawTrayIcons();
  for (const [name, png] of files) fs.writeFileSync(path.join(target, name), png);
  console.log(`Wrote ${files.size} tray icons to ${path.relative(process.cwd(), target) || '.'}`);
}
