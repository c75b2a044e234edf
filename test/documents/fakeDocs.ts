// A tiny, strict stand-in for a Google Doc in these tests: applies our batchUpdate request subset and reads back Docs API v1 JSON.
//
// The document is a flat list of tokens, one per index: characters, and the one-index markers that
// open a table, a row and a cell (and a table's end takes one too, as measured on the live API). That makes Docs' index rules
// direct to state: a table at T has its first cell's text at T + 3; an empty cell takes 2.
// It refuses what the real API refuses (deleting a segment's or cell's last "\n", the "\n" before
// a table, part of a table), and its replaceAllText only matches inside one text run — the
// stricter reading — so a plan that passes here does not lean on cross-run matching.

import type { DocsDocumentJson, DocsRequest, DocsStructuralElement, DocsTableCell, DocsTableRow } from '../../addon/documents/merge';

interface Char {
  kind: 'char';
  ch: string;
  bold: boolean;
  italic: boolean;
  /** On "\n" only: the paragraph's named style and bullet list. */
  namedStyle?: string;
  listId?: string;
}

type Token = Char | { kind: 'sectionBreak' } | { kind: 'tableStart' } | { kind: 'rowStart' } | { kind: 'cellStart' } | { kind: 'tableEnd' };

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A paragraph as plain text or runs, or a table of cells (plain text or runs, one paragraph each). */
export type BlockSpec = string | Run[] | { table: (string | Run[])[][] };

const width = (_token: Token): number => 1;

function newline(namedStyle = 'NORMAL_TEXT'): Char {
  return { kind: 'char', ch: '\n', bold: false, italic: false, namedStyle };
}

function chars(runs: string | Run[]): Char[] {
  const list = typeof runs === 'string' ? [{ text: runs }] : runs;
  return list.flatMap((run) => Array.from(splitUnits(run.text), (ch) => ({ kind: 'char' as const, ch, bold: !!run.bold, italic: !!run.italic })));
}

/** A paragraph's characters and its "\n", which carries the last character's style, as when typed in Docs. */
function paragraph(runs: string | Run[]): Char[] {
  const text = chars(runs);
  const last = text[text.length - 1];
  return text.concat({ ...newline(), bold: last ? last.bold : false, italic: last ? last.italic : false });
}

/** UTF-16 code units, as the Docs API counts them. */
function splitUnits(text: string): string[] {
  const units: string[] = [];
  for (let i = 0; i < text.length; i++) units.push(text[i]);
  return units;
}

export class FakeDoc {
  private tokens: Token[];
  private nextListId = 1;

  private constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  /** A new empty Google Doc: a section break, then one empty paragraph at index 1. */
  static empty(): FakeDoc {
    return new FakeDoc([{ kind: 'sectionBreak' }, newline()]);
  }

  /** A document with these paragraphs and tables; a paragraph is added after a final table, as Docs does. */
  static build(blocks: BlockSpec[]): FakeDoc {
    const tokens: Token[] = [{ kind: 'sectionBreak' }];
    for (const block of blocks) {
      if (typeof block === 'string' || Array.isArray(block)) {
        tokens.push(...paragraph(block));
        continue;
      }
      tokens.push({ kind: 'tableStart' });
      for (const row of block.table) {
        tokens.push({ kind: 'rowStart' });
        for (const cell of row) tokens.push({ kind: 'cellStart' }, ...paragraph(cell));
      }
      tokens.push({ kind: 'tableEnd' });
    }
    if (tokens[tokens.length - 1].kind === 'tableEnd' || blocks.length === 0) tokens.push(newline());
    return new FakeDoc(tokens);
  }

  apply(requests: readonly DocsRequest[]): this {
    requests.forEach((request, number) => {
      try {
        this.applyOne(request);
      } catch (error) {
        throw new Error(`request ${number} ${JSON.stringify(request)}: ${(error as Error).message}`);
      }
    });
    return this;
  }

