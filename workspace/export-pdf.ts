// Writes a Google Doc (documents.get JSON) as a real PDF, the way Drive's "download as PDF" does for the local Workspace: Helvetica, larger headings, wrapped lines, bordered tables, as many pages as it takes.
import { deflateSync, inflateSync } from 'node:zlib';
import { readDocument, type BlockView, type CellBorder, type CellStyleView, type DocumentJson, type NamedStyleType, type RunView } from './docs-model';

/** Helvetica and Helvetica-Bold advance widths (1/1000 em) for ASCII 32–126, from Adobe's core-font metrics. */
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
  556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
  611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** Windows-1252 bytes for the characters it has above Latin-1's control range (WinAnsiEncoding). */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a,
  '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
  '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

type FontName = 'F1' | 'F2' | 'F3' | 'F4';
const FONTS: Record<FontName, string> = { F1: 'Helvetica', F2: 'Helvetica-Bold', F3: 'Helvetica-Oblique', F4: 'Helvetica-BoldOblique' };

const SIZES: Record<NamedStyleType, number> = {
  TITLE: 24, SUBTITLE: 15, HEADING_1: 18, HEADING_2: 15, HEADING_3: 13, HEADING_4: 12, HEADING_5: 11, HEADING_6: 11, NORMAL_TEXT: 11,
};

/** One character as a WinAnsi byte; what Helvetica cannot show becomes "?". */
function winAnsi(ch: string): number {
  const code = ch.codePointAt(0) ?? 63;
  if ((code >= 32 && code <= 126) || (code >= 160 && code <= 255)) return code;
  return WIN_ANSI[ch] ?? 63;
}

function charWidth(byte: number, bold: boolean): number {
  if (byte >= 32 && byte <= 126) return (bold ? HELVETICA_BOLD : HELVETICA)[byte - 32];
  if (byte === 0x95) return 350;
  if (byte === 0x97) return 1000;
  return 556;
}

interface Fragment { bytes: number[]; font: FontName; size: number; width: number; image?: { objectId: string; height: number } }
/** `ascent`: how far the baseline sits below the line's top (the font size, or a taller image's height). */
interface Line { fragments: Fragment[]; width: number; height: number; ascent?: number; offset?: number }

function fontOf(run: { bold: boolean; italic: boolean }): FontName {
  if (run.bold) return run.italic ? 'F4' : 'F2';
  return run.italic ? 'F3' : 'F1';
}

function measure(bytes: number[], font: FontName, size: number): number {
  const bold = font === 'F2' || font === 'F4';
  return bytes.reduce((sum, b) => sum + charWidth(b, bold), 0) * size / 1000;
}

/** Greedy word wrap of styled runs into lines no wider than `width`. */
/** Line height for a font size: 1.25 × the size unless the paragraph sets line spacing (a percentage of single, 1.1 × the size). */
function lineHeight(size: number, lineSpacing?: number): number {
  return lineSpacing === undefined ? size * 1.25 : size * 1.1 * (lineSpacing / 100);
}

function wrap(runs: readonly RunView[], size: number, forceBold: boolean, width: number, lineSpacing?: number): Line[] {
  const lines: Line[] = [];
  const height = lineHeight(size, lineSpacing);
  let current: Line = { fragments: [], width: 0, height };
  const push = (bytes: number[], font: FontName): void => {
    const w = measure(bytes, font, size);
    const last = current.fragments[current.fragments.length - 1];
    if (last && last.font === font) {
      last.bytes.push(...bytes);
      last.width += w;
    } else current.fragments.push({ bytes, font, size, width: w });
    current.width += w;
  };
  const breakLine = (): void => {
    lines.push(current);
    current = { fragments: [], width: 0, height };
  };
  for (const run of runs) {
    if (run.image) {
      // An inline image sits on the baseline like a large character and makes its line as tall as it is.
      if (current.fragments.length && current.width + run.image.width > width) breakLine();
      current.fragments.push({ bytes: [], font: 'F1', size, width: run.image.width, image: { objectId: run.image.objectId, height: run.image.height } });
      current.width += run.image.width;
      current.ascent = Math.max(current.ascent ?? size, run.image.height);
      current.height = Math.max(current.height, run.image.height + (height - size));
      continue;
    }
    const font = fontOf({ bold: run.bold || forceBold, italic: run.italic });
    // A vertical tab is Google's line break inside a paragraph.
    const parts = run.text.replace(/\t/g, '    ').split('\u000b');
    parts.forEach((part, i) => {
      if (i > 0) breakLine();
      for (const word of part.match(/\s*\S+\s*|\s+/g) ?? []) {
        let token = word;
        // Trailing spaces may hang past the margin; only the visible part has to fit.
        if (current.fragments.length && current.width + measure([...word.trimEnd()].map(winAnsi), font, size) > width) {
          breakLine();
          token = word.trimStart();
        }
        const bytes = [...token].map(winAnsi);
        if (measure(bytes, font, size) > width) {
          // A word longer than the line is cut wherever it must be.
          for (const b of bytes) {
            if (current.width + measure([b], font, size) > width && current.fragments.length) breakLine();
            push([b], font);
          }
        } else push(bytes, font);
      }
    });
  }
  lines.push(current);
  return lines;
}

