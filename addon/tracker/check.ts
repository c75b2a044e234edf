// Check data: every problem in plain language, with tab, row and column. Reads records; changes nothing.
import { TABS, column as columnOf, type ColumnKey, type ColumnSpec, type TabName, type TabSpec } from './schema';
import { cell, columnIndex, headerKey, indexById, isBlank, LABEL_SEPARATOR, num, refId, rowName, type AnyTable, type Plain } from './table';
import { calendarDate, daysBetween, isIsoDate, isoDateIn } from '../core/dates';
import { livingWageFor, type Tables } from './computed';
import type { Settings } from './settings';
import { columnToLetters } from './a1';
import { paymentProblems } from '../payments/rules';

export interface Problem {
  tab: string;
  /** Sheet row (1 = header); 0 when the problem is about the whole tab. */
  row: number;
  column: string;
  /** Column letter where the column exists, to find the cell. */
  cell: string;
  severity: 'error' | 'warning';
  /** What is wrong, opening with the tab, row and who or what the row is about ("Staff row 5 (Avery Lin): …"). */
  message: string;
  /** The message without that opening, for a caller that names the place its own way (a CSV line). */
  detail: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const URL_LIKE = /^(https?:\/\/|mailto:)\S+$/i;

/** The rows of a tab that carry each ID, with the name each row shows in references. */
type RowsById = Map<string, { row: number; name: string }[]>;

function rowsById(tables: Tables): Partial<Record<TabName, RowsById>> {
  const out: Partial<Record<TabName, RowsById>> = {};
  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    if (!table || !spec.idPrefix) continue;
    const map: RowsById = new Map();
    for (const record of table.records) {
      const id = refId(record.values.id ?? null);
      if (id) map.set(id, [...(map.get(id) ?? []), { row: record.row, name: rowName(record, spec).trim() }]);
    }
    out[spec.name] = map;
  }
  return out;
}

/** The name a reference cell shows after its ID ("SITE-0001 · Harbour" → "Harbour"), or '' for a bare ID. */
function labelText(value: Plain): string {
  const text = String(value ?? '');
  const cut = text.indexOf(LABEL_SEPARATOR.trim());
  return cut < 0 ? '' : text.slice(cut + LABEL_SEPARATOR.trim().length).trim();
}

/** " (Alex Moreno)" for a row that has a name, '' otherwise: messages say who a row is about. */
function who(name: string): string {
  return name ? ` (${name})` : '';
}

const COUNT_WORDS = ['no', 'one', 'two', 'three', 'four', 'five'];

/** An activity still "Not started" this many days after its Start date is flagged: a month is long enough to have begun or to have said why not. */
export const NOT_STARTED_GRACE_DAYS = 30;

/** Totals closer than half a cent agree (sums of money in floating point). */
const MONEY_TOLERANCE = 0.005;

