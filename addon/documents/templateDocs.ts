// The shape of a built-in document template, and the requests that write one into a new, empty Google Doc.
//
// Templates are Markdown in templates/documents/, parsed at build time into this block model and
// embedded in the bundle; installing one is Docs.Documents.create then one batchUpdate with
// templateToRequests(template). The requests are from the subset documented in merge.ts.

import { BulletPreset, DocsRequest, NamedStyleType } from './merge';

export type TemplateKind = 'contract' | 'job-description' | 'reference-letter' | 'certificate';
export const TEMPLATE_KINDS: readonly TemplateKind[] = ['contract', 'job-description', 'reference-letter', 'certificate'];

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type TemplateBlock =
  | { type: 'heading'; level: 1 | 2 | 3; runs: TextRun[] }
  | { type: 'paragraph'; runs: TextRun[] }
  | { type: 'list'; ordered: boolean; items: TextRun[][] }
  /** rows[row][column] is a cell's runs; `header` makes the first row bold. */
  | { type: 'table'; rows: TextRun[][][]; header?: boolean }
  /** A line to sign on, with room above it for the signature. */
  | { type: 'signature-line' };

export interface DocumentTemplate {
  /** Stable id, e.g. "employment-contract": how the add-on finds an installed template again. */
  id: string;
  /** The name of the template document in Drive. */
  title: string;
  kind: TemplateKind;
  /** For a job description: the Role it describes, as in the Staff tab. */
  role?: string;
  /** Name of each generated document, with fields: "{{Full name}} - Employment contract". */
  fileName: string;
  /** Fields that must not be blank for a person before their document is made. */
  requires: string[];
  blocks: TemplateBlock[];
}

/** Markdown # is the document's title; ## and ### are its headings. */
const HEADING_STYLES: Record<1 | 2 | 3, NamedStyleType> = { 1: 'TITLE', 2: 'HEADING_1', 3: 'HEADING_2' };

/**
 * The look every template gets, set explicitly so that it does not depend on the installing
 * person's Docs defaults (a Docs account set up outside North America starts on A4): US Letter
 * pages (8.5 × 11 in = 612 × 792 pt) with one-inch margins, Arial 11 pt body text, headings a few
 * sizes up, 1.15 line spacing and space between paragraphs, and signature lines with room above to sign.
 */
export const TEMPLATE_LAYOUT = {
  page: { width: 612, height: 792, margin: 72 },
  fontFamily: 'Arial',
  bodySize: 11,
  headingSizes: { TITLE: 20, HEADING_1: 14, HEADING_2: 12 } as Record<string, number>,
  lineSpacing: 115,
  /** Space below a body paragraph, a list item, and above and below a heading, in points. */
  paragraphBelow: 6,
  listItemBelow: 3,
  headingAbove: 14,
  headingBelow: 4,
  /** Room above a signature line: about four lines of text, enough to sign by hand. */
  signatureAbove: 40,
} as const;

/** The text of a signature line: underscores long enough to sign on. */
export const SIGNATURE_LINE = '_'.repeat(36);

const pt = (magnitude: number): { magnitude: number; unit: 'PT' } => ({ magnitude, unit: 'PT' });

/**
 * The batchUpdate requests that write `template` into a freshly created document, whose body is
 * one empty paragraph at index 1.
 *
 * All text goes in first, always at the end of the document, so no index recorded on the way
 * ever moves; then paragraph styles, bold/italic and bullets are applied to those ranges. Because
 * nothing is styled while text goes in, no inserted text can inherit a neighbour's style.
 */
