// The in-memory spreadsheet: cells, formats, validation, conditional formats, protections, merges and named ranges.

export type CellValue = string | number | boolean | Date;

export interface Cell {
  /** '' for an empty cell, as getValues returns it. */
  value: CellValue;
  formula?: string;
  format?: string;
  validation?: ValidationData;
  note?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  wrap?: boolean;
  /** The Sheets API's wrap strategy when it is not plain wrap/overflow (CLIP, LEGACY_WRAP); `wrap` says WRAP (true) or OVERFLOW_CELL (false). */
  wrapStrategy?: 'CLIP' | 'LEGACY_WRAP';
  horizontalAlignment?: string;
}

export interface Bounds {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ValidationData {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface ConditionalRuleData {
  criteria: string;
  args: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  ranges: { sheetId: number; bounds: Bounds }[];
}

export interface ProtectionData {
  id: number;
  type: 'RANGE' | 'SHEET';
  sheetId: number;
  bounds: Bounds | null;
  description: string;
  warningOnly: boolean;
  editors: Set<string>;
  domainEdit: boolean;
  unprotected: Bounds[];
  /** True while the editors follow the spreadsheet's (a new Sheet.protect()/Range.protect() the script has not changed): Host.mirrorSpreadsheetEditors. */
  mirrorsEditors?: boolean;
}

export interface ChartData {
  id: number;
  type: string;
  ranges: Bounds[];
  position: { row: number; column: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

export function overlaps(a: Bounds, b: Bounds): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows
    && a.column < b.column + b.numColumns && b.column < a.column + a.numColumns;
}

/**
 * Google's grid limits: a spreadsheet holds up to 10 million cells and a tab up to 18,278 columns
 * (support.google.com/drive/answer/37603, "Files you can store in Google Drive"). Every cell of every
 * grid counts, empty or not.
 */
export const GRID_LIMITS = { cells: 10_000_000, columns: 18_278 } as const;
/** A new tab's grid (insertSheet, addSheet without gridProperties). */
export const DEFAULT_GRID = { rows: 1000, columns: 26 } as const;

/**
 * Google's answer when a change would pass the cell limit, as the Sheets API returns it
 * (github.com/burnash/gspread/issues/516, then with the 2,000,000 limit of the time).
 */
export function cellLimitMessage(): string {
  return `This action would increase the number of cells in the workbook above the limit of ${GRID_LIMITS.cells} cells.`;
}

/** Google documents the column limit but not its error text; this follows the cell limit's wording (the stricter reading: the change fails). */
export function columnLimitMessage(): string {
  return `This action would increase the number of columns in the sheet above the limit of ${GRID_LIMITS.columns} columns.`;
}

export class SheetModel {
  rows: (Cell | undefined)[][] = [];
  maxRows: number = DEFAULT_GRID.rows;
  maxColumns: number = DEFAULT_GRID.columns;
  frozenRows = 0;
  frozenColumns = 0;
  hidden = false;
  tabColor: string | null = null;
  conditionalRules: ConditionalRuleData[] = [];
  merges: Bounds[] = [];
  /** Pixel sizes and hidden-by-user flags people or the Sheets API set, by 1-based row or column. */
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  hiddenRows = new Set<number>();
  hiddenColumns = new Set<number>();
  charts: ChartData[] = [];

  constructor(public id: number, public name: string) {}

  cell(row: number, column: number): Cell | undefined {
    return this.rows[row - 1]?.[column - 1];
  }

  /** The cell, created when missing (for writes). */
  ensureCell(row: number, column: number): Cell {
    const r = (this.rows[row - 1] ??= []);
    return (r[column - 1] ??= { value: '' });
  }

  hasContent(cell: Cell | undefined): boolean {
    return !!cell && (cell.value !== '' || !!cell.formula);
  }

  /** Last row with a value or formula (0 when empty), as Sheet.getLastRow. */
  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r -= 1) {
      if ((this.rows[r - 1] ?? []).some((c) => this.hasContent(c))) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.rows) {
      if (!row) continue;
      for (let c = row.length; c > last; c -= 1) {
        if (this.hasContent(row[c - 1])) { last = c; break; }
      }
    }
    return last;
  }

  insertRows(after: number, count: number): void {
    // Rows past the end of `rows` are empty already; rows are moved one by one (a spread of thousands overflows the stack).
    if (after < this.rows.length) {
      const below = this.rows.splice(after);
      for (let i = 0; i < count; i += 1) this.rows.push([]);
      for (const row of below) this.rows.push(row);
    }
    this.maxRows += count;
    this.rowHeights = shiftKeys(this.rowHeights, after, count);
    this.hiddenRows = shiftSet(this.hiddenRows, after, count);
    this.shiftBounds((b) => {
      if (b.row > after) b.row += count;
      else if (b.row + b.numRows - 1 > after) b.numRows += count;
    });
  }