function pdfString(bytes: readonly number[]): string {
  let out = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 32 || b > 126) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out})`;
}

const num = (n: number): string => (Math.round(n * 100) / 100).toString();

class PageWriter {
  readonly pages: string[] = [];
  private ops: string[] = [];
  y: number;

  constructor(readonly width: number, readonly height: number, readonly margin: { top: number; bottom: number; left: number; right: number }) {
    this.y = height - margin.top;
  }

  get contentWidth(): number {
    return this.width - this.margin.left - this.margin.right;
  }

  get atTop(): boolean {
    return this.y === this.height - this.margin.top;
  }

  /** Starts a new page when `needed` points do not fit on this one. */
  ensure(needed: number): void {
    if (this.y - needed < this.margin.bottom && !this.atTop) this.newPage();
  }

  newPage(): void {
    this.pages.push(this.ops.join('\n'));
    this.ops = [];
    this.y = this.height - this.margin.top;
  }

  /** The PDF XObject name of each inline image drawn, by inline object ID. */
  readonly images = new Map<string, string>();

  text(line: Line, x: number, baseline: number): void {
    let at = x;
    for (const f of line.fragments) {
      if (f.image) {
        const name = this.images.get(f.image.objectId) ?? `Im${this.images.size + 1}`;
        this.images.set(f.image.objectId, name);
        this.ops.push(`q ${num(f.width)} 0 0 ${num(f.image.height)} ${num(at)} ${num(baseline)} cm /${name} Do Q`);
      } else if (f.bytes.length) this.ops.push(`BT /${f.font} ${num(f.size)} Tf 1 0 0 1 ${num(at)} ${num(baseline)} Tm ${pdfString(f.bytes)} Tj ET`);
      at += f.width;
    }
  }

  rect(x: number, y: number, w: number, h: number): void {
    this.ops.push(`${num(x)} ${num(y)} ${num(w)} ${num(h)} re S`);
  }

  /** One side of a cell's border, in its width, dash and colour; a width of 0 draws nothing. */
  line(x1: number, y1: number, x2: number, y2: number, border: CellBorder): void {
    if (border.width <= 0) return;
    const dash = border.dashStyle === 'DASH' ? `[${num(border.width * 4)} ${num(border.width * 3)}] 0 d` : border.dashStyle === 'DOT' ? `[${num(border.width)} ${num(border.width * 2)}] 0 d` : '[] 0 d';
    const [r, g, b] = border.color;
    this.ops.push(`q ${num(border.width)} w ${dash} ${num(r)} ${num(g)} ${num(b)} RG ${num(x1)} ${num(y1)} m ${num(x2)} ${num(y2)} l S Q`);
  }

  finish(): string[] {
    this.pages.push(this.ops.join('\n'));
    return this.pages;
  }
}

function isHeading(style: NamedStyleType): boolean {
  return style !== 'NORMAL_TEXT';
}

/** How far a line moves right in a box `width` wide for the paragraph's alignment. */
function alignOffset(alignment: 'START' | 'CENTER' | 'END' | undefined, width: number, line: Line): number {
  if (alignment === 'CENTER') return Math.max(0, (width - line.width) / 2);
  if (alignment === 'END') return Math.max(0, width - line.width);
  return 0;
}

/** A table cell's blocks as wrapped lines (each with its offset for alignment); a table inside a cell is read row by row, cells joined by " | ". */
function cellLines(blocks: readonly BlockView[], width: number): Line[] {
  const lines: Line[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const size = Math.min(sizeOf(block), 13);
      const prefix: RunView[] = block.list ? [{ text: `${block.list.label} `, bold: false, italic: false, underline: false }] : [];
      const wrapped = wrap([...prefix, ...block.runs], size, isHeading(block.style), width, block.spacing.lineSpacing);
      for (const line of wrapped) line.offset = alignOffset(block.alignment, width, line);
      lines.push(...wrapped);
    } else {
      for (const row of block.rows) {
        const text = row.map((cell) => plainOf(cell)).join(' | ');
        lines.push(...wrap([{ text, bold: false, italic: false, underline: false }], 10, false, width));
      }
    }
  }
  return lines;
}

function plainOf(blocks: readonly BlockView[]): string {
  return blocks.map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : b.rows.map((r) => r.map(plainOf).join(' | ')).join(' / '))).join(' ');
}

/** A paragraph's font size: the size its first run sets, else its named style's. */
function sizeOf(block: Extract<BlockView, { type: 'paragraph' }>): number {
  return block.runs.find((run) => run.fontSize !== undefined)?.fontSize ?? (block.runs.length === 0 ? block.markSize : undefined) ?? SIZES[block.style];
}

/** Google's default table border: 1 pt solid black on every side, drawn where a cell sets no border of its own. */
const DEFAULT_BORDER: CellBorder = { width: 1, dashStyle: 'SOLID', color: [0, 0, 0] };

function drawBorders(page: PageWriter, style: CellStyleView, x: number, y: number, w: number, h: number): void {
  if (!style.borderLeft && !style.borderRight && !style.borderTop && !style.borderBottom) {
    page.rect(x, y, w, h);
    return;
  }
  page.line(x, y, x, y + h, style.borderLeft ?? DEFAULT_BORDER);
  page.line(x + w, y, x + w, y + h, style.borderRight ?? DEFAULT_BORDER);
  page.line(x, y + h, x + w, y + h, style.borderTop ?? DEFAULT_BORDER);
  page.line(x, y, x + w, y, style.borderBottom ?? DEFAULT_BORDER);
}

function layout(blocks: readonly BlockView[], page: PageWriter): void {
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const size = sizeOf(block);
      const heading = isHeading(block.style);
      const indent = block.list ? 18 + 18 * block.list.level : 0;
      const lines = wrap(block.runs, size, heading, page.contentWidth - indent, block.spacing.lineSpacing);
      const above = block.spacing.spaceAbove ?? (heading ? size * 0.6 : 0);
      if (above > 0 && !page.atTop) page.y -= above;
      // Keep a heading with the first line after it by asking for room for both.
      page.ensure(lines[0].height * (heading ? 2.5 : 1));
      lines.forEach((line, i) => {
        page.ensure(line.height);
        const baseline = page.y - (line.ascent ?? size);
        if (i === 0 && block.list) {
          page.text(wrap([{ text: block.list.label, bold: false, italic: false, underline: false }], size, false, 1000)[0], page.margin.left + indent - 14 - (block.list.numbered ? 4 : 0), baseline);
        }
        page.text(line, page.margin.left + indent + alignOffset(block.alignment, page.contentWidth - indent, line), baseline);
        page.y -= line.height;
      });
      page.y -= block.spacing.spaceBelow ?? (heading ? size * 0.3 : 4);
      // What follows a page break starts the next page (Docs API: PageBreak, "a page break … forces the text after it to start on the next page").
      if (block.pageBreak) page.newPage();
    } else {
      const columns = Math.max(...block.rows.map((r) => r.length));
      // Fixed widths as set (UpdateTableColumnPropertiesRequest); the other columns share what is left of the text width.
      const fixed = Array.from({ length: columns }, (_, c) => block.columnWidths?.[c]);
      const taken = fixed.reduce<number>((sum, w) => sum + (w ?? 0), 0);
      const even = fixed.filter((w) => w === undefined).length;
      const widths = fixed.map((w) => w ?? Math.max(0, page.contentWidth - taken) / Math.max(1, even));
      const lefts = widths.map((_, c) => page.margin.left + widths.slice(0, c).reduce((a, b) => a + b, 0));
      block.rows.forEach((row, r) => {
        const styles = row.map((_, c) => block.cellStyles?.[r]?.[c] ?? {});
        const pads = styles.map((st) => ({ left: st.paddingLeft ?? 4, right: st.paddingRight ?? 4, top: st.paddingTop ?? 4, bottom: st.paddingBottom ?? 4 }));
        const cells = row.map((cell, c) => cellLines(cell, widths[c] - pads[c].left - pads[c].right));
        const content = Math.max(...cells.map((lines, c) => lines.reduce((h, l) => h + l.height, 0) + pads[c].top + pads[c].bottom));
        const rowHeight = Math.max(content, block.minRowHeights?.[r] ?? 0);
        page.ensure(rowHeight);
        const top = page.y;
        cells.forEach((lines, c) => {
          const x = lefts[c];
          let y = top - pads[c].top;
          for (const line of lines) {
            const size = line.fragments[0]?.size ?? 11;
            page.text(line, x + pads[c].left + (line.offset ?? 0), y - (line.ascent ?? size));
            y -= line.height;
          }
          drawBorders(page, styles[c], x, top - rowHeight, widths[c], rowHeight);
        });
        page.y = top - rowHeight;
      });
      page.y -= 8;
    }
  }
}

/** An image's bytes and type, for the inline object ID a document names. */
export type ImageSource = (objectId: string) => { bytes: Buffer; mimeType: string } | undefined;

/** A PNG or JPEG as a PDF image XObject: JPEG as it is (DCTDecode), PNG decoded to 8-bit RGB on white and deflated. */
function imageXObject(image: { bytes: Buffer; mimeType: string }): string {
  const { bytes, mimeType } = image;
  if (mimeType === 'image/jpeg') {
    let at = 2;
    while (at < bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1];
      const length = bytes.readUInt16BE(at + 2);
      if (marker >= 0xc0 && marker <= 0xc3) {
        const height = bytes.readUInt16BE(at + 5);
        const width = bytes.readUInt16BE(at + 7);
        const space = bytes[at + 9] === 1 ? '/DeviceGray' : '/DeviceRGB';
        return `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${space} /BitsPerComponent 8 /Filter /DCTDecode /Length ${bytes.length} >>\nstream\n${bytes.toString('latin1')}\nendstream`;
      }
      at += 2 + length;
    }
    throw new Error('PDF export: a JPEG image without a frame header');
  }
  if (mimeType !== 'image/png') throw new Error(`PDF export of a ${mimeType} image is not implemented by the local Workspace`);
  const { width, height, rgb } = decodePng(bytes);
  const data = deflateSync(rgb);
  return `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

