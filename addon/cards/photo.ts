// Photos on cards: the silhouette that stands in when a person has none, written as a PNG without any library, and the pixel size of a PNG or JPEG. Pure.

/** RGB, 0–255 each. */
export type Rgb = readonly [number, number, number];

/** Grey on light grey: plainly "no photo here", not a face. */
export const PLACEHOLDER_COLOURS: { background: Rgb; figure: Rgb } = { background: [232, 234, 237], figure: [154, 160, 166] };

const CRC_TABLE: number[] = (() => {
  const table: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table.push(c >>> 0);
  }
  return table;
})();

function crc32(bytes: readonly number[]): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (n: number): number[] => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];

function chunk(kind: string, data: readonly number[]): number[] {
  const body = [...kind].map((c) => c.charCodeAt(0)).concat(data);
  return [...u32(data.length), ...body, ...u32(crc32(body))];
}

/** zlib data holding `raw` in stored (uncompressed) deflate blocks of at most 65,535 bytes (RFC 1950/1951). */
function zlibStored(raw: readonly number[]): number[] {
  const out = [0x78, 0x01];
  for (let at = 0; at < raw.length || at === 0; at += 65535) {
    const block = raw.slice(at, at + 65535);
    const last = at + 65535 >= raw.length ? 1 : 0;
    out.push(last, block.length & 0xff, block.length >>> 8, ~block.length & 0xff, (~block.length >>> 8) & 0xff, ...block);
    if (raw.length === 0) break;
  }
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return out.concat(u32(((b << 16) | a) >>> 0));
}

/**
 * A head-and-shoulders silhouette, `width` × `height` pixels, as PNG bytes (0–255): 8-bit RGB, no
 * interlace, one filter-0 scanline per row (PNG specification, w3.org/TR/png).
 */
export function silhouettePng(width = 120, height = 160, colours = PLACEHOLDER_COLOURS): number[] {
  const raw: number[] = [];
  const head = { x: width / 2, y: height * 0.38, r: width * 0.22 };
  const body = { x: width / 2, y: height * 0.98, rx: width * 0.42, ry: height * 0.3 };
  for (let y = 0; y < height; y++) {
    raw.push(0);
    for (let x = 0; x < width; x++) {
      const inHead = (x - head.x) ** 2 + (y - head.y) ** 2 <= head.r ** 2;
      const inBody = ((x - body.x) / body.rx) ** 2 + ((y - body.y) / body.ry) ** 2 <= 1;
      raw.push(...(inHead || inBody ? colours.figure : colours.background));
    }
  }
  const header = [...u32(width), ...u32(height), 8, 2, 0, 0, 0];
  return [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', header), ...chunk('IDAT', zlibStored(raw)), ...chunk('IEND', [])];
}

/** Bytes as Apps Script's Byte[] takes them (-128–127). */
export function signedBytes(bytes: readonly number[]): number[] {
  return bytes.map((b) => (b > 127 ? b - 256 : b));
}

/** The pixel size of a PNG (its IHDR) or JPEG (its frame header), or null for anything else. Bytes may be signed. */
export function imageSize(signed: readonly number[]): { width: number; height: number; type: 'image/png' | 'image/jpeg' } | null {
  const b = (i: number): number => (signed[i] ?? 0) & 0xff;
  const u16 = (i: number): number => (b(i) << 8) | b(i + 1);
  const u32at = (i: number): number => ((b(i) << 24) | (b(i + 1) << 16) | (b(i + 2) << 8) | b(i + 3)) >>> 0;
  if (signed.length > 24 && u32at(0) === 0x89504e47) return { width: u32at(16), height: u32at(20), type: 'image/png' };
  if (b(0) === 0xff && b(1) === 0xd8) {
    let at = 2;
    while (at + 9 < signed.length && b(at) === 0xff) {
      const marker = b(at + 1);
      if (marker >= 0xc0 && marker <= 0xc3) return { height: u16(at + 5), width: u16(at + 7), type: 'image/jpeg' };
      at += 2 + u16(at + 2);
    }
  }
  return null;
}

/** The largest size with the image's shape that fits the box (both in the same unit), rounded down to whole units. */
export function fitInBox(image: { width: number; height: number }, box: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(box.width / image.width, box.height / image.height);
  return { width: Math.max(1, Math.floor(image.width * scale)), height: Math.max(1, Math.floor(image.height * scale)) };
}
