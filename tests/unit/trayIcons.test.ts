/**
 * The tray icon files: every one the app loads exists, is a valid PNG of the right size at 1x and 2x,
 * looks like its state, and is what scripts/draw-tray-icons.js draws today. Plus their loading through
 * a fake nativeImage (no Electron here).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { TrayState } from '../../main/core/appModel.js';
import { loadTrayIcons, TRAY_STATES, trayIconFile, type TrayIconImage } from '../../main/electron/trayIcons.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const iconsDir = path.join(repo, 'resources', 'tray');
const PLATFORMS: NodeJS.Platform[] = ['darwin', 'win32', 'linux', 'freebsd'];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** zlib.crc32 is missing from Node 20 before 20.15. */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

interface Decoded {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Buffer;
}

/** A small PNG reader (8-bit RGBA, non-interlaced: what the drawing script writes), checking CRCs. */
function decodePng(file: string): Decoded {
  const data = fs.readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    expect(data.readUInt32BE(offset + 8 + length), `${type} CRC of ${file}`).toBe(crc32(data.subarray(offset + 4, offset + 8 + length)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9], body[12]], 'bit depth, colour type, interlace').toEqual([8, 6, 0]);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  expect(ended).toBe(true);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  expect(raw.length).toBe(height * (stride + 1));
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      } else expect(filter).toBe(0);
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}

function rgbaAt(image: Decoded, x: number, y: number): [number, number, number, number] {
  const o = (y * image.width + x) * 4;
  return [image.pixels[o] ?? 0, image.pixels[o + 1] ?? 0, image.pixels[o + 2] ?? 0, image.pixels[o + 3] ?? 0];
}

/** Mean colour of the fully opaque pixels. */
function meanOpaqueColour(image: Decoded): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < image.pixels.length; i += 4) {
    if (image.pixels[i + 3] !== 255) continue;
    for (let c = 0; c < 3; c++) sum[c]! += image.pixels[i + c] ?? 0;
    n++;
  }
  expect(n).toBeGreaterThan(0);
  return sum.map((s) => s / n) as [number, number, number];
}

