// Plans the one Docs batchUpdate that turns a copy of a template into one person's document.
//
// THE REQUEST SUBSET. This file and templateDocs.ts emit only these Docs API v1 requests, with
// their documented semantics; the in-memory Docs model must honour exactly these:
//   insertText             {location:{index, segmentId?}, text}
//   deleteContentRange     {range:{startIndex, endIndex, segmentId?}}
//   updateParagraphStyle   {range, paragraphStyle:{namedStyleType: TITLE|HEADING_1|HEADING_2|HEADING_3|NORMAL_TEXT}, fields:"namedStyleType"}
//                          {range, paragraphStyle:{spaceAbove?, spaceBelow?: {magnitude, unit:"PT"}, lineSpacing?: percent}, fields: those names}
//   updateTextStyle        {range, textStyle:{bold?, italic?}, fields:"bold"|"italic"|"bold,italic"}
//                          {range, textStyle:{weightedFontFamily?:{fontFamily}, fontSize?:{magnitude, unit:"PT"}}, fields: those names}
//   createParagraphBullets {range, bulletPreset: BULLET_DISC_CIRCLE_SQUARE|NUMBERED_DECIMAL_ALPHA_ROMAN}
//   updateDocumentStyle    {documentStyle:{pageSize:{width, height}, margin*}, fields:"pageSize,marginTop,…"} (points)
//   insertTable            {rows, columns, location:{index}}
//   insertTableRow         {tableCellLocation:{tableStartLocation:{index, segmentId?}, rowIndex, columnIndex:0}, insertBelow:true}
//   deleteTableRow         {tableCellLocation:{tableStartLocation:{index, segmentId?}, rowIndex, columnIndex:0}}
// Semantics relied on:
// - Indices are UTF-16 code units. Body content starts at 1 (a section break holds 0–1); every
//   paragraph ends in "\n"; requests apply in order, each seeing the previous one's result.
// - A table takes 1 index, each row 1, each cell 1, then the cell's paragraphs; so an empty cell
//   is 2 indices (cell start + "\n") and the first cell's text starts at tableStart + 3.
// - insertTableRow adds a row of empty cells (one "\n" each) directly below rowIndex; the new row
//   starts where the reference row ended. deleteTableRow removes the row and all it holds.
// - deleteContentRange refuses (400) to delete the last "\n" of a body, header, footer, footnote or
//   table cell, the "\n" just before a table unless the table goes too, or part of a table. A range
//   that covers a whole table (from its start index to its end index) deletes the table.
// - insertText: "In most cases, the text style for the inserted text will match the text
//   immediately before the insertion index" (Docs API v1 reference, InsertTextRequest:
//   developers.google.com/docs/api/reference/rest/v1/documents/request#inserttextrequest). So a value
//   goes in just after its placeholder's closing "}}" and then the placeholder is deleted: the value
//   takes the placeholder's own style (a bold {{Organization name}} gives a bold name).
//
// The plan: work from the end of each segment backwards so every index read from the document
// stays valid; remove false conditional sections and all markers; fill repeating table rows; put
// each field's value in place of its placeholder, by index. Values are inserted literally, exactly
// once: no request ever searches the document, so a name such as "Sam {{Hourly wage}}" is printed
// as written. (replaceAllText would not do: requests apply in order, so a later search would match
// text an earlier request inserted.) Nothing like {{…}} from the template survives unless it is
// listed in `unresolved` (an unknown field, a condition on an unknown field, a marker without its
// partner), which callers must treat as "do not generate".

import { MERGE_FIELDS, MergeField, MergeValues, suggestField } from './fields';

// ---- Docs API v1 JSON, as much of it as the merge reads -------------------------------------

export interface DocsDimension {
  magnitude: number;
  unit: 'PT';
}

export interface DocsTextStyle {
  bold?: boolean;
  italic?: boolean;
  weightedFontFamily?: { fontFamily: string };
  fontSize?: DocsDimension;
}

/** Paragraph spacing a template sets: space above and below in points, line spacing in percent of single. */
export interface DocsParagraphSpacing {
  spaceAbove?: DocsDimension;
  spaceBelow?: DocsDimension;
  lineSpacing?: number;
}

export interface DocsParagraphElement {
  startIndex?: number;
  endIndex?: number;
  textRun?: { content?: string; textStyle?: DocsTextStyle };
}

export interface DocsParagraph {
  elements?: DocsParagraphElement[];
  paragraphStyle?: { namedStyleType?: string };
  bullet?: { listId?: string; nestingLevel?: number };
}

export interface DocsTableCell {
  startIndex?: number;
  endIndex?: number;
  content?: DocsStructuralElement[];
}

export interface DocsTableRow {
  startIndex?: number;
  endIndex?: number;
  tableCells?: DocsTableCell[];
}

