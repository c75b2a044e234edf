// A Google Doc as the Docs API v1 sees it: Google's stream of UTF-16 units with table markers, the batchUpdate requests ROSE Tracker sends, and the JSON documents.get returns.
//
// Google keeps a document body as one run of UTF-16 code units in which a table is written as
// marker units (table start, row start, cell start, table end) around its cells' paragraphs, and
// each paragraph ends with "\n". Every index the API reports is a position in that run, offset
// by the section break at index 0. Modelling the run itself (rather than a tree) keeps every
// index right by construction: the tree documents.get returns is parsed from it on demand.
//
// Index layout, checked against the Docs API reference and its structure guide:
// - the body starts with a section break ending at 1; an empty document is one paragraph "\n" [1,2);
// - a table takes one index for its start, one per row, one per cell plus the cell's paragraphs,
//   and one for its end, so the paragraph after it starts at the table's endIndex. Measured on
//   the live API (google_workspace_mcp pull request 929): a 2x2 table inserted at 1 is [2, 14),
//   its cell paragraphs at 5, 7, 10 and 12, the next paragraph at 14. DeleteContentRangeRequest's
//   "deleting the start or end of a Table" rule speaks of the same end index;
// - insertTable at index i first inserts "\n" at i, so the table starts at i + 1 and the first
//   cell's paragraph at i + 4.

export const NAMED_STYLE_TYPES = [
  'NORMAL_TEXT', 'TITLE', 'SUBTITLE', 'HEADING_1', 'HEADING_2', 'HEADING_3', 'HEADING_4', 'HEADING_5', 'HEADING_6',
] as const;
export type NamedStyleType = (typeof NAMED_STYLE_TYPES)[number];

/** The bullet presets of CreateParagraphBulletsRequest. */
export const BULLET_PRESETS = [
  'BULLET_DISC_CIRCLE_SQUARE', 'BULLET_DIAMONDX_ARROW3D_SQUARE', 'BULLET_CHECKBOX', 'BULLET_ARROW_DIAMOND_DISC',
  'BULLET_STAR_CIRCLE_SQUARE', 'BULLET_ARROW3D_CIRCLE_SQUARE', 'BULLET_LEFTTRIANGLE_DIAMOND_DISC',
  'BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE', 'BULLET_DIAMOND_CIRCLE_SQUARE', 'NUMBERED_DECIMAL_ALPHA_ROMAN',
  'NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS', 'NUMBERED_DECIMAL_NESTED', 'NUMBERED_UPPERALPHA_ALPHA_ROMAN',
  'NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL', 'NUMBERED_ZERODECIMAL_ALPHA_ROMAN',
] as const;
export type BulletPreset = (typeof BULLET_PRESETS)[number];

/** Every request kind of documents.batchUpdate, so an unmodelled one fails loudly rather than as a typo. */
const DOCS_REQUEST_KINDS = new Set([
  'replaceAllText', 'insertText', 'updateTextStyle', 'createParagraphBullets', 'deleteParagraphBullets',
  'createNamedRange', 'deleteNamedRange', 'updateParagraphStyle', 'deleteContentRange', 'insertInlineImage',
  'insertTable', 'insertTableRow', 'insertTableColumn', 'deleteTableRow', 'deleteTableColumn', 'insertPageBreak',
  'deletePositionedObject', 'updateTableColumnProperties', 'updateTableCellStyle', 'updateTableRowStyle',
  'replaceImage', 'updateDocumentStyle', 'mergeTableCells', 'unmergeTableCells', 'createHeader', 'createFooter',
  'createFootnote', 'replaceNamedRangeContent', 'updateSectionStyle', 'insertSectionBreak', 'deleteHeader',
  'deleteFooter', 'pinTableHeaderRows', 'insertPerson', 'insertDate', 'addDocumentTab', 'deleteTab',
  'updateDocumentTabProperties',
]);

/** The on/off text style fields the model keeps; bold and italic are what templates use. */
const TEXT_STYLE_FIELDS = ['bold', 'italic', 'underline'] as const;
type TextStyleField = (typeof TEXT_STYLE_FIELDS)[number];
/**
 * The valued text style fields the model keeps: TextStyle.weightedFontFamily ({fontFamily, weight},
 * weight 400 unless set; a font family is required when it is set) and TextStyle.fontSize (a
 * Dimension), as the Docs API v1 reference describes them
 * (developers.google.com/docs/api/reference/rest/v1/documents#TextStyle). Only the font family
 * is kept of weightedFontFamily: a weight other than 400 is not modelled.
 */
const VALUED_TEXT_FIELDS = ['weightedFontFamily', 'fontSize'] as const;
const ALL_TEXT_FIELDS: readonly string[] = [...TEXT_STYLE_FIELDS, ...VALUED_TEXT_FIELDS];
export type TextStyle = { [K in TextStyleField]?: true } & { fontFamily?: string; fontSize?: number };

export interface Bullet {
  listId: string;
  nestingLevel: number;
}

/**
 * ParagraphStyle fields the model keeps: namedStyleType; spaceAbove and spaceBelow (Dimensions, in
 * points) and lineSpacing ("a percentage of normal, where normal is represented as 100.0"), per the
 * Docs API v1 reference (developers.google.com/docs/api/reference/rest/v1/documents#ParagraphStyle).
 */
interface ParagraphProps {
  namedStyleType: NamedStyleType;
  /** ParagraphStyle.alignment: START, CENTER or END (JUSTIFIED is not modelled). */
  alignment?: 'START' | 'CENTER' | 'END';
  bullet?: Bullet;
  spaceAbove?: number;
  spaceBelow?: number;
  lineSpacing?: number;
}
const SPACING_FIELDS = ['spaceAbove', 'spaceBelow', 'lineSpacing'] as const;

/** One UTF-16 code unit of the body. Units are never changed in place, so a copy of the array is a copy of the document. */
interface Unit {
  readonly ch: string;
  readonly ts: TextStyle;
  /** Only on "\n": the style of the paragraph it ends. */
  readonly pp?: ParagraphProps;
  /** Only on an inline object's unit (INLINE_OBJECT): the image it shows. */
  readonly img?: InlineImage;
  /** Only on TABLE_START: column widths in points (undefined = evenly distributed). */
  readonly tp?: { widths: (number | undefined)[] };
  /** Only on ROW_START: the row's minimum height in points. */
  readonly rp?: { minRowHeight?: number };
  /** Only on CELL_START: the cell's borders and padding. */
  readonly cs?: CellStyle;
}

/** An image held by a document (an InlineObject), its bytes kept so exports can draw it. Sizes in points. */
export interface InlineImage {
  id: string;
  bytes: Buffer;
  mimeType: string;
  width: number;
  height: number;
}

/** One side of a cell's border: width in points (0 = none), dash style and colour (0–1 RGB). */
export interface CellBorder { width: number; dashStyle: 'SOLID' | 'DOT' | 'DASH'; color: [number, number, number] }
export interface CellStyle {
  borderLeft?: CellBorder; borderRight?: CellBorder; borderTop?: CellBorder; borderBottom?: CellBorder;
  paddingLeft?: number; paddingRight?: number; paddingTop?: number; paddingBottom?: number;
}
const CELL_BORDERS = ['borderLeft', 'borderRight', 'borderTop', 'borderBottom'] as const;
const CELL_PADDINGS = ['paddingLeft', 'paddingRight', 'paddingTop', 'paddingBottom'] as const;

// Google's own control characters for table structure; inserted text can never contain them
// because the API strips U+0000–U+0008 and U+000C–U+001F from what it inserts.
const TABLE_START = '\u0010';
const TABLE_END = '\u0011';
const ROW_START = '\u0012';
const CELL_START = '\u001c';
const MARKERS = new Set([TABLE_START, TABLE_END, ROW_START, CELL_START]);
// A page break and an inline object each take one index of their paragraph (Docs API structure
// guide: every ParagraphElement has a start and end index; PageBreak and InlineObjectElement are
// elements of their own). Both characters are among those Google strips from inserted text, so
// text can never be mistaken for them.
const PAGE_BREAK = '\u000c';
const INLINE_OBJECT = '\ue000';
// eslint-disable-next-line no-control-regex -- these are exactly the characters Google strips from inserted text
const STRIPPED = /[\u0000-\u0008\u000c-\u001f\ue000-\uf8ff]/g;

const NORMAL: ParagraphProps = { namedStyleType: 'NORMAL_TEXT' };
const PLAIN: TextStyle = {};

