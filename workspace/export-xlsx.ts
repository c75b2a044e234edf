// Writes a local Workspace spreadsheet to an .xlsx file that a person can open in Excel, LibreOffice or Google Sheets.
//
// What is carried over: every tab in order (name, tab colour, hidden), values, formulas (with the
// result the model knows, which today is only HYPERLINK's label), number formats, bold, fill and
// font colours, wrap, horizontal alignment, column widths, notes (as comments), merges, frozen
// rows and columns, data validation, conditional formats and named ranges, and a print layout
// (landscape, fit to width, header rows repeated) that Sheets itself does not store.
//
// What is not, and why:
// - Protections. Excel protects a whole sheet with an optional password and lets chosen cells stay
//   unlocked; Sheets protects ranges for named editors. The two do not map, and a half-mapped
//   protection would suggest a safety the file does not have, so the workbook's description lists
//   what was protected in Sheets instead.
// - Charts. exceljs cannot write charts; the grid is left as it is (no placeholder is written into
//   the user's cells) and the workbook's description says how many were left out.
// - Functions that exist only in Sheets (ARRAYFORMULA, QUERY, REGEXMATCH, IMPORTRANGE, …) are
//   written as they are: Sheets reads them back, Excel and LibreOffice show #NAME?.
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Workbook, type ConditionalFormattingRule, type DataValidation, type Fill, type Font, type Worksheet, type WorksheetView } from 'exceljs';
import { columnToLetters, parseA1, toA1 } from './a1';
import { defaultDateFormat } from './formats';
import { wallClock } from './time';
import type {
  Bounds, Cell, CellValue, ConditionalRuleData, SheetModel, SpreadsheetModel, ValidationData,
} from './spreadsheet-model';

export interface XlsxOptions {
  /** Stamped as the file's created/modified time (the Workspace clock keeps runs reproducible). */
  now?: Date;
}

/** Writes the spreadsheet to `path` as .xlsx, creating the folder when needed. */
export async function writeSpreadsheetXlsx(model: SpreadsheetModel, path: string, options: XlsxOptions = {}): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await toWorkbook(model, options).xlsx.writeFile(path);
}

/** The spreadsheet as the bytes of an .xlsx file. */
export async function toXlsxBuffer(model: SpreadsheetModel, options: XlsxOptions = {}): Promise<Buffer> {
  return Buffer.from(await toWorkbook(model, options).xlsx.writeBuffer());
}

/** Sheets' default column width in pixels; Excel's default is narrower, so it is set explicitly. */
const SHEETS_DEFAULT_COLUMN_PX = 100;
/** Excel sets widths in characters of the default font (Calibri 11: 7 px a digit plus 5 px padding). */
function pixelsToCharacters(px: number): number {
  return Math.max(0, Math.round(((px - 5) / 7) * 100) / 100);
}

/** Excel's rules for a tab name; Sheets is more lenient, so a tab that breaks them stops the export. */
function checkTabName(name: string): void {
  const problem = name.length > 31 ? 'is longer than 31 characters'
    : /[*?:/\\[\]]/.test(name) ? 'contains one of * ? : / \\ [ ]'
      : /^'|'$/.test(name) ? 'starts or ends with an apostrophe'
        : name.toLowerCase() === 'history' ? 'is the name Excel reserves'
          : '';
  if (problem) throw new Error(`The tab "${name}" cannot be saved to .xlsx: its name ${problem}. Rename the tab.`);
}

function toWorkbook(model: SpreadsheetModel, options: XlsxOptions): Workbook {
  const workbook = new Workbook();
  workbook.creator = 'ROSE Tracker';
  workbook.lastModifiedBy = 'ROSE Tracker';
  workbook.title = model.name;
  if (options.now) {
    workbook.created = options.now;
    workbook.modified = options.now;
  }
  // Excel keeps results of formulas and shows them until it recalculates; the model has no results
  // for most formulas, so ask every reader to calculate when it opens the file.
  workbook.calcProperties.fullCalcOnLoad = true;

  const lists = new DropdownLists(model);
  const sheets = new Map<number, Worksheet>();
  model.sheets.forEach((sheet, index) => {
    checkTabName(sheet.name);
    const active = sheet.id === model.activeSheetId && !sheet.hidden;
    sheets.set(sheet.id, writeSheet(workbook, model, sheet, lists, active));
    if (active) workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: 'visible' }];
  });
  lists.writeTo(workbook);

  for (const [name, range] of model.namedRanges) {
    const sheet = model.sheetById(range.sheetId);
    if (sheet) workbook.definedNames.add(`${excelSheetRef(sheet.name)}!${absolute(range.bounds)}`, name);
  }
  workbook.description = notCarried(model);
  return workbook;
}