export interface DocsTable {
  rows?: number;
  columns?: number;
  tableRows?: DocsTableRow[];
}

export interface DocsStructuralElement {
  startIndex?: number;
  endIndex?: number;
  paragraph?: DocsParagraph;
  table?: DocsTable;
  sectionBreak?: object;
  tableOfContents?: object;
}

export interface DocsSegmentJson {
  content?: DocsStructuralElement[];
}

export interface DocsDocumentJson {
  documentId?: string;
  title?: string;
  body?: DocsSegmentJson;
  headers?: Record<string, DocsSegmentJson>;
  footers?: Record<string, DocsSegmentJson>;
  footnotes?: Record<string, DocsSegmentJson>;
}

// ---- the requests emitted -------------------------------------------------------------------

export interface DocsLocation {
  index: number;
  segmentId?: string;
}

export interface DocsRange {
  startIndex: number;
  endIndex: number;
  segmentId?: string;
}

export interface DocsTableCellLocation {
  tableStartLocation: DocsLocation;
  rowIndex: number;
  columnIndex: number;
}

export type NamedStyleType = 'TITLE' | 'HEADING_1' | 'HEADING_2' | 'HEADING_3' | 'NORMAL_TEXT';
export type BulletPreset = 'BULLET_DISC_CIRCLE_SQUARE' | 'NUMBERED_DECIMAL_ALPHA_ROMAN';

export type DocsRequest =
  | { insertText: { location: DocsLocation; text: string } }
  | { deleteContentRange: { range: DocsRange } }
  | {
      updateParagraphStyle: {
        range: DocsRange;
        paragraphStyle: { namedStyleType: NamedStyleType };
        fields: 'namedStyleType';
      };
    }
  | { updateParagraphStyle: { range: DocsRange; paragraphStyle: DocsParagraphSpacing; fields: string } }
  | {
      updateDocumentStyle: {
        documentStyle: { pageSize: { width: DocsDimension; height: DocsDimension }; marginTop: DocsDimension; marginBottom: DocsDimension; marginLeft: DocsDimension; marginRight: DocsDimension };
        fields: 'pageSize,marginTop,marginBottom,marginLeft,marginRight';
      };
    }
  | { updateTextStyle: { range: DocsRange; textStyle: DocsTextStyle; fields: string } }
  | { createParagraphBullets: { range: DocsRange; bulletPreset: BulletPreset } }
  | { insertTable: { rows: number; columns: number; location: DocsLocation } }
  | { insertTableRow: { tableCellLocation: DocsTableCellLocation; insertBelow: boolean } }
  | { deleteTableRow: { tableCellLocation: DocsTableCellLocation } };

// ---- placeholders ---------------------------------------------------------------------------

export type PlaceholderKind = 'field' | 'if' | 'unless' | 'each' | 'end-if' | 'end-unless' | 'end-each';

export interface Placeholder {
  /** As written, e.g. "{{#if Is new hire}}". */
  raw: string;
  kind: PlaceholderKind;
  /** The field it names ('' for closing markers). */
  name: string;
  /** Offsets in the text it was found in: [from, to). */
  from: number;
  to: number;
}

/** Stands in for a non-text element (image, page break…) so offsets keep matching indices. */
const OBJECT_CHAR = '\uFFFC';
const PLACEHOLDER = /\{\{([^{}\n\uFFFC]*)\}\}/g;

/** Every {{…}} in a piece of text, in order, with what it is. */
export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  PLACEHOLDER.lastIndex = 0;
  for (let match = PLACEHOLDER.exec(text); match; match = PLACEHOLDER.exec(text)) {
    const inner = match[1].trim();
    const from = match.index;
    const to = from + match[0].length;
    const opening = /^#(if|unless|each)\s+(.+)$/.exec(inner);
    const closing = /^\/(if|unless|each)$/.exec(inner);
    if (opening) found.push({ raw: match[0], kind: opening[1] as PlaceholderKind, name: opening[2].trim(), from, to });
    else if (closing) found.push({ raw: match[0], kind: `end-${closing[1]}` as PlaceholderKind, name: '', from, to });
    else found.push({ raw: match[0], kind: 'field', name: inner, from, to });
  }
  return found;
}

function closes(open: PlaceholderKind, close: PlaceholderKind): boolean {
  return (open === 'if' && close === 'end-if') || (open === 'unless' && close === 'end-unless');
}

// ---- reading a document into paragraphs with indices ----------------------------------------

interface ParagraphUnit {
  kind: 'paragraph';
  start: number;
  end: number;
  /** Paragraph text including its final "\n"; non-text elements appear as OBJECT_CHAR. */
  text: string;
  placeholders: Placeholder[];
}

interface TableUnit {
  kind: 'table';
  start: number;
  end: number;
  table: DocsTable;
}