  private applyOne(request: DocsRequest): void {
    if ('insertText' in request) this.insertText(request.insertText.location.index, request.insertText.text);
    else if ('deleteContentRange' in request) this.deleteRange(request.deleteContentRange.range.startIndex, request.deleteContentRange.range.endIndex);
    else if ('replaceAllText' in request) this.replaceAll(request.replaceAllText.containsText.text, request.replaceAllText.replaceText);
    else if ('insertTable' in request) this.insertTable(request.insertTable.location.index, request.insertTable.rows, request.insertTable.columns);
    else if ('insertTableRow' in request) {
      const { tableStartLocation, rowIndex } = request.insertTableRow.tableCellLocation;
      if (!request.insertTableRow.insertBelow) throw new Error('only insertBelow is modelled');
      this.insertRowBelow(tableStartLocation.index, rowIndex);
    } else if ('deleteTableRow' in request) {
      const { tableStartLocation, rowIndex } = request.deleteTableRow.tableCellLocation;
      this.deleteRow(tableStartLocation.index, rowIndex);
    } else if ('updateParagraphStyle' in request) {
      const { range, paragraphStyle } = request.updateParagraphStyle;
      for (const end of this.paragraphEnds(range.startIndex, range.endIndex)) end.namedStyle = paragraphStyle.namedStyleType;
    } else if ('updateTextStyle' in request) {
      const { range, textStyle, fields } = request.updateTextStyle;
      const names = fields.split(',');
      this.forEachInRange(range.startIndex, range.endIndex, (token) => {
        if (token.kind !== 'char') return;
        if (names.includes('bold')) token.bold = !!textStyle.bold;
        if (names.includes('italic')) token.italic = !!textStyle.italic;
      });
    } else if ('createParagraphBullets' in request) {
      const listId = `list.${this.nextListId++}:${request.createParagraphBullets.bulletPreset}`;
      for (const end of this.paragraphEnds(request.createParagraphBullets.range.startIndex, request.createParagraphBullets.range.endIndex)) {
        end.listId = listId;
      }
    } else throw new Error('request outside the subset');
  }

  // ---- positions ----------------------------------------------------------------------------