// ---------------------------------------------------------------------------------------------
// The JSON documents.get returns (the subset this model produces).

export interface Dimension { magnitude?: number; unit: 'PT' }
export interface TextStyleJson {
  bold?: true; italic?: true; underline?: true;
  weightedFontFamily?: { fontFamily: string; weight: number };
  fontSize?: Dimension;
}
export interface TextRunJson { content: string; textStyle: TextStyleJson }
/** A paragraph element: a text run, or (one index each) a page break or an inline object. */
export interface ParagraphElementJson {
  startIndex: number;
  endIndex: number;
  textRun?: TextRunJson;
  pageBreak?: { textStyle: TextStyleJson };
  inlineObjectElement?: { inlineObjectId: string; textStyle: TextStyleJson };
}
/** documents.get's inlineObjects entry for an image (Docs API v1 reference, InlineObject / EmbeddedObject). */
export interface InlineObjectJson {
  objectId: string;
  inlineObjectProperties: {
    embeddedObject: { imageProperties: { contentUri: string }; size: { width: Dimension; height: Dimension } };
  };
}
export interface BorderJson { width: Dimension; dashStyle: CellBorder['dashStyle']; color: { color: { rgbColor: { red?: number; green?: number; blue?: number } } } }
export interface ParagraphJson {
  elements: ParagraphElementJson[];
  paragraphStyle: { namedStyleType: NamedStyleType; direction: 'LEFT_TO_RIGHT'; alignment?: 'START' | 'CENTER' | 'END'; spaceAbove?: Dimension; spaceBelow?: Dimension; lineSpacing?: number };
  bullet?: { listId: string; nestingLevel?: number; textStyle: Record<string, never> };
}
export interface TableCellJson {
  startIndex: number;
  endIndex: number;
  content: StructuralElementJson[];
  tableCellStyle: {
    rowSpan: number; columnSpan: number;
    borderLeft?: BorderJson; borderRight?: BorderJson; borderTop?: BorderJson; borderBottom?: BorderJson;
    paddingLeft?: Dimension; paddingRight?: Dimension; paddingTop?: Dimension; paddingBottom?: Dimension;
  };
}
export interface TableRowJson {
  startIndex: number;
  endIndex: number;
  tableCells: TableCellJson[];
  tableRowStyle: { minRowHeight: Dimension };
}
export interface TableJson {
  rows: number;
  columns: number;
  tableRows: TableRowJson[];
  tableStyle: { tableColumnProperties: ({ widthType: 'EVENLY_DISTRIBUTED' } | { widthType: 'FIXED_WIDTH'; width: Dimension })[] };
}
export interface SectionBreakJson {
  sectionStyle: { columnSeparatorStyle: 'NONE'; contentDirection: 'LEFT_TO_RIGHT'; sectionType: 'CONTINUOUS' };
}
/** startIndex is absent for the section break at 0, as proto3 JSON leaves zeros out. */
export interface StructuralElementJson {
  startIndex?: number;
  endIndex: number;
  sectionBreak?: SectionBreakJson;
  paragraph?: ParagraphJson;
  table?: TableJson;
}
export interface NestingLevelJson {
  bulletAlignment: 'START';
  glyphFormat: string;
  glyphSymbol?: string;
  glyphType?: string;
  indentFirstLine: Dimension;
  indentStart: Dimension;
  startNumber: number;
  textStyle: Record<string, never>;
}
export interface ListJson { listProperties: { nestingLevels: NestingLevelJson[] } }
export interface DocumentJson {
  documentId: string;
  title: string;
  revisionId: string;
  body: { content: StructuralElementJson[] };
  documentStyle: {
    pageSize: { width: Dimension; height: Dimension };
    marginTop: Dimension; marginBottom: Dimension; marginLeft: Dimension; marginRight: Dimension;
  };
  lists?: Record<string, ListJson>;
  inlineObjects?: Record<string, InlineObjectJson>;
  suggestionsViewMode: 'SUGGESTIONS_INLINE';
}

/** One reply per request, in order; only replaceAllText says anything (proto3 leaves a 0 count out). */
export type DocsReply = Record<string, never> | { replaceAllText: { occurrencesChanged?: number } };

/** A request the Docs API rejects: the message is Google's, e.g. "Invalid requests[3].deleteContentRange: …". */
export class DocsRequestError extends Error {}

// ---------------------------------------------------------------------------------------------
// The structure parsed from the unit run. Positions are array offsets; index = position + 1.

interface ParagraphSpan { kind: 'paragraph'; start: number; end: number }
interface CellSpan { start: number; end: number; content: Span[] }
interface RowSpan { start: number; end: number; cells: CellSpan[] }
interface TableSpan { kind: 'table'; start: number; end: number; rows: RowSpan[] }
type Span = ParagraphSpan | TableSpan;

function malformed(what: string): Error {
  return new Error(`Local Docs model is malformed: ${what}`);
}

function parseContent(units: readonly Unit[], from: number, inCell: boolean): { spans: Span[]; pos: number } {
  const spans: Span[] = [];
  let pos = from;
  while (pos < units.length) {
    const ch = units[pos].ch;
    if (ch === CELL_START || ch === ROW_START || ch === TABLE_END) {
      if (!inCell) throw malformed(`stray table marker at ${pos + 1}`);
      break;
    }
    if (ch === TABLE_START) {
      const table = parseTable(units, pos);
      spans.push(table);
      pos = table.end;
      continue;
    }
    const start = pos;
    while (pos < units.length && units[pos].ch !== '\n') {
      if (MARKERS.has(units[pos].ch)) throw malformed(`paragraph at ${start + 1} runs into a table marker`);
      pos += 1;
    }
    if (pos >= units.length) throw malformed(`paragraph at ${start + 1} has no newline`);
    pos += 1;
    spans.push({ kind: 'paragraph', start, end: pos });
  }
  return { spans, pos };
}

function parseTable(units: readonly Unit[], start: number): TableSpan {
  let pos = start + 1;
  const rows: RowSpan[] = [];
  while (units[pos]?.ch === ROW_START) {
    const rowStart = pos;
    pos += 1;
    const cells: CellSpan[] = [];
    while (units[pos]?.ch === CELL_START) {
      const cellStart = pos;
      const inner = parseContent(units, pos + 1, true);
      if (inner.spans.length === 0) throw malformed(`empty cell at ${cellStart + 1}`);
      pos = inner.pos;
      cells.push({ start: cellStart, end: pos, content: inner.spans });
    }
    if (cells.length === 0) throw malformed(`row without cells at ${rowStart + 1}`);
    rows.push({ start: rowStart, end: pos, cells });
  }
  if (rows.length === 0 || units[pos]?.ch !== TABLE_END) throw malformed(`table at ${start + 1} is not closed`);
  return { kind: 'table', start, end: pos + 1, rows };
}

function parseBody(units: readonly Unit[]): Span[] {
  const { spans, pos } = parseContent(units, 0, false);
  if (pos !== units.length) throw malformed('body does not end where its units do');
  return spans;
}

interface ParagraphVisit { span: ParagraphSpan; cell: CellSpan | null }

function paragraphsOf(spans: readonly Span[], cell: CellSpan | null = null, out: ParagraphVisit[] = []): ParagraphVisit[] {
  for (const span of spans) {
    if (span.kind === 'paragraph') out.push({ span, cell });
    else for (const row of span.rows) for (const c of row.cells) paragraphsOf(c.content, c, out);
  }
  return out;
}