/** Section breaks and tables of contents: never deleted, never merged into. */
interface FixedUnit {
  kind: 'fixed';
  start: number;
  end: number;
}

type Unit = ParagraphUnit | TableUnit | FixedUnit;

// The API leaves out startIndex when it is 0 (the body's section break).
const startOf = (item: { startIndex?: number }): number => item.startIndex ?? 0;
const endOf = (item: { endIndex?: number }): number => item.endIndex ?? 0;

function readParagraph(element: DocsStructuralElement, paragraph: DocsParagraph): ParagraphUnit {
  const start = startOf(element);
  let text = '';
  for (const part of paragraph.elements ?? []) {
    const offset = startOf(part) - start;
    if (offset > text.length) text += OBJECT_CHAR.repeat(offset - text.length);
    if (part.textRun) text += part.textRun.content ?? '';
    else text += OBJECT_CHAR.repeat(Math.max(0, endOf(part) - startOf(part)));
  }
  return { kind: 'paragraph', start, end: endOf(element), text, placeholders: findPlaceholders(text) };
}

function readUnits(content: readonly DocsStructuralElement[]): Unit[] {
  return content.map((element): Unit => {
    if (element.paragraph) return readParagraph(element, element.paragraph);
    if (element.table) return { kind: 'table', start: startOf(element), end: endOf(element), table: element.table };
    return { kind: 'fixed', start: startOf(element), end: endOf(element) };
  });
}

interface Segment {
  segmentId?: string;
  content: DocsStructuralElement[];
}

function segmentsOf(document: DocsDocumentJson): Segment[] {
  const segments: Segment[] = [{ content: document.body?.content ?? [] }];
  for (const group of [document.headers, document.footers, document.footnotes]) {
    for (const id of Object.keys(group ?? {})) segments.push({ segmentId: id, content: group?.[id]?.content ?? [] });
  }
  return segments;
}

/** Every paragraph of a container and of the tables inside it, in document order. */
function* paragraphsOf(content: readonly DocsStructuralElement[]): Generator<ParagraphUnit> {
  for (const unit of readUnits(content)) {
    if (unit.kind === 'paragraph') yield unit;
    else if (unit.kind === 'table') {
      for (const row of unit.table.tableRows ?? []) {
        for (const cell of row.tableCells ?? []) yield* paragraphsOf(cell.content ?? []);
      }
    }
  }
}

/** The distinct placeholders in a document (body, table cells, headers, footers), in order. */
export function placeholdersIn(document: DocsDocumentJson): string[] {
  const seen = new Set<string>();
  for (const segment of segmentsOf(document)) {
    for (const paragraph of paragraphsOf(segment.content)) {
      for (const placeholder of paragraph.placeholders) seen.add(placeholder.raw);
    }
  }
  return Array.from(seen);
}

/** What a document says and where: its segments' text and table shapes, without ids or styles. */
function contentOf(document: DocsDocumentJson): string {
  const shape = (content: readonly DocsStructuralElement[]): unknown[] =>
    readUnits(content).map((unit) =>
      unit.kind === 'paragraph' ? [unit.start, unit.text]
        : unit.kind === 'table' ? [unit.start, (unit.table.tableRows ?? []).map((row) => (row.tableCells ?? []).map((cell) => shape(cell.content ?? [])))]
          : [unit.start, unit.end],
    );
  return JSON.stringify(segmentsOf(document).map((segment) => [segment.segmentId ?? '', shape(segment.content)]));
}

/**
 * Whether a copy of `template` that may already have been filled for `merge` still needs its
 * merge. batchUpdate is atomic, so the copy is either as copied or completely filled. Values go in
 * literally, so a filled copy may hold "{{…}}" that came from a value (a name "Sam {{Nope}}"): it
 * must not be merged again. A copy that reads like the template has not been filled (or its fill
 * changed nothing, and filling it again changes nothing either); one that differs but still holds
 * placeholders was copied from an earlier version of the template, unless a value could have
 * brought the braces in — then it is taken as filled.
 */
export function needsMerge(document: DocsDocumentJson, template: DocsDocumentJson, merge: MergeValues): boolean {
  if (contentOf(document) === contentOf(template)) return true;
  if (placeholdersIn(document).length === 0) return false;
  const texts = Object.keys(merge.values).map((name) => merge.values[name]);
  for (const name of Object.keys(merge.lists)) {
    for (const item of merge.lists[name]) texts.push(...Object.keys(item).map((field) => item[field]));
  }
  return !texts.some((text) => /[{}]/.test(text));
}

// ---- pairing conditional markers ------------------------------------------------------------

interface MarkerAt {
  unit: number;
  placeholder: Placeholder;
}

interface Section {
  open: MarkerAt;
  close: MarkerAt;
}

