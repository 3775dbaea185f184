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
import { afterAll, describe, expect, it } from 'vitest';
import type { TrayState } from '../../main/core/appModel.js';
import { loadTrayIcons, TRAY_STATES, trayIconFile } from '../../main/electron/trayIcons.js';
import { FakeImage } from '../helpers/fakeElectron/tray.js';
import { decodePng, firstNonBlackPixel, rgbaAt, type RgbaImage } from '../helpers/pngImage.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const iconsDir = path.join(repo, 'resources', 'tray');
const PLATFORMS: NodeJS.Platform[] = ['darwin', 'win32', 'linux', 'freebsd'];

/** Mean colour of the fully opaque pixels. */
function meanOpaqueColour(image: RgbaImage): [number, number, number] {
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

  it('gives macOS template images for every state but alert, named as nativeImage requires', () => {
    // Electron's nativeImage docs ("Template Image"): a file whose name ends with `Template`
    // (`xxxTemplate.png`, `xxxTemplate@2x.png`) is loaded as a template image.
    for (const state of TRAY_STATES.filter((s) => s !== 'alert')) {
      expect(trayIconFile(state, 'darwin')).toEqual({ name: `${state}Template.png`, hiDpiName: `${state}Template@2x.png`, size: 16, template: true });
      expect(trayIconFile(state, 'win32').template).toBe(false);
      expect(trayIconFile(state, 'linux').template).toBe(false);
    }
    expect(trayIconFile('alert', 'darwin')).toEqual({ name: 'alert.png', hiDpiName: 'alert@2x.png', size: 16, template: false });
  });

  const templateFiles = TRAY_STATES.flatMap((state) => {
    const file = trayIconFile(state, 'darwin');
    return file.template ? [file.name, file.hiDpiName] : [];
  });
  it.each(templateFiles)('%s is black with alpha only, with see-through and solid parts', (name) => {
    const image = decodePng(path.join(iconsDir, name));
    expect(firstNonBlackPixel(image)).toBeUndefined();
    const alphas = new Set<number>();
    for (let i = 3; i < image.pixels.length; i += 4) alphas.add(image.pixels[i] ?? 0);
    expect(alphas.has(0) && alphas.has(255)).toBe(true);
  });

  it('the macOS ok template is an outline: the middle of its square is see-through', () => {
    const image = decodePng(path.join(iconsDir, 'okTemplate@2x.png'));
    expect(rgbaAt(image, 21, 12)[3], 'inside the outline, beside the L').toBe(0);
    expect(rgbaAt(image, 2, 16)[3], 'the outline').toBeGreaterThan(128);
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

const fakeNativeImage = { createFromPath: (p: string) => new FakeImage(p) };

describe('loadTrayIcons', () => {
  it('loads one image per state from the icons folder', () => {
    const icons = loadTrayIcons(fakeNativeImage, iconsDir, 'linux');
    expect(Object.fromEntries(TRAY_STATES.map((s) => [s, path.basename(icons[s].file)]))).toEqual({
      ok: 'linux-ok.png',
      alert: 'linux-alert.png',
      error: 'linux-error.png',
      offline: 'linux-offline.png',
      setup: 'linux-setup.png',
    });
    expect(TRAY_STATES.every((s) => path.dirname(icons[s].file) === iconsDir)).toBe(true);
  });

  it('marks every macOS image but alert as a template, and none elsewhere', () => {
    const mac = loadTrayIcons(fakeNativeImage, iconsDir, 'darwin');
    expect(TRAY_STATES.filter((s) => mac[s].template)).toEqual(['ok', 'error', 'offline', 'setup']);
    const win = loadTrayIcons(fakeNativeImage, iconsDir, 'win32');
    expect(TRAY_STATES.filter((s) => win[s].template)).toEqual([]);
  });

  it('the fake nativeImage is as strict as macOS: names ending in Template load as templates, and a coloured image cannot be one', () => {
    expect(new FakeImage(path.join(iconsDir, 'okTemplate@2x.png')).template).toBe(true);
    expect(new FakeImage(path.join(iconsDir, 'ok.png')).template).toBe(false);
    expect(() => new FakeImage(path.join(iconsDir, 'alert.png')).setTemplateImage(true)).toThrow('is not black and alpha only');
    expect(new FakeImage(path.join(iconsDir, 'no-such-icon.png')).isEmpty()).toBe(true);
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
