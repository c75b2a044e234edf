// Sheets v4 cell shapes to and from the in-memory model: GridRange, CellData (values, formats, notes, validation), colours, number formats and conditions.
//
// Field names and meanings follow the Sheets API reference, "Cells" and "Other" types
// (developers.google.com/sheets/api/reference/rest/v4/spreadsheets/cells, …/spreadsheets/other).
// What the model holds is the subset setup and the dashboard need; a real field outside it answers
// 501 naming it, a name the API does not have answers Google's "Unknown name" 400.
import { isDateFormat } from '../formats';
import type { Cell, CellValue, SheetModel, SpreadsheetModel, ValidationData } from '../spreadsheet-model';
import { zonedToInstant } from '../time';
import { badRequest, notImplemented, parseFieldMask, type ApiError, type FieldMask } from './http';
import { exceedsGrid, serialNumber, type Target } from './values';

// --- JSON payload checks, worded as Google's JSON parser words them (paths in snake_case).

/** 'requests[0].updateCells.rows[0]' as Google's parser names it: 'requests[0].update_cells.rows[0]'. */
export function protoPath(where: string): string {
  return where.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** "Invalid JSON payload received. Unknown name "x" at 'path': Cannot find field." */
export function unknownName(name: string, where: string): ApiError {
  return badRequest(`Invalid JSON payload received. Unknown name "${name}" at '${protoPath(where)}': Cannot find field.`);
}

export function invalidValue(where: string, type: string, value: unknown): ApiError {
  return badRequest(`Invalid value at '${protoPath(where)}' (${type}), ${JSON.stringify(value)}`);
}

/** A message object: a plain object whose keys are all fields of the message (`fields`). */
export function message(value: unknown, where: string, fields: readonly string[]): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidValue(where, 'type.googleapis.com/google.protobuf.Struct', value);
  for (const key of Object.keys(value)) if (!fields.includes(key)) throw unknownName(key, where);
  return value as Record<string, unknown>;
}

export function int32(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalidValue(where, 'TYPE_INT32', value);
  return value;
}

export function bool(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw invalidValue(where, 'TYPE_BOOL', value);
  return value;
}

export function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw invalidValue(where, 'TYPE_STRING', value);
  return value;
}

export function list(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidValue(where, 'type.googleapis.com/google.protobuf.ListValue', value);
  return value;
}

export function enumValue<T extends string>(value: unknown, where: string, values: readonly T[]): T {
  if (!(values as readonly unknown[]).includes(value)) throw invalidValue(where, 'TYPE_ENUM', value);
  return value as T;
}

// --- GridRange (…/spreadsheets/other#GridRange): 0-based, end-exclusive, unset ends are unbounded.

const GRID_RANGE_FIELDS = ['sheetId', 'startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'];

/** The sheet a request names; sheetId unset is sheet 0 (a proto default). */
export function sheetOf(ss: SpreadsheetModel, sheetId: unknown, where: string, problem: string): SheetModel {
  const id = sheetId === undefined ? 0 : int32(sheetId, `${where}.sheetId`);
  const sheet = ss.sheetById(id);
  // Google's words (reported e.g. in nithinmurali/pygsheets#537: "Invalid requests[0].addConditionalFormatRule: No grid with id: …").
  if (!sheet) throw badRequest(`${problem}No grid with id: ${id}`);
  return sheet;
}

/**
 * A GridRange as a 1-based block. A start at or past its end, or an end past the grid, fails; Google
 * documents the ranges but not these messages, so the wording is the values methods' own.
 */
