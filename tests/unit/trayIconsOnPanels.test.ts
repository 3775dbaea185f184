/**
 * Every tray icon as a user sees it: composited on the bars and panels it lives on, macOS template
 * images tinted as the menu bar tints them (black on a light bar, white on a dark one). Per background,
 * every pair of states must differ in shape (not only in shade or colour), and every icon must stand
 * out from the background. Writes all of them into one picture, test-results/tray-icons-on-panels.png:
 * one band per background (top to bottom in PANELS' order), each band holding the five states
 * (ok, alert, error, offline, setup) at 1x, then at 2x, then the 1x icons magnified 4× to show their pixels.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TrayState } from '../../main/core/appModel.js';
import { TRAY_STATES, trayIconFile } from '../../main/electron/trayIcons.js';
import { decodePng, encodePng, firstNonBlackPixel, type RgbaImage } from '../helpers/pngImage.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const iconsDir = path.join(repo, 'resources', 'tray');
const picture = path.join(repo, 'test-results', 'tray-icons-on-panels.png');

type Rgb = readonly [number, number, number];

interface Panel {
  name: string;
  platform: NodeJS.Platform;
  colour: Rgb;
  /** A dark bar: macOS tints template images white on it, black otherwise. */
  dark: boolean;
}

const PANELS: readonly Panel[] = [
  // The macOS menu bar is a translucent material that takes its colour from the wallpaper, so no
  // published colour exists: these are approximations of the flat greys it shows over a neutral
  // wallpaper or with Reduce transparency on (the dark one on its lighter side, the harder case
  // for coloured icons).
  { name: 'macOS light menu bar', platform: 'darwin', colour: [0xec, 0xec, 0xec], dark: false },
  { name: 'macOS dark menu bar', platform: 'darwin', colour: [0x32, 0x32, 0x32], dark: true },
  // Windows 11's taskbar without transparency effects: WinUI's SolidBackgroundFillColorBase, light
  // #F3F3F3 and dark #202020 (Mica tints them only slightly towards the wallpaper).
  { name: 'Windows light taskbar', platform: 'win32', colour: [0xf3, 0xf3, 0xf3], dark: false },
  { name: 'Windows dark taskbar', platform: 'win32', colour: [0x20, 0x20, 0x20], dark: true },
  // GNOME Shell's top bar: gnome-shell's stylesheet sets `$panel_bg_color` to black (the
  // AppIndicator extension draws tray icons on it).
  { name: 'GNOME panel', platform: 'linux', colour: [0x00, 0x00, 0x00], dark: true },
  // KDE Plasma's panel takes the colour scheme's window background: Breeze (light)
  // `[Colors:Window] BackgroundNormal=239,240,241`, Breeze Dark (Plasma 6) `32,35,38`.
  { name: 'KDE Breeze light panel', platform: 'linux', colour: [239, 240, 241], dark: false },
  { name: 'KDE Breeze dark panel', platform: 'linux', colour: [32, 35, 38], dark: true },
];

/** A pixel whose colour is at least this far (CIE76 ΔE) from the background is ink: clearly visible, not a faint tint. */
const INK_DELTA_E = 15;
/** Two states differ in shape when their ink differs on at least this share of the icon's square. */
const MIN_SHAPE_DIFFERENCE = 0.04;
/** WCAG 2.x non-text contrast (1.4.11): parts of a graphic needed to understand it stand out at 3:1. */
const MIN_CONTRAST = 3;
/** An icon stands out when at least this share of its square does… */
const MIN_STANDING_OUT = 0.06;
/** …and those pixels span at least this share of the drawn icon's width and height (its outline reads, not a fragment). */
const MIN_STANDING_OUT_SPAN = 0.75;

