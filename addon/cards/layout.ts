// The two card templates as Docs requests (page sizes, the tables that place photo and text, cut guides), and the name shrunk to fit its box. Pure.
//
// Why Google Docs and not Slides. A Doc's page size is part of its DocumentStyle and an add-on sets
// it with one UpdateDocumentStyleRequest (developers.google.com/docs/api/reference/rest/v1/documents#DocumentStyle,
// pageSize), so ROSE Tracker can make a template exactly CR80 or Letter itself. Slides takes its page
// size only from the file: presentations.create says "other fields in the request, including any
// provided content, are ignored" (developers.google.com/workspace/slides/api/reference/rest/v1/presentations/create),
// and no request changes it afterwards. Docs also needs no new scope: the add-on already holds
// documents and drive.file (Slides would add the sensitive presentations scope for SlidesApp).
// Coordinators edit the template Docs like any other Doc; the cards are copies of them.

import type { DocsRequest } from '../documents/merge';

export type CardKind = 'id-card' | 'business-card';

const INCH = 72;
const pt = (magnitude: number): { magnitude: number; unit: 'PT' } => ({ magnitude, unit: 'PT' });

/**
 * CR80 (ISO/IEC 7810 ID-1), 3.375 × 2.125 in: the card portable ID-card printers take, one card a
 * page, front then back. Business cards 3.5 × 2 in, ten to a US Letter sheet in two columns of five:
 * 0.75 in side margins and a 0.5 in top margin put the cards where common 10-up business-card stock
 * has them (FACTS: cards).
 */
export const CARD_SIZES = {
  'id-card': { width: 3.375 * INCH, height: 2.125 * INCH },
  'business-card': { width: 3.5 * INCH, height: 2 * INCH },
  sheet: { width: 8.5 * INCH, height: 11 * INCH, columns: 2, rows: 5, marginSide: 0.75 * INCH, marginTop: 0.5 * INCH },
} as const;

/** Inside the CR80 page: a 0.125 in margin keeps text clear of the edge a card printer may not reach. */
export const ID_MARGIN = 9;
/** The photo box: 0.92 × 1.22 in, the 3:4 shape of a passport-style photo. */
export const PHOTO_BOX = { width: 66, height: 88 };
export const PHOTO_COLUMN = 72;
const TEXT_PADDING = 5;
/** Where the name goes on the ID card: the text column less its padding. */
export const ID_NAME_BOX = CARD_SIZES['id-card'].width - 2 * ID_MARGIN - PHOTO_COLUMN - TEXT_PADDING;
/** Inside each business card: 0.17 in of padding keeps text away from the cut. */
export const BUSINESS_PADDING = 12;
export const BUSINESS_NAME_BOX = CARD_SIZES['business-card'].width - 2 * BUSINESS_PADDING;

export const NAME_SIZE: Record<CardKind, number> = { 'id-card': 12, 'business-card': 13 };
/** Below this a name stops being readable at arm's length: it wraps instead, and the coordinator is told. */
export const MIN_NAME_SIZE = 7;

/** A paragraph of a template: its text with {{fields}}, size, and whether bold or centred. */
interface Line { text: string; size: number; bold?: boolean; center?: boolean }

const ID_FRONT: Line[] = [
  { text: '{{Organization}}', size: 7, bold: true },
  { text: '{{Card name}}', size: NAME_SIZE['id-card'], bold: true },
  { text: '{{Role}}', size: 8 },
  { text: '{{Site}}', size: 7 },
  { text: 'Staff ID {{Staff ID}}', size: 7 },
  { text: 'Issued {{Issued}}', size: 6.5 },
  { text: 'Expires {{Expires}}', size: 6.5, bold: true },
];

const ID_BACK: Line[] = [
  { text: '{{Organization}}', size: 9, bold: true, center: true },
  { text: '{{Organization address}}', size: 7, center: true },
  { text: '{{Organization phone}}', size: 7, center: true },
  { text: '{{Organization email}}', size: 7, center: true },
  { text: 'The holder works for {{Organization}}. If this card is found, please return it to the address above.', size: 6, center: true },
];

const BUSINESS: Line[] = [
  { text: '{{Card name}}', size: NAME_SIZE['business-card'], bold: true },
  { text: '{{Pronouns}}', size: 7.5 },
  { text: '{{Role}}', size: 9 },
  { text: '{{Organization}} · {{Site}}', size: 8 },
  { text: '{{Organization phone}}', size: 8 },
  { text: '{{Organization email}}', size: 8 },
  { text: '{{Organization address}}', size: 7 },
];

