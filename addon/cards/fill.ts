// The one batchUpdate that fills a copy of a card template: each {{field}} replaced by index from the end backwards, the name at the size that fits, and for business cards the top-left card repeated into the empty cells. Pure.
//
// Values go in by index, never by replaceAllText: a later search would match text an earlier
// request inserted, so a name such as "Sam {{Role}}" would not print as written (merge.ts says the
// same of documents). The photo placeholder is left for the Apps Script step that puts the image
// there (make.ts): the Docs API takes images only from a public URL.

import { findPlaceholders, type DocsRequest } from '../documents/merge';
import { CARD_FIELDS, type CardField } from './layout';

/** documents.get JSON as the card fill reads it. */
export interface CardTextStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  weightedFontFamily?: { fontFamily: string };
  fontSize?: { magnitude?: number; unit: 'PT' };
}
export interface CardElement {
  startIndex?: number;
  endIndex?: number;
  textRun?: { content?: string; textStyle?: CardTextStyle };
}
export interface CardParagraph {
  elements?: CardElement[];
  paragraphStyle?: { alignment?: string; spaceAbove?: { magnitude?: number; unit: 'PT' }; spaceBelow?: { magnitude?: number; unit: 'PT' }; lineSpacing?: number };
}
export interface CardStructural {
  startIndex?: number;
  endIndex?: number;
  paragraph?: CardParagraph;
  table?: { tableRows?: { tableCells?: { content?: CardStructural[] }[] }[] };
}
export interface CardDocJson {
  body?: { content?: CardStructural[] };
}

export type CardValues = Record<Exclude<CardField, 'Photo'>, string>;

/** Stands in for a non-text element so offsets stay indices. */
const OBJECT_CHAR = '\uFFFC';

interface FoundParagraph { start: number; text: string; paragraph: CardParagraph }

function paragraphs(content: readonly CardStructural[] | undefined, out: FoundParagraph[] = []): FoundParagraph[] {
  for (const element of content ?? []) {
    if (element.paragraph) {
      const start = element.startIndex ?? 0;
      let text = '';
      for (const part of element.paragraph.elements ?? []) {
        const offset = (part.startIndex ?? 0) - start;
        if (offset > text.length) text += OBJECT_CHAR.repeat(offset - text.length);
        text += part.textRun ? part.textRun.content ?? '' : OBJECT_CHAR.repeat(Math.max(0, (part.endIndex ?? 0) - (part.startIndex ?? 0)));
      }
      out.push({ start, text, paragraph: element.paragraph });
    } else if (element.table) {
      for (const row of element.table.tableRows ?? []) for (const cell of row.tableCells ?? []) paragraphs(cell.content, out);
    }
  }
  return out;
}

/** Placeholders a card template uses that are not card fields, as written ("{{Wage}}"). */
export function unknownCardFields(doc: CardDocJson): string[] {
  const known = new Set<string>(CARD_FIELDS);
  const unknown: string[] = [];
  for (const p of paragraphs(doc.body?.content)) {
    for (const found of findPlaceholders(p.text)) {
      if ((found.kind !== 'field' || !known.has(found.name)) && !unknown.includes(found.raw)) unknown.push(found.raw);
    }
  }
  return unknown;
}

/** Whether the template has a {{Photo}} for the image to go in. */
export function hasPhotoField(doc: CardDocJson): boolean {
  return paragraphs(doc.body?.content).some((p) => findPlaceholders(p.text).some((f) => f.kind === 'field' && f.name === 'Photo'));
}

const pt = (magnitude: number): { magnitude: number; unit: 'PT' } => ({ magnitude, unit: 'PT' });

/** One change at one place: its requests touch only indices at or after `at`. */
interface Step { at: number; requests: DocsRequest[] }

/** A step per placeholder in `found`. */
function fillSteps(found: readonly FoundParagraph[], values: CardValues, nameSize: number): Step[] {
  const steps: Step[] = [];
  for (const p of found) {
    for (const f of findPlaceholders(p.text)) {
      if (f.kind !== 'field' || f.name === 'Photo') continue;
      const at = p.start + f.from;
      const length = f.to - f.from;
      const value = values[f.name as keyof CardValues] ?? '';
      const requests: DocsRequest[] = [];
      // The value goes in just after the placeholder's "}}", taking its style, then the placeholder goes.
      if (value) requests.push({ insertText: { location: { index: at + length }, text: value } });
      requests.push({ deleteContentRange: { range: { startIndex: at, endIndex: at + length } } });
      if (f.name === 'Card name' && value) {
        requests.push({ updateTextStyle: { range: { startIndex: at, endIndex: at + value.length }, textStyle: { fontSize: pt(nameSize) }, fields: 'fontSize' } });
      }
      steps.push({ at, requests });
    }
  }
  return steps;
}