function tablesOf(spans: readonly Span[], out: TableSpan[] = []): TableSpan[] {
  for (const span of spans) {
    if (span.kind !== 'table') continue;
    out.push(span);
    for (const row of span.rows) for (const cell of row.cells) tablesOf(cell.content, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Styles

function normalStyle(style: TextStyle): TextStyle {
  const out: TextStyle = {};
  for (const field of TEXT_STYLE_FIELDS) if (style[field] === true) out[field] = true;
  if (style.fontFamily !== undefined) out.fontFamily = style.fontFamily;
  if (style.fontSize !== undefined) out.fontSize = style.fontSize;
  return out;
}

function styleKey(style: TextStyle): string {
  return [...TEXT_STYLE_FIELDS.filter((f) => style[f]), style.fontFamily ?? '', style.fontSize ?? ''].join(',');
}

function textStyleJson(style: TextStyle): TextStyleJson {
  const out: TextStyleJson = {};
  for (const field of TEXT_STYLE_FIELDS) if (style[field]) out[field] = true;
  if (style.fontFamily !== undefined) out.weightedFontFamily = { fontFamily: style.fontFamily, weight: 400 };
  if (style.fontSize !== undefined) out.fontSize = { magnitude: style.fontSize, unit: 'PT' };
  return out;
}

/** A Dimension request field in points: {magnitude, unit: "PT"}; other units are not modelled. */
function points(ctx: RequestContext, value: unknown, name: string): number {
  if (!isObject(value)) ctx.fail(`${name} must be a Dimension.`);
  if (value.unit !== 'PT') ctx.notModelled(`${name} in unit ${String(value.unit)}`);
  const magnitude = value.magnitude ?? 0;
  if (typeof magnitude !== 'number' || !Number.isFinite(magnitude) || magnitude < 0) ctx.fail(`${name}.magnitude must be a number of points, not negative.`);
  return magnitude;
}

function isMarker(unit: Unit | undefined): boolean {
  return unit !== undefined && MARKERS.has(unit.ch);
}

const isHighSurrogate = (ch: string | undefined): boolean => ch !== undefined && /[\ud800-\udbff]/.test(ch);
const isLowSurrogate = (ch: string | undefined): boolean => ch !== undefined && /[\udc00-\udfff]/.test(ch);

// ---------------------------------------------------------------------------------------------
// Reading requests

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The state one batch works on; committed only if every request succeeds (batchUpdate is atomic). */
/** DocumentStyle's page: size and margins in points. */
export interface PageStyle { width: number; height: number; marginTop: number; marginBottom: number; marginLeft: number; marginRight: number }

// US Letter with one-inch margins: what a new Google Doc gets in North America.
const LETTER: PageStyle = { width: 612, height: 792, marginTop: 72, marginBottom: 72, marginLeft: 72, marginRight: 72 };

class Draft {
  constructor(public units: Unit[], public lists: Map<string, BulletPreset>, public listCount: number, public page: PageStyle) {}

  get endIndex(): number {
    return this.units.length + 1;
  }

  spans(): Span[] {
    return parseBody(this.units);
  }
}

class RequestContext {
  constructor(readonly n: number, readonly kind: string) {}

  fail(message: string): never {
    throw new DocsRequestError(`Invalid requests[${this.n}].${this.kind}: ${message}`);
  }

  notModelled(what: string): never {
    throw new Error(`Docs ${this.kind} ${what} is not implemented by the local Workspace (requests[${this.n}])`);
  }

  integer(value: unknown, name: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(`${name} must be an integer.`);
    return value;
  }

  /** The body is the only segment and the document has one tab; anything else has not been modelled. */
  checkSegment(where: Json): void {
    if (where.segmentId !== undefined && where.segmentId !== '') this.notModelled('in a header, footer or footnote');
    if (where.tabId !== undefined && where.tabId !== '') this.notModelled('with a tabId');
  }
}

/** An insertion point: inside a paragraph and before the body's end, as Google requires. */
function insertionIndex(ctx: RequestContext, draft: Draft, request: Json): number {
  const { location, endOfSegmentLocation } = request;
  if ((location === undefined) === (endOfSegmentLocation === undefined)) {
    ctx.fail('Exactly one of location or endOfSegmentLocation must be set.');
  }
  if (endOfSegmentLocation !== undefined) {
    if (!isObject(endOfSegmentLocation)) ctx.fail('endOfSegmentLocation must be an object.');
    ctx.checkSegment(endOfSegmentLocation);
    return draft.endIndex - 1;
  }
  if (!isObject(location)) ctx.fail('location must be an object.');
  ctx.checkSegment(location);
  const index = ctx.integer(location.index, 'location.index');
  if (index >= draft.endIndex) ctx.fail(`Index ${index} must be less than the end index of the referenced segment, ${draft.endIndex}.`);
  const pos = index - 1;
  if (index < 1 || isMarker(draft.units[pos])) ctx.fail('The insertion index must be inside the bounds of an existing paragraph. You can still create new paragraphs by inserting newlines.');
  if (isLowSurrogate(draft.units[pos]?.ch) && isHighSurrogate(draft.units[pos - 1]?.ch)) {
    ctx.fail('The insertion index cannot be within a grapheme cluster.');
  }
  return index;
}

/** A [start, end) range in the body; `end` may reach the body's end (styling may cover the last newline). */
function rangeOf(ctx: RequestContext, draft: Draft, request: Json): { start: number; end: number } {
  const range = request.range;
  if (!isObject(range)) ctx.fail('range must be set.');
  ctx.checkSegment(range);
  const start = ctx.integer(range.startIndex, 'range.startIndex');
  const end = ctx.integer(range.endIndex, 'range.endIndex');
  if (start === end) ctx.fail('The range should not be empty.');
  if (end < start) ctx.fail(`The end index (${end}) must be greater than the start index (${start}).`);
  if (start < 1) ctx.fail('Cannot operate on the first section break in the document.');
  if (end > draft.endIndex) ctx.fail(`Index ${end - 1} must be less than the end index of the referenced segment, ${draft.endIndex}.`);
  return { start, end };
}

function fieldList(ctx: RequestContext, fields: unknown, allowed: readonly string[]): string[] {
  if (typeof fields !== 'string' || fields.trim() === '') ctx.fail("At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)");
  const names = fields.split(',').map((f) => f.trim()).filter(Boolean);
  if (names.includes('*')) return [...allowed];
  for (const name of names) if (!allowed.includes(name)) ctx.notModelled(`field "${name}"`);
  return names;
}

/** Text as Google inserts it: control characters and private-use characters are dropped. */
function unitsOf(text: string, ts: TextStyle, pp: ParagraphProps): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    out.push(ch === '\n' ? { ch, ts, pp: copyProps(pp) } : { ch, ts });
  }
  return out;
}

function copyProps(pp: ParagraphProps): ParagraphProps {
  const out: ParagraphProps = { namedStyleType: pp.namedStyleType };
  if (pp.bullet) out.bullet = { ...pp.bullet };
  for (const field of SPACING_FIELDS) if (pp[field] !== undefined) out[field] = pp[field];
  if (pp.alignment) out.alignment = pp.alignment;
  return out;
}

/** The style of the paragraph holding `pos`: carried by the "\n" that ends it. */
function paragraphPropsAt(units: readonly Unit[], pos: number): ParagraphProps {
  for (let i = pos; i < units.length; i += 1) {
    if (units[i].ch === '\n') return units[i].pp ?? NORMAL;
    if (isMarker(units[i])) break;
  }
  throw malformed(`no paragraph at ${pos + 1}`);
}

/** Inserted text takes the style of the character before it in the same paragraph, else of the one after. */
function textStyleAt(units: readonly Unit[], pos: number): TextStyle {
  const before = units[pos - 1];
  if (before && before.ch !== '\n' && !isMarker(before)) return before.ts;
  return units[pos]?.ts ?? PLAIN;
}

// ---------------------------------------------------------------------------------------------
// The requests

function insertText(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  if (typeof request.text !== 'string') ctx.fail('text must be set.');
  const index = insertionIndex(ctx, draft, request);
  const text = request.text.replace(STRIPPED, '');
  if (text === '') return {};
  const pos = index - 1;
  const added = unitsOf(text, textStyleAt(draft.units, pos), paragraphPropsAt(draft.units, pos));
  draft.units.splice(pos, 0, ...added);
  return {};
}

function deleteContentRange(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const { start, end } = rangeOf(ctx, draft, request);
  if (end === draft.endIndex) ctx.fail('The range cannot include the newline character at the end of the segment.');
  const cannot = (): never => ctx.fail('Invalid deletion range. Cannot delete the requested range.');
  const units = draft.units;
  const spans = draft.spans();
  // Half a surrogate pair may not be deleted.
  for (const edge of [start - 1, end - 1]) {
    if (isLowSurrogate(units[edge]?.ch) && isHighSurrogate(units[edge - 1]?.ch)) cannot();
  }
  for (const table of tablesOf(spans)) {
    const tableStart = table.start + 1;
    const tableEnd = table.end + 1;
    const whole = start <= tableStart && tableEnd <= end;
    // The paragraph break before a table goes only with the table.
    if (start <= tableStart - 1 && tableStart - 1 < end && !whole) cannot();
    if (whole || end <= tableStart || tableEnd <= start) continue;
    // Part of a table may be deleted only inside one cell, keeping that cell's last newline.
    const cell = table.rows.flatMap((r) => r.cells).find((c) => c.start + 2 <= start && end <= c.end + 1);
    if (!cell || end === cell.end + 1) cannot();
  }
  // Deleting across a paragraph break merges two paragraphs; the first one's style survives,
  // as when a paragraph break is deleted in the editor.
  const first = paragraphsOf(spans).find((p) => p.span.start + 1 <= start && start < p.span.end + 1);
  const keepProps = first && first.span.start + 1 < start && first.span.end < end ? units[first.span.end - 1].pp : undefined;
  units.splice(start - 1, end - start);
  if (keepProps) {
    for (let i = start - 1; i < units.length; i += 1) {
      if (units[i].ch === '\n') {
        units[i] = { ch: '\n', ts: units[i].ts, pp: copyProps(keepProps) };
        break;
      }
    }
  }
  return {};
}

function replaceAllText(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const contains = request.containsText;
  if (!isObject(contains) || typeof contains.text !== 'string') ctx.fail('containsText.text must be set.');
  if (contains.text === '') ctx.fail('The search text must not be empty.');
  if (request.tabsCriteria !== undefined) ctx.notModelled('with tabsCriteria');
  if (request.replaceText !== undefined && typeof request.replaceText !== 'string') ctx.fail('replaceText must be a string.');
  const matchCase = contains.matchCase === true;
  const needle = matchCase ? contains.text : contains.text.toLowerCase();
  const replacement = (typeof request.replaceText === 'string' ? request.replaceText : '').replace(STRIPPED, '');
  const units = draft.units;
  const matches: number[] = [];
  // Matches lie within one paragraph, left to right, without overlapping.
  for (const { span } of paragraphsOf(draft.spans())) {
    const text = units.slice(span.start, span.end - 1).map((u) => u.ch).join('');
    const hay = matchCase ? text : text.toLowerCase();
    if (hay.length !== text.length) ctx.notModelled('with text whose lower case changes length');
    let at = hay.indexOf(needle);
    while (at >= 0) {
      matches.push(span.start + at);
      at = hay.indexOf(needle, at + needle.length);
    }
  }
  for (let i = matches.length - 1; i >= 0; i -= 1) {
    const pos = matches[i];
    const added = unitsOf(replacement, units[pos].ts, paragraphPropsAt(units, pos));
    units.splice(pos, needle.length, ...added);
  }
  return { replaceAllText: matches.length ? { occurrencesChanged: matches.length } : {} };
}

function updateParagraphStyle(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const { start, end } = rangeOf(ctx, draft, request);
  const style = request.paragraphStyle;
  if (!isObject(style)) ctx.fail('paragraphStyle must be set.');
  const fields = fieldList(ctx, request.fields, ['namedStyleType', 'alignment', ...SPACING_FIELDS]);
  const alignment = style.alignment;
  if (fields.includes('alignment') && alignment !== undefined && alignment !== 'START' && alignment !== 'CENTER' && alignment !== 'END') {
    if (alignment === 'JUSTIFIED') ctx.notModelled('with alignment JUSTIFIED');
    ctx.fail(`Invalid value at 'requests[${ctx.n}].update_paragraph_style.paragraph_style.alignment' (type.googleapis.com/google.apps.docs.v1.ParagraphStyle.Alignment), "${String(alignment)}"`);
  }
  if (fields.length === 0) return {};
  const named = style.namedStyleType ?? 'NORMAL_TEXT';
  if (fields.includes('namedStyleType') && !NAMED_STYLE_TYPES.includes(named as NamedStyleType)) {
    ctx.fail(`Invalid value at 'requests[${ctx.n}].update_paragraph_style.paragraph_style.named_style_type' (type.googleapis.com/google.apps.docs.v1.NamedStyleType), "${String(named)}"`);
  }
  // A field listed in the mask but absent from paragraphStyle is cleared (back to "inherited").
  const spacing: Partial<Record<(typeof SPACING_FIELDS)[number], number | undefined>> = {};
  for (const field of SPACING_FIELDS) {
    if (!fields.includes(field)) continue;
    if (style[field] === undefined) spacing[field] = undefined;
    else if (field === 'lineSpacing') {
      const value = style[field];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 6) ctx.fail('lineSpacing must be a percentage of normal (100 is single spacing) of at least 6.');
      spacing[field] = value;
    } else spacing[field] = points(ctx, style[field], `paragraphStyle.${field}`);
  }
  for (const { span } of paragraphsOf(draft.spans())) {
    if (span.start + 1 >= end || span.end + 1 <= start) continue;
    const at = span.end - 1;
    const old = draft.units[at];
    const pp = copyProps(old.pp ?? NORMAL);
    if (fields.includes('namedStyleType')) pp.namedStyleType = named as NamedStyleType;
    if (fields.includes('alignment')) {
      if (alignment === undefined) delete pp.alignment;
      else pp.alignment = alignment as 'START' | 'CENTER' | 'END';
    }
    for (const [field, value] of Object.entries(spacing) as [(typeof SPACING_FIELDS)[number], number | undefined][]) {
      if (value === undefined) delete pp[field];
      else pp[field] = value;
    }
    draft.units[at] = { ch: '\n', ts: old.ts, pp };
  }
  return {};
}