/** Placeholders the card templates may hold, and what each is filled with (fields.ts). */
export const CARD_FIELDS = [
  'Card name', 'Pronouns', 'Role', 'Organization', 'Site', 'Staff ID', 'Issued', 'Expires',
  'Organization address', 'Organization phone', 'Organization email', 'Photo',
] as const;
export type CardField = (typeof CARD_FIELDS)[number];

/** The text, paragraph and font requests for `lines` written into an empty paragraph at `index`. */
function writeLines(lines: readonly Line[], index: number): { inserts: DocsRequest[]; styles: DocsRequest[]; length: number } {
  const text = lines.map((l) => l.text).join('\n');
  const styles: DocsRequest[] = [];
  let at = index;
  for (const line of lines) {
    const end = at + line.text.length;
    if (line.text.length) {
      const textStyle = { fontSize: pt(line.size), weightedFontFamily: { fontFamily: 'Arial' }, ...(line.bold ? { bold: true } : {}) };
      styles.push({ updateTextStyle: { range: { startIndex: at, endIndex: end }, textStyle, fields: `fontSize,weightedFontFamily${line.bold ? ',bold' : ''}` } });
    }
    styles.push({
      updateParagraphStyle: {
        range: { startIndex: at, endIndex: end + 1 },
        paragraphStyle: { spaceAbove: pt(0), spaceBelow: pt(1), lineSpacing: 100, ...(line.center ? { alignment: 'CENTER' } : {}) },
        fields: `spaceAbove,spaceBelow,lineSpacing${line.center ? ',alignment' : ''}`,
      },
    });
    at = end + 1;
  }
  return { inserts: [{ insertText: { location: { index }, text } }], styles, length: text.length };
}

/** The empty paragraph Docs keeps before a table at the top of a body, made as small as it can be. */
function tinyParagraph(index: number): DocsRequest[] {
  return [
    { updateTextStyle: { range: { startIndex: index, endIndex: index + 1 }, textStyle: { fontSize: pt(1) }, fields: 'fontSize' } },
    { updateParagraphStyle: { range: { startIndex: index, endIndex: index + 1 }, paragraphStyle: { spaceAbove: pt(0), spaceBelow: pt(0), lineSpacing: 100 }, fields: 'spaceAbove,spaceBelow,lineSpacing' } },
  ];
}

const NO_BORDER = { width: pt(0), dashStyle: 'SOLID', color: { color: { rgbColor: { red: 1, green: 1, blue: 1 } } } };
/** Cut guides: a thin dashed grey line on each card's edge, light enough to vanish in the cut. */
const CUT_GUIDE = { width: pt(0.5), dashStyle: 'DASH', color: { color: { rgbColor: { red: 0.6, green: 0.6, blue: 0.6 } } } };

function cellStyle(tableStart: number, style: Record<string, unknown>): DocsRequest {
  return { updateTableCellStyle: { tableStartLocation: { index: tableStart }, tableCellStyle: style, fields: Object.keys(style).join(',') } } as unknown as DocsRequest;
}

/**
 * The ID card template, into a new empty Doc: a CR80 page; the front a two-cell table (photo left,
 * text right, no borders); a page break; the back with the organization's contact, centred.
 */
export function idCardTemplateRequests(): DocsRequest[] {
  const { width, height } = CARD_SIZES['id-card'];
  const page: DocsRequest = {
    updateDocumentStyle: {
      documentStyle: { pageSize: { width: pt(width), height: pt(height) }, marginTop: pt(ID_MARGIN), marginBottom: pt(ID_MARGIN), marginLeft: pt(ID_MARGIN), marginRight: pt(ID_MARGIN) },
      fields: 'pageSize,marginTop,marginBottom,marginLeft,marginRight',
    },
  };
  // A 1×2 table inserted at 1 starts at 2; its cells' paragraphs are at 5 and 7; the paragraph after it at 9.
  const table: DocsRequest = { insertTable: { rows: 1, columns: 2, location: { index: 1 } } };
  const photo = writeLines([{ text: '{{Photo}}', size: 7 }], 5);
  const front = writeLines(ID_FRONT, 7 + photo.length);
  const after = 9 + photo.length + front.length;
  const pageBreak = { insertPageBreak: { location: { index: after } } } as unknown as DocsRequest;
  const back = writeLines(ID_BACK, after + 2);
  const widths = [
    { updateTableColumnProperties: { tableStartLocation: { index: 2 }, columnIndices: [0], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: pt(PHOTO_COLUMN) }, fields: 'width,widthType' } },
    { updateTableColumnProperties: { tableStartLocation: { index: 2 }, columnIndices: [1], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: pt(width - 2 * ID_MARGIN - PHOTO_COLUMN) }, fields: 'width,widthType' } },
  ] as unknown as DocsRequest[];
  const cells = cellStyle(2, {
    borderLeft: NO_BORDER, borderRight: NO_BORDER, borderTop: NO_BORDER, borderBottom: NO_BORDER,
    paddingLeft: pt(0), paddingRight: pt(0), paddingTop: pt(0), paddingBottom: pt(0),
  });
  const textCell = {
    updateTableCellStyle: {
      tableRange: { tableCellLocation: { tableStartLocation: { index: 2 }, rowIndex: 0, columnIndex: 1 }, rowSpan: 1, columnSpan: 1 },
      tableCellStyle: { paddingLeft: pt(TEXT_PADDING) }, fields: 'paddingLeft',
    },
  } as unknown as DocsRequest;
  // Text goes in front to back, each insertion where the ones before it have put that paragraph.
  return [page, table, ...photo.inserts, ...front.inserts, pageBreak, ...back.inserts,
    ...tinyParagraph(1), ...photo.styles, ...front.styles, ...back.styles, ...widths, cells, textCell];
}