/** Says in the file's properties what the xlsx could not carry, so nobody assumes it is there. */
function notCarried(model: SpreadsheetModel): string {
  const notes: string[] = [];
  const protections = model.allProtections().map((p) => {
    const sheet = model.sheetById(p.sheetId)!;
    const where = p.bounds ? `${sheet.name}!${toA1(p.bounds.row, p.bounds.column, p.bounds.numRows, p.bounds.numColumns)}` : `the ${sheet.name} tab`;
    return p.description ? `${where} (${p.description})` : where;
  });
  if (protections.length) notes.push(`Protected in Google Sheets, not in this file: ${protections.join('; ')}.`);
  const charts = model.sheets.reduce((n, s) => n + s.charts.length, 0);
  if (charts) notes.push(`${charts} chart${charts === 1 ? '' : 's'} from Google Sheets ${charts === 1 ? 'is' : 'are'} not in this file.`);
  return notes.join(' ');
}

function writeSheet(workbook: Workbook, model: SpreadsheetModel, sheet: SheetModel, lists: DropdownLists, active: boolean): Worksheet {
  const ws = workbook.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    properties: {
      defaultColWidth: pixelsToCharacters(SHEETS_DEFAULT_COLUMN_PX),
      ...(sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor, `the tab colour of ${sheet.name}`) } } : {}),
    },
    views: [sheetView(sheet, active)],
  });
  for (const [column, px] of sheet.columnWidths) ws.getColumn(column).width = pixelsToCharacters(px);

  sheet.rows.forEach((cells, r) => {
    cells?.forEach((cell, c) => {
      if (cell) writeCell(ws, model, sheet, r + 1, c + 1, cell);
    });
  });
  fitWrappedRows(ws, sheet);
  for (const m of sheet.merges) ws.mergeCells(m.row, m.column, m.row + m.numRows - 1, m.column + m.numColumns - 1);
  writeValidations(ws, model, sheet, lists);
  writeConditionalFormats(ws, sheet);
  setPrintLayout(ws, sheet);
  return ws;
}

/** Excel's default row is 15 pt, one line of its default font; a character of it is about 7 px wide on average. */
const LINE_PT = 15;
const AVERAGE_CHAR_PX = 7;

/**
 * Rows holding wrapped text get the height their lines need. Sheets grows a row to show a wrapped
 * cell whole as it displays it, and stores no height for it (the model has none); LibreOffice keeps
 * an .xlsx row at its default height when opening it, so without this each wrapped line would draw
 * over the row below. A height the model holds (a person's) is written as it is.
 */
function fitWrappedRows(ws: Worksheet, sheet: SheetModel): void {
  sheet.rows.forEach((cells, r) => {
    const row = r + 1;
    const set = sheet.rowHeights.get(row);
    if (set !== undefined) { ws.getRow(row).height = set * 0.75; return; }
    let lines = 1;
    cells?.forEach((cell, c) => {
      if (!cell?.wrap || cell.value === '' || cell.value instanceof Date) return;
      const room = Math.max(1, ((sheet.columnWidths.get(c + 1) ?? SHEETS_DEFAULT_COLUMN_PX) - 8) / AVERAGE_CHAR_PX);
      const needed = String(cell.value).split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / room)), 0);
      lines = Math.max(lines, needed);
    });
    if (lines > 1) ws.getRow(row).height = lines * LINE_PT;
  });
}

/**
 * Print layout of every tab: landscape Letter, as wide as the page, the frozen header rows repeated
 * on each page. Google Sheets keeps no print settings in a spreadsheet: the Sheet resource has none
 * (its fields are properties, data, merges, conditionalFormats, filterViews, protectedRanges,
 * basicFilter, charts, bandedRanges, developerMetadata, rowGroups, columnGroups, slicers and tables,
 * developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/sheets), and Apps Script
 * has no page-setup method; the choices are made in File → Print each time. This file is ours, so
 * it carries what a coordinator would choose there, and a PDF made from it fits each tab's width.
 */