/** An icon composited on a panel: sRGB colour per pixel, plus the icon's own alpha. */
interface Shown {
  size: number;
  colour: Float64Array;
  alpha: Float64Array;
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** CIELAB (D65) of an sRGB colour. */
function lab([r, g, b]: Rgb): Rgb {
  const [lr, lg, lb] = [linear(r), linear(g), linear(b)];
  const x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047;
  const y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
  const z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function deltaE(a: Rgb, b: Rgb): number {
  const [la, lb] = [lab(a), lab(b)];
  return Math.hypot(la[0] - lb[0], la[1] - lb[1], la[2] - lb[2]);
}

const colourAt = (shown: Shown, i: number): Rgb => [shown.colour[i * 3] ?? 0, shown.colour[i * 3 + 1] ?? 0, shown.colour[i * 3 + 2] ?? 0];

/** The file the app loads for a state on the panel's platform, at 1x or 2x. */
function iconFile(panel: Panel, state: TrayState, scale: 1 | 2) {
  const file = trayIconFile(state, panel.platform);
  return { ...file, path: path.join(iconsDir, scale === 1 ? file.name : file.hiDpiName), size: file.size * scale };
}

/** The icon over the panel's colour, a template image first tinted as the menu bar tints it. */
function show(panel: Panel, state: TrayState, scale: 1 | 2): Shown {
  const file = iconFile(panel, state, scale);
  const image = decodePng(file.path);
  expect([image.width, image.height], file.path).toEqual([file.size, file.size]);
  if (file.template) expect(firstNonBlackPixel(image), `${file.path} is a template image: black and alpha only`).toBeUndefined();
  const tint: Rgb | undefined = file.template ? (panel.dark ? [255, 255, 255] : [0, 0, 0]) : undefined;
  const n = image.width * image.height;
  const colour = new Float64Array(n * 3);
  const alpha = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = (image.pixels[i * 4 + 3] ?? 0) / 255;
    alpha[i] = a;
    for (let c = 0; c < 3; c++) {
      const ink = tint ? tint[c]! : (image.pixels[i * 4 + c] ?? 0);
      colour[i * 3 + c] = ink * a + panel.colour[c]! * (1 - a);
    }
  }
  return { size: image.width, colour, alpha };
}

function inkMask(shown: Shown, panel: Panel): boolean[] {
  return Array.from({ length: shown.alpha.length }, (_, i) => deltaE(colourAt(shown, i), panel.colour) > INK_DELTA_E);
}

/** Share of the square where one state shows ink and the other does not. */
function shapeDifference(a: Shown, b: Shown, panel: Panel): number {
  const [ma, mb] = [inkMask(a, panel), inkMask(b, panel)];
  return ma.filter((ink, i) => ink !== mb[i]).length / ma.length;
}

/** Width and height of the box around the pixels that pass `keep`, as shares of the square. */
function span(shown: Shown, keep: (i: number) => boolean): [number, number] {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < shown.alpha.length; i++) {
    if (!keep(i)) continue;
    const [x, y] = [i % shown.size, Math.floor(i / shown.size)];
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  }
  return right < left ? [0, 0] : [(right - left + 1) / shown.size, (bottom - top + 1) / shown.size];
}

/** How well the icon stands out: the share of its square at 3:1 or more, and their span relative to the drawn icon's. */
function standingOut(shown: Shown, panel: Panel): { share: number; span: [number, number] } {
  const strong = (i: number) => contrast(colourAt(shown, i), panel.colour) >= MIN_CONTRAST;
  const count = shown.alpha.filter((_, i) => strong(i)).length;
  const [sw, sh] = span(shown, strong);
  const [dw, dh] = span(shown, (i) => (shown.alpha[i] ?? 0) > 0.1);
  return { share: count / shown.alpha.length, span: [dw ? sw / dw : 0, dh ? sh / dh : 0] };
}

const SCALES = [1, 2] as const;
const pairs = TRAY_STATES.flatMap((a, i) => TRAY_STATES.slice(i + 1).map((b) => [a, b] as const));