/** An 8-bit, non-interlaced PNG (grey, RGB, with or without alpha) as RGB bytes, alpha laid over white (PNG specification, filters 0–4). */
function decodePng(bytes: Buffer): { width: number; height: number; rgb: Buffer } {
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('PDF export: not a PNG image');
  let at = 8;
  let width = 0;
  let height = 0;
  let type = 0;
  const data: Buffer[] = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const kind = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (kind === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      type = body[9];
      if (body[8] !== 8 || body[12] !== 0 || ![0, 2, 4, 6].includes(type)) throw new Error('PDF export of a PNG that is not 8-bit, non-interlaced grey or RGB is not implemented by the local Workspace');
    } else if (kind === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[type];
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels] : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      pixels[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  const rgb = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, i * channels + channels);
    const colour = channels >= 3 ? [p[0], p[1], p[2]] : [p[0], p[0], p[0]];
    const alpha = channels === 4 ? p[3] / 255 : channels === 2 ? p[1] / 255 : 1;
    for (let k = 0; k < 3; k++) rgb[i * 3 + k] = Math.round(colour[k] * alpha + 255 * (1 - alpha));
  }
  return { width, height, rgb };
}

/** A PDF of the document: its text in Helvetica, headings larger, lines wrapped, tables as bordered rows, images where they stand, on as many pages as needed. */
export function documentPdf(json: DocumentJson, images: ImageSource = () => undefined): Buffer {
  const style = json.documentStyle;
  const page = new PageWriter(style.pageSize.width.magnitude ?? 612, style.pageSize.height.magnitude ?? 792, {
    top: style.marginTop.magnitude ?? 72, bottom: style.marginBottom.magnitude ?? 72,
    left: style.marginLeft.magnitude ?? 72, right: style.marginRight.magnitude ?? 72,
  });
  layout(readDocument(json), page);
  const contents = page.finish();

  const objects: string[] = [];
  const add = (body: string): number => objects.push(body);
  const catalog = add('');
  const pages = add('');
  const fontRefs = (Object.keys(FONTS) as FontName[]).map((name) => [name, add(`<< /Type /Font /Subtype /Type1 /BaseFont /${FONTS[name]} /Encoding /WinAnsiEncoding >>`)] as const);
  const xobjects = [...page.images].map(([objectId, name]) => {
    const image = images(objectId);
    if (!image) throw new Error(`PDF export: the document names an image (${objectId}) it does not hold`);
    return `/${name} ${add(imageXObject(image))} 0 R`;
  });
  const resources = `<< /Font << ${fontRefs.map(([name, ref]) => `/${name} ${ref} 0 R`).join(' ')} >>${xobjects.length ? ` /XObject << ${xobjects.join(' ')} >>` : ''} >>`;
  const kids: number[] = [];
  for (const content of contents) {
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] /Resources ${resources} /Contents ${stream} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pages} 0 R >>`;
  objects[pages - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = add(`<< /Title ${pdfString([...json.title].map(winAnsi))} /Producer (ROSE Tracker local Workspace) >>`);

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
