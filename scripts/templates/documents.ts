// Build time: reads the Markdown document templates into bundle data, and refuses any template that would not merge cleanly.
//
// A template file is a front-matter block then a small Markdown subset:
//   ---
//   id: employment-contract
//   title: Employment contract
//   kind: contract                      (contract | job-description | reference-letter | certificate)
//   role: Peer Worker                   (job descriptions only: the Role it describes)
//   fileName: "{{Full name}} - Employment contract"
//   requires: [Start, Hourly wage]      (fields that must not be blank to generate)
//   ---
//   # Title   ## Heading   ### Subheading      **bold**   *italic*   \* for a literal asterisk
//   - bullet items     1. numbered items      | pipe | tables |  (a |---| line makes row one a header)
//   <!-- notes for template authors, left out of the document -->
//   ______  (a line of three or more underscores alone) a signature line, with room above it to sign
// Merge syntax: {{Field name}}; {{#if Field}} … {{/if}} and {{#unless Field}} … {{/unless}} that
// start a paragraph and end one (the same or a later one); a table row whose first cell holds
// {{#each Trainings}} repeats once per training and may use that list's fields ({{Topic}}, …).

import * as fs from 'fs';
import * as path from 'path';
import { MERGE_FIELDS, MERGE_FIELD_NAMES, MergeField, suggestField } from '../../addon/documents/fields';
import { findPlaceholders, Placeholder } from '../../addon/documents/merge';
import { DocumentTemplate, TEMPLATE_KINDS, TemplateBlock, TemplateKind, TextRun } from '../../addon/documents/templateDocs';

export class TemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(`Document templates have ${problems.length} problem(s):\n${problems.join('\n')}`);
    this.name = 'TemplateError';
  }
}

/** Every template in `dir`, parsed and checked; throws TemplateError listing every problem found. */
export function loadDocumentTemplates(dir = 'templates/documents'): DocumentTemplate[] {
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort();
  const templates: DocumentTemplate[] = [];
  const problems: string[] = [];
  const fileOfId = new Map<string, string>();
  for (const name of files) {
    const file = path.join(dir, name);
    const parsed = parseDocumentTemplate(fs.readFileSync(file, 'utf8'), file);
    problems.push(...parsed.problems);
    if (!parsed.template) continue;
    const earlier = fileOfId.get(parsed.template.id);
    if (earlier) problems.push(`${file}: id "${parsed.template.id}" is already used by ${earlier}`);
    fileOfId.set(parsed.template.id, file);
    templates.push(parsed.template);
  }
  if (problems.length > 0) throw new TemplateError(problems);
  return templates;
}

export interface ParsedTemplate {
  /** Null when the front matter is too broken to make a template of. */
  template: DocumentTemplate | null;
  /** "file: line N: what is wrong", in file order. */
  problems: string[];
}