function updateTextStyle(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const { start, end } = rangeOf(ctx, draft, request);
  const style = request.textStyle;
  if (!isObject(style)) ctx.fail('textStyle must be set.');
  const fields = fieldList(ctx, request.fields, ALL_TEXT_FIELDS);
  const set: TextStyle = {};
  for (const field of TEXT_STYLE_FIELDS) if (style[field] === true) set[field] = true;
  if (fields.includes('weightedFontFamily') && style.weightedFontFamily !== undefined) {
    const family = style.weightedFontFamily;
    if (!isObject(family) || typeof family.fontFamily !== 'string' || family.fontFamily === '') {
      ctx.fail('weightedFontFamily.fontFamily must be set to a non-empty value when weightedFontFamily is set.');
    }
    if (family.weight !== undefined && family.weight !== 400) ctx.notModelled('with a font weight other than 400');
    set.fontFamily = family.fontFamily;
  }
  if (fields.includes('fontSize') && style.fontSize !== undefined) set.fontSize = points(ctx, style.fontSize, 'textStyle.fontSize');
  for (let pos = start - 1; pos < end - 1; pos += 1) {
    const unit = draft.units[pos];
    if (isMarker(unit)) continue;
    const next: TextStyle = { ...unit.ts };
    for (const field of fields) {
      if (field === 'weightedFontFamily') {
        if (set.fontFamily === undefined) delete next.fontFamily;
        else next.fontFamily = set.fontFamily;
      } else if (field === 'fontSize') {
        if (set.fontSize === undefined) delete next.fontSize;
        else next.fontSize = set.fontSize;
      } else if (set[field as TextStyleField]) next[field as TextStyleField] = true;
      else delete next[field as TextStyleField];
    }
    draft.units[pos] = { ...unit, ts: normalStyle(next) };
  }
  return {};
}

function createParagraphBullets(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const { start, end } = rangeOf(ctx, draft, request);
  const preset = request.bulletPreset;
  if (!BULLET_PRESETS.includes(preset as BulletPreset)) {
    ctx.fail(`Invalid value at 'requests[${ctx.n}].create_paragraph_bullets.bullet_preset' (type.googleapis.com/google.apps.docs.v1.BulletGlyphPreset), "${String(preset)}"`);
  }
  draft.listCount += 1;
  const listId = `kix.list${draft.listCount}`;
  draft.lists.set(listId, preset as BulletPreset);
  const targets = paragraphsOf(draft.spans()).filter(({ span }) => span.start + 1 < end && start < span.end + 1);
  // From the last paragraph back: the leading tabs that give each item its nesting level are
  // removed, as Google documents, which moves every index after them.
  for (let i = targets.length - 1; i >= 0; i -= 1) {
    const { span } = targets[i];
    let tabs = 0;
    while (draft.units[span.start + tabs].ch === '\t') tabs += 1;
    const at = span.end - 1;
    const old = draft.units[at];
    // The paragraph keeps its other style (named style, spacing) and becomes a list item.
    draft.units[at] = { ch: '\n', ts: old.ts, pp: { ...copyProps(old.pp ?? NORMAL), bullet: { listId, nestingLevel: Math.min(tabs, 8) } } };
    if (tabs) draft.units.splice(span.start, tabs);
  }
  return {};
}