interface Pairing {
  sections: Section[];
  /** Markers with no partner in the same container (body, or one table cell). */
  unpaired: MarkerAt[];
}

function pairSections(units: readonly Unit[]): Pairing {
  const stack: MarkerAt[] = [];
  const sections: Section[] = [];
  const unpaired: MarkerAt[] = [];
  units.forEach((unit, index) => {
    if (unit.kind !== 'paragraph') return;
    for (const placeholder of unit.placeholders) {
      const marker = { unit: index, placeholder };
      if (placeholder.kind === 'if' || placeholder.kind === 'unless') stack.push(marker);
      else if (placeholder.kind === 'end-if' || placeholder.kind === 'end-unless') {
        const open = stack[stack.length - 1];
        if (open && closes(open.placeholder.kind, placeholder.kind)) sections.push({ open: stack.pop() as MarkerAt, close: marker });
        else unpaired.push(marker);
      }
    }
  });
  return { sections, unpaired: unpaired.concat(stack) };
}

/** The each-marker that makes a table row repeat: it must be in the row's first cell. */
function repeatMarker(row: DocsTableRow): Placeholder | undefined {
  const first = (row.tableCells ?? [])[0];
  if (!first) return undefined;
  for (const paragraph of paragraphsOf(first.content ?? [])) {
    const marker = paragraph.placeholders.find((placeholder) => placeholder.kind === 'each');
    if (marker) return marker;
  }
  return undefined;
}

// ---- checking a template document -----------------------------------------------------------

export interface PlaceholderProblem {
  placeholder: string;
  /** Said to a coordinator: what is wrong and what to do. */
  message: string;
  suggestion?: string;
  /** The start of the paragraph it is in, so it can be found in the document. */
  context: string;
}

function contextOf(text: string): string {
  const plain = text.replace(/\n$/, '').replace(new RegExp(OBJECT_CHAR, 'g'), '').trim();
  return plain.length > 60 ? `${plain.slice(0, 57)}…` : plain;
}

/**
 * What would stop a document from merging cleanly: unknown fields (with the closest known one),
 * lists used outside a repeating row, conditions without their closing marker.
 */
export function checkPlaceholders(
  document: DocsDocumentJson,
  knownFields: readonly MergeField[] = MERGE_FIELDS,
): PlaceholderProblem[] {
  const problems: PlaceholderProblem[] = [];
  const topLevel = knownFields.map((field) => field.name);
  const fieldNamed = (name: string): MergeField | undefined => knownFields.find((field) => field.name === name);

  const report = (placeholder: Placeholder, text: string, message: string, suggestion?: string): void => {
    problems.push({ placeholder: placeholder.raw, message, suggestion, context: contextOf(text) });
  };
  const unknown = (placeholder: Placeholder, text: string, names: readonly string[]): void => {
    const suggestion = suggestField(placeholder.name, names);
    const hint = suggestion ? ` — did you mean {{${placeholder.kind === 'field' ? suggestion : `#${placeholder.kind} ${suggestion}`}}}?` : '';
    report(placeholder, text, `Unknown field ${placeholder.raw}${hint}`, suggestion);
  };

  // Where a paragraph sits decides what it may say: item fields and {{#each}} only make sense in
  // a repeating row, and {{#each}} only in a row's first cell.
  interface Place {
    itemFields: readonly string[];
    inRepeatingRow: boolean;
    inFirstCell: boolean;
  }

  const checkContainer = (content: readonly DocsStructuralElement[], place: Place): void => {
    const units = readUnits(content);
    const names = topLevel.concat(place.itemFields);
    for (const marker of pairSections(units).unpaired) {
      const text = (units[marker.unit] as ParagraphUnit).text;
      const partner = marker.placeholder.kind.startsWith('end-')
        ? `has no opening {{#${marker.placeholder.kind.slice(4)} …}} before it`
        : `is never closed: add {{/${marker.placeholder.kind}}} after the part it controls, in the same table cell or outside any table`;
      report(marker.placeholder, text, `${marker.placeholder.raw} ${partner}`);
    }
    for (const unit of units) {
      if (unit.kind === 'table') {
        for (const row of unit.table.tableRows ?? []) {
          const repeat = repeatMarker(row);
          const list = repeat ? fieldNamed(repeat.name) : undefined;
          const rowItems = list && list.kind === 'list' ? list.itemFields ?? [] : [];
          (row.tableCells ?? []).forEach((cell, column) =>
            checkContainer(cell.content ?? [], {
              itemFields: place.itemFields.concat(rowItems),
              inRepeatingRow: place.inRepeatingRow || repeat !== undefined,
              inFirstCell: column === 0,
            }),
          );
        }
      }
      if (unit.kind !== 'paragraph') continue;
      for (const placeholder of unit.placeholders) {
        if (placeholder.kind === 'end-if' || placeholder.kind === 'end-unless' || placeholder.kind === 'end-each') continue;
        const field = fieldNamed(placeholder.name);
        if (placeholder.kind === 'each') {
          if (!field) unknown(placeholder, unit.text, topLevel.filter((name) => fieldNamed(name)?.kind === 'list'));
          else if (field.kind !== 'list') report(placeholder, unit.text, `${placeholder.raw}: ${field.name} is not a list`);
          else if (!place.inFirstCell) report(placeholder, unit.text, `${placeholder.raw} must be in the first cell of a table row`);
          continue;
        }
        if ((placeholder.kind === 'if' || placeholder.kind === 'unless') && place.inRepeatingRow) {
          report(placeholder, unit.text, `${placeholder.raw} cannot be used inside a repeating table row`);
        } else if (field && field.kind === 'list' && placeholder.kind === 'field') {
          report(
            placeholder,
            unit.text,
            `${placeholder.raw} is a list: put {{#each ${field.name}}} in the first cell of a table row and its fields in that row`,
          );
        } else if (!field && !place.itemFields.includes(placeholder.name)) {
          unknown(placeholder, unit.text, names);
        }
      }
    }
  };

  for (const segment of segmentsOf(document)) {
    checkContainer(segment.content, { itemFields: [], inRepeatingRow: false, inFirstCell: false });
  }
  return problems;
}

