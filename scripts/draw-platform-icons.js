#!/usr/bin/env node
// Draws the demo simulator's platform icons (what the API sends as an account's `icon`) and writes
// them into main/simulator/platformIconData.ts as base64 PNG text:
//   twitter-sync    black tile, white X: a thin "/" and a hollow, double-struck "\"
//   linkedin-sync   blue rounded tile, white "in"
//   sales-nav-sync  LinkedIn blue tile, white compass: a ring and a needle, north half solid
//   facebook-sync   blue disc, white "f" whose stem runs into the disc's bottom edge
//   unknown         grey tile, white globe: any other website
// Simple geometric shapes of this project's own, in a 64-unit square, so they read as each
// platform's mark at 32 px and stay sharp at 2x (the window shows them at 28 to 36 CSS px).
// Supersampled: each pixel's cover by each shape is counted on a grid of sample points.
// Run again after changing the drawing: `node scripts/draw-platform-icons.js`.
// Pure Node (./png.js): the same bytes on every machine.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeRgbaPng } from './png.js';

export const ICON_SIZE = 64;
// Sample points per pixel and axis: 17 levels of cover, which look the same as finer grids at these
// sizes; finer grids only add bytes, and every account in a listing carries its platform's icon.
const GRID = 4;

const WHITE = [0xff, 0xff, 0xff];
/** Each platform's `primary_color` (main/core/health/platforms.ts), the grey the simulator gives an unknown type. */
const COLOURS = {
  'twitter-sync': [0x00, 0x00, 0x00],
  'linkedin-sync': [0x0a, 0x66, 0xc2],
  'sales-nav-sync': [0x00, 0x73, 0xb1],
  'facebook-sync': [0x18, 0x77, 0xf2],
  unknown: [0x6b, 0x72, 0x80],
};

// Shapes: predicates over the 64-unit square, composed by union and difference.
const box = (left, top, right, bottom) => (x, y) => x >= left && x <= right && y >= top && y <= bottom;
const disc = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r ** 2;
const ellipse = (cx, cy, rx, ry) => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const any = (...shapes) => (x, y) => shapes.some((inside) => inside(x, y));
const all = (...shapes) => (x, y) => shapes.every((inside) => inside(x, y));
const without = (shape, hole) => (x, y) => shape(x, y) && !hole(x, y);

function roundedBox(left, top, right, bottom, radius) {
  return (x, y) => {
    if (x < left || x > right || y < top || y > bottom) return false;
    const nearestX = Math.min(Math.max(x, left + radius), right - radius);
    const nearestY = Math.min(Math.max(y, top + radius), bottom - radius);
    return (x - nearestX) ** 2 + (y - nearestY) ** 2 <= radius ** 2;
  };
}

/** A convex polygon: inside when on the same side of every edge, whichever way the corners go round. */
function polygon(corners) {
  const sides = (x, y) =>
    corners.map(([ax, ay], i) => {
      const [bx, by] = corners[(i + 1) % corners.length];
      return Math.sign((bx - ax) * (y - ay) - (by - ay) * (x - ax));
    });
  return (x, y) => {
    const signs = sides(x, y);
    return signs.every((s) => s >= 0) || signs.every((s) => s <= 0);
  };
}

/**
 * A slanted stroke with level ends: its top edge spans `topLeft`..`topLeft + width` at y `top`,
 * its bottom edge `bottomLeft`..`bottomLeft + width` at y `bottom`.
 */
function slant(top, bottom, topLeft, bottomLeft, width) {
  return polygon([
    [topLeft, top],
    [topLeft + width, top],
    [bottomLeft + width, bottom],
    [bottomLeft, bottom],
  ]);
}

/** Each 64-unit tile the size of the icon, corners rounded as the window rounds its icons (22%). */
const tile = roundedBox(0, 0, 64, 64, 14);

function xGlyph() {
  const [top, bottom, left, right] = [13.5, 50.5, 14, 50];
  const wide = 12.6;
  const run = (right - wide - left) / (bottom - top); // sideways per unit down
  // The "\" is double-struck: an outline, `rule` wide along a row and `cap` at its ends, hollow inside.
  const [rule, cap] = [3.9, 3];
  const backslash = slant(top, bottom, left, right - wide, wide);
  const hollow = slant(top + cap, bottom - cap, left + cap * run + rule, right - wide - cap * run + rule, wide - 2 * rule);
  const slash = slant(top, bottom, right - 5.8, left, 5.8);
  return { glyph: any(without(backslash, hollow), without(slash, hollow)) };
}

function inGlyph() {
  const stem = 8.6;
  const [top, base] = [26, 49];
  const iLeft = 14;
  const nLeft = iLeft + stem + 5.4;
  const counter = 6.4;
  const nRight = nLeft + 2 * stem + counter;
  const archX = (nLeft + nRight) / 2;
  const archY = top + (nRight - nLeft) / 2;
  const outer = (nRight - nLeft) / 2;
  return {
    glyph: any(
      disc(iLeft + stem / 2, 17.4, stem / 2 + 0.5),
      box(iLeft, top, iLeft + stem, base),
      box(nLeft, top, nLeft + stem, base),
      box(nRight - stem, archY, nRight, base),
      all(box(nLeft, top, nRight, archY), without(ellipse(archX, archY, outer, outer), ellipse(archX, archY, counter / 2, counter / 2 + 1))),
    ),
  };
}

