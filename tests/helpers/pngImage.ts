/**
 * Reading and writing the PNGs the icon scripts draw (8-bit RGBA, non-interlaced), for tests and fakes:
 * node:zlib does the deflate, the rest is the PNG format's chunks, CRCs and row filters.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, row by row, not premultiplied. */
  pixels: Buffer;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

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

/** Decodes a PNG file or its bytes, checking signature, CRCs and format; throws on anything else. */
export function decodePng(source: string | Buffer): RgbaImage {
  const name = typeof source === 'string' ? source : 'PNG bytes';
  const data = typeof source === 'string' ? fs.readFileSync(source) : source;
  if (!data.subarray(0, 8).equals(SIGNATURE)) throw new Error(`${name}: not a PNG`);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  let ended = false;
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (data.readUInt32BE(offset + 8 + length) !== crc32(data.subarray(offset + 4, offset + 8 + length))) {
      throw new Error(`${name}: bad ${type} CRC`);
    }
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[9] !== 6 || body[12] !== 0) throw new Error(`${name}: not 8-bit non-interlaced RGBA`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') ended = true;
    offset += 12 + length;
  }
  if (!ended) throw new Error(`${name}: no IEND`);
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  if (raw.length !== height * (stride + 1)) throw new Error(`${name}: ${raw.length} bytes of pixels for ${width}×${height}`);
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    if (filter === undefined || filter > 4) throw new Error(`${name}: unknown row filter ${filter}`);
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
      }
      pixels[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** PNG bytes of an RGBA image (unfiltered rows, default deflate). */
export function encodePng(image: RgbaImage): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(image.width, 0);
  header.writeUInt32BE(image.height, 4);
  header[8] = 8;
  header[9] = 6;
  const stride = image.width * 4;
  const rows = Buffer.alloc(image.height * (stride + 1));
  for (let y = 0; y < image.height; y++) image.pixels.copy(rows, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

export function rgbaAt(image: RgbaImage, x: number, y: number): [number, number, number, number] {
  const o = (y * image.width + x) * 4;
  return [image.pixels[o] ?? 0, image.pixels[o + 1] ?? 0, image.pixels[o + 2] ?? 0, image.pixels[o + 3] ?? 0];
}

/** The first pixel that is not pure black (any alpha), as "x,y rgb(...)", or undefined: a macOS template image is black and alpha only. */
export function firstNonBlackPixel(image: RgbaImage): string | undefined {
  for (let i = 0; i < image.pixels.length; i += 4) {
    if (image.pixels[i] || image.pixels[i + 1] || image.pixels[i + 2]) {
      const n = i / 4;
      return `${n % image.width},${Math.floor(n / image.width)} rgb(${image.pixels[i]}, ${image.pixels[i + 1]}, ${image.pixels[i + 2]})`;
    }
  }
  return undefined;
}

/** The image shrunk by a whole factor, each pixel the mean of a block (premultiplied, as browsers blend). */
export function shrink(image: RgbaImage, factor: number): RgbaImage {
  const [width, height] = [image.width / factor, image.height / factor];
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sum = [0, 0, 0, 0];
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          const [r, g, b, a] = rgbaAt(image, x * factor + dx, y * factor + dy);
          [sum[0], sum[1], sum[2], sum[3]] = [sum[0]! + r * a, sum[1]! + g * a, sum[2]! + b * a, sum[3]! + a];
        }
      }
      const o = (y * width + x) * 4;
      const alpha = sum[3]!;
      if (alpha === 0) continue;
      for (let c = 0; c < 3; c++) pixels[o + c] = Math.round(sum[c]! / alpha);
      pixels[o + 3] = Math.round(alpha / factor ** 2);
    }
  }
  return { width, height, pixels };
}

/** A picture to look at: per background a band holding each row of images, side by side, 8 px apart. */
export function contactSheet(rows: readonly (readonly RgbaImage[])[], backgrounds: readonly [number, number, number][]): RgbaImage {
  const gap = 8;
  const rowHeights = rows.map((row) => Math.max(...row.map((i) => i.height)) + gap);
  const bandHeight = rowHeights.reduce((sum, h) => sum + h, gap);
  const width = Math.max(...rows.map((row) => row.reduce((w, i) => w + i.width + gap, gap)));
  const sheet: RgbaImage = { width, height: bandHeight * backgrounds.length, pixels: Buffer.alloc(width * bandHeight * backgrounds.length * 4) };
  const put = (x: number, y: number, rgb: readonly number[]) => {
    const o = (y * width + x) * 4;
    [sheet.pixels[o], sheet.pixels[o + 1], sheet.pixels[o + 2], sheet.pixels[o + 3]] = [rgb[0]!, rgb[1]!, rgb[2]!, 255];
  };
  backgrounds.forEach((background, band) => {
    let top = band * bandHeight;
    for (let y = top; y < top + bandHeight; y++) for (let x = 0; x < width; x++) put(x, y, background);
    top += gap;
    rows.forEach((row, r) => {
      let left = gap;
      for (const image of row) {
        for (let y = 0; y < image.height; y++) {
          for (let x = 0; x < image.width; x++) {
            const [red, green, blue, a] = rgbaAt(image, x, y);
            put(left + x, top + y, [red, green, blue].map((v, c) => Math.round((v * a + background[c]! * (255 - a)) / 255)));
          }
        }
        left += image.width + gap;
      }
      top += rowHeights[r]!;
    });
  });
  return sheet;
}