describe('tray icon files', () => {
  const chosen = PLATFORMS.flatMap((platform) => TRAY_STATES.map((state) => [platform, state] as const));

  it.each(chosen)('%s %s: the 1x and 2x files exist and have the expected size', (platform, state) => {
    const file = trayIconFile(state, platform);
    const normal = decodePng(path.join(iconsDir, file.name));
    expect([normal.width, normal.height]).toEqual([file.size, file.size]);
    const hiDpi = decodePng(path.join(iconsDir, file.hiDpiName));
    expect([hiDpi.width, hiDpi.height]).toEqual([file.size * 2, file.size * 2]);
  });

  it('uses 22/44 px on Linux, 16/32 px on Windows, macOS and the rest', () => {
    expect(trayIconFile('alert', 'linux')).toMatchObject({ name: 'linux-alert.png', hiDpiName: 'linux-alert@2x.png', size: 22 });
    expect(trayIconFile('alert', 'win32')).toMatchObject({ name: 'alert.png', hiDpiName: 'alert@2x.png', size: 16 });
    expect(trayIconFile('alert', 'darwin')).toMatchObject({ name: 'alert.png', size: 16, template: false });
    expect(trayIconFile('offline', 'freebsd')).toMatchObject({ name: 'offline.png', size: 16 });
  });

  it('gives macOS a template image for ok, named as macOS requires', () => {
    expect(trayIconFile('ok', 'darwin')).toEqual({ name: 'okTemplate.png', hiDpiName: 'okTemplate@2x.png', size: 16, template: true });
    expect(trayIconFile('ok', 'win32').template).toBe(false);
    expect(trayIconFile('ok', 'linux').template).toBe(false);
  });

  it.each(['okTemplate.png', 'okTemplate@2x.png'])('%s is black with alpha only, the L cut out of the tile', (name) => {
    const image = decodePng(path.join(iconsDir, name));
    const alphas = new Set<number>();
    for (let i = 0; i < image.pixels.length; i += 4) {
      expect([image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]]).toEqual([0, 0, 0]);
      alphas.add(image.pixels[i + 3] ?? 0);
    }
    expect(alphas.has(0) && alphas.has(255)).toBe(true);
    const k = image.width / 16;
    expect(rgbaAt(image, Math.floor(6.5 * k), Math.floor(8 * k))[3], 'inside the L').toBe(0);
    expect(rgbaAt(image, Math.floor(10 * k), Math.floor(6 * k))[3], 'the tile beside the L').toBe(255);
  });

  describe.each([['', 16], ['linux-', 22]] as const)('the %s%s px states look like what they mean', (prefix, size) => {
    const colour = (state: TrayState, hiDpi = false) => meanOpaqueColour(decodePng(path.join(iconsDir, `${prefix}${state}${hiDpi ? '@2x' : ''}.png`)));
    const isGrey = ([r, g, b]: number[]) => Math.max(r!, g!, b!) - Math.min(r!, g!, b!) < 30;

    it.each([false, true])('alert red, error amber, offline and setup grey, ok neutral (2x: %s)', (hiDpi) => {
      const [ar, ag, ab] = colour('alert', hiDpi);
      expect(ar, 'alert is red').toBeGreaterThan(1.8 * ag);
      expect(ar).toBeGreaterThan(1.8 * ab);
      const [er, eg, eb] = colour('error', hiDpi);
      expect(eg, 'error is amber').toBeGreaterThan(0.45 * er);
      expect(er).toBeGreaterThan(1.8 * eb);
      expect(isGrey(colour('offline', hiDpi)), 'offline is grey').toBe(true);
      expect(isGrey(colour('setup', hiDpi)), 'setup is grey').toBe(true);
      const [or, og, ob] = colour('ok', hiDpi);
      expect(Math.max(or, og, ob) - Math.min(or, og, ob), 'ok is neutral, not a warning colour').toBeLessThan(60);
    });

    it('setup is an outline: the middle of the tile is see-through', () => {
      const image = decodePng(path.join(iconsDir, `${prefix}setup.png`));
      const full = decodePng(path.join(iconsDir, `${prefix}ok.png`));
      const k = size / 16;
      const spot = [Math.floor(10.5 * k), Math.floor(6 * k)] as const;
      expect(rgbaAt(image, ...spot)[3]).toBe(0);
      expect(rgbaAt(full, ...spot)[3]).toBe(255);
    });

    it('alert differs from ok in shape too (a badge in a notch), not only in colour', () => {
      const alert = decodePng(path.join(iconsDir, `${prefix}alert.png`));
      const ok = decodePng(path.join(iconsDir, `${prefix}ok.png`));
      let differing = 0;
      for (let i = 3; i < alert.pixels.length; i += 4) if (Math.abs((alert.pixels[i] ?? 0) - (ok.pixels[i] ?? 0)) > 128) differing++;
      expect(differing).toBeGreaterThanOrEqual(4);
    });
  });

  describe('the committed icons are what the drawing script draws', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tray-icons-'));
    afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

    it('same files, same pixels', () => {
      execFileSync(process.execPath, [path.join(repo, 'scripts', 'draw-tray-icons.js'), out], { stdio: 'pipe' });
      const drawn = fs.readdirSync(out).sort();
      expect(fs.readdirSync(iconsDir).sort()).toEqual(drawn);
      for (const name of drawn) {
        const a = decodePng(path.join(out, name));
        const b = decodePng(path.join(iconsDir, name));
        expect([b.width, b.height], name).toEqual([a.width, a.height]);
        expect(b.pixels.equals(a.pixels), `${name} differs: run node scripts/draw-tray-icons.js`).toBe(true);
      }
    });

    it('every drawn file is one the app uses', () => {
      const used = new Set(PLATFORMS.flatMap((p) => TRAY_STATES.flatMap((s) => [trayIconFile(s, p).name, trayIconFile(s, p).hiDpiName])));
      expect(fs.readdirSync(iconsDir).filter((name) => !used.has(name))).toEqual([]);
    });
  });
});

/** Reads the real files; records what the loader asked of each image. */
class FakeImage implements TrayIconImage {
  template = false;
  constructor(readonly filePath: string) {}
  isEmpty(): boolean {
    return !fs.existsSync(this.filePath);
  }
  setTemplateImage(option: boolean): void {
    this.template = option;
  }
}
const fakeNativeImage = { createFromPath: (p: string) => new FakeImage(p) };

describe('loadTrayIcons', () => {
  it('loads one image per state from the icons folder', () => {
    const icons = loadTrayIcons(fakeNativeImage, iconsDir, 'linux');
    expect(Object.fromEntries(TRAY_STATES.map((s) => [s, path.basename(icons[s].filePath)]))).toEqual({
      ok: 'linux-ok.png',
      alert: 'linux-alert.png',
      error: 'linux-error.png',
      offline: 'linux-offline.png',
      setup: 'linux-setup.png',
    });
    expect(TRAY_STATES.every((s) => path.dirname(icons[s].filePath) === iconsDir)).toBe(true);
  });

  it('marks only the macOS ok image as a template', () => {
    const mac = loadTrayIcons(fakeNativeImage, iconsDir, 'darwin');
    expect(TRAY_STATES.filter((s) => mac[s].template)).toEqual(['ok']);
    const win = loadTrayIcons(fakeNativeImage, iconsDir, 'win32');
    expect(TRAY_STATES.filter((s) => win[s].template)).toEqual([]);
  });

  it('names the missing file instead of showing an invisible icon', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'no-icons-'));
    try {
      expect(() => loadTrayIcons(fakeNativeImage, empty, 'win32')).toThrow(`the tray icon ${path.join(empty, 'ok.png')} is missing or unreadable`);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