export function templateToRequests(template: DocumentTemplate): DocsRequest[] {
  const inserts: DocsRequest[] = [];
  const styles: DocsRequest[] = [];
  const bullets: DocsRequest[] = [];
  /** Spacing and font sizes go after the named styles, which they refine. */
  const layout: DocsRequest[] = [];
  const spacing = (range: { start: number; end: number }, above: number, below: number): void => {
    layout.push({
      updateParagraphStyle: {
        range: { startIndex: range.start, endIndex: range.end },
        paragraphStyle: { spaceAbove: pt(above), spaceBelow: pt(below), lineSpacing: TEMPLATE_LAYOUT.lineSpacing },
        fields: 'spaceAbove,spaceBelow,lineSpacing',
      },
    });
  };
  // `cursor` is just before the last paragraph's "\n". `lastHoldsText` says whether that last
  // paragraph already holds a block (so the next one must start a new paragraph) or is empty.
  let cursor = 1;
  let lastHoldsText = false;
  /** A paragraph right after a table gets space above it, so its text does not touch the table's border. */
  let afterTable = false;

  const styleRuns = (runs: readonly TextRun[], start: number, forceBold = false): void => {
    let offset = start;
    for (const run of runs) {
      const bold = forceBold || run.bold === true;
      const italic = run.italic === true;
      if (run.text.length > 0 && (bold || italic)) {
        const textStyle = { ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) };
        const fields = [bold ? 'bold' : '', italic ? 'italic' : ''].filter(Boolean).join(',');
        styles.push({ updateTextStyle: { range: { startIndex: offset, endIndex: offset + run.text.length }, textStyle, fields } });
      }
      offset += run.text.length;
    }
  };

  /** Adds one paragraph at the end; returns its range, "\n" included. */
  const addParagraph = (runs: readonly TextRun[]): { start: number; end: number } => {
    // The Markdown parser trims every line, so no paragraph starts with a tab: createParagraphBullets
    // would read one as nesting and delete it, moving every later index.
    const text = runs.map((run) => run.text).join('');
    const prefix = lastHoldsText ? '\n' : '';
    if (prefix + text !== '') inserts.push({ insertText: { location: { index: cursor }, text: prefix + text } });
    const start = cursor + prefix.length;
    styleRuns(runs, start);
    cursor = start + text.length;
    lastHoldsText = true;
    return { start, end: cursor + 1 };
  };

  for (const block of template.blocks) {
    if (block.type === 'heading' || block.type === 'paragraph' || block.type === 'signature-line') {
      const runs = block.type === 'signature-line' ? [{ text: SIGNATURE_LINE }] : block.runs;
      const range = addParagraph(runs);
      const namedStyleType = block.type === 'heading' ? HEADING_STYLES[block.level] : 'NORMAL_TEXT';
      styles.push({ updateParagraphStyle: { range: { startIndex: range.start, endIndex: range.end }, paragraphStyle: { namedStyleType }, fields: 'namedStyleType' } });
      if (block.type === 'heading') {
        spacing(range, TEMPLATE_LAYOUT.headingAbove, TEMPLATE_LAYOUT.headingBelow);
        if (range.end - 1 > range.start) {
          const size = TEMPLATE_LAYOUT.headingSizes[namedStyleType];
          layout.push({ updateTextStyle: { range: { startIndex: range.start, endIndex: range.end - 1 }, textStyle: { fontSize: pt(size) }, fields: 'fontSize' } });
        }
      } else if (block.type === 'signature-line') spacing(range, TEMPLATE_LAYOUT.signatureAbove, 0);
      else spacing(range, afterTable ? TEMPLATE_LAYOUT.paragraphBelow : 0, TEMPLATE_LAYOUT.paragraphBelow);
      // A paragraph of markers only goes when the document is made: the one after it takes its place.
      const markersOnly = /^(\{\{\s*[#/][^{}]*\}\}\s*)+$/.test(runs.map((run) => run.text).join(''));
      if (!markersOnly) afterTable = false;
    } else if (block.type === 'list') {
      if (block.items.length === 0) continue;
      const ranges = block.items.map((item) => addParagraph(item));
      const bulletPreset: BulletPreset = block.ordered ? 'NUMBERED_DECIMAL_ALPHA_ROMAN' : 'BULLET_DISC_CIRCLE_SQUARE';
      const range = { startIndex: ranges[0].start, endIndex: ranges[ranges.length - 1].end };
      styles.push({ updateParagraphStyle: { range, paragraphStyle: { namedStyleType: 'NORMAL_TEXT' }, fields: 'namedStyleType' } });
      spacing({ start: range.startIndex, end: range.endIndex }, 0, TEMPLATE_LAYOUT.listItemBelow);
      if (afterTable) spacing(ranges[0], TEMPLATE_LAYOUT.paragraphBelow, TEMPLATE_LAYOUT.listItemBelow);
      afterTable = false;
      bullets.push({ createParagraphBullets: { range, bulletPreset } });
    } else {
      const rowCount = block.rows.length;
      const columnCount = Math.max(0, ...block.rows.map((row) => row.length));
      if (rowCount === 0 || columnCount === 0) continue;
      // The table goes where the cursor is; Docs puts a "\n" first, so it starts one further on.
      inserts.push({ insertTable: { rows: rowCount, columns: columnCount, location: { index: cursor } } });
      const tableStart = cursor + 1;
      const rowSize = 1 + 2 * columnCount;
      // Fill the empty cells from the last one back, so each cell is where the empty table put it.
      for (let row = rowCount - 1; row >= 0; row--) {
        for (let column = columnCount - 1; column >= 0; column--) {
          const text = (block.rows[row][column] ?? []).map((run) => run.text).join('');
          if (text !== '') inserts.push({ insertText: { location: { index: tableStart + 3 + row * rowSize + 2 * column }, text } });
        }
      }
      // Once filled, each cell starts after its row's and cell's own index and the earlier text.
      let position = tableStart + 1;
      block.rows.forEach((cells, row) => {
        position += 1;
        for (let column = 0; column < columnCount; column++) {
          position += 1;
          const runs = cells[column] ?? [];
          styleRuns(runs, position, block.header === true && row === 0);
          position += runs.reduce((length, run) => length + run.text.length, 0) + 1;
        }
      });
      // The table's end takes one index of its own (a 2×2 table inserted at 1 spans [2, 14)), so the
      // paragraph after it starts one further on.
      cursor = position + 1;
      lastHoldsText = false;
      afterTable = true;
    }
  }
  // The whole body in the template's font and body size first; headings then take their own sizes.
  // The body ends just after the last paragraph's "\n", at cursor + 1.
  const body = { startIndex: 1, endIndex: cursor + 1 };
  const font: DocsRequest[] = [
    { updateTextStyle: { range: body, textStyle: { weightedFontFamily: { fontFamily: TEMPLATE_LAYOUT.fontFamily }, fontSize: pt(TEMPLATE_LAYOUT.bodySize) }, fields: 'weightedFontFamily,fontSize' } },
  ];
  const { width, height, margin } = TEMPLATE_LAYOUT.page;
  const page: DocsRequest = {
    updateDocumentStyle: {
      documentStyle: { pageSize: { width: pt(width), height: pt(height) }, marginTop: pt(margin), marginBottom: pt(margin), marginLeft: pt(margin), marginRight: pt(margin) },
      fields: 'pageSize,marginTop,marginBottom,marginLeft,marginRight',
    },
  };
  return [page, ...inserts, ...styles, ...font, ...layout, ...bullets];
}