function newTableUnits(rows: number, columns: number): Unit[] {
  const out: Unit[] = [{ ch: TABLE_START, ts: PLAIN }];
  for (let r = 0; r < rows; r += 1) {
    out.push({ ch: ROW_START, ts: PLAIN });
    for (let c = 0; c < columns; c += 1) out.push({ ch: CELL_START, ts: PLAIN }, { ch: '\n', ts: PLAIN, pp: NORMAL });
  }
  out.push({ ch: TABLE_END, ts: PLAIN });
  return out;
}

function insertTable(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const rows = ctx.integer(request.rows, 'rows');
  const columns = ctx.integer(request.columns, 'columns');
  if (rows < 1 || columns < 1) ctx.fail('A table must have at least one row and one column.');
  const index = insertionIndex(ctx, draft, request);
  const pos = index - 1;
  // Google inserts a paragraph break first, so the text before the index keeps its paragraph
  // and the table starts at index + 1.
  const newline: Unit = { ch: '\n', ts: textStyleAt(draft.units, pos), pp: copyProps(paragraphPropsAt(draft.units, pos)) };
  draft.units.splice(pos, 0, newline, ...newTableUnits(rows, columns));
  return {};
}

function tableCell(ctx: RequestContext, draft: Draft, request: Json): { table: TableSpan; row: number } {
  const location = request.tableCellLocation;
  if (!isObject(location) || !isObject(location.tableStartLocation)) ctx.fail('tableCellLocation.tableStartLocation must be set.');
  ctx.checkSegment(location.tableStartLocation);
  const index = ctx.integer(location.tableStartLocation.index, 'tableCellLocation.tableStartLocation.index');
  const table = tablesOf(draft.spans()).find((t) => t.start + 1 === index);
  if (!table) ctx.fail(`The table start location ${index} is not the start index of a table.`);
  const row = ctx.integer(location.rowIndex ?? 0, 'tableCellLocation.rowIndex');
  const column = ctx.integer(location.columnIndex ?? 0, 'tableCellLocation.columnIndex');
  if (row < 0 || row >= table.rows.length) ctx.fail(`The row index ${row} is out of bounds: the table has ${table.rows.length} rows.`);
  if (column < 0 || column >= table.rows[row].cells.length) ctx.fail(`The column index ${column} is out of bounds: the row has ${table.rows[row].cells.length} cells.`);
  return { table, row };
}

function insertTableRow(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const { table, row } = tableCell(ctx, draft, request);
  const reference = table.rows[row];
  // The new row has the reference row's cells, empty, each paragraph styled like that cell's last one.
  const added: Unit[] = [{ ch: ROW_START, ts: PLAIN }];
  for (const cell of reference.cells) {
    const last = draft.units[cell.end - 1];
    const style = copyProps(last.pp ?? NORMAL);
    delete style.bullet;
    added.push({ ch: CELL_START, ts: PLAIN }, { ch: '\n', ts: last.ts, pp: style });
  }
  draft.units.splice(request.insertBelow === true ? reference.end : reference.start, 0, ...added);
  return {};
}

function deleteTableRow(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const { table, row } = tableCell(ctx, draft, request);
  if (table.rows.length === 1) ctx.notModelled('of the only row of a table (delete the table with deleteContentRange)');
  const target = table.rows[row];
  draft.units.splice(target.start, target.end - target.start);
  return {};
}

/**
 * UpdateDocumentStyleRequest for the page: documentStyle.pageSize ({width, height} Dimensions) and
 * the four margins, with a field mask (developers.google.com/docs/api/reference/rest/v1/documents#DocumentStyle).
 * Other DocumentStyle fields (headers, backgrounds, page number start…) are not modelled.
 */
function updateDocumentStyle(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const style = request.documentStyle;
  if (!isObject(style)) ctx.fail('documentStyle must be set.');
  if (request.tabId !== undefined && request.tabId !== '') ctx.notModelled('with a tabId');
  const margins = ['marginTop', 'marginBottom', 'marginLeft', 'marginRight'] as const;
  const fields = fieldList(ctx, request.fields, ['pageSize', ...margins]);
  const page = { ...draft.page };
  for (const field of fields) {
    if (field === 'pageSize') {
      const size = style.pageSize;
      if (!isObject(size)) ctx.fail('documentStyle.pageSize must be set when listed in fields.');
      page.width = points(ctx, size.width, 'documentStyle.pageSize.width');
      page.height = points(ctx, size.height, 'documentStyle.pageSize.height');
      if (page.width <= 0 || page.height <= 0) ctx.fail('The page size must be positive.');
    } else {
      page[field as (typeof margins)[number]] = points(ctx, style[field], `documentStyle.${field}`);
    }
  }
  if (page.marginLeft + page.marginRight >= page.width || page.marginTop + page.marginBottom >= page.height) {
    ctx.fail('The margins leave no room on the page.');
  }
  draft.page = page;
  return {};
}

/**
 * InsertPageBreakRequest: "Inserts a page break followed by a newline at the specified location";
 * it must be inside an existing paragraph, and "page breaks cannot be inserted inside a table,
 * equation, footnote, header or footer" (developers.google.com/docs/api/reference/rest/v1/documents/request#insertpagebreakrequest).
 */
function insertPageBreak(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const index = insertionIndex(ctx, draft, request);
  const pos = index - 1;
  if (paragraphsOf(draft.spans()).some(({ span, cell }) => cell !== null && span.start <= pos && pos < span.end)) {
    ctx.fail('Page breaks cannot be inserted inside a table.');
  }
  const ts = textStyleAt(draft.units, pos);
  draft.units.splice(pos, 0, { ch: PAGE_BREAK, ts }, { ch: '\n', ts, pp: copyProps(paragraphPropsAt(draft.units, pos)) });
  return {};
}

/** The table whose start index a request names in tableStartLocation. */
function tableAt(ctx: RequestContext, draft: Draft, location: unknown, name: string): TableSpan {
  if (!isObject(location)) ctx.fail(`${name} must be set.`);
  ctx.checkSegment(location);
  const index = ctx.integer(location.index, `${name}.index`);
  const table = tablesOf(draft.spans()).find((t) => t.start + 1 === index);
  if (!table) ctx.fail(`The table start location ${index} is not the start index of a table.`);
  return table;
}

function indicesIn(ctx: RequestContext, value: unknown, count: number, name: string): number[] {
  if (value === undefined) return Array.from({ length: count }, (_, i) => i);
  if (!Array.isArray(value)) ctx.fail(`${name} must be a list.`);
  return value.map((v) => {
    const i = ctx.integer(v, name);
    if (i < 0 || i >= count) ctx.fail(`${name} ${i} is out of bounds: the table has ${count}.`);
    return i;
  });
}

/**
 * UpdateTableColumnPropertiesRequest: tableStartLocation, columnIndices (none = every column),
 * tableColumnProperties {widthType, width} and a field mask; "if the width type is FIXED_WIDTH the
 * width is used", and a column must be at least 5 points wide
 * (developers.google.com/docs/api/reference/rest/v1/documents/request#updatetablecolumnpropertiesrequest).
 */
function updateTableColumnProperties(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const table = tableAt(ctx, draft, request.tableStartLocation, 'tableStartLocation');
  const columns = Math.max(...table.rows.map((r) => r.cells.length));
  const props = request.tableColumnProperties;
  if (!isObject(props)) ctx.fail('tableColumnProperties must be set.');
  const fields = fieldList(ctx, request.fields, ['width', 'widthType']);
  const type = props.widthType ?? 'EVENLY_DISTRIBUTED';
  if (type !== 'FIXED_WIDTH' && type !== 'EVENLY_DISTRIBUTED') ctx.notModelled(`with widthType ${String(type)}`);
  let width: number | undefined;
  if (type === 'FIXED_WIDTH') {
    if (!fields.includes('width')) ctx.fail('A FIXED_WIDTH column needs its width listed in fields.');
    width = points(ctx, props.width, 'tableColumnProperties.width');
    if (width < 5) ctx.fail('The column width must be at least 5 points.');
  }
  const at = table.start;
  const widths = (draft.units[at].tp?.widths ?? []).slice();
  while (widths.length < columns) widths.push(undefined);
  for (const i of indicesIn(ctx, request.columnIndices, columns, 'columnIndices')) widths[i] = width;
  draft.units[at] = { ...draft.units[at], tp: { widths } };
  return {};
}