/**
 * The business card sheet template, into a new empty Doc: a Letter page holding a 2 × 5 table of
 * 3.5 × 2 in cells with dashed cut guides on their edges. The top-left card holds the fields; the
 * others are left empty and made like it for each person, so a coordinator edits one card.
 *
 * Cut guides rather than crop marks: crop marks are short lines in the margin, outside the cards,
 * and a Doc can only draw lines as table borders (the Docs API creates no drawings or shapes), so
 * the guides run along the cards' own edges.
 */
export function businessCardTemplateRequests(): DocsRequest[] {
  const sheet = CARD_SIZES.sheet;
  const card = CARD_SIZES['business-card'];
  const page: DocsRequest = {
    updateDocumentStyle: {
      // The bottom margin leaves room under the five rows for the one-point paragraph Docs keeps after a table.
      documentStyle: { pageSize: { width: pt(sheet.width), height: pt(sheet.height) }, marginTop: pt(sheet.marginTop - 1), marginBottom: pt(18), marginLeft: pt(sheet.marginSide), marginRight: pt(sheet.marginSide) },
      fields: 'pageSize,marginTop,marginBottom,marginLeft,marginRight',
    },
  };
  const table: DocsRequest = { insertTable: { rows: sheet.rows, columns: sheet.columns, location: { index: 1 } } };
  // Cell (0,0)'s paragraph is at 5; the paragraph after the table at 2 + 1 + rows × (1 + 2 × columns) + 1.
  const first = writeLines(BUSINESS, 5);
  const after = 2 + 1 + sheet.rows * (1 + 2 * sheet.columns) + 1 + first.length;
  const widths = { updateTableColumnProperties: { tableStartLocation: { index: 2 }, tableColumnProperties: { widthType: 'FIXED_WIDTH', width: pt(card.width) }, fields: 'width,widthType' } } as unknown as DocsRequest;
  const heights = { updateTableRowStyle: { tableStartLocation: { index: 2 }, tableRowStyle: { minRowHeight: pt(card.height) }, fields: 'minRowHeight' } } as unknown as DocsRequest;
  const cells = cellStyle(2, {
    borderLeft: CUT_GUIDE, borderRight: CUT_GUIDE, borderTop: CUT_GUIDE, borderBottom: CUT_GUIDE,
    paddingLeft: pt(BUSINESS_PADDING), paddingRight: pt(BUSINESS_PADDING), paddingTop: pt(BUSINESS_PADDING), paddingBottom: pt(0),
  });
  return [page, table, ...first.inserts, ...tinyParagraph(1), ...first.styles, ...tinyParagraph(after), widths, heights, cells];
}

/** Helvetica-Bold advance widths (1/1000 em) for ASCII 32–126 (Adobe's core-font metrics; Arial is metric-compatible). */
const BOLD_WIDTHS = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
  611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** How wide `text` is in bold Arial at `size` points; letters outside ASCII count as a wide letter. */
export function boldWidth(text: string, size: number): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    units += code >= 32 && code <= 126 ? BOLD_WIDTHS[code - 32] : 667;
  }
  return (units * size) / 1000;
}

/**
 * The font size at which a name fits its box on one line: the template's size, else shrunk in
 * half points down to MIN_NAME_SIZE. `fits` is false when even that is too wide (the name then wraps).
 */
export function fitName(name: string, kind: CardKind): { size: number; shrunk: boolean; fits: boolean } {
  const box = kind === 'id-card' ? ID_NAME_BOX : BUSINESS_NAME_BOX;
  const start = NAME_SIZE[kind];
  for (let size = start; size >= MIN_NAME_SIZE; size -= 0.5) {
    if (boldWidth(name, size) <= box) return { size, shrunk: size < start, fits: true };
  }
  return { size: MIN_NAME_SIZE, shrunk: true, fits: false };
}