/** Letter is paper size 1 in OOXML's codes (ECMA-376 Part 1, 18.3.1.64, pageSetup paperSize); exceljs's enum names only some sizes. */
const LETTER = 1 as unknown as NonNullable<Worksheet['pageSetup']['paperSize']>;

function setPrintLayout(ws: Worksheet, sheet: SheetModel): void {
  // fitToHeight 0: as many pages down as the rows need, one page across.
  ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', paperSize: LETTER, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  if (sheet.frozenRows > 0) ws.pageSetup.printTitlesRow = `1:${sheet.frozenRows}`;
}

/** exceljs writes tabSelected (one tab selected, not a group) but leaves it out of its types. */
type SheetView = Partial<WorksheetView> & { tabSelected?: boolean };

function sheetView(sheet: SheetModel, active: boolean): SheetView {
  return sheet.frozenRows || sheet.frozenColumns
    ? { state: 'frozen', xSplit: sheet.frozenColumns, ySplit: sheet.frozenRows, tabSelected: active }
    : { state: 'normal', tabSelected: active };
}

// --- Cells

function writeCell(ws: Worksheet, model: SpreadsheetModel, sheet: SheetModel, row: number, column: number, cell: Cell): void {
  // Cells that only carry a validation are written with the validations, not as empty cells.
  const shown = (['formula', 'format', 'note', 'background', 'fontColor', 'fontWeight', 'wrap', 'horizontalAlignment'] as const)
    .some((key) => cell[key] !== undefined);
  if (cell.value === '' && !shown) return;
  const target = ws.getCell(row, column);
  const where = `${sheet.name}!${toA1(row, column)}`;
  if (cell.formula) {
    const result = formulaResult(cell);
    target.value = result === undefined
      ? { formula: excelFormula(cell.formula) }
      : { formula: excelFormula(cell.formula), result: toExcelValue(result, model.timeZone) };
  } else if (cell.value !== '') {
    target.value = toExcelValue(cell.value, model.timeZone);
  }

  const format = cell.format && cell.format !== 'General' ? excelNumberFormat(cell.format) : undefined;
  if (format) target.numFmt = format;
  else if (cell.value instanceof Date) target.numFmt = defaultExcelDateFormat(cell.value, model);

  const font: Partial<Font> = {};
  if (cell.fontWeight === 'bold') font.bold = true;
  if (cell.fontColor) font.color = { argb: argb(cell.fontColor, `the font colour of ${where}`) };
  if (Object.keys(font).length) target.font = font;
  if (cell.background) target.fill = solidFill(argb(cell.background, `the background of ${where}`));
  const horizontal = excelAlignment(cell.horizontalAlignment, where);
  if (cell.wrap || horizontal) {
    target.alignment = { ...(cell.wrap ? { wrapText: true } : {}), ...(horizontal ? { horizontal } : {}) };
  }
  if (cell.note) target.note = cell.note;
}

/** A cell date is an instant; Excel's has no zone, so it gets the wall-clock time the spreadsheet's zone shows. */
export function excelDate(instant: Date, timeZone: string): Date {
  const w = wallClock(instant, timeZone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond));
}

function toExcelValue(value: CellValue, timeZone: string): string | number | boolean | Date {
  return value instanceof Date ? excelDate(value, timeZone) : value;
}

/** The result the model holds for a formula: a value stored beside it, or the label of a HYPERLINK (as Range.getValue reads it). */
function formulaResult(cell: Cell): CellValue | undefined {
  if (cell.value !== '') return cell.value;
  const hyperlink = /^=HYPERLINK\(\s*"([^"]*)"\s*(?:[,;]\s*"([^"]*)"\s*)?\)$/i.exec(cell.formula ?? '');
  return hyperlink ? hyperlink[2] ?? hyperlink[1] : undefined;
}

/** A date cell with no number format shows as Sheets shows it (yyyy-mm-dd outside en_US), not as Excel's locale would. */
function defaultExcelDateFormat(value: Date, model: SpreadsheetModel): string {
  const w = wallClock(value, model.timeZone);
  const hasTime = w.hour !== 0 || w.minute !== 0 || w.second !== 0;
  return excelNumberFormat(defaultDateFormat(model.locale, hasTime).toLowerCase())!;
}