/** UpdateTableRowStyleRequest with tableRowStyle.minRowHeight (rowIndices: none = every row). */
function updateTableRowStyle(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const table = tableAt(ctx, draft, request.tableStartLocation, 'tableStartLocation');
  const style = request.tableRowStyle;
  if (!isObject(style)) ctx.fail('tableRowStyle must be set.');
  const fields = fieldList(ctx, request.fields, ['minRowHeight']);
  const height = fields.includes('minRowHeight') && style.minRowHeight !== undefined ? points(ctx, style.minRowHeight, 'tableRowStyle.minRowHeight') : undefined;
  for (const i of indicesIn(ctx, request.rowIndices, table.rows.length, 'rowIndices')) {
    const at = table.rows[i].start;
    draft.units[at] = { ...draft.units[at], rp: height === undefined ? {} : { minRowHeight: height } };
  }
  return {};
}

function borderOf(ctx: RequestContext, value: unknown, name: string): CellBorder {
  if (!isObject(value)) ctx.fail(`${name} must be a TableCellBorder.`);
  const width = points(ctx, value.width ?? { magnitude: 0, unit: 'PT' }, `${name}.width`);
  const dash = value.dashStyle ?? 'SOLID';
  if (dash !== 'SOLID' && dash !== 'DOT' && dash !== 'DASH') ctx.fail(`Invalid value at '${name}.dash_style', "${String(dash)}"`);
  const rgb = isObject(value.color) && isObject(value.color.color) && isObject(value.color.color.rgbColor) ? value.color.color.rgbColor : {};
  const channel = (c: unknown): number => (typeof c === 'number' && c >= 0 && c <= 1 ? c : 0);
  return { width, dashStyle: dash, color: [channel(rgb.red), channel(rgb.green), channel(rgb.blue)] };
}

/**
 * UpdateTableCellStyleRequest: tableCellStyle borders ({width, dashStyle, color}) and padding for a
 * tableRange (a cell location with rowSpan and columnSpan) or, with tableStartLocation, the whole
 * table; fields name what changes (developers.google.com/docs/api/reference/rest/v1/documents/request#updatetablecellstylerequest,
 * TableCellStyle in …/documents#tablecellstyle). Background colour and content alignment are not modelled.
 */
function updateTableCellStyle(ctx: RequestContext, draft: Draft, request: Json): DocsReply {
  const style = request.tableCellStyle;
  if (!isObject(style)) ctx.fail('tableCellStyle must be set.');
  const fields = fieldList(ctx, request.fields, [...CELL_BORDERS, ...CELL_PADDINGS]);
  let cells: CellSpan[];
  if (request.tableRange !== undefined) {
    const range = request.tableRange;
    if (!isObject(range) || !isObject(range.tableCellLocation)) ctx.fail('tableRange.tableCellLocation must be set.');
    const table = tableAt(ctx, draft, range.tableCellLocation.tableStartLocation, 'tableRange.tableCellLocation.tableStartLocation');
    const row = ctx.integer(range.tableCellLocation.rowIndex ?? 0, 'rowIndex');
    const column = ctx.integer(range.tableCellLocation.columnIndex ?? 0, 'columnIndex');
    const rowSpan = ctx.integer(range.rowSpan ?? 1, 'rowSpan');
    const columnSpan = ctx.integer(range.columnSpan ?? 1, 'columnSpan');
    if (row < 0 || column < 0 || rowSpan < 1 || columnSpan < 1 || row + rowSpan > table.rows.length) ctx.fail('The table range is out of bounds.');
    cells = table.rows.slice(row, row + rowSpan).flatMap((r) => {
      if (column + columnSpan > r.cells.length) ctx.fail('The table range is out of bounds.');
      return r.cells.slice(column, column + columnSpan);
    });
  } else {
    cells = tableAt(ctx, draft, request.tableStartLocation, 'tableStartLocation').rows.flatMap((r) => r.cells);
  }
  const changes: CellStyle = {};
  for (const field of fields) {
    if (style[field] === undefined) continue;
    if ((CELL_BORDERS as readonly string[]).includes(field)) changes[field as (typeof CELL_BORDERS)[number]] = borderOf(ctx, style[field], `tableCellStyle.${field}`);
    else changes[field as (typeof CELL_PADDINGS)[number]] = points(ctx, style[field], `tableCellStyle.${field}`);
  }
  for (const cell of cells) {
    const next: CellStyle = { ...(draft.units[cell.start].cs ?? {}) };
    for (const field of fields) {
      const key = field as keyof CellStyle;
      if (changes[key] === undefined) delete next[key];
      else (next as Record<string, unknown>)[key] = changes[key];
    }
    draft.units[cell.start] = { ...draft.units[cell.start], cs: next };
  }
  return {};
}

const HANDLERS: Record<string, (ctx: RequestContext, draft: Draft, request: Json) => DocsReply> = {
  insertText, deleteContentRange, replaceAllText, updateParagraphStyle, updateTextStyle, createParagraphBullets,
  insertTable, insertTableRow, deleteTableRow, updateDocumentStyle, insertPageBreak, updateTableColumnProperties,
  updateTableRowStyle, updateTableCellStyle,
};

// ---------------------------------------------------------------------------------------------
// The document

export class DocumentModel {
  private units: Unit[];
  private lists: Map<string, BulletPreset>;
  private listCount: number;
  private page: PageStyle = { ...LETTER };
  private revision = 1;
  private objectCount = 0;

  constructor(readonly id: string, public title: string) {
    this.units = [{ ch: '\n', ts: PLAIN, pp: NORMAL }];
    this.lists = new Map();
    this.listCount = 0;
  }

  /** A copy under a new id and title, as Drive's copy makes. */
  copy(id: string, title: string): DocumentModel {
    const twin = new DocumentModel(id, title);
    twin.units = this.units.slice();
    twin.lists = new Map(this.lists);
    twin.listCount = this.listCount;
    twin.page = { ...this.page };
    twin.objectCount = this.objectCount;
    return twin;
  }

  get revisionId(): string {
    return `local-rev-${this.revision}`;
  }

  /** The index just past the body's final newline. */
  get endIndex(): number {
    return this.units.length + 1;
  }

  /**
   * Applies documents.batchUpdate requests strictly in order, each seeing the effect of those
   * before it; if any request is invalid none is applied and Google's error is thrown.
   */
  applyBatch(requests: unknown): DocsReply[] {
    if (!Array.isArray(requests)) throw new DocsRequestError('Invalid JSON payload received. requests must be a list.');
    const draft = new Draft(this.units.slice(), new Map(this.lists), this.listCount, { ...this.page });
    const replies: DocsReply[] = [];
    requests.forEach((request, n) => {
      if (!isObject(request)) throw new DocsRequestError(`Invalid requests[${n}]: a request must be an object.`);
      const kinds = Object.keys(request);
      if (kinds.length !== 1) throw new DocsRequestError(`Invalid requests[${n}]: exactly one kind of request must be set, found ${kinds.length ? kinds.join(', ') : 'none'}.`);
      const kind = kinds[0];
      if (!DOCS_REQUEST_KINDS.has(kind)) {
        throw new DocsRequestError(`Invalid JSON payload received. Unknown name "${kind}" at 'requests[${n}]': Cannot find field.`);
      }
      const handler = HANDLERS[kind];
      if (!handler) throw new Error(`Docs request ${kind} is not implemented by the local Workspace (requests[${n}])`);
      const body = request[kind];
      if (!isObject(body)) throw new DocsRequestError(`Invalid requests[${n}].${kind}: the request body must be an object.`);
      replies.push(handler(new RequestContext(n, kind), draft, body));
    });
    parseBody(draft.units); // every request keeps the document well formed; this guards the model itself
    this.units = draft.units;
    this.lists = draft.lists;
    this.listCount = draft.listCount;
    this.page = draft.page;
    this.revision += 1;
    return replies;
  }

  /**
   * Puts an image at the end of the paragraph that holds index `index` (DocumentApp's
   * Paragraph.appendInlineImage); returns the inline object's ID. A direct edit, outside any batch.
   */
  appendInlineImage(index: number, image: Omit<InlineImage, 'id'>): string {
    const spans = paragraphsOf(parseBody(this.units));
    const paragraph = spans.find(({ span }) => span.start <= index - 1 && index - 1 < span.end);
    if (!paragraph) throw new Error(`Local Docs model: no paragraph at ${index}`);
    this.objectCount += 1;
    const id = `kix.local${this.objectCount}`;
    const end = paragraph.span.end - 1;
    this.units.splice(end, 0, { ch: INLINE_OBJECT, ts: this.units[end].ts, img: { ...image, id } });
    this.revision += 1;
    return id;
  }