export function gridRange(ss: SpreadsheetModel, value: unknown, where: string, problem: string): Target {
  const range = message(value, where, GRID_RANGE_FIELDS);
  const sheet = sheetOf(ss, range.sheetId, where, problem);
  const index = (name: string, fallback: number) => {
    if (range[name] === undefined) return fallback;
    const n = int32(range[name], `${where}.${name}`);
    if (n < 0) throw badRequest(`${problem}${name} must be at least 0, found ${n}.`);
    return n;
  };
  const startRow = index('startRowIndex', 0);
  const endRow = index('endRowIndex', sheet.maxRows);
  const startColumn = index('startColumnIndex', 0);
  const endColumn = index('endColumnIndex', sheet.maxColumns);
  if (startRow >= endRow || startColumn >= endColumn) {
    throw badRequest(`${problem}The range's start index must be less than its end index (rows ${startRow}–${endRow}, columns ${startColumn}–${endColumn}).`);
  }
  const target: Target = { sheet, row: startRow + 1, column: startColumn + 1, numRows: endRow - startRow, numColumns: endColumn - startColumn };
  if (endRow > sheet.maxRows || endColumn > sheet.maxColumns) throw badRequest(`${problem}${exceedsGrid(target).message}`);
  return target;
}

/** A block as a GridRange; a whole-sheet block (bounds null) is the unbounded range of that sheet. */
export function gridRangeOf(sheetId: number, bounds: { row: number; column: number; numRows: number; numColumns: number } | null): Record<string, number> {
  if (!bounds) return { sheetId };
  return {
    sheetId, startRowIndex: bounds.row - 1, endRowIndex: bounds.row - 1 + bounds.numRows,
    startColumnIndex: bounds.column - 1, endColumnIndex: bounds.column - 1 + bounds.numColumns,
  };
}

// --- Colours (…/other#Color): components 0–1; the model keeps #rrggbb as SpreadsheetApp shows it.

const COLOR_FIELDS = ['red', 'green', 'blue', 'alpha'];