function excelAlignment(alignment: string | undefined, where: string): 'left' | 'center' | 'right' | undefined {
  if (alignment === undefined || alignment === 'general' || alignment === 'normal') return undefined;
  if (alignment === 'left' || alignment === 'center' || alignment === 'right') return alignment;
  throw new Error(`xlsx export: the horizontal alignment "${alignment}" of ${where} is not implemented`);
}

const NAMED_COLORS: Record<string, string> = {
  black: '000000', white: 'FFFFFF', red: 'FF0000', green: '008000', blue: '0000FF', yellow: 'FFFF00',
  orange: 'FFA500', gray: '808080', grey: '808080', purple: '800080',
};

/** CSS colour (#rgb, #rrggbb or a basic name, as Range.setBackground takes) → Excel's opaque ARGB. */
export function argb(color: string, what: string): string {
  const hex = color.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(hex);
  if (short) return `FF${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
  if (/^#[0-9a-f]{6}$/.test(hex)) return `FF${hex.slice(1)}`.toUpperCase();
  if (NAMED_COLORS[hex]) return `FF${NAMED_COLORS[hex]}`;
  throw new Error(`xlsx export: the colour "${color}" (${what}) is not implemented`);
}

/** A solid fill. Conditional formats (dxf) read bgColor and cells read fgColor, so both are set. */
function solidFill(color: string): Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: color }, bgColor: { argb: color } };
}

// --- Number formats

/**
 * A Sheets number format in Excel's syntax. The two are nearly the same language; Sheets accepts
 * longer runs (hhh, ddddd, mmmmmm), elapsed time as [h+], am/pm in any case and bare letters as
 * literals, all of which Excel reads differently or refuses.
 */
export function excelNumberFormat(format: string): string | undefined {
  if (format === '' || format.toLowerCase() === 'general') return undefined;
  return splitSections(format).map(convertSection).join(';');
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (const token of formatTokens(format)) {
    if (token === ';') { sections.push(current); current = ''; } else current += token;
  }
  sections.push(current);
  return sections;
}

/** Quoted text, escapes, [brackets], _x and *x pairs, am/pm, letter runs and single characters. */
function formatTokens(format: string): string[] {
  return format.match(/"[^"]*"?|\\.|\[[^\]]*\]?|[_*].|am\/pm|a\/p|([A-Za-z])\1*|./gis) ?? [];
}

const DATE_LETTERS = /^([ymdhs])\1*$/i;

function convertSection(section: string): string {
  const tokens = formatTokens(section);
  const isDate = tokens.some((t) => DATE_LETTERS.test(t) || /^(am\/pm|a\/p)$/i.test(t) || /^\[[hms]+\+?\]$/i.test(t));
  return tokens.map((token, i) => {
    if (token.startsWith('"')) return token.endsWith('"') && token.length > 1 ? token : `${token}"`;
    if (token.startsWith('\\') || token.startsWith('_') || token.startsWith('*')) return token;
    if (token.startsWith('[')) {
      const elapsed = /^\[([hms])\1*\+?\]$/i.exec(token);
      return elapsed ? `[${elapsed[1].toLowerCase()}]` : token;
    }
    if (!/^[A-Za-z]/.test(token)) return token;
    if (isDate) {
      if (/^am\/pm$/i.test(token)) return 'AM/PM';
      if (/^a\/p$/i.test(token)) return token;
      const run = DATE_LETTERS.exec(token);
      if (run) {
        const letter = run[1].toLowerCase();
        const n = token.length;
        if (letter === 'y') return n <= 2 ? 'yy' : 'yyyy';
        if (letter === 'm') return n >= 6 ? 'mmmm' : 'm'.repeat(n);
        if (letter === 'd') return n >= 4 ? 'dddd' : 'd'.repeat(n);
        return letter.repeat(Math.min(n, 2));
      }
    } else if (/^e$/i.test(token) && /^[+-]$/.test(tokens[i + 1] ?? '')) {
      return 'E';
    }
    // Sheets shows other letters as they are; Excel needs them escaped.
    return token.replace(/./g, (ch) => `\\${ch}`);
  }).join('');
}

// --- Formulas

/**
 * Functions Excel added after the 2007 file format. Excel stores them with a prefix and shows
 * #NAME? for the bare name until someone re-enters the cell.
 */