  /** Changes an inline image's size in points (DocumentApp's InlineImage.setWidth / setHeight). */
  resizeInlineImage(id: string, size: { width?: number; height?: number }): void {
    const at = this.units.findIndex((u) => u.img?.id === id);
    if (at < 0) throw new Error('Action not allowed: the image is no longer in the document.');
    const img = this.units[at].img as InlineImage;
    this.units[at] = { ...this.units[at], img: { ...img, width: size.width ?? img.width, height: size.height ?? img.height } };
    this.revision += 1;
  }

  /** The image an inline object ID names, with its bytes (for exports). */
  inlineImage(id: string): InlineImage | undefined {
    return this.units.find((u) => u.img?.id === id)?.img;
  }

  /** The first match of literal `text` at or after index `from`: its [start, end) indices, within one paragraph. */
  findText(text: string, from = 1): { start: number; end: number } | null {
    for (const { span } of paragraphsOf(parseBody(this.units))) {
      const hay = this.units.slice(span.start, span.end - 1).map((u) => u.ch).join('');
      let at = hay.indexOf(text);
      while (at >= 0 && span.start + at + 1 < from) at = hay.indexOf(text, at + 1);
      if (at >= 0) return { start: span.start + at + 1, end: span.start + at + 1 + text.length };
    }
    return null;
  }

  /** The body's text, tables as their cells' paragraphs in order (markers left out). */
  plainText(): string {
    return this.units.filter((u) => !isMarker(u)).map((u) => u.ch).join('');
  }

  /** What documents.get returns for this document. */
  toJson(): DocumentJson {
    const pt = (magnitude: number): Dimension => ({ magnitude, unit: 'PT' });
    const json: DocumentJson = {
      documentId: this.id,
      title: this.title,
      revisionId: this.revisionId,
      body: {
        content: [
          {
            endIndex: 1,
            sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } },
          },
          ...renderSpans(this.units, parseBody(this.units)),
        ],
      },
      documentStyle: {
        pageSize: { width: pt(this.page.width), height: pt(this.page.height) },
        marginTop: pt(this.page.marginTop), marginBottom: pt(this.page.marginBottom),
        marginLeft: pt(this.page.marginLeft), marginRight: pt(this.page.marginRight),
      },
      suggestionsViewMode: 'SUGGESTIONS_INLINE',
    };
    if (this.lists.size) {
      json.lists = Object.fromEntries([...this.lists].map(([id, preset]) => [id, listJson(preset)]));
    }
    const images = this.units.filter((u) => u.img).map((u) => u.img as InlineImage);
    if (images.length) {
      // Google's contentUri is a short-lived googleusercontent address; the model names the image by its document and ID.
      json.inlineObjects = Object.fromEntries(images.map((img) => [img.id, {
        objectId: img.id,
        inlineObjectProperties: {
          embeddedObject: { imageProperties: { contentUri: `https://lh3.googleusercontent.com/docs-local/${this.id}/${img.id}` }, size: { width: pt(img.width), height: pt(img.height) } },
        },
      }]));
    }
    return json;
  }
}

function renderSpans(units: readonly Unit[], spans: readonly Span[]): StructuralElementJson[] {
  return spans.map((span) => (span.kind === 'paragraph' ? renderParagraph(units, span) : renderTable(units, span)));
}

function renderParagraph(units: readonly Unit[], span: ParagraphSpan): StructuralElementJson {
  const elements: ParagraphElementJson[] = [];
  let runStart = span.start;
  const special = (ch: string): boolean => ch === PAGE_BREAK || ch === INLINE_OBJECT;
  for (let pos = span.start + 1; pos <= span.end; pos += 1) {
    if (special(units[runStart].ch)) {
      const unit = units[runStart];
      elements.push(unit.ch === PAGE_BREAK
        ? { startIndex: runStart + 1, endIndex: runStart + 2, pageBreak: { textStyle: textStyleJson(unit.ts) } }
        : { startIndex: runStart + 1, endIndex: runStart + 2, inlineObjectElement: { inlineObjectId: unit.img?.id ?? '', textStyle: textStyleJson(unit.ts) } });
      runStart = pos;
      continue;
    }
    if (pos < span.end && !special(units[pos].ch) && styleKey(units[pos].ts) === styleKey(units[runStart].ts)) continue;
    elements.push({
      startIndex: runStart + 1,
      endIndex: pos + 1,
      textRun: { content: units.slice(runStart, pos).map((u) => u.ch).join(''), textStyle: textStyleJson(units[runStart].ts) },
    });
    runStart = pos;
  }
  const pp = units[span.end - 1].pp ?? NORMAL;
  const paragraph: ParagraphJson = { elements, paragraphStyle: { namedStyleType: pp.namedStyleType, direction: 'LEFT_TO_RIGHT' } };
  if (pp.spaceAbove !== undefined) paragraph.paragraphStyle.spaceAbove = { magnitude: pp.spaceAbove, unit: 'PT' };
  if (pp.spaceBelow !== undefined) paragraph.paragraphStyle.spaceBelow = { magnitude: pp.spaceBelow, unit: 'PT' };
  if (pp.lineSpacing !== undefined) paragraph.paragraphStyle.lineSpacing = pp.lineSpacing;
  if (pp.alignment) paragraph.paragraphStyle.alignment = pp.alignment;
  if (pp.bullet) {
    paragraph.bullet = { listId: pp.bullet.listId, textStyle: {} };
    if (pp.bullet.nestingLevel > 0) paragraph.bullet.nestingLevel = pp.bullet.nestingLevel;
  }
  return { startIndex: span.start + 1, endIndex: span.end + 1, paragraph };
}

function renderTable(units: readonly Unit[], span: TableSpan): StructuralElementJson {
  const columns = Math.max(...span.rows.map((r) => r.cells.length));
  return {
    startIndex: span.start + 1,
    endIndex: span.end + 1,
    table: {
      rows: span.rows.length,
      columns,
      tableRows: span.rows.map((row) => ({
        startIndex: row.start + 1,
        endIndex: row.end + 1,
        tableCells: row.cells.map((cell) => ({
          startIndex: cell.start + 1,
          endIndex: cell.end + 1,
          content: renderSpans(units, cell.content),
          tableCellStyle: { rowSpan: 1, columnSpan: 1, ...cellStyleJson(units[cell.start].cs) },
        })),
        tableRowStyle: { minRowHeight: units[row.start].rp?.minRowHeight === undefined ? { unit: 'PT' as const } : { magnitude: units[row.start].rp?.minRowHeight, unit: 'PT' as const } },
      })),
      tableStyle: {
        tableColumnProperties: Array.from({ length: columns }, (_, i) => {
          const width = units[span.start].tp?.widths[i];
          return width === undefined ? { widthType: 'EVENLY_DISTRIBUTED' as const } : { widthType: 'FIXED_WIDTH' as const, width: { magnitude: width, unit: 'PT' as const } };
        }),
      },
    },
  };
}

function cellStyleJson(style: CellStyle | undefined): Partial<TableCellJson['tableCellStyle']> {
  const out: Partial<TableCellJson['tableCellStyle']> = {};
  if (!style) return out;
  for (const side of CELL_BORDERS) {
    const border = style[side];
    if (border) out[side] = { width: { magnitude: border.width, unit: 'PT' }, dashStyle: border.dashStyle, color: { color: { rgbColor: { red: border.color[0], green: border.color[1], blue: border.color[2] } } } };
  }
  for (const side of CELL_PADDINGS) if (style[side] !== undefined) out[side] = { magnitude: style[side], unit: 'PT' };
  return out;
}