  insertColumns(after: number, count: number): void {
    for (const row of this.rows) {
      if (row && row.length > after) row.splice(after, 0, ...new Array<Cell | undefined>(count));
    }
    this.maxColumns += count;
    this.columnWidths = shiftKeys(this.columnWidths, after, count);
    this.hiddenColumns = shiftSet(this.hiddenColumns, after, count);
    this.shiftBounds((b) => {
      if (b.column > after) b.column += count;
      else if (b.column + b.numColumns - 1 > after) b.numColumns += count;
    });
  }

  deleteRows(first: number, count: number): void {
    this.rows.splice(first - 1, count);
    this.maxRows -= count;
    this.rowHeights = shiftKeys(this.rowHeights, first - 1, -count);
    this.hiddenRows = shiftSet(this.hiddenRows, first - 1, -count);
    // Ranges below move up; a range that spanned the deleted rows shrinks (one that lay inside them keeps one row).
    const last = first + count - 1;
    this.shiftBounds((b) => {
      const end = b.row + b.numRows - 1;
      if (b.row > last) b.row -= count;
      else if (end >= first) {
        const removed = Math.min(end, last) - Math.max(b.row, first) + 1;
        b.row = Math.min(b.row, first);
        b.numRows = Math.max(1, b.numRows - removed);
      }
    });
  }

  /**
   * A deep copy. A cell's parts are replaced, never changed in place, by every write (a new
   * validation object, a new Date), so a copy of each cell object is enough.
   */
  clone(): SheetModel {
    const copy = Object.assign(Object.create(SheetModel.prototype) as SheetModel, this);
    copy.rows = this.rows.map((row) => row && row.map((cell) => cell && { ...cell }));
    const seen = new Map<unknown, unknown>();
    copy.conditionalRules = deepCopy(this.conditionalRules, seen) as ConditionalRuleData[];
    copy.merges = deepCopy(this.merges, seen) as Bounds[];
    copy.columnWidths = new Map(this.columnWidths);
    copy.rowHeights = new Map(this.rowHeights);
    copy.hiddenRows = new Set(this.hiddenRows);
    copy.hiddenColumns = new Set(this.hiddenColumns);
    copy.charts = deepCopy(this.charts, seen) as ChartData[];
    protectionRegistry.set(copy, deepCopy(protectionsOf(this), seen) as ProtectionData[]);
    return copy;
  }

  /** Keeps merges, conditional-format ranges and protections attached to the cells they covered. */
  private shiftBounds(shift: (b: Bounds) => void): void {
    this.merges.forEach(shift);
    this.conditionalRules.forEach((rule) => rule.ranges.forEach((r) => shift(r.bounds)));
    this.charts.forEach((chart) => chart.ranges.forEach(shift));
    protectionsOf(this).forEach((p) => p.bounds && shift(p.bounds));
  }
}

/**
 * Moves per-row (or per-column) entries keyed by 1-based index when `count` lines are inserted after
 * line `after` (count > 0), or deleted starting just after it (count < 0, the deleted lines' entries go).
 */
function shiftKeys<V>(map: Map<number, V>, after: number, count: number): Map<number, V> {
  const out = new Map<number, V>();
  for (const [key, value] of map) {
    if (key <= after) out.set(key, value);
    else if (count > 0) out.set(key + count, value);
    else if (key > after - count) out.set(key + count, value);
  }
  return out;
}

function shiftSet(set: Set<number>, after: number, count: number): Set<number> {
  return new Set(shiftKeys(new Map([...set].map((key) => [key, true])), after, count).keys());
}

/** Protections are kept on the spreadsheet; sheets reach theirs through this registry. */
const protectionRegistry = new WeakMap<SheetModel, ProtectionData[]>();
export function protectionsOf(sheet: SheetModel): ProtectionData[] {
  let list = protectionRegistry.get(sheet);
  if (!list) { list = []; protectionRegistry.set(sheet, list); }
  return list;
}

/** Developer metadata on the spreadsheet itself (location SPREADSHEET). */
export interface DeveloperMetadataData {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
}

export class SpreadsheetModel {
  sheets: SheetModel[] = [];
  developerMetadata: DeveloperMetadataData[] = [];
  nextMetadataId = 1;
  namedRanges = new Map<string, { sheetId: number; bounds: Bounds }>();
  activeSheetId: number;
  /** What the person has selected: ranges of the active sheet (Range.activate sets one). */
  activeRanges: { sheetId: number; bounds: Bounds }[] = [];
  locale = 'en_CA';
  formUrls: string[] = [];
  private nextSheetId = 0;
  private nextProtectionId = 1;