describe('tray icons on the bars and panels they live on', () => {
  describe.each(PANELS.map((panel) => [panel.name, panel] as const))('%s', (_name, panel) => {
    it.each(SCALES)('every pair of states differs in shape, not only in shade or colour (%dx)', (scale) => {
      const shown = new Map(TRAY_STATES.map((state) => [state, show(panel, state, scale)]));
      const same = pairs
        .map(([a, b]) => ({ pair: `${a}/${b}`, difference: shapeDifference(shown.get(a)!, shown.get(b)!, panel) }))
        .filter(({ difference }) => difference < MIN_SHAPE_DIFFERENCE)
        .map(({ pair, difference }) => `${pair}: ${(difference * 100).toFixed(1)}% of the square`);
      expect(same, `pairs whose ink differs on less than ${MIN_SHAPE_DIFFERENCE * 100}% of the square`).toEqual([]);
    });

    it.each(SCALES)('every icon stands out from the background (%dx)', (scale) => {
      const faint = TRAY_STATES.map((state) => ({ state, ...standingOut(show(panel, state, scale), panel) }))
        .filter(({ share, span: [w, h] }) => share < MIN_STANDING_OUT || w < MIN_STANDING_OUT_SPAN || h < MIN_STANDING_OUT_SPAN)
        .map(({ state, share, span: [w, h] }) => `${state}: ${(share * 100).toFixed(0)}% of the square at ${MIN_CONTRAST}:1, spanning ${(w * 100).toFixed(0)}%×${(h * 100).toFixed(0)}% of the icon`);
      expect(faint).toEqual([]);
    });
  });

  it('macOS: every state but alert is a template image, and "all fine" is a light outline, lighter than alert', () => {
    const templates = TRAY_STATES.filter((state) => trayIconFile(state, 'darwin').template);
    expect(templates).toEqual(TRAY_STATES.filter((state) => state !== 'alert'));
    const weight = (state: TrayState) => {
      const image = decodePng(path.join(iconsDir, trayIconFile(state, 'darwin').hiDpiName));
      let sum = 0;
      for (let i = 3; i < image.pixels.length; i += 4) sum += (image.pixels[i] ?? 0) / 255;
      return sum / (image.width * image.height);
    };
    // An outline at the weight of the system's own symbols inks about a third of its square; the
    // filled tile it replaces inked about two thirds.
    expect(weight('ok'), 'share of the square the ok icon inks').toBeLessThanOrEqual(0.4);
    expect(weight('ok'), 'ok inks less than alert').toBeLessThan(weight('alert'));
  });

  it('writes every icon on every background into one picture', () => {
    const PAD = 6;
    const MAGNIFY = 4;
    const bands = PANELS.map((panel) => {
      const base = trayIconFile('ok', panel.platform).size;
      const cells = [
        ...TRAY_STATES.map((state) => ({ image: decodePng(iconFile(panel, state, 1).path), state, zoom: 1 })),
        ...TRAY_STATES.map((state) => ({ image: decodePng(iconFile(panel, state, 2).path), state, zoom: 1 })),
        ...TRAY_STATES.map((state) => ({ image: decodePng(iconFile(panel, state, 1).path), state, zoom: MAGNIFY })),
      ];
      return { panel, cells, height: base * MAGNIFY + 2 * PAD, width: cells.reduce((w, c) => w + c.image.width * c.zoom + PAD, PAD) + 2 * PAD };
    });
    const width = Math.max(...bands.map((b) => b.width));
    const height = bands.reduce((h, b) => h + b.height, 0);
    const out: RgbaImage = { width, height, pixels: Buffer.alloc(width * height * 4) };
    let top = 0;
    for (const { panel, cells, height: bandHeight } of bands) {
      for (let y = top; y < top + bandHeight; y++) {
        for (let x = 0; x < width; x++) out.pixels.set([...panel.colour, 255], (y * width + x) * 4);
      }
      let left = PAD;
      cells.forEach(({ image, state, zoom }, index) => {
        if (index % TRAY_STATES.length === 0) left += PAD; // a wider gap between the three groups
        const tinted = show(panel, state, image.width === trayIconFile(state, panel.platform).size ? 1 : 2);
        const cellTop = top + Math.floor((bandHeight - image.height * zoom) / 2);
        for (let y = 0; y < image.height * zoom; y++) {
          for (let x = 0; x < image.width * zoom; x++) {
            const i = Math.floor(y / zoom) * image.width + Math.floor(x / zoom);
            const rgb = [0, 1, 2].map((c) => Math.round(tinted.colour[i * 3 + c] ?? 0));
            out.pixels.set([...rgb, 255], ((cellTop + y) * width + left + x) * 4);
          }
        }
        left += image.width * zoom + PAD;
      });
      top += bandHeight;
    }
    fs.mkdirSync(path.dirname(picture), { recursive: true });
    fs.writeFileSync(picture, encodePng(out));
    expect(decodePng(picture).width).toBe(width);
  });
});