const FUTURE_FUNCTIONS = new Set([
  'AGGREGATE', 'BYCOL', 'BYROW', 'CEILING.MATH', 'CHOOSECOLS', 'CHOOSEROWS', 'CONCAT', 'DAYS', 'DROP', 'ENCODEURL',
  'EXPAND', 'FLOOR.MATH', 'FORMULATEXT', 'HSTACK', 'IFNA', 'IFS', 'ISFORMULA', 'ISOWEEKNUM', 'LAMBDA', 'LET',
  'MAKEARRAY', 'MAP', 'MAXIFS', 'MINIFS', 'MODE.SNGL', 'NETWORKDAYS.INTL', 'NORM.DIST', 'NORM.INV', 'NORM.S.DIST',
  'NUMBERVALUE', 'PERCENTILE.EXC', 'PERCENTILE.INC', 'QUARTILE.EXC', 'QUARTILE.INC', 'RANDARRAY', 'RANK.AVG',
  'RANK.EQ', 'REDUCE', 'SCAN', 'SEQUENCE', 'SORTBY', 'STDEV.P', 'STDEV.S', 'SWITCH', 'T.DIST', 'T.TEST', 'TAKE',
  'TEXTAFTER', 'TEXTBEFORE', 'TEXTJOIN', 'TEXTSPLIT', 'TOCOL', 'TOROW', 'UNICHAR', 'UNICODE', 'UNIQUE', 'VAR.P',
  'VAR.S', 'VSTACK', 'WORKDAY.INTL', 'WRAPCOLS', 'WRAPROWS', 'XLOOKUP', 'XMATCH', 'XOR',
]);
/** Excel's worksheet-only functions take a second prefix. */
const WORKSHEET_FUNCTIONS = new Set(['FILTER', 'SORT']);

/** Excel's last row: Sheets' open-ended ranges (A2:A, B2:D) end there. */
const LAST_ROW = 1048576;

/**
 * A Sheets formula as Excel stores it: no leading '=', newer functions prefixed, and open-ended
 * ranges such as A2:A (which Excel cannot parse) closed at the last row.
 */