/** One template file's text → its template and everything wrong with it. */
export function parseDocumentTemplate(source: string, file: string): ParsedTemplate {
  const problems: Problem[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const front = readFrontMatter(lines, problems);
  const body = readBody(lines, front.bodyStart, problems);
  checkMergeSyntax(body.pieces, problems);
  const sorted = problems.slice().sort((a, b) => a.line - b.line);
  return {
    template: front.fields ? { ...front.fields, blocks: body.blocks } : null,
    problems: sorted.map((problem) => `${file}: line ${problem.line}: ${problem.message}`),
  };
}

interface Problem {
  line: number;
  message: string;
}

// ---- front matter ---------------------------------------------------------------------------

type FrontFields = Omit<DocumentTemplate, 'blocks'>;

const FRONT_KEYS = ['id', 'title', 'kind', 'role', 'fileName', 'requires'];

function unquote(value: string): string {
  const trimmed = value.trim();
  const quoted = /^"(.*)"$/.exec(trimmed) ?? /^'(.*)'$/.exec(trimmed);
  return quoted ? quoted[1] : trimmed;
}

function readFrontMatter(lines: readonly string[], problems: Problem[]): { fields: FrontFields | null; bodyStart: number } {
  if (lines[0]?.trim() !== '---') {
    problems.push({ line: 1, message: 'a template must start with a front-matter block: a line "---", id/title/kind/fileName/requires, then "---"' });
    return { fields: null, bodyStart: 0 };
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (close < 0) {
    problems.push({ line: 1, message: 'the front-matter block is never closed with a "---" line' });
    return { fields: null, bodyStart: lines.length };
  }
  const raw = new Map<string, { value: string; line: number; list?: string[] }>();
  let listKey: string | null = null;
  for (let index = 1; index < close; index++) {
    const line = lines[index];
    const lineNumber = index + 1;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && listKey) {
      raw.get(listKey)?.list?.push(unquote(item[1]));
      continue;
    }
    const pair = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(line);
    if (!pair) {
      problems.push({ line: lineNumber, message: `cannot read "${line.trim()}": write it as "key: value"` });
      continue;
    }
    const [, key, value] = pair;
    listKey = null;
    if (!FRONT_KEYS.includes(key)) {
      const suggestion = suggestField(key, FRONT_KEYS);
      problems.push({ line: lineNumber, message: `unknown front-matter key "${key}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}` });
      continue;
    }
    if (raw.has(key)) problems.push({ line: lineNumber, message: `"${key}" is given twice` });
    const inlineList = /^\[(.*)\]$/.exec(value.trim());
    if (inlineList) {
      const list = inlineList[1].trim() === '' ? [] : inlineList[1].split(',').map(unquote);
      raw.set(key, { value: value.trim(), line: lineNumber, list });
    } else if (value.trim() === '' && key === 'requires') {
      raw.set(key, { value: '', line: lineNumber, list: [] });
      listKey = key;
    } else {
      raw.set(key, { value: unquote(value), line: lineNumber });
    }
  }

  const closeLine = close + 1;
  const text = (key: string): string => raw.get(key)?.value ?? '';
  const lineOf = (key: string): number => raw.get(key)?.line ?? closeLine;
  let broken = false;
  for (const key of ['id', 'title', 'kind', 'fileName']) {
    if (text(key) === '') {
      problems.push({ line: lineOf(key), message: `the front matter needs "${key}"` });
      broken = true;
    }
  }
  if (text('id') !== '' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(text('id'))) {
    problems.push({ line: lineOf('id'), message: `id "${text('id')}" must be lowercase words joined by "-", e.g. "employment-contract"` });
  }
  const kind = text('kind') as TemplateKind;
  if (text('kind') !== '' && !TEMPLATE_KINDS.includes(kind)) {
    problems.push({ line: lineOf('kind'), message: `kind "${text('kind')}" must be one of: ${TEMPLATE_KINDS.join(', ')}` });
    broken = true;
  }
  if (kind === 'job-description' && text('role') === '') {
    problems.push({ line: lineOf('kind'), message: 'a job description needs "role": the Role it describes, as written in the Staff tab' });
  }
  if (kind !== 'job-description' && raw.has('role')) {
    problems.push({ line: lineOf('role'), message: '"role" is only for job descriptions' });
  }
  if (raw.has('requires') && !raw.get('requires')?.list) {
    problems.push({ line: lineOf('requires'), message: 'write requires as a list: requires: [Start, Hourly wage]' });
  }
  const requires = raw.get('requires')?.list ?? [];
  for (const name of requires) {
    const field = MERGE_FIELDS.find((known) => known.name === name);
    if (!field) problems.push({ line: lineOf('requires'), message: `requires an unknown field "${name}"${didYouMean(name)}` });
    else if (field.kind === 'flag') {
      problems.push({ line: lineOf('requires'), message: `requires "${name}": a yes/no field is never blank, so it cannot be required` });
    }
  }
  for (const placeholder of findPlaceholders(text('fileName'))) {
    if (placeholder.kind !== 'field') {
      problems.push({ line: lineOf('fileName'), message: `fileName can only hold fields, not ${placeholder.raw}` });
    } else if (!MERGE_FIELD_NAMES.includes(placeholder.name)) {
      problems.push({ line: lineOf('fileName'), message: `unknown field ${placeholder.raw}${didYouMean(placeholder.name)}` });
    }
  }
  if (broken) return { fields: null, bodyStart: close + 1 };
  const fields: FrontFields = { id: text('id'), title: text('title'), kind, fileName: text('fileName'), requires };
  if (text('role') !== '') fields.role = text('role');
  return { fields, bodyStart: close + 1 };
}

function didYouMean(name: string, known: readonly string[] = MERGE_FIELD_NAMES): string {
  const suggestion = suggestField(name, known);
  return suggestion ? ` — did you mean {{${suggestion}}}?` : '';
}

// ---- body -----------------------------------------------------------------------------------

/** A paragraph as the merge will see it (heading, paragraph or list item), or a table. */
type Piece =
  | { kind: 'paragraph'; line: number; text: string; lines: { line: number; text: string }[] }
  | { kind: 'table'; line: number; header: boolean; rows: { line: number; cells: string[] }[] };

const MARKER_ONLY = /^(\{\{\s*(#(if|unless|each)\s[^{}]*|\/(if|unless|each))\s*\}\}\s*)+$/;
const TABLE_SEPARATOR = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

function readBody(lines: readonly string[], bodyStart: number, problems: Problem[]): { blocks: TemplateBlock[]; pieces: Piece[] } {
  const blocks: TemplateBlock[] = [];
  const pieces: Piece[] = [];
  let paragraph: { line: number; lines: { line: number; text: string }[] } | null = null;
  let list: { ordered: boolean; items: { line: number; lines: { line: number; text: string }[] }[] } | null = null;

  const paragraphPiece = (at: { line: number; lines: { line: number; text: string }[] }): TextRun[] => {
    const text = at.lines.map((part) => part.text).join(' ');
    const runs = parseInline(text, at.line, problems);
    pieces.push({ kind: 'paragraph', line: at.line, text: runs.map((run) => run.text).join(''), lines: at.lines });
    return runs;
  };
  const flush = (): void => {
    if (paragraph) blocks.push({ type: 'paragraph', runs: paragraphPiece(paragraph) });
    if (list) blocks.push({ type: 'list', ordered: list.ordered, items: list.items.map(paragraphPiece) });
    paragraph = null;
    list = null;
  };

  let index = bodyStart;
  while (index < lines.length) {
    const raw = lines[index];
    const lineNumber = index + 1;
    const text = raw.trim();
    index++;
    if (text === '') {
      flush();
      continue;
    }
    if (text.startsWith('<!--')) {
      flush();
      // Author notes are skipped up to the line that closes them.
      let end = index - 1;
      while (end < lines.length && !lines[end].includes('-->')) end++;
      if (end >= lines.length) problems.push({ line: lineNumber, message: 'this <!-- note is never closed with -->' });
      index = end + 1;
      continue;
    }
    const heading = /^(#+)\s+(.*)$/.exec(text);
    if (heading) {
      flush();
      const level = heading[1].length;
      if (level > 3) problems.push({ line: lineNumber, message: `only #, ## and ### headings are supported, not ${heading[1]}` });
      const at = { line: lineNumber, lines: [{ line: lineNumber, text: heading[2].trim() }] };
      blocks.push({ type: 'heading', level: Math.min(level, 3) as 1 | 2 | 3, runs: paragraphPiece(at) });
      continue;
    }
    if (/^_{3,}$/.test(text)) {
      flush();
      blocks.push({ type: 'signature-line' });
      continue;
    }
    if (MARKER_ONLY.test(text)) {
      // A marker on its own line is its own paragraph, so it can wrap whole paragraphs.
      flush();
      const at = { line: lineNumber, lines: [{ line: lineNumber, text }] };
      blocks.push({ type: 'paragraph', runs: paragraphPiece(at) });
      continue;
    }
    if (text.startsWith('|')) {
      flush();
      const rows: { line: number; text: string }[] = [{ line: lineNumber, text }];
      while (index < lines.length && lines[index].trim().startsWith('|')) {
        rows.push({ line: index + 1, text: lines[index].trim() });
        index++;
      }
      readTable(rows, blocks, pieces, problems);
      continue;
    }
    const item = /^(\s*)([-*]|\d+[.)])\s+(.*)$/.exec(raw);
    if (item) {
      if (item[1].length >= 2) {
        problems.push({ line: lineNumber, message: 'nested lists are not supported: keep every item at the start of the line' });
      }
      const ordered = /\d/.test(item[2]);
      if (!list || list.ordered !== ordered) {
        flush();
        list = { ordered, items: [] };
      }
      list.items.push({ line: lineNumber, lines: [{ line: lineNumber, text: item[3].trim() }] });
      continue;
    }
    if (list) {
      // A line right under an item continues it, as in any Markdown viewer.
      list.items[list.items.length - 1].lines.push({ line: lineNumber, text });
      continue;
    }
    if (!paragraph) paragraph = { line: lineNumber, lines: [] };
    paragraph.lines.push({ line: lineNumber, text });
  }
  flush();
  return { blocks, pieces };
}

/** Splits "| a | b \| c |" into ["a", "b \| c"]: escaped pipes stay for parseInline to unescape. */
function splitCells(row: string): string[] {
  const inner = row.replace(/^\|/, '').replace(/(^|[^\\])\|$/, '$1');
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && i + 1 < inner.length) {
      current += inner[i] + inner[i + 1];
      i++;
    } else if (inner[i] === '|') {
      cells.push(current.trim());
      current = '';
    } else current += inner[i];
  }
  cells.push(current.trim());
  return cells;
}

function readTable(
  rows: readonly { line: number; text: string }[],
  blocks: TemplateBlock[],
  pieces: Piece[],
  problems: Problem[],
): void {
  const header = rows.length > 1 && TABLE_SEPARATOR.test(rows[1].text);
  const bodyRows = rows.filter((_, index) => !(header && index === 1));
  const width = splitCells(bodyRows[0].text).length;
  const cellRuns: TextRun[][][] = [];
  const piece: Piece = { kind: 'table', line: rows[0].line, header, rows: [] };
  for (const row of bodyRows) {
    if (TABLE_SEPARATOR.test(row.text)) {
      problems.push({ line: row.line, message: 'a |---| line may only follow the first row of a table' });
      continue;
    }
    const cells = splitCells(row.text);
    if (cells.length !== width) {
      problems.push({ line: row.line, message: `this table row has ${cells.length} cells but the first row has ${width}` });
    }
    const runs = cells.map((cell) => parseInline(cell, row.line, problems));
    cellRuns.push(runs);
    piece.rows.push({ line: row.line, cells: runs.map((cell) => cell.map((run) => run.text).join('')) });
  }
  blocks.push({ type: 'table', rows: cellRuns, ...(header ? { header: true } : {}) });
  pieces.push(piece);
}

/** **bold**, *italic* and backslash escapes into runs; {{…}} is copied as it is. */
function parseInline(text: string, line: number, problems: Problem[]): TextRun[] {
  const runs: TextRun[] = [];
  let bold = false;
  let italic = false;
  let buffer = '';
  const flushRun = (): void => {
    if (buffer === '') return;
    const last = runs[runs.length - 1];
    if (last && (last.bold === true) === bold && (last.italic === true) === italic) last.text += buffer;
    else runs.push({ text: buffer, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i);
      if (end < 0) {
        problems.push({ line, message: `"${text.slice(i, i + 30)}" opens {{ but never closes it with }}` });
        buffer += text.slice(i);
        break;
      }
      buffer += text.slice(i, end + 2);
      i = end + 2;
    } else if (text[i] === '\\' && i + 1 < text.length && /[\\*_{}|#`-]/.test(text[i + 1])) {
      buffer += text[i + 1];
      i += 2;
    } else if (text.startsWith('**', i)) {
      flushRun();
      bold = !bold;
      i += 2;
    } else if (text[i] === '*') {
      flushRun();
      italic = !italic;
      i += 1;
    } else {
      buffer += text[i];
      i += 1;
    }
  }
  flushRun();
  if (bold) problems.push({ line, message: '** (bold) is opened but never closed on this line' });
  if (italic) problems.push({ line, message: '* (italic) is opened but never closed on this line (write \\* for an asterisk)' });
  return runs;
}

// ---- merge syntax ---------------------------------------------------------------------------

function fieldNamed(name: string): MergeField | undefined {
  return MERGE_FIELDS.find((field) => field.name === name);
}

/** The source line a placeholder was written on (a paragraph may span several). */
function lineOfPlaceholder(piece: { line: number; lines: { line: number; text: string }[] }, raw: string): number {
  return piece.lines.find((part) => part.text.includes(raw))?.line ?? piece.line;
}

interface Marker {
  line: number;
  placeholder: Placeholder;
  /** Nothing but space before it in its paragraph / after it. */
  startsParagraph: boolean;
  endsParagraph: boolean;
}

/** Checks that {{#if}}/{{#unless}} pair up inside one container and sit at paragraph edges. */
function checkSections(markers: readonly Marker[], where: string, problems: Problem[]): void {
  const open: Marker[] = [];
  for (const marker of markers) {
    const { kind, raw } = marker.placeholder;
    if (kind === 'if' || kind === 'unless') {
      if (!marker.startsParagraph) problems.push({ line: marker.line, message: `${raw} must start its paragraph${where}` });
      open.push(marker);
    } else if (kind === 'end-if' || kind === 'end-unless') {
      if (!marker.endsParagraph) problems.push({ line: marker.line, message: `${raw} must end its paragraph${where}` });
      const last = open.pop();
      if (!last) problems.push({ line: marker.line, message: `${raw} has no opening {{#${kind.slice(4)} …}} before it${where}` });
      else if (`end-${last.placeholder.kind}` !== kind) {
        problems.push({ line: marker.line, message: `${raw} closes ${last.placeholder.raw} from line ${last.line}: close it with {{/${last.placeholder.kind}}}` });
      }
    }
  }
  for (const marker of open) {
    problems.push({ line: marker.line, message: `${marker.placeholder.raw} is never closed with {{/${marker.placeholder.kind}}}${where}` });
  }
}

function checkMergeSyntax(pieces: readonly Piece[], problems: Problem[]): void {
  const bodyMarkers: Marker[] = [];
  const listFields = MERGE_FIELDS.filter((field) => field.kind === 'list').map((field) => field.name);
  const itemOwner = new Map<string, string>();
  for (const field of MERGE_FIELDS) for (const item of field.itemFields ?? []) itemOwner.set(item, field.name);

  /** Fields, conditions and each-markers named in one paragraph or cell. */
  const checkNames = (placeholder: Placeholder, line: number, itemFields: readonly string[]): void => {
    const { kind, name, raw } = placeholder;
    if (kind === 'end-if' || kind === 'end-unless' || kind === 'end-each') return;
    if (kind === 'each') {
      if (!listFields.includes(name)) problems.push({ line, message: `${raw}: "${name}" is not a list${didYouMean(name, listFields)}` });
      return;
    }
    if (itemFields.includes(name)) return;
    const field = fieldNamed(name);
    if (field?.kind === 'list' && kind === 'field') {
      problems.push({ line, message: `${raw} is a list: repeat a table row with {{#each ${name}}} in its first cell` });
    } else if (!field && itemOwner.has(name)) {
      problems.push({ line, message: `${raw} belongs to ${itemOwner.get(name)}: use it in the table row that has {{#each ${itemOwner.get(name)}}}` });
    } else if (!field) {
      problems.push({ line, message: `unknown field ${raw}${didYouMean(name, MERGE_FIELD_NAMES.concat(itemFields))}` });
    }
  };

  for (const piece of pieces) {
    if (piece.kind === 'paragraph') {
      for (const placeholder of findPlaceholders(piece.text)) {
        const line = lineOfPlaceholder(piece, placeholder.raw);
        checkNames(placeholder, line, []);
        if (placeholder.kind === 'each' || placeholder.kind === 'end-each') {
          problems.push({ line, message: `${placeholder.raw} only works in the first cell of a table row` });
        }
        bodyMarkers.push({
          line,
          placeholder,
          startsParagraph: piece.text.slice(0, placeholder.from).trim() === '',
          endsParagraph: piece.text.slice(placeholder.to).trim() === '',
        });
      }
      continue;
    }
    piece.rows.forEach((row, rowIndex) => {
      const eachMarkers = row.cells.flatMap((cell) => findPlaceholders(cell).filter((placeholder) => placeholder.kind === 'each'));
      const each = findPlaceholders(row.cells[0] ?? '').find((placeholder) => placeholder.kind === 'each');
      const itemFields = (each && fieldNamed(each.name)?.itemFields) ?? [];
      if (eachMarkers.length > 1) problems.push({ line: row.line, message: 'a table row can repeat for one list only' });
      if (each && piece.header && rowIndex === 0) {
        problems.push({ line: row.line, message: `${each.raw} cannot be in the header row: put it in the row below the |---| line` });
      }
      row.cells.forEach((cell, column) => {
        const found = findPlaceholders(cell);
        for (const placeholder of found) {
          checkNames(placeholder, row.line, itemFields);
          if (placeholder.kind === 'each' && column > 0) {
            problems.push({ line: row.line, message: `${placeholder.raw} must be in the first cell of the row` });
          }
          if (placeholder.kind === 'end-each' && !each) {
            problems.push({ line: row.line, message: `${placeholder.raw} is only for a row that starts with {{#each …}}` });
          }
          const isCondition = ['if', 'unless', 'end-if', 'end-unless'].includes(placeholder.kind);
          if (each && isCondition) {
            problems.push({ line: row.line, message: `${placeholder.raw} cannot be used inside a repeating row` });
          }
        }
        if (!each) {
          const markers = found.map((placeholder) => ({
            line: row.line,
            placeholder,
            startsParagraph: cell.slice(0, placeholder.from).trim() === '',
            endsParagraph: cell.slice(placeholder.to).trim() === '',
          }));
          checkSections(markers, ' (a condition in a table cell must open and close in that cell)', problems);
        }
      });
    });
  }
  checkSections(bodyMarkers, '', problems);
}