// ---- planning the merge ---------------------------------------------------------------------

export interface MergePlan {
  requests: DocsRequest[];
  /**
   * Placeholders the plan cannot resolve: unknown fields (left in the text as written), conditions
   * on unknown fields (their sections are dropped), markers without a partner. Generate nothing
   * while this is not empty.
   */
  unresolved: string[];
}

/** Requests that touch one place; emitted from the highest start index down. */
interface PlacedRequests {
  start: number;
  requests: DocsRequest[];
}

interface Planner {
  merge: MergeValues;
  segmentId?: string;
  placed: PlacedRequests[];
  unresolved: Set<string>;
}

function range(planner: Planner, startIndex: number, endIndex: number): DocsRange {
  return planner.segmentId === undefined ? { startIndex, endIndex } : { startIndex, endIndex, segmentId: planner.segmentId };
}

function location(planner: Planner, index: number): DocsLocation {
  return planner.segmentId === undefined ? { index } : { index, segmentId: planner.segmentId };
}

/** Whether a condition holds: a flag, a non-empty list, or a non-blank value. Undefined if unknown. */
function conditionHolds(merge: MergeValues, name: string): boolean | undefined {
  if (Object.prototype.hasOwnProperty.call(merge.flags, name)) return merge.flags[name];
  if (Array.isArray(merge.lists[name])) return merge.lists[name].length > 0;
  if (Object.prototype.hasOwnProperty.call(merge.values, name)) return merge.values[name].trim() !== '';
  return undefined;
}

function hasValue(merge: MergeValues, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(merge.values, name);
}

/**
 * The single batchUpdate that fills a copy of a template for one person. Apply `requests` in
 * order to the document exactly as `document` describes it (the copy, just read).
 */
export function planMerge(document: DocsDocumentJson, merge: MergeValues): MergePlan {
  const requests: DocsRequest[] = [];
  const unresolved = new Set<string>();
  for (const segment of segmentsOf(document)) {
    const planner: Planner = { merge, segmentId: segment.segmentId, placed: [], unresolved };
    planContainer(planner, segment.content);
    // Later places first, so each request's indices are still those of the document as read.
    planner.placed.sort((a, b) => b.start - a.start);
    for (const placed of planner.placed) requests.push(...placed.requests);
  }
  return { requests, unresolved: Array.from(unresolved) };
}

