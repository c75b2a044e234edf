// Check data: every problem in plain language, with tab, row and column. Reads records; changes nothing.
import { TABS, column as columnOf, type ColumnKey, type ColumnSpec, type TabName, type TabSpec } from './schema';
import { cell, columnIndex, indexById, isBlank, num, refId, type AnyTable, type Plain } from './table';
import { isIsoDate } from '../core/dates';
import { livingWageFor, type Tables } from './computed';
import type { Settings } from './settings';
import { columnToLetters } from './a1';

export interface Problem {
  tab: string;
  /** Sheet row (1 = header); 0 when the problem is about the whole tab. */
  row: number;
  column: string;
  /** Column letter where the column exists, to find the cell. */
  cell: string;
  severity: 'error' | 'warning';
  message: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const URL_LIKE = /^(https?:\/\/|mailto:)\S+$/i;

/** Keys a reference may point to: IDs, or for Training Topics the topic names. */
function referenceKeys(tables: Tables): Partial<Record<TabName, Set<string>>> {
  const keys: Partial<Record<TabName, Set<string>>> = {};
  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    if (!table) continue;
    const label = spec.columns.find((c) => c.key === spec.labelColumn);
    const set = new Set<string>();
    for (const record of table.records) {
      const key = spec.idPrefix ? refId(record.values.id ?? null) : String(label ? cell(record, label) ?? '' : '');
      if (key) set.add(key);
    }
    keys[spec.name] = set;
  }
  return keys;
}

function describe(value: Plain): string {
  return typeof value === 'string' ? `"${value}"` : String(value);
}

function checkCell(column: ColumnSpec, value: Plain, keys: Partial<Record<TabName, Set<string>>>): { severity: Problem['severity']; message: string } | null {
  if (isBlank(value)) return column.required && !column.computed ? { severity: 'error', message: `${column.header} is required.` } : null;
  switch (column.type) {
    case 'date':
      if (!isIsoDate(value)) return { severity: 'error', message: `${describe(value)} is not a date. Type it as yyyy-mm-dd, e.g. 2026-04-30.` };
      if (value < '1900-01-01' || value > '2100-12-31') return { severity: 'error', message: `${value} is not a plausible date.` };
      return null;
    case 'number': case 'integer': case 'money': case 'percent': {
      const n = num(value);
      if (n === null) return { severity: 'error', message: `${describe(value)} is not a number.` };
      if (column.type === 'integer' && !Number.isInteger(n)) return { severity: 'error', message: `${n} should be a whole number.` };
      if (column.min !== undefined && n < column.min) return { severity: 'error', message: `${n} is below the smallest allowed value, ${column.min}.` };
      if (column.max !== undefined && n > column.max) return { severity: 'error', message: `${n} is above the largest allowed value, ${column.max}.` };
      return null;
    }
    case 'email':
      return EMAIL.test(String(value)) ? null : { severity: 'error', message: `${describe(value)} is not an email address.` };
    case 'url':
      return URL_LIKE.test(String(value)) ? null : { severity: 'warning', message: `${describe(value)} does not look like a link (it should start with https://).` };
    case 'choice':
      if (column.choices && !column.choices.includes(String(value)) && !column.allowOther && !column.computed) {
        return { severity: 'error', message: `${describe(value)} is not one of: ${column.choices.join(', ')}.` };
      }
      return null;
    case 'ref': {
      const target = column.ref!;
      const key = refId(value);
      if (!keys[target]?.has(key)) {
        return { severity: 'error', message: `${describe(value)} does not match any row of ${target}. Choose one from the dropdown.` };
      }
      return null;
    }
    default:
      return null;
  }
}

/** Pairs of dates where the second must not come before the first. */
const DATE_ORDER: { [N in TabName]?: [ColumnKey<N>, ColumnKey<N>][] } = {
  'Action Plan': [['start', 'end']],
  Staff: [['start', 'end'], ['start', 'contractEnd']],
  'Training Log': [['date', 'expiry']],
  'Support Requests': [['date', 'resolvedDate']],
};