/** Glyphs per nesting level, repeating every three levels as Google's presets do. */
function listJson(preset: BulletPreset): ListJson {
  const symbols: Partial<Record<BulletPreset, string[]>> = {
    BULLET_DISC_CIRCLE_SQUARE: ['●', '○', '■'],
    BULLET_DIAMONDX_ARROW3D_SQUARE: ['❖', '➢', '■'],
    BULLET_CHECKBOX: ['☐', '☐', '☐'],
    BULLET_ARROW_DIAMOND_DISC: ['➔', '◆', '●'],
    BULLET_STAR_CIRCLE_SQUARE: ['★', '○', '■'],
    BULLET_ARROW3D_CIRCLE_SQUARE: ['➢', '○', '■'],
    BULLET_LEFTTRIANGLE_DIAMOND_DISC: ['◄', '◆', '●'],
    BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE: ['❖', '◇', '■'],
    BULLET_DIAMOND_CIRCLE_SQUARE: ['◆', '○', '■'],
  };
  const numbers: Partial<Record<BulletPreset, { types: string[]; format: (level: number) => string }>> = {
    NUMBERED_DECIMAL_ALPHA_ROMAN: { types: ['DECIMAL', 'ALPHA', 'ROMAN'], format: (l) => `%${l}.` },
    NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS: { types: ['DECIMAL', 'ALPHA', 'ROMAN'], format: (l) => `%${l})` },
    NUMBERED_DECIMAL_NESTED: { types: ['DECIMAL', 'DECIMAL', 'DECIMAL'], format: (l) => Array.from({ length: l + 1 }, (_, i) => `%${i}.`).join('') },
    NUMBERED_UPPERALPHA_ALPHA_ROMAN: { types: ['UPPER_ALPHA', 'ALPHA', 'ROMAN'], format: (l) => `%${l}.` },
    NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL: { types: ['UPPER_ROMAN', 'UPPER_ALPHA', 'DECIMAL'], format: (l) => `%${l}.` },
    NUMBERED_ZERODECIMAL_ALPHA_ROMAN: { types: ['ZERO_DECIMAL', 'ALPHA', 'ROMAN'], format: (l) => `%${l}.` },
  };
  const nestingLevels = Array.from({ length: 9 }, (_, level): NestingLevelJson => {
    const base = {
      bulletAlignment: 'START' as const,
      indentFirstLine: { magnitude: 18 + 36 * level, unit: 'PT' as const },
      indentStart: { magnitude: 36 + 36 * level, unit: 'PT' as const },
      startNumber: 1,
      textStyle: {},
    };
    const numbered = numbers[preset];
    if (numbered) return { ...base, glyphFormat: numbered.format(level), glyphType: numbered.types[level % 3] };
    return { ...base, glyphFormat: `%${level}`, glyphSymbol: (symbols[preset] ?? ['●', '○', '■'])[level % 3] };
  });
  return { listProperties: { nestingLevels } };
}

// ---------------------------------------------------------------------------------------------
// Reading documents.get JSON for the exporters (PDF, docx): plain blocks in reading order.

export interface RunView {
  text: string; bold: boolean; italic: boolean; underline: boolean; fontFamily?: string; fontSize?: number;
  /** An inline image in the line (its text is ''): the inline object's ID and size in points. */
  image?: { objectId: string; width: number; height: number };
}
/** A table cell's explicit style, in points (borders: width 0 draws nothing). */
export type CellStyleView = CellStyle;
/** A paragraph's explicit spacing in points, and line spacing as a percentage of single. */
export interface SpacingView { spaceAbove?: number; spaceBelow?: number; lineSpacing?: number }
export interface ListItemView { listId: string; level: number; numbered: boolean; label: string }
export type BlockView =
  | { type: 'paragraph'; style: NamedStyleType; runs: RunView[]; list?: ListItemView; spacing: SpacingView; alignment?: 'START' | 'CENTER' | 'END'; pageBreak?: true; markSize?: number }
  | {
      type: 'table'; rows: BlockView[][][];
      /** Fixed column widths in points; undefined where the column is evenly distributed. */
      columnWidths?: (number | undefined)[];
      minRowHeights?: (number | undefined)[];
      cellStyles?: CellStyleView[][];
    };

/** The body of a documents.get response as headings, paragraphs, list items and tables. */
export function readDocument(json: DocumentJson): BlockView[] {
  const counters = new Map<string, number[]>();
  const read = (content: readonly StructuralElementJson[]): BlockView[] => {
    const blocks: BlockView[] = [];
    for (const element of content) {
      if (element.paragraph) blocks.push(readParagraph(element.paragraph));
      else if (element.table) {
        const table = element.table;
        blocks.push({
          type: 'table', rows: table.tableRows.map((row) => row.tableCells.map((cell) => read(cell.content))),
          columnWidths: table.tableStyle.tableColumnProperties.map((c) => (c.widthType === 'FIXED_WIDTH' ? c.width.magnitude : undefined)),
          minRowHeights: table.tableRows.map((row) => row.tableRowStyle.minRowHeight.magnitude),
          cellStyles: table.tableRows.map((row) => row.tableCells.map((cell) => cellStyleView(cell.tableCellStyle))),
        });
      }
    }
    return blocks;
  };
  const readParagraph = (paragraph: ParagraphJson): BlockView => {
    const runs: RunView[] = [];
    let pageBreak = false;
    let markSize: number | undefined;
    for (const element of paragraph.elements) {
      if (element.pageBreak) pageBreak = true;
      if (element.inlineObjectElement) {
        const id = element.inlineObjectElement.inlineObjectId;
        const size = json.inlineObjects?.[id]?.inlineObjectProperties.embeddedObject.size;
        runs.push({ text: '', bold: false, italic: false, underline: false, image: { objectId: id, width: size?.width.magnitude ?? 0, height: size?.height.magnitude ?? 0 } });
      }
      if (!element.textRun) continue;
      // The paragraph mark's own size sets an empty paragraph's height, as in the editor.
      if (element.textRun.content.endsWith('\n') && element.textRun.textStyle.fontSize?.magnitude !== undefined) markSize = element.textRun.textStyle.fontSize.magnitude;
      const text = element.textRun.content.replace(/\n$/, '');
      if (text === '') continue;
      const s = element.textRun.textStyle;
      const run: RunView = { text, bold: s.bold === true, italic: s.italic === true, underline: s.underline === true };
      if (s.weightedFontFamily) run.fontFamily = s.weightedFontFamily.fontFamily;
      if (s.fontSize?.magnitude !== undefined) run.fontSize = s.fontSize.magnitude;
      runs.push(run);
    }
    const ps = paragraph.paragraphStyle;
    const spacing: SpacingView = {};
    if (ps.spaceAbove?.magnitude !== undefined) spacing.spaceAbove = ps.spaceAbove.magnitude;
    if (ps.spaceBelow?.magnitude !== undefined) spacing.spaceBelow = ps.spaceBelow.magnitude;
    if (ps.lineSpacing !== undefined) spacing.lineSpacing = ps.lineSpacing;
    const block: BlockView = { type: 'paragraph', style: ps.namedStyleType, runs, spacing };
    if (ps.alignment && ps.alignment !== 'START') block.alignment = ps.alignment;
    if (pageBreak) block.pageBreak = true;
    if (markSize !== undefined) block.markSize = markSize;
    if (paragraph.bullet) {
      const level = paragraph.bullet.nestingLevel ?? 0;
      const glyph = json.lists?.[paragraph.bullet.listId]?.listProperties.nestingLevels[level];
      const numbered = glyph?.glyphType !== undefined;
      const count = counters.get(paragraph.bullet.listId) ?? [];
      count[level] = (count[level] ?? 0) + 1;
      count.length = level + 1;
      counters.set(paragraph.bullet.listId, count);
      block.list = { listId: paragraph.bullet.listId, level, numbered, label: numbered ? numberLabel(glyph?.glyphType ?? 'DECIMAL', count[level]) + ((glyph?.glyphFormat ?? '').endsWith(')') ? ')' : '.') : '•' };
    }
    return block;
  };
  return read(json.body.content);
}

function cellStyleView(style: TableCellJson['tableCellStyle']): CellStyleView {
  const out: CellStyleView = {};
  for (const side of CELL_BORDERS) {
    const border = style[side];
    if (border) {
      const rgb = border.color.color.rgbColor;
      out[side] = { width: border.width.magnitude ?? 0, dashStyle: border.dashStyle, color: [rgb.red ?? 0, rgb.green ?? 0, rgb.blue ?? 0] };
    }
  }
  for (const side of CELL_PADDINGS) if (style[side]) out[side] = style[side]?.magnitude ?? 0;
  return out;
}

function numberLabel(type: string, n: number): string {
  const alpha = (k: number): string => (k <= 0 ? '' : alpha(Math.floor((k - 1) / 26)) + String.fromCharCode(97 + ((k - 1) % 26)));
  const roman = (k: number): string => {
    const table: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
    let out = '';
    for (const [value, letters] of table) while (k >= value) { out += letters; k -= value; }
    return out;
  };
  switch (type) {
    case 'ALPHA': return alpha(n);
    case 'UPPER_ALPHA': return alpha(n).toUpperCase();
    case 'ROMAN': return roman(n);
    case 'UPPER_ROMAN': return roman(n).toUpperCase();
    case 'ZERO_DECIMAL': return String(n).padStart(2, '0');
    default: return String(n);
  }
}
