// Check data: every problem in plain language, with tab, row and column. Reads records; changes nothing.
import { TABS, type ColumnSpec, type TabName, type TabSpec } from './schema';
import { indexById, isBlank, num, refId, type Plain, type Table } from './table';
import { isIsoDate } from './dates';
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
    const table = tables[spec.name];
    if (!table) continue;
    const set = new Set<string>();
    for (const record of table.records) {
      const key = spec.idPrefix ? refId(record.values.ID ?? null) : String(record.values[spec.labelColumn ?? ''] ?? '');
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
const DATE_ORDER: Partial<Record<TabName, [string, string][]>> = {
  'Action Plan': [['Start', 'End']],
  Staff: [['Start', 'End'], ['Start', 'Contract end']],
  'Training Log': [['Date', 'Expiry']],
  'Support Requests': [['Date', 'Resolved date']],
};

export function checkTables(tables: Tables, settings: Settings): Problem[] {
  const problems: Problem[] = [];
  const keys = referenceKeys(tables);
  const sites = indexById(tables.Sites);
  const add = (tab: TabSpec | string, table: Table | undefined, row: number, column: string, severity: Problem['severity'], message: string) => {
    const index = table?.columnOf[column];
    problems.push({
      tab: typeof tab === 'string' ? tab : tab.name, row, column,
      cell: index === undefined ? '' : `${columnToLetters(index + 1)}${row || ''}`, severity, message,
    });
  };

  for (const { key, row, message } of settings.problems) add('Settings', tables.Settings, row, 'Value', 'error', `${key}: ${message}`);

  for (const spec of TABS) {
    const table = tables[spec.name];
    if (!table) { add(spec, undefined, 0, '', 'error', `The tab "${spec.name}" is missing. Run ROSE Tracker → Set up tracker.`); continue; }
    if (spec.name === 'Settings') continue;
    for (const column of spec.columns) {
      if (table.columnOf[column.header] === undefined) add(spec, table, 1, column.header, 'error', `The column "${column.header}" is missing. Run ROSE Tracker → Set up tracker to add it back.`);
    }
    const seenIds = new Map<string, number>();
    for (const record of table.records) {
      const hasData = spec.columns.some((c) => !c.computed && c.type !== 'id' && !isBlank(record.values[c.header] ?? null));
      if (!hasData) continue;
      if (spec.idPrefix) {
        const id = refId(record.values.ID ?? null);
        if (!id) add(spec, table, record.row, 'ID', 'warning', 'This row has no ID yet. Run ROSE Tracker → Set up tracker (or edit the row) to give it one.');
        else if (seenIds.has(id)) add(spec, table, record.row, 'ID', 'error', `The ID ${id} is also used on row ${seenIds.get(id)}. Each row needs its own ID: clear this one and ROSE Tracker will give a new one.`);
        else seenIds.set(id, record.row);
      }
      for (const column of spec.columns) {
        if (column.type === 'id' || table.columnOf[column.header] === undefined) continue;
        const issue = checkCell(column, record.values[column.header] ?? null, keys);
        if (issue) add(spec, table, record.row, column.header, issue.severity, issue.message);
      }
      for (const [first, second] of DATE_ORDER[spec.name] ?? []) {
        const a = record.values[first];
        const b = record.values[second];
        if (isIsoDate(a) && isIsoDate(b) && b < a) add(spec, table, record.row, second, 'error', `${second} (${b}) is before ${first} (${a}).`);
      }
      if (spec.name === 'Staff') {
        const wage = num(record.values['Hourly wage'] ?? null);
        const livingWage = livingWageFor(record, sites, settings);
        if (wage !== null && livingWage !== null && wage < livingWage) {
          const where = livingWage === settings.livingWage ? 'in Settings' : 'for their site (Sites)';
          add(spec, table, record.row, 'Hourly wage', 'warning', `$${wage.toFixed(2)} an hour is below the living wage ${where} ($${livingWage.toFixed(2)}).`);
        }
      }
    }
  }
  return problems;
}

/** Rows for the Data check tab, newest run first line. */
export function problemRows(problems: Problem[]): string[][] {
  return problems.map((p) => [p.severity === 'error' ? 'Problem' : 'Warning', p.tab, p.row ? String(p.row) : '', p.column, p.cell, p.message]);
}