function planContainer(planner: Planner, content: readonly DocsStructuralElement[]): void {
  const units = readUnits(content);
  // What goes: per paragraph, one flag per character; per table, one flag for all of it.
  const gone: boolean[][] = units.map((unit) => (unit.kind === 'paragraph' ? new Array<boolean>(unit.text.length).fill(false) : []));
  const tableGone: boolean[] = units.map(() => false);
  const touched: boolean[] = units.map(() => false);

  const remove = (unit: number, from: number, to: number): void => {
    touched[unit] = true;
    for (let offset = from; offset < to; offset++) gone[unit][offset] = true;
  };
  const removeSpan = (open: MarkerAt, close: MarkerAt): void => {
    if (open.unit === close.unit) return remove(open.unit, open.placeholder.from, close.placeholder.to);
    remove(open.unit, open.placeholder.from, gone[open.unit].length);
    for (let unit = open.unit + 1; unit < close.unit; unit++) {
      const between = units[unit];
      if (between.kind === 'paragraph') remove(unit, 0, between.text.length);
      else if (between.kind === 'table') tableGone[unit] = true;
    }
    remove(close.unit, 0, close.placeholder.to);
  };

  const { sections, unpaired } = pairSections(units);
  for (const marker of unpaired) planner.unresolved.add(marker.placeholder.raw);
  for (const { open, close } of sections) {
    const holds = conditionHolds(planner.merge, open.placeholder.name);
    if (holds === undefined) planner.unresolved.add(open.placeholder.raw);
    const keep = open.placeholder.kind === 'if' ? holds === true : holds === false;
    if (keep) {
      remove(open.unit, open.placeholder.from, open.placeholder.to);
      remove(close.unit, close.placeholder.from, close.placeholder.to);
    } else {
      removeSpan(open, close);
    }
  }

  // Docs cannot delete a table's last row, so a table whose every row repeats for an empty list
  // goes as a whole, like a table inside a false section.
  units.forEach((unit, index) => {
    if (unit.kind === 'table' && emptiedByRepeats(planner.merge, unit.table)) tableGone[index] = true;
  });

  units.forEach((unit, index) => {
    if (unit.kind !== 'paragraph' || !touched[index]) return;
    const newline = unit.text.length - 1;
    if (newline < 0 || unit.text[newline] !== '\n' || gone[index][newline]) return;
    // A paragraph left holding nothing but markers' leftovers goes entirely, newline included.
    let blank = true;
    for (let offset = 0; offset < newline && blank; offset++) blank = gone[index][offset] || /\s/.test(unit.text[offset]);
    if (blank) remove(index, 0, unit.text.length);
  });

  units.forEach((unit, index) => {
    if (unit.kind !== 'paragraph') return;
    const newline = unit.text.length - 1;
    if (newline < 0 || !gone[index][newline]) return;
    const next = units[index + 1];
    // The Docs API keeps the last "\n" of a segment or cell and the "\n" before a table; an empty
    // paragraph stays there instead.
    const isProtected = next === undefined || next.kind === 'fixed' || (next.kind === 'table' && !tableGone[index + 1]);
    if (isProtected) gone[index][newline] = false;
  });

  // Gather what goes into ranges, merging neighbours so one request removes a whole section.
  let current: { start: number; end: number } | null = null;
  const ranges: { start: number; end: number }[] = [];
  const take = (start: number, end: number): void => {
    if (current && current.end === start) current.end = end;
    else {
      current = { start, end };
      ranges.push(current);
    }
  };
  units.forEach((unit, index) => {
    if (unit.kind === 'table' && tableGone[index]) take(unit.start, unit.end);
    if (unit.kind !== 'paragraph') return;
    gone[index].forEach((isGone, offset) => {
      if (isGone) take(unit.start + offset, unit.start + offset + 1);
    });
  });
  for (const { start, end } of ranges) {
    planner.placed.push({ start, requests: [{ deleteContentRange: { range: range(planner, start, end) } }] });
  }

  units.forEach((unit, index) => {
    if (unit.kind === 'table' && !tableGone[index]) planTable(planner, unit);
    if (unit.kind !== 'paragraph') return;
    for (const placeholder of unit.placeholders) {
      if (gone[index][placeholder.from]) continue;
      if (placeholder.kind === 'each' || placeholder.kind === 'end-each') {
        planner.unresolved.add(placeholder.raw);
        continue;
      }
      if (placeholder.kind !== 'field') continue;
      if (!hasValue(planner.merge, placeholder.name)) {
        planner.unresolved.add(placeholder.raw);
        continue;
      }
      // The value after the placeholder, then the placeholder gone: both at or after `start`, so
      // nothing planned before it moves. A placeholder split across text runs is no different.
      const start = unit.start + placeholder.from;
      const end = unit.start + placeholder.to;
      const value = planner.merge.values[placeholder.name];
      const requests: DocsRequest[] = value === '' ? [] : [{ insertText: { location: location(planner, end), text: value } }];
      requests.push({ deleteContentRange: { range: range(planner, start, end) } });
      planner.placed.push({ start, requests });
    }
  });
}

function planTable(planner: Planner, unit: TableUnit): void {
  const rows = unit.table.tableRows ?? [];
  const repeats: { rowIndex: number; row: DocsTableRow; items: Record<string, string>[] }[] = [];
  rows.forEach((row, rowIndex) => {
    const marker = repeatMarker(row);
    const items = marker ? planner.merge.lists[marker.name] : undefined;
    if (marker && Array.isArray(items)) repeats.push({ rowIndex, row, items });
    else for (const cell of row.tableCells ?? []) planContainer(planner, cell.content ?? []);
  });
  for (const repeat of repeats) {
    planner.placed.push({ start: startOf(repeat.row), requests: repeatRow(planner, unit.start, repeat.rowIndex, repeat.row, repeat.items) });
  }
}