  /** The token that holds `index`, for inserting before it: must be a character. */
  private charAt(index: number): number {
    let at = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      if (at === index && width(token) > 0) {
        if (token.kind !== 'char') throw new Error(`index ${index} is a ${token.kind}, not inside a paragraph`);
        return i;
      }
      at += width(token);
    }
    throw new Error(`index ${index} is past the end of the document (${at})`);
  }

  private forEachInRange(start: number, end: number, visit: (token: Token, position: number) => void): void {
    let at = 0;
    this.tokens.forEach((token, position) => {
      if (width(token) > 0 && at >= start && at < end) visit(token, position);
      at += width(token);
    });
  }

  /** The "\n" tokens of every paragraph that overlaps [start, end). */
  private paragraphEnds(start: number, end: number): Char[] {
    const ends: Char[] = [];
    let at = 0;
    let paragraphStart = -1;
    for (const token of this.tokens) {
      if (token.kind === 'char') {
        if (paragraphStart < 0) paragraphStart = at;
        if (token.ch === '\n') {
          if (paragraphStart < end && at + 1 > start) ends.push(token);
          paragraphStart = -1;
        }
      }
      at += width(token);
    }
    return ends;
  }

  /** The "\n" that ends the paragraph holding the token at `position`. */
  private paragraphEndFrom(position: number): Char {
    for (let i = position; i < this.tokens.length; i++) {
      const token = this.tokens[i];
      if (token.kind !== 'char') break;
      if (token.ch === '\n') return token;
    }
    throw new Error('paragraph without a final newline');
  }

  // ---- edits --------------------------------------------------------------------------------

  private insertText(index: number, text: string): void {
    if (text === '') throw new Error('insertText with no text');
    const position = this.charAt(index);
    const before = this.tokens[position - 1];
    const here = this.tokens[position] as Char;
    // Inserted text takes the style of the character before it in the same paragraph.
    const source = before && before.kind === 'char' && before.ch !== '\n' ? before : here;
    const end = this.paragraphEndFrom(position);
    const inserted: Char[] = splitUnits(text).map((ch) =>
      ch === '\n'
        ? { kind: 'char', ch, bold: source.bold, italic: source.italic, namedStyle: end.namedStyle, listId: end.listId }
        : { kind: 'char', ch, bold: source.bold, italic: source.italic },
    );
    this.tokens.splice(position, 0, ...inserted);
  }

  private deleteRange(start: number, end: number): void {
    if (!(start < end)) throw new Error(`empty or reversed range ${start}–${end}`);
    const doomed = new Set<number>();
    this.forEachInRange(start, end, (_token, position) => doomed.add(position));
    // Walk tables: a table goes whole or not at all; its end marker follows its start marker.
    const open: { position: number; doomed: boolean }[] = [];
    this.tokens.forEach((token, position) => {
      if (token.kind === 'sectionBreak' && doomed.has(position)) throw new Error('cannot delete the section break');
      if (token.kind === 'tableStart') open.push({ position, doomed: doomed.has(position) });
      if (token.kind === 'rowStart' || token.kind === 'cellStart') {
        const table = open[open.length - 1];
        if (doomed.has(position) && !table.doomed) throw new Error('cannot delete rows or cells with deleteContentRange');
      }
      if (token.kind === 'tableEnd') {
        const table = open.pop() as { position: number; doomed: boolean };
        // The table's last index is the character before its end marker.
        const lastInside = doomed.has(position - 1);
        if (table.doomed !== lastInside) throw new Error('cannot delete part of a table');
        if (table.doomed) doomed.add(position);
      }
      if (token.kind === 'char' && token.ch === '\n' && doomed.has(position)) {
        const next = this.tokens[position + 1];
        if (next === undefined) throw new Error('cannot delete the last newline of the body');
        if (next.kind === 'cellStart' || next.kind === 'rowStart' || next.kind === 'tableEnd') {
          const table = open[open.length - 1];
          if (!table.doomed) throw new Error('cannot delete the last newline of a table cell');
        }
        if (next.kind === 'tableStart' && !doomed.has(position + 1)) throw new Error('cannot delete the newline before a table');
      }
    });
    this.tokens = this.tokens.filter((_token, position) => !doomed.has(position));
  }

  private replaceAll(text: string, replacement: string): void {
    if (text === '') throw new Error('replaceAllText with no text');
    let position = 0;
    while (position < this.tokens.length) {
      const first = this.tokens[position];
      if (first.kind !== 'char' || first.ch === '\n') {
        position++;
        continue;
      }
      // One text run: characters of the same style, within one paragraph.
      let runEnd = position;
      let run = '';
      while (runEnd < this.tokens.length) {
        const token = this.tokens[runEnd];
        if (token.kind !== 'char' || token.ch === '\n' || token.bold !== first.bold || token.italic !== first.italic) break;
        run += token.ch;
        runEnd++;
      }
      const found = run.indexOf(text);
      if (found < 0) {
        position = runEnd;
        continue;
      }
      const at = position + found;
      const end = this.paragraphEndFrom(at);
      const inserted: Char[] = splitUnits(replacement).map((ch) =>
        ch === '\n'
          ? { kind: 'char', ch, bold: first.bold, italic: first.italic, namedStyle: end.namedStyle, listId: end.listId }
          : { kind: 'char', ch, bold: first.bold, italic: first.italic },
      );
      this.tokens.splice(at, text.length, ...inserted);
      position = at + inserted.length;
    }
  }

  private insertTable(index: number, rows: number, columns: number): void {
    const position = this.charAt(index);
    const end = this.paragraphEndFrom(position);
    const table: Token[] = [newline(end.namedStyle), { kind: 'tableStart' }];
    for (let row = 0; row < rows; row++) {
      table.push({ kind: 'rowStart' });
      for (let column = 0; column < columns; column++) table.push({ kind: 'cellStart' }, newline());
    }
    table.push({ kind: 'tableEnd' });
    this.tokens.splice(position, 0, ...table);
  }

  /** Positions of each row's start marker in the table starting at `tableIndex`, and of its end. */
  private rowsOf(tableIndex: number): { rows: number[]; tableEnd: number } {
    let start = -1;
    let at = 0;
    for (let i = 0; i < this.tokens.length; i++) {
      if (at === tableIndex && this.tokens[i].kind === 'tableStart') start = i;
      at += width(this.tokens[i]);
    }
    if (start < 0) throw new Error(`no table starts at ${tableIndex}`);
    const rows: number[] = [];
    let depth = 0;
    for (let i = start; i < this.tokens.length; i++) {
      const kind = this.tokens[i].kind;
      if (kind === 'tableStart') depth++;
      if (kind === 'rowStart' && depth === 1) rows.push(i);
      if (kind === 'tableEnd' && --depth === 0) return { rows, tableEnd: i };
    }
    throw new Error('unterminated table');
  }

  private insertRowBelow(tableIndex: number, rowIndex: number): void {
    const { rows, tableEnd } = this.rowsOf(tableIndex);
    if (rowIndex < 0 || rowIndex >= rows.length) throw new Error(`no row ${rowIndex}`);
    const rowEnd = rowIndex + 1 < rows.length ? rows[rowIndex + 1] : tableEnd;
    let cells = 0;
    let depth = 0;
    for (let i = rows[rowIndex]; i < rowEnd; i++) {
      const kind = this.tokens[i].kind;
      if (kind === 'tableStart') depth++;
      if (kind === 'tableEnd') depth--;
      if (kind === 'cellStart' && depth === 0) cells++;
    }
    const row: Token[] = [{ kind: 'rowStart' }];
    for (let c = 0; c < cells; c++) row.push({ kind: 'cellStart' }, newline());
    this.tokens.splice(rowEnd, 0, ...row);
  }

  private deleteRow(tableIndex: number, rowIndex: number): void {
    const { rows, tableEnd } = this.rowsOf(tableIndex);
    if (rowIndex < 0 || rowIndex >= rows.length) throw new Error(`no row ${rowIndex}`);
    if (rows.length === 1) throw new Error('cannot delete the only row of a table');
    const rowEnd = rowIndex + 1 < rows.length ? rows[rowIndex + 1] : tableEnd;
    this.tokens.splice(rows[rowIndex], rowEnd - rows[rowIndex]);
  }

  // ---- reading back -------------------------------------------------------------------------

  /** The document as Documents.get returns it (body only). */
  toJson(): DocsDocumentJson {
    const body: DocsStructuralElement[] = [];
    const containers: DocsStructuralElement[][] = [body];
    const tables: { element: DocsStructuralElement; row?: DocsTableRow; cell?: DocsTableCell }[] = [];
    let paragraph: DocsStructuralElement | null = null;
    let at = 0;
    const closeCell = (): void => {
      const open = tables[tables.length - 1];
      if (open.cell) {
        open.cell.endIndex = at;
        containers.pop();
        open.cell = undefined;
      }
    };
    const closeRow = (): void => {
      closeCell();
      const open = tables[tables.length - 1];
      if (open.row) open.row.endIndex = at;
      open.row = undefined;
    };
    for (const token of this.tokens) {
      const container = containers[containers.length - 1];
      if (token.kind === 'sectionBreak') container.push({ endIndex: 1, sectionBreak: { sectionStyle: {} } });
      else if (token.kind === 'tableStart') {
        const element: DocsStructuralElement = { startIndex: at, table: { rows: 0, columns: 0, tableRows: [] } };
        container.push(element);
        tables.push({ element });
      } else if (token.kind === 'rowStart') {
        closeRow();
        const open = tables[tables.length - 1];
        open.row = { startIndex: at, tableCells: [] };
        open.element.table?.tableRows?.push(open.row);
      } else if (token.kind === 'cellStart') {
        closeCell();
        const open = tables[tables.length - 1];
        open.cell = { startIndex: at, content: [] };
        open.row?.tableCells?.push(open.cell);
        containers.push(open.cell.content as DocsStructuralElement[]);
      } else if (token.kind === 'tableEnd') {
        closeRow();
        const open = tables.pop() as { element: DocsStructuralElement };
        open.element.endIndex = at;
        const table = open.element.table as { rows: number; columns: number; tableRows: DocsTableRow[] };
        table.rows = table.tableRows.length;
        table.columns = Math.max(0, ...table.tableRows.map((row) => row.tableCells?.length ?? 0));
      } else {
        if (!paragraph) {
          paragraph = { startIndex: at, paragraph: { elements: [] } };
          container.push(paragraph);
        }
        const elements = paragraph.paragraph?.elements ?? [];
        const last = elements[elements.length - 1];
        const style = { ...(token.bold ? { bold: true } : {}), ...(token.italic ? { italic: true } : {}) };
        if (last && last.textRun && JSON.stringify(last.textRun.textStyle) === JSON.stringify(style)) {
          last.textRun.content += token.ch;
          last.endIndex = at + 1;
        } else elements.push({ startIndex: at, endIndex: at + 1, textRun: { content: token.ch, textStyle: style } });
        if (token.ch === '\n') {
          paragraph.endIndex = at + 1;
          (paragraph.paragraph as { paragraphStyle?: object }).paragraphStyle = { namedStyleType: token.namedStyle ?? 'NORMAL_TEXT' };
          if (token.listId) (paragraph.paragraph as { bullet?: object }).bullet = { listId: token.listId };
          paragraph = null;
        }
      }
      at += width(token);
    }
    return { documentId: 'fake', body: { content: body } };
  }
}

