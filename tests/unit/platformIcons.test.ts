/**
 * The demo's platform icons (what the simulator sends as an account's `icon`): the first thing a new
 * user sees. Each must read as its platform's mark at 32 px and stay sharp where the window shows it
 * at 2x: drawn, not pixel letters. Also writes test-results/platform-icons.png to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../main/core/health/platforms.js';
import { ACCOUNT_TYPE_LIST } from '../../main/simulator/accountTypes.js';
import { ICON_TYPES, iconForType, UNKNOWN_TYPE_ICON } from '../../main/simulator/platformIcons.js';
import { drawPlatformIcons } from '../../scripts/draw-platform-icons.js';
import { contactSheet, decodePng, encodePng, rgbaAt, shrink, type RgbaImage } from '../helpers/pngImage.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

type Rgb = [number, number, number];
const rgbOf = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
/** The grey the simulator gives an account of a type it does not know (accountFactory.ts). */
const UNKNOWN_GREY = rgbOf('#6B7280');

const ICONS: [label: string, type: string, colour: Rgb][] = [
  ...PLATFORMS.map((p): [string, string, Rgb] => [p.label, p.type, rgbOf(p.primary_color)]),
  ['an unknown type', 'instagram-sync', UNKNOWN_GREY],
];

const imageOf = (type: string): RgbaImage => decodePng(Buffer.from(iconForType(type), 'base64'));
const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
const isWhite = ([r, g, b, a]: number[]) => a! >= 128 && Math.min(r!, g!, b!) >= 225;

function everyPixel(image: RgbaImage): [number, number, number, number][] {
  const all: [number, number, number, number][] = [];
  for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) all.push(rgbaAt(image, x, y));
  return all;
}

/**
 * Of the pixels on an edge (next to a pixel of another colour), the share that are blends: not one of
 * the icon's flat colours (each covering 2% of it or more), nor fully transparent. Pixel art has none.
 */
function blendedEdgeShare(image: RgbaImage): number {
  const key = (p: number[]) => (p[3] === 0 ? 'clear' : p.join());
  const counts = new Map<string, number>();
  for (const p of everyPixel(image)) counts.set(key(p), (counts.get(key(p)) ?? 0) + 1);
  const flat = new Set([...counts].filter(([, n]) => n >= 0.02 * image.width * image.height).map(([k]) => k));
  flat.add('clear');
  let [edge, blended] = [0, 0];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const here = key(rgbaAt(image, x, y));
      const around = [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]].filter(([nx, ny]) => nx! >= 0 && ny! >= 0 && nx! < image.width && ny! < image.height);
      if (around.every(([nx, ny]) => key(rgbaAt(image, nx!, ny!)) === here)) continue;
      edge++;
      if (!flat.has(here)) blended++;
    }
  }
  return blended / edge;
}

describe('the demo platform icons', () => {
  it('every account type the simulator serves has an icon of its own', () => {
    for (const type of ACCOUNT_TYPE_LIST) {
      expect(ICON_TYPES, type.name).toContain(type.name);
      expect(type.icon, type.name).not.toBe(UNKNOWN_TYPE_ICON);
    }
    expect(new Set(ICON_TYPES.map(iconForType)).size).toBe(ICON_TYPES.length);
    expect(iconForType('instagram-sync'), 'a type it does not know').toBe(UNKNOWN_TYPE_ICON);
  });

  it.each(ICONS)('%s: a 64x64 PNG, sharp where the window shows it at 2x (up to 36 CSS px)', (_label, type) => {
    const image = imageOf(type);
    expect([image.width, image.height]).toEqual([64, 64]);
  });

  it.each(ICONS)('%s: smooth edges, not pixel steps', (_label, type) => {
    const image = imageOf(type);
    expect(blendedEdgeShare(image)).toBeGreaterThan(0.25);
    // The same at the size a row shows it on a normal screen.
    expect(blendedEdgeShare(shrink(image, 2))).toBeGreaterThan(0.25);
  });

  it.each(ICONS)('%s: its colour fills most of it, with a white mark of a good size', (_label, type, colour) => {
    const image = imageOf(type);
    const seen = everyPixel(image).filter((p) => p[3] >= 128);
    expect(seen.length, 'the icon fills its square').toBeGreaterThan(0.75 * 64 * 64);
    const brand = seen.filter((p) => p[3] === 255 && distance(p, colour) < 12).length;
    expect(brand / seen.length, 'share in the brand colour').toBeGreaterThan(0.5);
    const ink = seen.filter(isWhite).length;
    expect(ink / seen.length, 'share in white').toBeGreaterThan(0.08);
    expect(ink / seen.length, 'share in white').toBeLessThan(0.4);
    // The mark spans a good part of the icon, as the platforms' own marks do (an "f" is narrow).
    const xs: number[] = [];
    const ys: number[] = [];
    for (let y = 0; y < 64; y++) for (let x = 0; x < 64; x++) if (isWhite(rgbaAt(image, x, y))) (xs.push(x), ys.push(y));
    const extents = [Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)];
    expect(Math.min(...extents), 'the mark’s narrower extent').toBeGreaterThanOrEqual(24);
    expect(Math.max(...extents), 'the mark’s wider extent').toBeGreaterThanOrEqual(32);
  });

  it.each(ICONS)('%s: the mark is still there at 32 px, its lines not faded to grey', (_label, type) => {
    /** The share of the icon that is mostly white (at least 60% white over the brand colour). */
    const light = (image: RgbaImage) => {
      const seen = everyPixel(image).filter((p) => p[3] >= 128);
      return seen.filter(([r, g, b]) => Math.min(r, g, b) >= 150).length / seen.length;
    };
    const large = imageOf(type);
    expect(light(shrink(large, 2))).toBeGreaterThan(0.08);
    expect(light(shrink(large, 2))).toBeGreaterThan(0.85 * light(large));
  });

  it('Facebook is a disc, the others rounded squares', () => {
    for (const [label, type] of ICONS) {
      const image = imageOf(type);
      // (8, 8) is outside a disc filling the square, inside a square whose corners are rounded at 22%.
      expect(rgbaAt(image, 8, 8)[3], label).toBe(type === 'facebook-sync' ? 0 : 255);
      expect(rgbaAt(image, 0, 0)[3], label).toBe(0);
      expect(rgbaAt(image, 32, 1)[3], label).toBe(255);
    }
  });

  it('are what scripts/draw-platform-icons.js draws today', () => {
    const drawn = drawPlatformIcons();
    const { unknown, ...known } = drawn;
    expect(UNKNOWN_TYPE_ICON).toBe(unknown);
    expect(Object.fromEntries(ICON_TYPES.map((type) => [type, iconForType(type)])), 'run node scripts/draw-platform-icons.js').toEqual(known);
  });

  it('writes test-results/platform-icons.png: every icon at 32 and 64 px on the window’s light and dark backgrounds', () => {
    const large = ICONS.map(([, type]) => imageOf(type));
    const sheet = contactSheet([large.map((image) => shrink(image, 2)), large], [rgbOf('#ffffff'), rgbOf('#f6f6f7'), rgbOf('#17171a'), rgbOf('#222226')]);
    const file = path.join(repo, 'test-results', 'platform-icons.png');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, encodePng(sheet));
    expect([sheet.width, sheet.height]).toEqual([8 + 5 * (64 + 8), 4 * (8 + 40 + 72)]);
  });
});