function emptiedByRepeats(merge: MergeValues, table: DocsTable): boolean {
  const rows = table.tableRows ?? [];
  return (
    rows.length > 0 &&
    rows.every((row) => {
      const marker = repeatMarker(row);
      const items = marker ? merge.lists[marker.name] : undefined;
      return Array.isArray(items) && items.length === 0;
    })
  );
}

/**
 * One row per item, built below the template row, then the template row removed. New rows are
 * empty (2 indices per cell), so their text positions are known without reading the document.
 */
function repeatRow(
  planner: Planner,
  tableStart: number,
  rowIndex: number,
  row: DocsTableRow,
  items: readonly Record<string, string>[],
): DocsRequest[] {
  const cellLocation: DocsTableCellLocation = { tableStartLocation: location(planner, tableStart), rowIndex, columnIndex: 0 };
  const cells = row.tableCells ?? [];
  const requests: DocsRequest[] = [];
  for (let k = 0; k < items.length; k++) requests.push({ insertTableRow: { tableCellLocation: cellLocation, insertBelow: true } });
  const rowSize = 1 + 2 * cells.length;
  for (let k = items.length - 1; k >= 0; k--) {
    const rowStart = endOf(row) + k * rowSize;
    for (let column = cells.length - 1; column >= 0; column--) {
      const text = fillCell(planner, cells[column], items[k]);
      if (text !== '') requests.push({ insertText: { location: location(planner, rowStart + 2 + 2 * column), text } });
    }
  }
  requests.push({ deleteTableRow: { tableCellLocation: cellLocation } });
  return requests;
}

/** A template cell's text for one item: item fields first, then the person's fields. */
function fillCell(planner: Planner, cell: DocsTableCell, item: Record<string, string>): string {
  const paragraphs: string[] = [];
  for (const element of cell.content ?? []) {
    if (!element.paragraph) continue;
    const paragraph = readParagraph(element, element.paragraph);
    const text = paragraph.text.replace(/\n$/, '');
    let filled = '';
    let last = 0;
    let hadMarker = false;
    for (const placeholder of paragraph.placeholders) {
      filled += text.slice(last, placeholder.from);
      last = placeholder.to;
      if (placeholder.kind === 'each' || placeholder.kind === 'end-each') hadMarker = true;
      else if (placeholder.kind === 'field' && Object.prototype.hasOwnProperty.call(item, placeholder.name)) filled += item[placeholder.name];
      else if (placeholder.kind === 'field' && hasValue(planner.merge, placeholder.name)) filled += planner.merge.values[placeholder.name];
      else {
        planner.unresolved.add(placeholder.raw);
        filled += placeholder.raw;
      }
    }
    filled = (filled + text.slice(last)).split(OBJECT_CHAR).join('');
    if (!(hadMarker && filled.trim() === '')) paragraphs.push(filled);
  }
  return paragraphs.join('\n');
}

// ---- reading a merge as text (the sidebar's preview) ----------------------------------------

/** One paragraph of a filled document as a person reads it; a table row is one line, its cells joined. */
export interface MergedParagraph {
  text: string;
  /** 'TITLE', 'HEADING_1'… as the template styled it; 'TABLE_ROW' for a row; 'BULLET' for a list item. */
  style: string;
}

/** A position of the body in index order: a character, or a structural marker Docs counts as one index. */
interface Position {
  kind: 'text' | 'table' | 'row' | 'cell' | 'object';
  char: string;
  /** Start index (as read) of each table this position is inside, outermost first; the own table for a 'table'. */
  tables: number[];
  /** On a paragraph's final "\n": its style, so a heading reads as one. */
  style?: string;
}

function positionsOf(content: readonly DocsStructuralElement[], tables: number[], into: Position[]): void {
  const put = (index: number, position: Position): void => {
    while (into.length < index) into.push({ kind: 'object', char: '', tables });
    into[index] = position;
  };
  for (const element of content) {
    if (element.paragraph) {
      const unit = readParagraph(element, element.paragraph);
      const style = element.paragraph.bullet ? 'BULLET' : element.paragraph.paragraphStyle?.namedStyleType ?? 'NORMAL_TEXT';
      for (let offset = 0; offset < unit.text.length; offset++) {
        const char = unit.text[offset];
        put(unit.start + offset, char === OBJECT_CHAR ? { kind: 'object', char: '', tables } : { kind: 'text', char, tables, style: char === '\n' ? style : undefined });
      }
    } else if (element.table) {
      const own = [...tables, startOf(element)];
      put(startOf(element), { kind: 'table', char: '', tables: own });
      for (const row of element.table.tableRows ?? []) {
        put(startOf(row), { kind: 'row', char: '', tables: own });
        for (const cell of row.tableCells ?? []) {
          put(startOf(cell), { kind: 'cell', char: '', tables: own });
          positionsOf(cell.content ?? [], own, into);
        }
      }
    } else {
      for (let index = startOf(element); index < endOf(element); index++) put(index, { kind: 'object', char: '', tables });
    }
  }
}