/**
 * The visible text of a Docs JSON body: one line per paragraph, a table as "| a | b |" rows.
 * With `marks`, headings get "#"/"##", bullets "- " and bold/italic "**"/"*", to check styling.
 */
export function textOf(document: DocsDocumentJson, marks = false): string {
  const lines: string[] = [];
  const walk = (content: readonly DocsStructuralElement[]): void => {
    for (const element of content) {
      if (element.paragraph) lines.push(paragraphText(element, marks));
      if (element.table) {
        for (const row of element.table.tableRows ?? []) {
          const cells = (row.tableCells ?? []).map((cell) =>
            (cell.content ?? []).map((inner) => (inner.paragraph ? paragraphText(inner, marks) : '[table]')).join(' / '),
          );
          lines.push(`| ${cells.join(' | ')} |`);
        }
      }
    }
  };
  walk(document.body?.content ?? []);
  return lines.join('\n');
}

const HEADING_MARKS: Record<string, string> = { TITLE: '# ', HEADING_1: '## ', HEADING_2: '### ', HEADING_3: '#### ' };

function paragraphText(element: DocsStructuralElement, marks: boolean): string {
  const paragraph = element.paragraph;
  const text = (paragraph?.elements ?? [])
    .map((part) => {
      const content = (part.textRun?.content ?? '').replace(/\n$/, '');
      if (!marks || content === '') return content;
      const style = part.textRun?.textStyle ?? {};
      const mark = (style.bold ? '**' : '') + (style.italic ? '*' : '');
      return mark + content + mark.split('').reverse().join('');
    })
    .join('');
  if (!marks) return text;
  const heading = HEADING_MARKS[paragraph?.paragraphStyle?.namedStyleType ?? ''] ?? '';
  const bullet = paragraph?.bullet ? (paragraph.bullet.listId?.includes('NUMBERED') ? '1. ' : '- ') : '';
  return heading + bullet + text;
}