/** A run of a paragraph after filling: its text and the style it takes from the template's run. */
interface Piece { text: string; style: CardTextStyle; name: boolean }

/** A template paragraph's runs with their placeholders filled in, each value in its placeholder's style. */
function filledPieces(paragraph: CardParagraph, values: CardValues): Piece[] {
  const pieces: Piece[] = [];
  for (const part of paragraph.elements ?? []) {
    const content = (part.textRun?.content ?? '').replace(/\n$/, '');
    const style = part.textRun?.textStyle ?? {};
    let last = 0;
    for (const f of findPlaceholders(content)) {
      if (f.from > last) pieces.push({ text: content.slice(last, f.from), style, name: false });
      const value = f.kind === 'field' && f.name !== 'Photo' ? values[f.name as keyof CardValues] ?? '' : '';
      if (value) pieces.push({ text: value, style, name: f.name === 'Card name' });
      last = f.to;
    }
    if (last < content.length) pieces.push({ text: content.slice(last), style, name: false });
  }
  return pieces;
}

/** Requests that write a filled copy of `source` (a card's paragraphs) into an empty cell whose paragraph starts at `at`. */
function stampRequests(source: readonly FoundParagraph[], values: CardValues, nameSize: number, at: number): DocsRequest[] {
  const filled = source.map((p) => filledPieces(p.paragraph, values));
  const text = filled.map((pieces) => pieces.map((piece) => piece.text).join('')).join('\n');
  const requests: DocsRequest[] = [];
  if (text) requests.push({ insertText: { location: { index: at }, text } });
  let index = at;
  filled.forEach((pieces, i) => {
    const start = index;
    for (const piece of pieces) {
      if (!piece.text) continue;
      const s = piece.style;
      const textStyle: Record<string, unknown> = {};
      if (s.bold) textStyle.bold = true;
      if (s.italic) textStyle.italic = true;
      if (s.underline) textStyle.underline = true;
      if (s.weightedFontFamily) textStyle.weightedFontFamily = { fontFamily: s.weightedFontFamily.fontFamily };
      const size = piece.name ? nameSize : s.fontSize?.magnitude;
      if (size !== undefined) textStyle.fontSize = pt(size);
      requests.push({ updateTextStyle: { range: { startIndex: index, endIndex: index + piece.text.length }, textStyle, fields: 'bold,italic,underline,weightedFontFamily,fontSize' } } as DocsRequest);
      index += piece.text.length;
    }
    const ps = source[i].paragraph.paragraphStyle ?? {};
    const paragraphStyle: Record<string, unknown> = {};
    const fields: string[] = [];
    if (ps.alignment) { paragraphStyle.alignment = ps.alignment; fields.push('alignment'); }
    for (const key of ['spaceAbove', 'spaceBelow'] as const) if (ps[key]?.magnitude !== undefined) { paragraphStyle[key] = pt(ps[key]?.magnitude ?? 0); fields.push(key); }
    if (ps.lineSpacing !== undefined) { paragraphStyle.lineSpacing = ps.lineSpacing; fields.push('lineSpacing'); }
    if (fields.length) requests.push({ updateParagraphStyle: { range: { startIndex: start, endIndex: index + 1 }, paragraphStyle, fields: fields.join(',') } } as DocsRequest);
    index += 1;
  });
  return requests;
}

/**
 * The batchUpdate for one person's card from a copy of `template` (read once per batch: a copy
 * has the same indices). For a business card sheet, every empty cell of the first table gets a
 * filled copy of the top-left card first (cells after it, from the last back), then the top-left
 * card's own placeholders are filled; a cell a coordinator filled in is left as they made it.
 */
export function planCard(template: CardDocJson, values: CardValues, nameSize: number, repeatFirstCell: boolean): DocsRequest[] {
  const content = template.body?.content ?? [];
  const steps = fillSteps(paragraphs(content), values, nameSize);
  const table = content.find((element) => element.table)?.table;
  if (repeatFirstCell && table) {
    const cells = (table.tableRows ?? []).flatMap((row) => row.tableCells ?? []);
    const source = paragraphs(cells[0]?.content);
    for (const cell of cells.slice(1)) {
      const inCell = paragraphs(cell.content);
      const empty = inCell.length === 1 && inCell[0].text.replace(/\n$/, '') === '';
      if (empty) steps.push({ at: inCell[0].start, requests: stampRequests(source, values, nameSize, inCell[0].start) });
    }
  }
  // From the last place back: each step moves only what comes after it, so every earlier index read from the template holds.
  return steps.sort((a, b) => b.at - a.at).flatMap((step) => step.requests);
}