/** Where row `rowIndex` of the table starting at `tableStart` begins and ends, in the positions as they are now. */
function rowSpan(positions: readonly Position[], tableStart: number, rowIndex: number): { from: number; to: number; cells: number } {
  const table = positions[tableStart];
  if (!table || table.kind !== 'table') throw new Error(`The preview found no table at index ${tableStart}.`);
  const depth = table.tables.length;
  const id = table.tables[depth - 1];
  const inTable = (p: Position): boolean => p.tables.length >= depth && p.tables[depth - 1] === id;
  let row = -1;
  let from = -1;
  let cells = 0;
  let index = tableStart + 1;
  for (; index < positions.length && inTable(positions[index]); index++) {
    const p = positions[index];
    if (p.tables.length !== depth) continue;
    if (p.kind === 'row') {
      row += 1;
      if (row === rowIndex) from = index;
      else if (row > rowIndex) break;
    } else if (p.kind === 'cell' && row === rowIndex) cells += 1;
  }
  if (from < 0) throw new Error(`The preview found no row ${rowIndex} in the table at index ${tableStart}.`);
  return { from, to: index, cells };
}

/** Applies the merge's requests (planMerge) to the body's positions, as Docs would. */
function applyToBody(positions: Position[], requests: readonly DocsRequest[]): void {
  for (const request of requests) {
    if ('deleteContentRange' in request) {
      const { range } = request.deleteContentRange;
      if (range.segmentId === undefined) positions.splice(range.startIndex, range.endIndex - range.startIndex);
    } else if ('insertText' in request) {
      const { location: at, text } = request.insertText;
      if (at.segmentId !== undefined) continue;
      const tables = (positions[at.index] ?? positions[at.index - 1]).tables;
      positions.splice(at.index, 0, ...Array.from(text, (char): Position => ({ kind: 'text', char, tables, style: char === '\n' ? 'NORMAL_TEXT' : undefined })));
    } else if ('insertTableRow' in request) {
      const cell = request.insertTableRow.tableCellLocation;
      if (cell.tableStartLocation.segmentId !== undefined) continue;
      const span = rowSpan(positions, cell.tableStartLocation.index, cell.rowIndex);
      const tables = positions[span.from].tables;
      const row: Position[] = [{ kind: 'row', char: '', tables }];
      for (let k = 0; k < span.cells; k++) row.push({ kind: 'cell', char: '', tables }, { kind: 'text', char: '\n', tables, style: 'NORMAL_TEXT' });
      positions.splice(request.insertTableRow.insertBelow ? span.to : span.from, 0, ...row);
    } else if ('deleteTableRow' in request) {
      const cell = request.deleteTableRow.tableCellLocation;
      if (cell.tableStartLocation.segmentId !== undefined) continue;
      const span = rowSpan(positions, cell.tableStartLocation.index, cell.rowIndex);
      positions.splice(span.from, span.to - span.from);
    } else {
      throw new Error(`The preview cannot apply a ${Object.keys(request)[0]} request.`);
    }
  }
}

/**
 * The filled document's body as paragraphs, for one person: the template's merge (planMerge)
 * applied to its text the way Docs applies the batchUpdate, so the preview reads exactly like the
 * document a job would make. Headers and footers (page numbers) are left out.
 */
export function mergedParagraphs(document: DocsDocumentJson, merge: MergeValues): MergedParagraph[] {
  const positions: Position[] = [];
  positionsOf(document.body?.content ?? [], [], positions);
  applyToBody(positions, planMerge(document, merge).requests);
  const paragraphs: MergedParagraph[] = [];
  let line = '';
  let cells: string[] | null = null;
  const endRow = (): void => {
    if (cells) {
      const text = cells.map((c) => c.trim()).filter(Boolean).join(' | ');
      if (text) paragraphs.push({ text, style: 'TABLE_ROW' });
    }
    cells = null;
  };
  for (const p of positions) {
    if (p.tables.length === 0 && cells) endRow();
    if (p.kind === 'row') {
      endRow();
      cells = [];
    } else if (p.kind === 'cell' && cells) cells.push('');
    else if (p.kind === 'text' && cells && p.tables.length) {
      cells[cells.length - 1] += p.char === '\n' ? ' ' : p.char;
    } else if (p.kind === 'text' && p.char === '\n') {
      paragraphs.push({ text: line, style: p.style ?? 'NORMAL_TEXT' });
      line = '';
    } else if (p.kind === 'text') line += p.char;
  }
  endRow();
  if (line) paragraphs.push({ text: line, style: 'NORMAL_TEXT' });
  return paragraphs;
}
