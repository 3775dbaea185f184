#!/usr/bin/env node
// Draws the tray icons into resources/tray/ (or the folder given as the first argument), one per tray
// state, each state told apart by its shape as well as by colour (a slash, a broken outline, a "!",
// a dot), so it reads for colour-blind users and in macOS's one-colour menu bar alike.
//
// macOS: template images (`<state>Template.png`, `@2x`), black and alpha only, for every state but
// alert: Electron's nativeImage docs ("Template Image") say a file whose name ends with `Template` is
// a template image, which macOS tints to suit a light or dark menu bar, like its own icons.
//   ok       a light outline of the app's rounded square with its L: never the heaviest thing there
//   error    the same outline with a "!" instead of the L
//   offline  the outline, empty and struck through by a slash (an L cut by the slash read as a blob)
//   setup    only the outline's corners, with the L: nothing to report yet
//   alert    (not a template) the red filled square with its L and a dot in a notch: the one that shouts
// Windows (16/32 px) and Linux (22/44 px, `linux-` prefix): the filled square in mid-tone colours,
// dark enough for a light taskbar and light enough for a dark one (3:1 against both), its glyph cut
// out so the panel shows through:
//   ok slate with the L · alert red with the L and the dot · error amber with a "!" ·
//   offline a grey outline, empty and struck through · setup grey corners and L: no fill for either.
// `@2x` files let nativeImage pick the sharper one on high-density screens. Run again after changing
// the drawing: `node scripts/draw-tray-icons.js`; tests/unit/trayIconsOnPanels.test.ts shows them all
// on light and dark bars (test-results/tray-icons-on-panels.png) and checks each pair differs in shape.
// Pure Node (./png.js): the output is the same on every machine.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeRgbaPng } from './png.js';

const SUBSAMPLES = 8; // per axis: small icons need finer edges than the 512 px app icon

// Mid-tones (WCAG luminance about 0.2): 3:1 against a light taskbar or panel and against a dark one.
const SLATE = [0x6d, 0x82, 0x96];
const RED = [0xf0, 0x40, 0x2f];
const AMBER = [0xbb, 0x73, 0x00];
const GREY = [0x80, 0x80, 0x80];
const BLACK = [0x00, 0x00, 0x00];

function insideRoundedRect(x, y, [left, top, right, bottom], radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

const insideCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2;

function distanceToSegment(x, y, [x1, y1], [x2, y2]) {
  const [dx, dy] = [x2 - x1, y2 - y1];
  const t = Math.min(1, Math.max(0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

/**
 * Shapes in the base grid of each panel size (16 or 22 units), edges on whole units where it matters
 * so the 1x icon stays crisp; the 2x icon is the same drawing at twice the resolution. `L` and `bang`
 * are the glyphs on a filled square; `thinL` and `thinBang` the lighter ones inside macOS's outline
 * (16 only: template images are macOS's alone).
 */
const GEOMETRY = {
  16: {
    tile: [1, 1, 15, 15], tileRadius: 3.5, stroke: 1.5, cornerGap: 5,
    L: [[5, 3, 8, 13], [5, 10, 11, 13]], bang: [[6.5, 3, 9.5, 9], [6.5, 10.5, 9.5, 13]],
    thinL: [[5, 4, 7, 12], [5, 10, 11, 12]], thinBang: [[7, 4, 9, 9], [7, 10.5, 9, 12.5]], glyphRadius: 0.6,
    badge: [12.5, 3.5, 3], notch: 4.5,
    slash: { from: [2.5, 2.5], to: [13.5, 13.5], width: 1.5 },
  },
  22: {
    tile: [1, 1, 21, 21], tileRadius: 5, stroke: 2, cornerGap: 7,
    L: [[7, 4, 11, 18], [7, 14, 15, 18]], bang: [[9, 4, 13, 12.5], [9, 14, 13, 18]], glyphRadius: 0.8,
    badge: [16.5, 5.5, 3.75], notch: 5.5,
    slash: { from: [3, 3], to: [19, 19], width: 2 },
  },
};

function shapes(g) {
  const [l, t, r, b] = g.tile;
  const s = g.stroke;
  const [cx, cy] = [(l + r) / 2, (t + b) / 2];
  const tile = (x, y) => insideRoundedRect(x, y, g.tile, g.tileRadius);
  const outline = (x, y) => tile(x, y) && !insideRoundedRect(x, y, [l + s, t + s, r - s, b - s], g.tileRadius - s);
  const glyph = (rects) => (x, y) => rects.some((rect) => insideRoundedRect(x, y, rect, g.glyphRadius));
  return {
    tile,
    outline,
    // The outline's corners only: each side broken in its middle.
    corners: (x, y) => outline(x, y) && Math.abs(x - cx) >= g.cornerGap / 2 && Math.abs(y - cy) >= g.cornerGap / 2,
    L: glyph(g.L),
    bang: glyph(g.bang),
    thinL: glyph(g.thinL ?? []),
    thinBang: glyph(g.thinBang ?? []),
    notch: (x, y) => insideCircle(x, y, g.badge[0], g.badge[1], g.notch),
    badge: (x, y) => insideCircle(x, y, g.badge[0], g.badge[1], g.badge[2]),
    slash: (x, y) => distanceToSegment(x, y, g.slash.from, g.slash.to) <= g.slash.width / 2,
  };
}

/**
 * Layers painted in order: `paint` with a colour, or `erase` what is below. Glyphs are cut out of a
 * filled square (the panel shows through), so each state's silhouette differs, whatever the panel.
 */
const COLOURED = {
  ok: [{ shape: 'tile', paint: SLATE }, { shape: 'L', erase: true }],
  alert: [{ shape: 'tile', paint: RED }, { shape: 'L', erase: true }, { shape: 'notch', erase: true }, { shape: 'badge', paint: RED }],
  error: [{ shape: 'tile', paint: AMBER }, { shape: 'bang', erase: true }],
  offline: [{ shape: 'outline', paint: GREY }, { shape: 'slash', paint: GREY }],
  setup: [{ shape: 'corners', paint: GREY }, { shape: 'L', paint: GREY }],
};

/** macOS template images: black and alpha only (alert stays coloured). */
const TEMPLATES = {
  okTemplate: [{ shape: 'outline', paint: BLACK }, { shape: 'thinL', paint: BLACK }],
  errorTemplate: [{ shape: 'outline', paint: BLACK }, { shape: 'thinBang', paint: BLACK }],
  offlineTemplate: [{ shape: 'outline', paint: BLACK }, { shape: 'slash', paint: BLACK }],
  setupTemplate: [{ shape: 'corners', paint: BLACK }, { shape: 'thinL', paint: BLACK }],
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
        const c = coverage(x, y, scale, found[layer.shape]);
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
  const drawings = [
    ...Object.entries(COLOURED).map(([state, layers]) => [state, layers, [['', 16], ['linux-', 22]]]),
    ...Object.entries(TEMPLATES).map(([state, layers]) => [state, layers, [['', 16]]]),
  ];
  for (const [state, layers, panels] of drawings) {
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