/** Money as messages write it: $10,200.00. */
function dollars(amount: number): string {
  const [whole, cents] = Math.abs(amount).toFixed(2).split('.');
  return `${amount < 0 ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Who or what a row is about, as messages name it: the row's label, or for the Training Log the person and topic. */
function subjectOf(spec: TabSpec, record: AnyTable['records'][number]): string {
  if (spec.name === 'Training Log') {
    const values = record.values as Record<string, Plain>;
    return [labelText(values.staff ?? null) || refId(values.staff ?? null), String(values.topic ?? '').trim()].filter(Boolean).join(', ');
  }
  if (spec.name === 'Payments') {
    const values = record.values as Record<string, Plain>;
    return [labelText(values.person ?? null) || refId(values.person ?? null), isIsoDate(values.date) ? values.date : ''].filter(Boolean).join(', ');
  }
  return rowName(record, spec).trim();
}

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

function checkCell(column: ColumnSpec, value: Plain, keys: Partial<Record<TabName, Set<string>>>, ids: Partial<Record<TabName, RowsById>>): { severity: Problem['severity']; message: string } | null {
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
      const rows = ids[target]?.get(key) ?? [];
      if (rows.length > 1) {
        return { severity: 'error', message: `${describe(value)}: ${key} is used by more than one row of ${target} (rows ${rows.map((r) => r.row).join(' and ')}), so it cannot tell which one is meant. Give those rows their own IDs on ${target} (Check data lists them there), then choose again from the dropdown.` };
      }
      const shownName = labelText(value);
      const now = rows[0]?.name ?? '';
      if (shownName && now && headerKey(shownName) !== headerKey(now)) {
        return { severity: 'error', message: `${describe(value)} names ${shownName}, but ${key} is ${now} (${target} row ${rows[0].row}). The ID decides which row this is linked to: choose the right one from the dropdown (if ${shownName} was only renamed to ${now}, choosing "${key}${LABEL_SEPARATOR}${now}" updates the name).` };
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

/**
 * Every problem Check data lists. `today` (yyyy-mm-dd, the spreadsheet's day) dates the checks
 * that depend on it: surveys dated in the future and activities not started long after their start.
 */
export function checkTables(tables: Tables, settings: Settings, today: string = isoDateIn(new Date(), settings.timeZone)): Problem[] {
  const problems: Problem[] = [];
  /** "Staff row 5 (Avery Lin): ", so a message read on its own says which row and whom it is about. */
  const subjects = new Map<string, string>();
  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    for (const record of table?.records ?? []) subjects.set(`${spec.name}\n${record.row}`, subjectOf(spec, record));
  }
  const keys = referenceKeys(tables);
  const ids = rowsById(tables);
  const sites = indexById(tables.Sites);
  const add = (tab: TabSpec, table: AnyTable | undefined, row: number, column: ColumnSpec | null, severity: Problem['severity'], message: string) => {
    const index = column ? columnIndex(table, column) : undefined;
    const subject = subjects.get(`${tab.name}\n${row}`);
    const named = row > 1 && tab.name !== 'Settings' && subject !== undefined ? `${tab.name} row ${row}${who(subject)}: ${message}` : message;
    problems.push({
      tab: tab.name, row, column: column ? column.header : '',
      cell: index === undefined ? '' : `${columnToLetters(index + 1)}${row || ''}`, severity, message: named, detail: message,
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
      const places = (table.ambiguous as Record<string, number[]>)[column.key];
      if (places) {
        const letters = places.map((i) => columnToLetters(i + 1));
        const named = `${spec.name} has ${COUNT_WORDS[places.length] ?? places.length} columns named "${column.header}" (columns ${letters.slice(0, -1).join(', ')} and ${letters[letters.length - 1]}).`;
        const mine = `"${column.header} (mine)"`;
        const message = column.computed
          ? `${named} ROSE Tracker fills "${column.header}" itself and writes into none of them while they share the name. Rename your own column (for example to ${mine}); ROSE Tracker then fills its own again.`
          : `${named} ROSE Tracker reads column ${letters[0]} and ignores the other${places.length > 2 ? 's' : ''}. Rename the one that is yours (for example to ${mine}) so nothing is read from the wrong column.`;
        problems.push({ tab: spec.name, row: 1, column: column.header, cell: letters.map((l) => `${l}1`).join(', '), severity: 'error', message, detail: message });
      }
    }
    const idColumn = spec.columns.find((c) => c.type === 'id') ?? null;
    const idPattern = spec.idPrefix ? new RegExp(`^${spec.idPrefix}-\\d+$`) : null;
    const seenIds = new Map<string, { row: number; name: string }>();
    for (const record of table.records) {
      const hasData = spec.columns.some((c) => !c.computed && c.type !== 'id' && !isBlank(cell(record, c)));
      if (!hasData) continue;
      if (spec.idPrefix) {
        const id = refId(record.values.id ?? null);
        const name = rowName(record, spec).trim();
        if (!id) add(spec, table, record.row, idColumn, 'warning', `This row has no ID yet. Run ROSE Tracker → Set up tracker (or edit the row) to give it one.`);
        else if (!idPattern!.test(id)) {
          add(spec, table, record.row, idColumn, 'error', `The ID ${describe(record.values.id ?? null)} is not a ${spec.name} ID: ${spec.name} IDs are ${spec.idPrefix}- and digits, like ${spec.idPrefix}-0001. If other tabs point at this row by that text, change them after; then clear the cell and ROSE Tracker gives the row a new ID on the next edit.`);
        } else if (seenIds.has(id)) {
          const first = seenIds.get(id)!;
          add(spec, table, record.row, idColumn, 'error', `The ID ${id} is also used on row ${first.row}${who(first.name)}. Each row needs its own ID: clear it on the row other tabs do not mean by ${id}, and ROSE Tracker will give that row a new one.`);
        } else seenIds.set(id, { row: record.row, name });
      }
      for (const column of spec.columns) {
        if (column.type === 'id' || columnIndex(table, column) === undefined) continue;
        const issue = checkCell(column, cell(record, column), keys, ids);
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
  const report: Report = (tab, record, key, severity, message) => {
    const spec = TABS.find((t) => t.name === tab)!;
    add(spec, tables[tab], record ? record.row : 0, key ? spec.columns.find((c) => c.key === key)! : null, severity, message);
  };
  crossChecks(tables, today, settings.timeZone, report);
  for (const p of paymentProblems(tables.Payments, tables.Settings, settings, today)) report(p.tab, p.record, p.key, p.severity, p.message);
  return problems;
}

type Report = (tab: TabName, record: { row: number } | null, key: string | null, severity: Problem['severity'], message: string) => void;

/** Checks across rows and tabs: budget totals, permanent jobs with an end date, certificates missing a facilitator or hours, surveys from the future, activities never begun. */
function crossChecks(tables: Tables, today: string, timeZone: string, report: Report): void {
  const plan = tables['Action Plan']?.records ?? [];
  const sum = (values: (number | null)[]) => values.reduce<number>((total, n) => total + (n ?? 0), 0);
  const planned = plan.map((r) => num(r.values.allocatedBudget ?? null));
  const budgeted = (tables.Budget?.records ?? []).map((r) => num(r.values.allocated ?? null));
  if (planned.some((n) => n !== null) && budgeted.some((n) => n !== null)) {
    const a = sum(planned);
    const b = sum(budgeted);
    if (Math.abs(a - b) > MONEY_TOLERANCE) {
      report('Action Plan', null, 'allocatedBudget', 'warning', `The Action Plan's "Allocated budget" adds up to ${dollars(a)}, but the Budget tab's "Allocated" adds up to ${dollars(b)} (${dollars(Math.abs(a - b))} apart). Make the two agree: the Budget tab holds the lines, the Action Plan what each activity may spend.`);
    }
  }
  for (const record of tables.Staff?.records ?? []) {
    const type = String(record.values.employmentType ?? '').trim();
    const end = record.values.contractEnd ?? null;
    if (/^permanent\b/i.test(type) && !isBlank(end)) {
      report('Staff', record, 'contractEnd', 'warning', `Employment type is ${type}, but Contract end is ${String(end)}. A permanent job has no end date: clear Contract end, or choose Fixed term or Casual if the job does end.`);
    }
  }
  // A certificate is made for each completed internal training (documents/certificates.ts); it prints who gave it and for how long.
  for (const record of tables['Training Log']?.records ?? []) {
    if (String(record.values.internal ?? '').trim() !== 'Yes' || String(record.values.completed ?? '').trim() !== 'Yes') continue;
    for (const key of ['facilitator', 'hours'] as const) {
      if (!isBlank(record.values[key] ?? null)) continue;
      report('Training Log', record, key, 'warning', `${key === 'facilitator' ? 'Facilitator' : 'Hours'} is blank on a completed internal training, so no certificate can be made for it yet. Fill it in.`);
    }
  }
  for (const record of tables['Survey Responses']?.records ?? []) {
    const submitted = record.values.submitted ?? null;
    const day = typeof submitted === 'string' ? calendarDate(submitted, timeZone) : null;
    if (day && day > today) {
      report('Survey Responses', record, 'submitted', 'error', `Submitted is ${day}, after today (${today}). A survey cannot be answered in the future: correct the date.`);
    }
  }
  for (const record of plan) {
    const start = record.values.start ?? null;
    if (record.values.status !== 'Not started' || !isIsoDate(start) || start > today) continue;
    const days = daysBetween(start, today);
    if (days > NOT_STARTED_GRACE_DAYS) {
      report('Action Plan', record, 'status', 'warning', `Still "Not started" ${days} days after its Start date (${start}); more than ${NOT_STARTED_GRACE_DAYS} days is flagged. Set the Status to In progress, Blocked or Cancelled, or move the Start date.`);
    }
  }
}

/** Rows for the Data check tab, newest run first line. */
export function problemRows(problems: Problem[]): string[][] {
  return problems.map((p) => [p.severity === 'error' ? 'Problem' : 'Warning', p.tab, p.row ? String(p.row) : '', p.column, p.cell, p.message]);
}