export function hexToColor(hex: string): { red: number; green: number; blue: number } {
  const n = parseInt(hex.replace('#', ''), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
}

export function colorToHex(value: unknown, where: string): string {
  const color = message(value, where, COLOR_FIELDS);
  const part = (name: string) => {
    const v = color[name] ?? 0;
    if (typeof v !== 'number' || v < 0 || v > 1) throw invalidValue(`${where}.${name}`, 'TYPE_FLOAT', v);
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  if (color.alpha !== undefined && color.alpha !== 1) throw notImplemented(`${where}.alpha other than 1`);
  return `#${part('red')}${part('green')}${part('blue')}`;
}

/** A ColorStyle: only rgbColor is modelled (a themeColor depends on the spreadsheet theme). */
export function colorStyleToHex(value: unknown, where: string): string {
  const style = message(value, where, ['rgbColor', 'themeColor']);
  if (style.themeColor !== undefined) throw notImplemented(`${where}.themeColor`);
  return colorToHex(style.rgbColor, `${where}.rgbColor`);
}

// --- Number formats (…/cells#NumberFormat)

const NUMBER_FORMAT_TYPES = ['TEXT', 'NUMBER', 'PERCENT', 'CURRENCY', 'DATE', 'TIME', 'DATE_TIME', 'SCIENTIFIC'] as const;

/**
 * The pattern a NumberFormat stores. "When writing, this field [type] must be set"; without a
 * pattern "a default pattern based on the spreadsheet's locale will be used": the local Workspace
 * knows that default only for TEXT ("@"), so any other type needs its pattern.
 */
function patternOf(value: unknown, where: string): string {
  const format = message(value, where, ['type', 'pattern']);
  if (format.type === undefined || format.type === 'NUMBER_FORMAT_TYPE_UNSPECIFIED') throw badRequest(`Invalid ${where}: the number format's type must be set.`);
  const type = enumValue(format.type, `${where}.type`, NUMBER_FORMAT_TYPES);
  if (format.pattern !== undefined && format.pattern !== '') return text(format.pattern, `${where}.pattern`);
  if (type === 'TEXT') return '@';
  throw notImplemented(`${where}: the locale's default pattern for ${type}`);
}

/**
 * A stored pattern as a NumberFormat. The model keeps the pattern only, so the type is read from it
 * (Google keeps the type written; a pattern set through SpreadsheetApp has none to keep).
 */
function numberFormatOf(pattern: string): { type: string; pattern: string } {
  if (pattern === '@') return { type: 'TEXT', pattern };
  const bare = pattern.replace(/"[^"]*"/g, '');
  if (isDateFormat(pattern)) {
    const date = /[yd]/i.test(bare) || /m/i.test(bare.replace(/h+:?m+|m+:?s+/gi, ''));
    const time = /[hs]/i.test(bare);
    return { type: date && time ? 'DATE_TIME' : time ? 'TIME' : 'DATE', pattern };
  }
  if (/%/.test(bare)) return { type: 'PERCENT', pattern };
  if (/E[+-]/i.test(bare)) return { type: 'SCIENTIFIC', pattern };
  if (/[$€£¥]/.test(pattern)) return { type: 'CURRENCY', pattern };
  return { type: 'NUMBER', pattern };
}

function isDatePattern(pattern: string | undefined): boolean {
  return !!pattern && pattern !== '@' && isDateFormat(pattern);
}

/** A date serial (days since 1899-12-30 on the spreadsheet's clock) as the instant the model stores. */
export function fromSerial(serial: number, timeZone: string): Date {
  const ms = Math.round((serial - 25569) * 86400000);
  const wall = new Date(ms);
  return zonedToInstant(timeZone, wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds());
}

// --- Conditions (…/other#BooleanCondition, ConditionType) and their SpreadsheetApp criteria

type Arity = 'none' | 'one' | 'two' | 'list' | 'range' | 'formula' | 'checkbox';

interface ConditionKind {
  criteria: string;
  arity: Arity;
  numeric?: boolean;
  validation: boolean;
  conditional: boolean;
}

/**
 * ConditionType → the model's criteria (SpreadsheetApp's DataValidationCriteria / BooleanCriteria).
 * Which types each use accepts is the reference's own note per type ("Supported by data validation,
 * conditional formatting…"). Date conditions with relative dates are not modelled.
 */
const CONDITIONS: Record<string, ConditionKind> = {
  NUMBER_GREATER: { criteria: 'NUMBER_GREATER_THAN', arity: 'one', numeric: true, validation: true, conditional: true },
  NUMBER_GREATER_THAN_EQ: { criteria: 'NUMBER_GREATER_THAN_OR_EQUAL_TO', arity: 'one', numeric: true, validation: true, conditional: true },
  NUMBER_LESS: { criteria: 'NUMBER_LESS_THAN', arity: 'one', numeric: true, validation: true, conditional: true },
  NUMBER_LESS_THAN_EQ: { criteria: 'NUMBER_LESS_THAN_OR_EQUAL_TO', arity: 'one', numeric: true, validation: true, conditional: true },
  NUMBER_EQ: { criteria: 'NUMBER_EQUAL_TO', arity: 'one', numeric: true, validation: true, conditional: true },
  NUMBER_NOT_EQ: { criteria: 'NUMBER_NOT_EQUAL_TO', arity: 'one', numeric: true, validation: true, conditional: true },
  NUMBER_BETWEEN: { criteria: 'NUMBER_BETWEEN', arity: 'two', numeric: true, validation: true, conditional: true },
  NUMBER_NOT_BETWEEN: { criteria: 'NUMBER_NOT_BETWEEN', arity: 'two', numeric: true, validation: true, conditional: true },
  TEXT_CONTAINS: { criteria: 'TEXT_CONTAINS', arity: 'one', validation: true, conditional: true },
  TEXT_NOT_CONTAINS: { criteria: 'TEXT_DOES_NOT_CONTAIN', arity: 'one', validation: true, conditional: true },
  TEXT_STARTS_WITH: { criteria: 'TEXT_STARTS_WITH', arity: 'one', validation: false, conditional: true },
  TEXT_ENDS_WITH: { criteria: 'TEXT_ENDS_WITH', arity: 'one', validation: false, conditional: true },
  TEXT_EQ: { criteria: 'TEXT_EQUAL_TO', arity: 'one', validation: true, conditional: true },
  TEXT_IS_EMAIL: { criteria: 'TEXT_IS_VALID_EMAIL', arity: 'none', validation: true, conditional: false },
  TEXT_IS_URL: { criteria: 'TEXT_IS_VALID_URL', arity: 'none', validation: true, conditional: false },
  DATE_IS_VALID: { criteria: 'DATE_IS_VALID_DATE', arity: 'none', validation: true, conditional: false },
  ONE_OF_RANGE: { criteria: 'VALUE_IN_RANGE', arity: 'range', validation: true, conditional: false },
  ONE_OF_LIST: { criteria: 'VALUE_IN_LIST', arity: 'list', validation: true, conditional: false },
  BLANK: { criteria: 'CELL_EMPTY', arity: 'none', validation: false, conditional: true },
  NOT_BLANK: { criteria: 'CELL_NOT_EMPTY', arity: 'none', validation: false, conditional: true },
  CUSTOM_FORMULA: { criteria: 'CUSTOM_FORMULA', arity: 'formula', validation: true, conditional: true },
  BOOLEAN: { criteria: 'CHECKBOX', arity: 'checkbox', validation: true, conditional: false },
};

/** Every ConditionType the API defines, so a real but unmodelled one answers 501 rather than 400. */
const ALL_CONDITION_TYPES = new Set([...Object.keys(CONDITIONS), 'DATE_EQ', 'DATE_BEFORE', 'DATE_AFTER', 'DATE_ON_OR_BEFORE', 'DATE_ON_OR_AFTER',
  'DATE_BETWEEN', 'DATE_NOT_BETWEEN', 'FILTER_EXPRESSION', 'TEXT_NOT_EQ', 'DATE_NOT_EQ']);

/** The condition's values as the model's args; the counts are the reference's per type. */
function conditionArgs(kind: ConditionKind, type: string, values: string[], showCustomUi: boolean, problem: string): unknown[] {
  const count = (n: number) => {
    if (values.length !== n) throw badRequest(`${problem}Condition ${type} needs exactly ${n} value${n === 1 ? '' : 's'}, found ${values.length}.`);
  };
  const number = (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) throw badRequest(`${problem}Condition ${type} needs numbers, found "${v}".`);
    return n;
  };
  switch (kind.arity) {
    case 'none': count(0); return [];
    case 'one': count(1); return [kind.numeric ? number(values[0]) : values[0]];
    case 'two': count(2); return values.map(number);
    case 'formula':
      count(1);
      if (!values[0].startsWith('=')) throw badRequest(`${problem}Condition ${type} needs a formula starting with "=", found "${values[0]}".`);
      return [values[0]];
    case 'range':
      count(1);
      if (!values[0].startsWith('=')) throw badRequest(`${problem}Condition ${type} needs a range written as a formula ("=Lists!A2:A"), found "${values[0]}".`);
      return [values[0].slice(1), showCustomUi];
    case 'list':
      if (values.length === 0) throw badRequest(`${problem}Condition ${type} needs at least one value.`);
      if (values.length > 500) throw badRequest(`${problem}Condition ${type} has more than 500 values.`);
      return [values, showCustomUi];
    case 'checkbox':
      if (values.length !== 0 && values.length !== 2) throw badRequest(`${problem}Condition ${type} takes no values or two (checked, unchecked), found ${values.length}.`);
      return values;
  }
}

export interface Condition {
  criteria: string;
  args: unknown[];
}

/** A BooleanCondition for data validation (`use` 'validation') or a conditional format rule. */
export function readCondition(value: unknown, where: string, problem: string, use: 'validation' | 'conditional', showCustomUi = false): Condition {
  const condition = message(value, where, ['type', 'values']);
  const type = condition.type;
  if (typeof type !== 'string' || !ALL_CONDITION_TYPES.has(type)) throw invalidValue(`${where}.type`, 'TYPE_ENUM', type);
  const kind = CONDITIONS[type];
  if (!kind) throw notImplemented(`${where}.type ${type}`);
  if (!kind[use]) throw badRequest(`${problem}Condition type ${type} is not supported by ${use === 'validation' ? 'data validation' : 'conditional formatting'}.`);
  const values = list(condition.values, `${where}.values`).map((entry, i) => {
    const v = message(entry, `${where}.values[${i}]`, ['userEnteredValue', 'relativeDate']);
    if (v.relativeDate !== undefined) throw notImplemented(`${where}.values[${i}].relativeDate`);
    return text(v.userEnteredValue ?? '', `${where}.values[${i}].userEnteredValue`);
  });
  return { criteria: kind.criteria, args: conditionArgs(kind, type, values, showCustomUi, problem) };
}

/** The model's criteria and args as a BooleanCondition (and, for lists, whether a dropdown shows). */
export function conditionOf(criteria: string, args: unknown[]): { condition: Record<string, unknown>; showCustomUi?: boolean } {
  const entry = Object.entries(CONDITIONS).find(([, kind]) => kind.criteria === criteria);
  if (!entry) throw notImplemented(`Showing the ${criteria} condition through the Sheets API`);
  const [type, kind] = entry;
  const show = (v: unknown) => (v instanceof Date ? String(v.toISOString()) : String(v));
  let values: string[];
  let showCustomUi: boolean | undefined;
  switch (kind.arity) {
    case 'list': values = (args[0] as unknown[]).map(show); showCustomUi = args[1] !== false; break;
    case 'range': values = [`=${String(args[0])}`]; showCustomUi = args[1] !== false; break;
    default: values = args.map(show);
  }
  const condition: Record<string, unknown> = { type };
  if (values.length) condition.values = values.map((userEnteredValue) => ({ userEnteredValue }));
  return { condition, showCustomUi };
}

// --- DataValidationRule (…/other#DataValidationRule)

export function readValidation(value: unknown, where: string, problem: string): ValidationData {
  const rule = message(value, where, ['condition', 'inputMessage', 'strict', 'showCustomUi']);
  if (rule.condition === undefined) throw badRequest(`${problem}A data validation rule needs a condition.`);
  const showCustomUi = rule.showCustomUi === undefined ? false : bool(rule.showCustomUi, `${where}.showCustomUi`);
  const { criteria, args } = readCondition(rule.condition, `${where}.condition`, problem, 'validation', showCustomUi);
  return {
    criteria, args,
    allowInvalid: rule.strict === undefined ? true : !bool(rule.strict, `${where}.strict`),
    helpText: rule.inputMessage === undefined ? '' : text(rule.inputMessage, `${where}.inputMessage`),
  };
}

export function validationOf(data: ValidationData): Record<string, unknown> {
  const { condition, showCustomUi } = conditionOf(data.criteria, data.args);
  const rule: Record<string, unknown> = { condition };
  if (data.helpText) rule.inputMessage = data.helpText;
  if (!data.allowInvalid) rule.strict = true;
  if (showCustomUi) rule.showCustomUi = true;
  return rule;
}

// --- CellData (…/cells#CellData) and the parts of CellFormat the model holds

const CELL_FIELDS = ['userEnteredValue', 'effectiveValue', 'formattedValue', 'userEnteredFormat', 'effectiveFormat', 'hyperlink', 'note',
  'textFormatRuns', 'dataValidation', 'pivotTable', 'dataSourceTable', 'dataSourceFormula', 'chipRuns'];
const FORMAT_FIELDS = ['numberFormat', 'backgroundColor', 'backgroundColorStyle', 'borders', 'padding', 'horizontalAlignment', 'verticalAlignment',
  'wrapStrategy', 'textDirection', 'textFormat', 'hyperlinkDisplayType', 'textRotation'];
const TEXT_FORMAT_FIELDS = ['foregroundColor', 'foregroundColorStyle', 'fontFamily', 'fontSize', 'bold', 'italic', 'strikethrough', 'underline', 'link'];
const EXTENDED_VALUE_FIELDS = ['numberValue', 'stringValue', 'boolValue', 'formulaValue', 'errorValue'];

/** The CellData paths the model holds; an update names them in its `fields` mask. */
export const CELL_LEAVES = [
  'userEnteredValue',
  'userEnteredFormat.numberFormat',
  'userEnteredFormat.backgroundColor',
  'userEnteredFormat.backgroundColorStyle',
  'userEnteredFormat.horizontalAlignment',
  'userEnteredFormat.wrapStrategy',
  'userEnteredFormat.textFormat.bold',
  'userEnteredFormat.textFormat.foregroundColor',
  'note',
  'dataValidation',
] as const;
type CellLeaf = (typeof CELL_LEAVES)[number];

/** A checked `fields` mask: the model's paths it reaches, and the paths as written ('*' for every field). */
export interface CellMask {
  leaves: CellLeaf[];
  paths: string[];
}

const WRAP_STRATEGIES = ['OVERFLOW_CELL', 'LEGACY_WRAP', 'CLIP', 'WRAP'] as const;
const HORIZONTAL_ALIGNMENTS = ['LEFT', 'CENTER', 'RIGHT'] as const;

function isKnownPath(path: string): boolean {
  const [first, second, third, ...rest] = path.split('.');
  if (!CELL_FIELDS.includes(first)) return false;
  if (second === undefined) return true;
  if (first !== 'userEnteredFormat' && first !== 'effectiveFormat') return true;
  if (!FORMAT_FIELDS.includes(second)) return false;
  if (third === undefined || second !== 'textFormat') return true;
  return TEXT_FORMAT_FIELDS.includes(third) && rest.length === 0;
}

/**
 * An update's `fields` mask (relative to CellData; "*" lists every field) as the model's paths.
 * "At least one field must be specified" — Google's words when it is empty are those of
 * theoephraim/node-google-spreadsheet#308. Paths are written as in read masks ("Use field masks":
 * comma-separated, dot-separated subfields, parentheses for several subfields of one type). A real
 * field the model does not hold answers 501.
 */
export function cellMask(fields: unknown, problem: string): CellMask {
  if (fields === undefined || fields === null || (typeof fields === 'string' && fields.trim() === '')) {
    throw badRequest(`${problem}At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)`);
  }
  if (typeof fields !== 'string') throw invalidValue('fields', 'type.googleapis.com/google.protobuf.FieldMask', fields);
  const leaves = new Set<CellLeaf>();
  const paths = maskPaths(parseFieldMask(fields));
  for (const path of paths) {
    if (path === '*') { CELL_LEAVES.forEach((leaf) => leaves.add(leaf)); continue; }
    if (!isKnownPath(path)) throw badRequest(`${problem}Invalid field mask: '${path}' is not a field of CellData.`);
    const covered = CELL_LEAVES.filter((leaf) => leaf === path || leaf.startsWith(`${path}.`));
    if (covered.length === 0) throw notImplemented(`${problem}the CellData field ${path}`);
    covered.forEach((leaf) => leaves.add(leaf));
  }
  return { leaves: [...leaves], paths };
}

/** A parsed mask as dot paths: userEnteredFormat(backgroundColor,textFormat.bold) → two paths. */
function maskPaths(mask: FieldMask, prefix = ''): string[] {
  return [...mask].flatMap(([key, sub]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return sub === true ? [path] : maskPaths(sub, path);
  });
}

/** Checks a CellData object's names (a name the API lacks is Google's JSON error wherever it sits). */
export function readCellData(value: unknown, where: string): Record<string, unknown> {
  const cell = message(value, where, CELL_FIELDS);
  const format = message(cell.userEnteredFormat, `${where}.userEnteredFormat`, FORMAT_FIELDS);
  message(format.textFormat, `${where}.userEnteredFormat.textFormat`, TEXT_FORMAT_FIELDS);
  message(cell.userEnteredValue, `${where}.userEnteredValue`, EXTENDED_VALUE_FIELDS);
  return cell;
}

function at(data: Record<string, unknown>, path: string): unknown {
  let node: unknown = data;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Fields of `data` outside what the model holds, within the mask: named, so nobody leans on them. */
function checkModelled(data: Record<string, unknown>, mask: CellMask, where: string): void {
  const maskCovers = (path: string) => mask.paths.some((p) => p === '*' || p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`));
  const visit = (node: Record<string, unknown>, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if ((CELL_LEAVES as readonly string[]).includes(path)) continue;
      if ((path === 'userEnteredFormat' || path === 'userEnteredFormat.textFormat') && value && typeof value === 'object') {
        visit(value as Record<string, unknown>, path);
        continue;
      }
      if (maskCovers(path)) throw notImplemented(`${where}.${path}`);
    }
  };
  visit(data, '');
}

/**
 * Writes the masked fields of one CellData into a cell: a masked field the data leaves out is
 * cleared ("the fields matching those set in fields will be cleared"). Formats go first, so a
 * numberValue written with a date format is stored as the date it stands for.
 */
export function applyCellData(ss: SpreadsheetModel, cell: Cell, data: Record<string, unknown>, mask: CellMask, where: string, problem: string): void {
  checkModelled(data, mask, where);
  const { leaves } = mask;
  const ordered = [...leaves].sort((a, b) => (a === 'userEnteredValue' ? 1 : 0) - (b === 'userEnteredValue' ? 1 : 0));
  for (const leaf of ordered) {
    const value = at(data, leaf);
    const path = `${where}.${leaf}`;
    switch (leaf) {
      case 'userEnteredValue': writeValue(ss, cell, value, path, problem); break;
      case 'userEnteredFormat.numberFormat':
        if (value === undefined) delete cell.format; else cell.format = patternOf(value, path);
        break;
      case 'userEnteredFormat.backgroundColor':
        // backgroundColorStyle "takes precedence" when both are set (CellFormat reference).
        if (at(data, 'userEnteredFormat.backgroundColorStyle') !== undefined && leaves.includes('userEnteredFormat.backgroundColorStyle')) break;
        if (value === undefined) delete cell.background; else cell.background = colorToHex(value, path);
        break;
      case 'userEnteredFormat.backgroundColorStyle':
        if (value === undefined) { if (at(data, 'userEnteredFormat.backgroundColor') === undefined) delete cell.background; }
        else cell.background = colorStyleToHex(value, path);
        break;
      case 'userEnteredFormat.horizontalAlignment':
        if (value === undefined) delete cell.horizontalAlignment;
        else cell.horizontalAlignment = enumValue(value, path, HORIZONTAL_ALIGNMENTS).toLowerCase();
        break;
      case 'userEnteredFormat.wrapStrategy': {
        delete cell.wrapStrategy;
        if (value === undefined) { delete cell.wrap; break; }
        const strategy = enumValue(value, path, WRAP_STRATEGIES);
        cell.wrap = strategy === 'WRAP';
        if (strategy === 'CLIP' || strategy === 'LEGACY_WRAP') cell.wrapStrategy = strategy;
        break;
      }
      case 'userEnteredFormat.textFormat.bold':
        if (value === undefined) delete cell.fontWeight; else cell.fontWeight = bool(value, path) ? 'bold' : 'normal';
        break;
      case 'userEnteredFormat.textFormat.foregroundColor':
        if (value === undefined) delete cell.fontColor; else cell.fontColor = colorToHex(value, path);
        break;
      case 'note':
        if (value === undefined || value === '') delete cell.note; else cell.note = text(value, path);
        break;
      case 'dataValidation':
        if (value === undefined) delete cell.validation; else cell.validation = readValidation(value, path, problem);
        break;
    }
  }
}

/** An ExtendedValue: exactly one of its kinds; errorValue is read-only. */
function writeValue(ss: SpreadsheetModel, cell: Cell, value: unknown, where: string, problem: string): void {
  if (value === undefined) { cell.value = ''; delete cell.formula; return; }
  const extended = message(value, where, EXTENDED_VALUE_FIELDS);
  const kinds = Object.keys(extended);
  if (kinds.length > 1) throw badRequest(`Invalid JSON payload received. Oneof field 'value' is already set. Cannot set '${kinds[1]}' at '${protoPath(where)}'.`);
  if (kinds.length === 0) { cell.value = ''; delete cell.formula; return; }
  const kind = kinds[0];
  const v = extended[kind];
  delete cell.formula;
  switch (kind) {
    case 'stringValue': cell.value = text(v, `${where}.stringValue`); break;
    case 'boolValue': cell.value = bool(v, `${where}.boolValue`); break;
    case 'numberValue': {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidValue(`${where}.numberValue`, 'TYPE_DOUBLE', v);
      // Sheets keeps dates as serial numbers shown through a date format; the model keeps the date itself.
      cell.value = isDatePattern(cell.format) ? fromSerial(v, ss.timeZone) : v;
      break;
    }
    case 'formulaValue': {
      const formula = text(v, `${where}.formulaValue`);
      if (!formula.startsWith('=')) throw badRequest(`${problem}A formula must start with "=", found "${formula}".`);
      cell.value = '';
      cell.formula = formula;
      break;
    }
    default: throw badRequest(`${problem}errorValue is read-only.`);
  }
}

/** What a cell holds, as userEnteredValue (dates as serial numbers). */
function userEnteredValueOf(ss: SpreadsheetModel, cell: Cell): Record<string, unknown> | undefined {
  if (cell.formula) return { formulaValue: cell.formula };
  return extendedValueOf(ss, cell.value);
}

function extendedValueOf(ss: SpreadsheetModel, value: CellValue): Record<string, unknown> | undefined {
  if (value === '') return undefined;
  if (value instanceof Date) return { numberValue: serialNumber(value, ss.timeZone) };
  if (typeof value === 'number') return { numberValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  return { stringValue: value };
}

export function userEnteredFormatOf(cell: Cell): Record<string, unknown> | undefined {
  const format: Record<string, unknown> = {};
  if (cell.format && cell.format !== 'General') format.numberFormat = numberFormatOf(cell.format);
  if (cell.background) {
    format.backgroundColor = hexToColor(cell.background);
    format.backgroundColorStyle = { rgbColor: hexToColor(cell.background) };
  }
  if (cell.horizontalAlignment && cell.horizontalAlignment !== 'general') format.horizontalAlignment = cell.horizontalAlignment.toUpperCase();
  if (cell.wrapStrategy) format.wrapStrategy = cell.wrapStrategy;
  else if (cell.wrap !== undefined) format.wrapStrategy = cell.wrap ? 'WRAP' : 'OVERFLOW_CELL';
  const textFormat: Record<string, unknown> = {};
  if (cell.fontWeight) textFormat.bold = cell.fontWeight === 'bold';
  if (cell.fontColor) textFormat.foregroundColor = hexToColor(cell.fontColor);
  if (Object.keys(textFormat).length) format.textFormat = textFormat;
  return Object.keys(format).length ? format : undefined;
}

export type CellValueReader = (cell: Cell, row: number, column: number) => { effective?: Record<string, unknown>; formatted?: string };

/** A cell as CellData, with only the top-level fields `wants` selects (so a formula is not evaluated unless asked). */
export function cellDataOf(ss: SpreadsheetModel, cell: Cell | undefined, wants: (field: string) => boolean, read: CellValueReader, row: number, column: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!cell) return out;
  if (wants('userEnteredValue')) { const v = userEnteredValueOf(ss, cell); if (v) out.userEnteredValue = v; }
  if (wants('effectiveValue') || wants('formattedValue')) {
    const { effective, formatted } = read(cell, row, column);
    if (wants('effectiveValue') && effective) out.effectiveValue = effective;
    if (wants('formattedValue') && formatted) out.formattedValue = formatted;
  }
  if (wants('userEnteredFormat')) { const f = userEnteredFormatOf(cell); if (f) out.userEnteredFormat = f; }
  if (wants('note') && cell.note) out.note = cell.note;
  if (wants('dataValidation') && cell.validation) out.dataValidation = validationOf(cell.validation);
  return out;
}

/** The effective value of a plain value (formulas are evaluated by the caller's reader). */
export function effectiveValueOf(ss: SpreadsheetModel, value: CellValue): Record<string, unknown> | undefined {
  return extendedValueOf(ss, value);
}