function compassGlyph() {
  const [c, ring, needle, half] = [32, 21, 14.5, 6.4];
  const d = needle / Math.SQRT2; // the needle points north-east
  const h = half / Math.SQRT2;
  return {
    glyph: any(
      without(disc(c, c, ring), disc(c, c, ring - 4.4)),
      polygon([
        [c + d, c - d],
        [c + h, c + h],
        [c - h, c - h],
      ]),
    ),
    // The needle's south half, fainter, as on a compass card.
    faint: polygon([
      [c - d, c + d],
      [c - h, c - h],
      [c + h, c + h],
    ]),
    hub: disc(c, c, 2.4),
  };
}

function fGlyph() {
  const stem = 10.4;
  const stemLeft = 28.8;
  const hookTop = 10.5;
  const hookX = stemLeft + 14;
  const hookY = hookTop + 14;
  const hook = all(box(stemLeft, hookTop, hookX, hookY), without(disc(hookX, hookY, 14), disc(hookX, hookY, 14 - stem)));
  return {
    glyph: all(
      disc(32, 32, 32),
      any(
        box(stemLeft, hookY, stemLeft + stem, 64),
        hook,
        box(hookX - 0.5, hookTop, 47.5, hookTop + stem),
        polygon([
          [19.6, 29.4],
          [47.6, 29.4],
          [46.6, 38.4],
          [19.6, 38.4],
        ]),
      ),
    ),
  };
}

function globeGlyph() {
  const [c, r, line] = [32, 19, 3.2];
  const inDisc = disc(c, c, r - line);
  return {
    glyph: any(
      without(disc(c, c, r), inDisc),
      all(inDisc, without(ellipse(c, c, 8.6, r), ellipse(c, c, 8.6 - line, r - line))),
      all(inDisc, box(0, c - line / 2, 64, c + line / 2)),
      all(inDisc, any(box(0, c - 9.6 - line / 2, 64, c - 9.6 + line / 2), box(0, c + 9.6 - line / 2, 64, c + 9.6 + line / 2))),
    ),
  };
}

/** Layers painted in order over a transparent square: a shape, its colour and opacity. */
const ICONS = {
  'twitter-sync': () => [
    { shape: tile, paint: COLOURS['twitter-sync'] },
    { shape: xGlyph().glyph, paint: WHITE },
  ],
  'linkedin-sync': () => [
    { shape: tile, paint: COLOURS['linkedin-sync'] },
    { shape: inGlyph().glyph, paint: WHITE },
  ],
  'sales-nav-sync': () => {
    const compass = compassGlyph();
    return [
      { shape: tile, paint: COLOURS['sales-nav-sync'] },
      { shape: compass.glyph, paint: WHITE },
      { shape: compass.faint, paint: WHITE, opacity: 0.5 },
      { shape: compass.hub, paint: COLOURS['sales-nav-sync'] },
    ];
  },
  'facebook-sync': () => [
    { shape: disc(32, 32, 32), paint: COLOURS['facebook-sync'] },
    { shape: fGlyph().glyph, paint: WHITE },
  ],
  unknown: () => [
    { shape: tile, paint: COLOURS.unknown },
    { shape: globeGlyph().glyph, paint: WHITE },
  ],
};

/** How much of pixel (px, py) a shape covers, 0 to 1. */
function cover(inside, px, py, scale) {
  let hits = 0;
  for (let sy = 0; sy < GRID; sy++) {
    const y = (py + (sy + 0.5) / GRID) * scale;
    for (let sx = 0; sx < GRID; sx++) if (inside((px + (sx + 0.5) / GRID) * scale, y)) hits++;
  }
  return hits / GRID ** 2;
}

/** The layers as PNG rows: a filter byte (0) then RGBA per pixel, straight (not premultiplied) alpha. */
function paint(layers, size) {
  const scale = 64 / size;
  const stride = 1 + size * 4;
  const rows = Buffer.alloc(size * stride);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied while composing: "over" is then a plain weighted sum.
      const colour = [0, 0, 0, 0];
      for (const { shape, paint: rgb, opacity = 1 } of layers) {
        const a = cover(shape, px, py, scale) * opacity;
        if (a === 0) continue;
        for (let i = 0; i < 3; i++) colour[i] = rgb[i] * a + colour[i] * (1 - a);
        colour[3] = a + colour[3] * (1 - a);
      }
      if (colour[3] === 0) continue;
      const at = py * stride + 1 + px * 4;
      for (let i = 0; i < 3; i++) rows[at + i] = Math.round(colour[i] / colour[3]);
      rows[at + 3] = Math.round(colour[3] * 255);
    }
  }
  return rows;
}

/** Every icon: type ("unknown" for the one any other type gets) → base64 PNG, no data: prefix. */
export function drawPlatformIcons() {
  const icons = {};
  for (const [type, layers] of Object.entries(ICONS)) {
    icons[type] = encodeRgbaPng({ size: ICON_SIZE, rows: paint(layers(), ICON_SIZE) }).toString('base64');
  }
  return icons;
}

/** The TypeScript module the simulator imports. */
export function platformIconModule(icons) {
  const { unknown, ...known } = icons;
  const entries = Object.entries(known).map(([type, png]) => `  '${type}':\n    '${png}',`);
  return [
    '// Written by scripts/draw-platform-icons.js: do not edit; change the drawing and run the script again.',
    `// ${ICON_SIZE}x${ICON_SIZE} RGBA PNGs, base64 as the API sends an icon.`,
    '',
    'export const PLATFORM_ICON_PNGS: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
    'export const UNKNOWN_PLATFORM_ICON_PNG =',
    `  '${unknown}';`,
    '',
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'main', 'simulator', 'platformIconData.ts');
  const icons = drawPlatformIcons();
  fs.writeFileSync(target, platformIconModule(icons));
  const sizes = Object.entries(icons).map(([type, png]) => `${type} ${png.length} B`);
  console.log(`Wrote ${path.relative(process.cwd(), target)}: ${sizes.join(', ')}`);
}