export function checkTables(tables: Tables, settings: Settings): Problem[] {
  const problems: Problem[] = [];
  const keys = referenceKeys(tables);
  const sites = indexById(tables.Sites);
  const add = (tab: TabSpec, table: AnyTable | undefined, row: number, column: ColumnSpec | null, severity: Problem['severity'], message: string) => {
    const index = column ? columnIndex(table, column) : undefined;
    problems.push({
      tab: tab.name, row, column: column ? column.header : '',
      cell: index === undefined ? '' : `${columnToLetters(index + 1)}${row || ''}`, severity, message,
    });
  };

  const settingsSpec = TABS.find((t) => t.name === 'Settings')!;
  for (const { key, row, message } of settings.problems) add(settingsSpec, tables.Settings, row, columnOf('Settings', 'value'), 'error', `${key}: ${message}`);

  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    if (!table) { add(spec, undefined, 0, null, 'error', `The tab "${spec.name}" is missing. Run ROSE Tracker → Set up tracker.`); continue; }
    if (spec.name === 'Settings') continue;
    for (const column of spec.columns) {
      if (columnIndex(table, column) === undefined) add(spec, table, 1, column, 'error', `The column "${column.header}" is missing. Run ROSE Tracker → Set up tracker to add it back.`);
    }
    const seenIds = new Map<string, number>();
    for (const record of table.records) {
      const hasData = spec.columns.some((c) => !c.computed && c.type !== 'id' && !isBlank(cell(record, c)));
      if (!hasData) continue;
      if (spec.idPrefix) {
        const idColumn = spec.columns.find((c) => c.type === 'id') ?? null;
        const id = refId(record.values.id ?? null);
        if (!id) add(spec, table, record.row, idColumn, 'warning', 'This row has no ID yet. Run ROSE Tracker → Set up tracker (or edit the row) to give it one.');
        else if (seenIds.has(id)) add(spec, table, record.row, idColumn, 'error', `The ID ${id} is also used on row ${seenIds.get(id)}. Each row needs its own ID: clear this one and ROSE Tracker will give a new one.`);
        else seenIds.set(id, record.row);
      }
      for (const column of spec.columns) {
        if (column.type === 'id' || columnIndex(table, column) === undefined) continue;
        const issue = checkCell(column, cell(record, column), keys);
        if (issue) add(spec, table, record.row, column, issue.severity, issue.message);
      }
      for (const [firstKey, secondKey] of (DATE_ORDER[spec.name] ?? []) as string[][]) {
        const first = spec.columns.find((c) => c.key === firstKey)!;
        const second = spec.columns.find((c) => c.key === secondKey)!;
        const a = cell(record, first);
        const b = cell(record, second);
        if (isIsoDate(a) && isIsoDate(b) && b < a) add(spec, table, record.row, second, 'error', `${second.header} (${b}) is before ${first.header} (${a}).`);
      }
    }
  }
  for (const record of tables.Staff?.records ?? []) {
    const wage = num(record.values.hourlyWage ?? null);
    const livingWage = livingWageFor(record, sites, settings);
    if (wage !== null && livingWage !== null && wage < livingWage) {
      const where = livingWage === settings.livingWage ? 'in Settings' : 'for their site (Sites)';
      add(TABS.find((t) => t.name === 'Staff')!, tables.Staff, record.row, columnOf('Staff', 'hourlyWage'), 'warning', `$${wage.toFixed(2)} an hour is below the living wage ${where} ($${livingWage.toFixed(2)}).`);
    }
  }
  return problems;
}

/** Rows for the Data check tab, newest run first line. */
export function problemRows(problems: Problem[]): string[][] {
  return problems.map((p) => [p.severity === 'error' ? 'Problem' : 'Warning', p.tab, p.row ? String(p.row) : '', p.column, p.cell, p.message]);
}