  constructor(public id: string, public name: string, public timeZone: string) {
    this.activeSheetId = this.addSheet('Sheet1').id;
  }

  addSheet(name: string, index = this.sheets.length): SheetModel {
    const id = this.nextSheetId === 0 ? 0 : 100000 + this.nextSheetId * 7919;
    this.nextSheetId += 1;
    const sheet = new SheetModel(id, name);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  addProtection(data: Omit<ProtectionData, 'id'>): ProtectionData {
    const sheet = this.sheetById(data.sheetId);
    if (!sheet) throw new Error('Protection on a missing sheet');
    const protection = { ...data, id: this.nextProtectionId++ };
    protectionsOf(sheet).push(protection);
    return protection;
  }

  /** Cells of every grid, as Google counts them against its limit. */
  cellCount(): number {
    return this.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
  }

  /** Google's error text when the grids would pass a limit after growing `sheet` (null: a new default tab) by rows and columns; null when within. */
  growthProblem(sheet: SheetModel | null, rows: number, columns: number): string | null {
    const now = sheet ?? { maxRows: 0, maxColumns: 0 };
    const after = { rows: now.maxRows + rows, columns: now.maxColumns + columns };
    if (after.columns > GRID_LIMITS.columns) return columnLimitMessage();
    if (this.cellCount() - now.maxRows * now.maxColumns + after.rows * after.columns > GRID_LIMITS.cells) return cellLimitMessage();
    return null;
  }

  /** Google's error text when the grids as they stand pass a limit (the REST model checks a whole batch with it); null when within. */
  limitProblem(): string | null {
    if (this.sheets.some((s) => s.maxColumns > GRID_LIMITS.columns)) return columnLimitMessage();
    return this.cellCount() > GRID_LIMITS.cells ? cellLimitMessage() : null;
  }

  allProtections(): ProtectionData[] {
    return this.sheets.flatMap((s) => protectionsOf(s));
  }

  /**
   * Remembers the whole spreadsheet and returns a function that puts it back into the same objects,
   * so Sheet and Range objects a script holds stay attached (the Sheets API applies a batch whole or
   * not at all).
   */
  checkpoint(): () => void {
    const sheets = [...this.sheets];
    const saved = this.clone();
    return () => {
      sheets.forEach((sheet, i) => {
        Object.assign(sheet, saved.sheets[i]);
        protectionRegistry.set(sheet, protectionsOf(saved.sheets[i]));
      });
      Object.assign(this, saved);
      this.sheets = sheets;
    };
  }

  /** A deep copy (cells, formats, rules, protections), for Workspace.snapshot. */
  clone(): SpreadsheetModel {
    const copy = Object.assign(Object.create(SpreadsheetModel.prototype) as SpreadsheetModel, this);
    copy.sheets = this.sheets.map((sheet) => sheet.clone());
    copy.namedRanges = deepCopy(this.namedRanges, new Map()) as SpreadsheetModel['namedRanges'];
    copy.formUrls = [...this.formUrls];
    // A batch that fails puts developer metadata back too (createDeveloperMetadata is part of a batch).
    copy.developerMetadata = this.developerMetadata.map((d) => ({ ...d }));
    return copy;
  }
}

/**
 * Copies plain data, arrays, Maps, Sets and Dates, keeping each object's class. Instances of the
 * model's classes keep their shared references (a sheet reached twice is copied once); plain cells
 * and arrays are never shared, and skipping the bookkeeping for them keeps a copy quick.
 */
function deepCopy(value: unknown, seen: Map<unknown, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) if (i in value) out[i] = deepCopy(value[i], seen);
    return out;
  }
  const proto = Object.getPrototypeOf(value) as object | null;
  if (proto === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = deepCopy((value as Record<string, unknown>)[key], seen);
    return out;
  }
  if (seen.has(value)) return seen.get(value);
  if (value instanceof Map) {
    const out = new Map();
    seen.set(value, out);
    for (const [k, v] of value) out.set(deepCopy(k, seen), deepCopy(v, seen));
    return out;
  }
  if (value instanceof Set) {
    const out = new Set();
    seen.set(value, out);
    for (const v of value) out.add(deepCopy(v, seen));
    return out;
  }
  const out = Object.create(proto) as Record<string, unknown>;
  seen.set(value, out);
  for (const key of Object.keys(value)) out[key] = deepCopy((value as Record<string, unknown>)[key], seen);
  return out;
}

// Typed input (what Sheets makes of a written string, in the spreadsheet's locale) lives in typed-input.ts.
export { interpretInput, type Interpreted } from './typed-input';