export function excelFormula(formula: string): string {
  const body = formula.replace(/^=/, '');
  return mapOutsideQuotes(body, (code) => code
    .replace(/(?<![A-Za-z0-9_.])([A-Za-z][A-Za-z0-9_.]*)(?=\s*\()/g, (name: string) => {
      const upper = name.toUpperCase();
      if (WORKSHEET_FUNCTIONS.has(upper)) return `_xlfn._xlws.${name}`;
      if (FUTURE_FUNCTIONS.has(upper)) return `_xlfn.${name}`;
      return name;
    })
    .replace(/(?<![A-Za-z0-9_.$])(\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3})(?![A-Za-z0-9_($!])/g, `$1${LAST_ROW}`));
}

/** Applies `change` to the parts of a formula outside "strings" and 'sheet names'. */
function mapOutsideQuotes(formula: string, change: (code: string) => string): string {
  return (formula.match(/"(?:[^"]|"")*"?|'(?:[^']|'')*'?|[^"']+/g) ?? [])
    .map((part) => (part.startsWith('"') || part.startsWith("'") ? part : change(part)))
    .join('');
}

/** Moves the relative references of a formula by whole rows and columns, as filling it into another cell would. */
export function shiftReferences(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  return mapOutsideQuotes(formula, (code) => code.replace(
    /(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(!])/g,
    (_match: string, absColumn: string, letters: string, absRow: string, digits: string) => {
      const column = absColumn ? letters : columnToLetters(lettersOf(letters) + columns);
      const row = absRow ? digits : String(Number(digits) + rows);
      return `${absColumn}${column}${absRow}${row}`;
    },
  ));
}

function lettersOf(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Excel always accepts a quoted sheet name; an unquoted one can be mistaken for a cell (Q1, ABC12). */
function excelSheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function absolute(b: Bounds): string {
  const first = `$${columnToLetters(b.column)}$${b.row}`;
  if (b.numRows === 1 && b.numColumns === 1) return first;
  return `${first}:$${columnToLetters(b.column + b.numColumns - 1)}$${b.row + b.numRows - 1}`;
}

function quoteText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

// --- Data validation

/** One rectangle of cells that share one validation rule. */
interface ValidationArea { bounds: Bounds; rule: ValidationData; key: string }

function validationKey(rule: ValidationData): string {
  return JSON.stringify([rule.criteria, rule.args.map((a) => (a instanceof Date ? { date: a.getTime() } : a)), rule.allowInvalid, rule.helpText]);
}

/**
 * The model keeps a copy of the rule in every cell; Excel wants one rule per range. Equal rules in
 * a column are joined into runs, and runs of neighbouring columns with the same rows into rectangles.
 */
function validationAreas(sheet: SheetModel): ValidationArea[] {
  const runs = new Map<string, ValidationArea>(); // by key, top row, bottom row, column: the open run
  const areas: ValidationArea[] = [];
  const columns = Math.max(0, ...sheet.rows.map((r) => r?.length ?? 0));
  for (let column = 1; column <= columns; column += 1) {
    let run: ValidationArea | null = null;
    for (let row = 1; row <= sheet.rows.length + 1; row += 1) {
      const rule = sheet.cell(row, column)?.validation;
      const key = rule ? validationKey(rule) : '';
      if (run && key === run.key) { run.bounds.numRows += 1; continue; }
      if (run) {
        const left = runs.get(`${run.key}|${run.bounds.row}|${run.bounds.numRows}|${column - 1}`);
        if (left && left.bounds.column + left.bounds.numColumns === column) {
          left.bounds.numColumns += 1;
          runs.set(`${run.key}|${run.bounds.row}|${run.bounds.numRows}|${column}`, left);
        } else {
          areas.push(run);
          runs.set(`${run.key}|${run.bounds.row}|${run.bounds.numRows}|${column}`, run);
        }
      }
      run = rule ? { bounds: { row, column, numRows: 1, numColumns: 1 }, rule, key } : null;
    }
  }
  return areas.sort((a, b) => a.bounds.row - b.bounds.row || a.bounds.column - b.bounds.column);
}

/** exceljs 4.4 has a worksheet's validations but leaves them out of its types. */
type WithValidations = Worksheet & { dataValidations: { add(address: string, validation: DataValidation): void } };

function writeValidations(ws: Worksheet, model: SpreadsheetModel, sheet: SheetModel, lists: DropdownLists): void {
  // A custom formula is written for the top-left cell of the range it was set on; the model keeps
  // the same text in every cell, so the first area of a rule is taken as that range and the
  // formula is moved for any other area of the same rule (a range split by inserted rows).
  const anchors = new Map<string, Bounds>();
  for (const area of validationAreas(sheet)) {
    if (!anchors.has(area.key)) anchors.set(area.key, area.bounds);
    const anchor = anchors.get(area.key)!;
    const where = `${sheet.name}!${toA1(area.bounds.row, area.bounds.column, area.bounds.numRows, area.bounds.numColumns)}`;
    const validation = excelValidation(area.rule, area.bounds, anchor, model, lists, where);
    // A range address is one key to exceljs and is written as one rule; per-cell keys would be
    // regrouped by exceljs into overlapping ranges, which Excel reports as damage.
    (ws as WithValidations).dataValidations.add(toA1(area.bounds.row, area.bounds.column, area.bounds.numRows, area.bounds.numColumns), validation);
  }
}

const NUMBER_OPERATORS: Record<string, DataValidation['operator']> = {
  NUMBER_BETWEEN: 'between', NUMBER_NOT_BETWEEN: 'notBetween', NUMBER_EQUAL_TO: 'equal', NUMBER_NOT_EQUAL_TO: 'notEqual',
  NUMBER_GREATER_THAN: 'greaterThan', NUMBER_GREATER_THAN_OR_EQUAL_TO: 'greaterThanOrEqual', NUMBER_LESS_THAN: 'lessThan',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'lessThanOrEqual',
};
const DATE_OPERATORS: Record<string, DataValidation['operator']> = {
  DATE_BETWEEN: 'between', DATE_NOT_BETWEEN: 'notBetween', DATE_EQUAL_TO: 'equal', DATE_AFTER: 'greaterThan',
  DATE_ON_OR_AFTER: 'greaterThanOrEqual', DATE_BEFORE: 'lessThan', DATE_ON_OR_BEFORE: 'lessThanOrEqual',
};

function excelValidation(
  rule: ValidationData, area: Bounds, anchor: Bounds, model: SpreadsheetModel, lists: DropdownLists, where: string,
): DataValidation {
  const base = {
    allowBlank: true,
    // Sheets' "show a warning" keeps the value and flags it; Excel's nearest is a warning that lets
    // the person go on. "Reject input" is Excel's stop.
    showErrorMessage: true,
    errorStyle: rule.allowInvalid ? 'warning' : 'stop',
    ...(rule.helpText ? { error: rule.helpText, prompt: rule.helpText, showInputMessage: true } : {}),
  };
  const cell = toA1(area.row, area.column);
  const [first, second] = rule.args;
  const date = (value: unknown): Date => {
    if (!(value instanceof Date)) throw new Error(`xlsx export: ${rule.criteria} with a non-date value at ${where} is not implemented`);
    return excelDate(value, model.timeZone);
  };
  const custom = (formula: string): DataValidation => ({ ...base, type: 'custom', formulae: [formula] });
  switch (rule.criteria) {
    case 'VALUE_IN_LIST':
      return { ...base, type: 'list', formulae: [lists.formulaFor((first as unknown[]).map(String))] };
    case 'VALUE_IN_RANGE': {
      const range = parseA1(String(first));
      if (!range || range.sheetName === undefined) throw new Error(`xlsx export: the list range "${String(first)}" at ${where} is not implemented`);
      const bounds = { row: range.row, column: range.column, numRows: range.numRows ?? LAST_ROW - range.row + 1, numColumns: range.numColumns ?? 16384 - range.column + 1 };
      return { ...base, type: 'list', formulae: [`${excelSheetRef(range.sheetName)}!${absolute(bounds)}`] };
    }
    case 'CHECKBOX': {
      // Excel has no checkbox cell; a TRUE/FALSE dropdown keeps the same values.
      const values = rule.args.length ? [String(first), String(second)] : ['TRUE', 'FALSE'];
      return { ...base, type: 'list', formulae: [lists.formulaFor(values)] };
    }
    case 'DATE_IS_VALID_DATE':
      return { ...base, type: 'date', operator: 'greaterThanOrEqual', formulae: [new Date(Date.UTC(1900, 0, 1))] };
    case 'CUSTOM_FORMULA':
      return custom(excelFormula(shiftReferences(String(first), area.row - anchor.row, area.column - anchor.column)));
    case 'TEXT_CONTAINS':
      return custom(`ISNUMBER(SEARCH(${quoteText(String(first))},${cell}))`);
    case 'TEXT_DOES_NOT_CONTAIN':
      return custom(`ISERROR(SEARCH(${quoteText(String(first))},${cell}))`);
    case 'TEXT_EQUAL_TO':
      return custom(`${cell}=${quoteText(String(first))}`);
    case 'TEXT_IS_VALID_EMAIL':
      // Excel cannot check an address; this asks for text with an @ and a dot after it.
      return custom(`ISNUMBER(FIND(".",${cell},FIND("@",${cell})+2))`);
    case 'TEXT_IS_VALID_URL':
      return custom(`OR(LEFT(${cell},7)="http://",LEFT(${cell},8)="https://")`);
    default:
      if (NUMBER_OPERATORS[rule.criteria]) {
        return { ...base, type: 'decimal', operator: NUMBER_OPERATORS[rule.criteria], formulae: rule.args.map(Number) };
      }
      if (DATE_OPERATORS[rule.criteria]) {
        return { ...base, type: 'date', operator: DATE_OPERATORS[rule.criteria], formulae: rule.args.map(date) };
      }
      throw new Error(`xlsx export: the data validation ${rule.criteria} at ${where} is not implemented`);
  }
}

/**
 * Excel writes a short list inline ("a,b,c", at most 255 characters, no commas or quotes in an
 * item); Sheets allows up to 500 items of any text. Longer lists go to a hidden tab of their own.
 */
class DropdownLists {
  private readonly columns = new Map<string, { column: number; values: string[] }>();
  readonly tabName: string;

  constructor(model: SpreadsheetModel) {
    let name = 'Dropdown lists';
    for (let n = 2; model.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase()); n += 1) name = `Dropdown lists ${n}`;
    this.tabName = name;
  }

  formulaFor(values: string[]): string {
    const inline = values.join(',');
    if (inline.length <= 255 && !values.some((v) => /[,"]/.test(v))) return `"${inline}"`;
    const key = JSON.stringify(values);
    let entry = this.columns.get(key);
    if (!entry) {
      entry = { column: this.columns.size + 1, values };
      this.columns.set(key, entry);
    }
    return `${excelSheetRef(this.tabName)}!${absolute({ row: 1, column: entry.column, numRows: values.length, numColumns: 1 })}`;
  }

  writeTo(workbook: Workbook): void {
    if (this.columns.size === 0) return;
    // veryHidden: the lists are part of the rules, not something to unhide and edit.
    const ws = workbook.addWorksheet(this.tabName, { state: 'veryHidden' });
    for (const { column, values } of this.columns.values()) {
      values.forEach((value, i) => { ws.getCell(i + 1, column).value = value; });
    }
  }
}

// --- Conditional formats

const COMPARISONS: Record<string, string> = {
  NUMBER_EQUAL_TO: '=', NUMBER_NOT_EQUAL_TO: '<>', NUMBER_GREATER_THAN: '>', NUMBER_GREATER_THAN_OR_EQUAL_TO: '>=',
  NUMBER_LESS_THAN: '<', NUMBER_LESS_THAN_OR_EQUAL_TO: '<=',
};

/**
 * Every rule becomes an Excel expression rule over the same ranges, relative to the top-left cell
 * of the first range as in Sheets. Sheets applies only the first rule that matches a cell; Excel
 * applies all that match, the earlier winning where they set the same property, so a later rule
 * can still add (say) bold to a cell an earlier rule coloured.
 */
function writeConditionalFormats(ws: Worksheet, sheet: SheetModel): void {
  sheet.conditionalRules.forEach((rule, index) => {
    if (rule.ranges.length === 0) return;
    const first = rule.ranges[0].bounds;
    const cell = toA1(first.row, first.column);
    const ref = rule.ranges.map((r) => toA1(r.bounds.row, r.bounds.column, r.bounds.numRows, r.bounds.numColumns)).join(' ');
    const excelRule: ConditionalFormattingRule = {
      type: 'expression',
      priority: index + 1,
      formulae: [conditionFormula(rule, cell, `${sheet.name}!${ref}`)],
      style: conditionStyle(rule, `a conditional format on ${sheet.name}!${ref}`),
    };
    ws.addConditionalFormatting({ ref, rules: [excelRule] });
  });
}

function conditionFormula(rule: ConditionalRuleData, cell: string, where: string): string {
  const [first, second] = rule.args;
  switch (rule.criteria) {
    case 'CUSTOM_FORMULA': return excelFormula(String(first));
    case 'CELL_EMPTY': return `LEN(${cell})=0`;
    case 'CELL_NOT_EMPTY': return `LEN(${cell})>0`;
    case 'TEXT_CONTAINS': return `ISNUMBER(SEARCH(${quoteText(String(first))},${cell}))`;
    case 'TEXT_DOES_NOT_CONTAIN': return `ISERROR(SEARCH(${quoteText(String(first))},${cell}))`;
    case 'TEXT_STARTS_WITH': return `LEFT(${cell},${String(first).length})=${quoteText(String(first))}`;
    case 'TEXT_ENDS_WITH': return `RIGHT(${cell},${String(first).length})=${quoteText(String(first))}`;
    case 'TEXT_EQUAL_TO': return `${cell}=${quoteText(String(first))}`;
    case 'NUMBER_BETWEEN': return `AND(ISNUMBER(${cell}),${cell}>=${Number(first)},${cell}<=${Number(second)})`;
    case 'NUMBER_NOT_BETWEEN': return `AND(ISNUMBER(${cell}),OR(${cell}<${Number(first)},${cell}>${Number(second)}))`;
    default:
      if (COMPARISONS[rule.criteria]) return `AND(ISNUMBER(${cell}),${cell}${COMPARISONS[rule.criteria]}${Number(first)})`;
      throw new Error(`xlsx export: the conditional format ${rule.criteria} on ${where} is not implemented`);
  }
}

function conditionStyle(rule: ConditionalRuleData, what: string): { fill?: Fill; font?: Partial<Font> } {
  const font: Partial<Font> = {};
  if (rule.bold !== null) font.bold = rule.bold;
  if (rule.fontColor) font.color = { argb: argb(rule.fontColor, what) };
  return {
    ...(rule.background ? { fill: solidFill(argb(rule.background, what)) } : {}),
    ...(Object.keys(font).length ? { font } : {}),
  };
}
