// Set up tracker: reads every tab once, plans in pure code, stops on bad input before writing, then writes in O(1) calls per tab.
import { TABS, type ColumnSpec, type TabName, type TabSpec } from './schema';
import { planSetup, describePlan, type TabState, type TabPlan } from './plan';
import { readSheet, type TrackerFile, type Sheet } from './sheets';
import { declaredHeaders, toTable, type AnyTable, type Plain, type Tables } from './table';
import { computeAll } from './computed';
import { writeByRow, type RowWrite } from './keyed-write';
import { TrackerStore } from './store';
import { foreignListsProblem, issuerFor, restoreListsName, writeLists } from './lists-tab';
import { recordTabIds } from './tab-ids';
import type { IdIssuer } from './lists';
import { readSettings, type Settings } from './settings';
import { isoDateIn } from '../core/dates';
import { numberFormat, validationFor, ruleSpecs, isOurRule } from './format';
import { columnToLetters } from './a1';
import { protectTabs } from './protect';
import { gridProblems, type Grid, type TabNeed } from './limits';
import { LISTS_TAB } from './lists';

export interface SetupResult {
  ok: boolean;
  lines: string[];
  problems: string[];
}

/** Protections the active user cannot edit, by sheet name. */
function blockedSheets(file: TrackerFile): Map<string, string> {
  const blocked = new Map<string, string>();
  const all = [
    ...file.ss.getProtections(SpreadsheetApp.ProtectionType.SHEET),
    ...file.ss.getProtections(SpreadsheetApp.ProtectionType.RANGE),
  ];
  for (const protection of all) {
    if (protection.canEdit()) continue;
    const range = protection.getRange();
    const description = protection.getDescription();
    blocked.set(range.getSheet().getName(), `${description ? `"${description}", ` : ''}range ${range.getA1Notation()}`);
  }
  return blocked;
}

function readStates(file: TrackerFile): Map<string, TabState> {
  const blocked = blockedSheets(file);
  const states = new Map<string, TabState>();
  for (const spec of TABS) {
    const key = [spec.name, ...(spec.formerly ?? [])].find((n) => file.sheets.has(n)) ?? null;
    if (key === null) { states.set(spec.name, { sheetName: null, headerRow: [], rows: [], mergedHeader: false, blockedBy: null }); continue; }
    const sheet = file.sheets.get(key)!;
    // A tab followed by its recorded ID is in `sheets` under the tracker's name; its own name is the person's.
    const followedFrom = key === spec.name ? file.followed?.get(spec.name) : undefined;
    const name = followedFrom ?? key;
    const { headerRow, rows } = readSheet(sheet, file.timeZone, spec);
    const width = Math.max(1, headerRow.length);
    const mergedHeader = sheet.getRange(1, 1, 1, width).getMergedRanges().length > 0;
    states.set(spec.name, { sheetName: name, followed: followedFrom !== undefined, headerRow, rows, mergedHeader, blockedBy: blocked.get(name) ?? null });
  }
  return states;
}

/** Runs setup: on bad input returns the problems and writes nothing. */
export function runSetup(): SetupResult {
  const lock = LockService.getDocumentLock();
  if (lock) lock.waitLock(30000);
  try {
    const file = TrackerStore.open().file;
    const states = readStates(file);
    const plan = planSetup(states, { timeZone: file.timeZone, locale: file.ss.getSpreadsheetLocale() });
    const foreignLists = foreignListsProblem(file);
    if (foreignLists) plan.problems.push(foreignLists);
    // Google's grid limits are checked against the whole plan first, so setup never stops half-way at one.
    if (!plan.problems.length) plan.problems.push(...limitProblems(file, plan.tabs, states));
    if (plan.problems.length) return { ok: false, lines: [], problems: plan.problems };

    const listsRenamed = restoreListsName(file);
    const sheets = new Map<TabName, Sheet>();
    const tables: Tables = {};
    for (const tab of plan.tabs) {
      const state = states.get(tab.spec.name)!;
      const sheet = ensureSheet(file, tab);
      sheets.set(tab.spec.name, sheet);
      (tables as Record<string, unknown>)[tab.spec.name] = writeStructure(sheet, tab, state);
    }
    const settings = readSettings(tables.Settings);
    const ss = file.ss;
    if (ss.getSpreadsheetTimeZone() !== settings.timeZone) ss.setSpreadsheetTimeZone(settings.timeZone);
    const locale = settings.locale.replace('-', '_');
    if (ss.getSpreadsheetLocale() !== locale) ss.setSpreadsheetLocale(locale);

    const issuer = issuerFor(file);
    const newIds = assignAllIds(tables, issuer);
    const idsAssigned = [...newIds.values()].reduce((sum, n) => sum + n, 0);
    const lists = writeLists(file, tables, issuer);
    // The lists tab is hidden when it is made; a run cut off in between left it showing.
    if (!lists.isSheetHidden()) lists.hideSheet();
    writeComputed(sheets, tables, settings, file.timeZone, undefined, newIds);
    const rules = new Map<string, Validation | null>();
    for (const tab of plan.tabs) formatTab(sheets.get(tab.spec.name)!, tab.spec, declaredHeaders(tab.spec, tables[tab.spec.name]!.headers), settings, lists, rules);
    const protectionLines = protectTabs(sheets, tables, settings);
    recordTabIds(ss, file.sheets);
    const lines = [...describePlan(plan, idsAssigned), ...protectionLines];
    if (listsRenamed) lines.unshift(listsRenamed);
    if (!settings.coordinatorEmails.length) {
      lines.push('No coordinator emails in Settings yet: Staff, Support Requests and Survey Responses are protected so only you can edit them. Add coordinator emails and run Set up tracker again to share editing.');
    }
    return { ok: true, lines, problems: [] };
  } finally {
    if (lock) lock.releaseLock();
  }
}

/** What each tab's grid must become, against Google's limits, before anything is written. */
function limitProblems(file: TrackerFile, tabs: TabPlan[], states: Map<string, TabState>): string[] {
  const gridOf = (sheet: Sheet): Grid => ({ rows: sheet.getMaxRows(), columns: sheet.getMaxColumns() });
  const needs: TabNeed[] = [];
  const touched = new Set<string>();
  for (const tab of tabs) {
    const state = states.get(tab.spec.name)!;
    const sheet = state.sheetName === null ? undefined : file.sheets.get(state.sheetName);
    if (state.sheetName !== null) touched.add(state.sheetName);
    const lastRow = tab.appendRows.length ? lastUsedRow(state) + 1 + tab.appendRows.length : 1;
    needs.push({ tab: tab.spec.name, now: sheet ? gridOf(sheet) : null, needs: { rows: lastRow, columns: tab.header.length }, addedColumns: tab.addedColumns.length });
  }
  if (!file.sheets.has(LISTS_TAB)) needs.push({ tab: LISTS_TAB, now: null, needs: { rows: 1, columns: 1 }, addedColumns: 0 });
  const others = [...file.sheets].filter(([name]) => !touched.has(name)).map(([, sheet]) => gridOf(sheet));
  return gridProblems(needs, others);
}

function ensureSheet(file: TrackerFile, tab: TabPlan): Sheet {
  if (tab.create) {
    const sheet = file.ss.insertSheet(tab.spec.name, file.sheets.size);
    file.sheets.set(tab.spec.name, sheet);
    return sheet;
  }
  const name = tab.renameFrom && !tab.followed ? tab.renameFrom : tab.spec.name;
  const sheet = file.sheets.get(name)!;
  if (tab.renameFrom) {
    sheet.setName(tab.spec.name);
    file.sheets.delete(name);
    file.sheets.set(tab.spec.name, sheet);
  }
  return sheet;
}

/** Writes the header row (one call), grows the grid if needed, appends seed rows (one call); returns the table as it now stands. */
function writeStructure(sheet: Sheet, tab: TabPlan, state: TabState): AnyTable {
  const width = tab.header.length;
  const maxColumns = sheet.getMaxColumns();
  if (width > maxColumns) sheet.insertColumnsAfter(maxColumns, width - maxColumns);
  if (tab.headerChanged || tab.create) sheet.getRange(1, 1, 1, width).setValues([tab.header]);
  const rows = state.rows.map((r) => tab.header.map((_, i) => (r[i] === undefined ? null : r[i])));
  if (tab.appendRows.length) {
    const firstRow = lastUsedRow(state) + 2;
    const needed = firstRow + tab.appendRows.length - 1;
    const maxRows = sheet.getMaxRows();
    if (needed > maxRows) sheet.insertRowsAfter(maxRows, needed - maxRows);
    sheet.getRange(firstRow, 1, tab.appendRows.length, width).setValues(tab.appendRows);
    while (rows.length < firstRow - 2) rows.push(tab.header.map(() => null));
    rows.push(...tab.appendRows);
  }
  return toTable(tab.spec.name, tab.header, rows);
}

function lastUsedRow(state: TabState): number {
  for (let i = state.rows.length - 1; i >= 0; i -= 1) if (state.rows[i].some((v) => v !== null && v !== '')) return i + 1;
  return 0;
}

/** Gives new rows their ID from the one issuer (so a deleted row's ID is never reused), in the records; writeComputed puts them on the sheet. Returns how many each tab got. */
export function assignAllIds(tables: Tables, issuer: IdIssuer): Map<TabName, number> {
  const counts = new Map<TabName, number>();
  for (const spec of TABS) {
    const table: AnyTable | undefined = tables[spec.name];
    if (!table || !spec.idPrefix || table.columnOf.id === undefined) continue;
    const assigned = issuer.issueForTable(table, spec);
    if (assigned.length) counts.set(spec.name, assigned.length);
  }
  return counts;
}

/**
 * Writes the new IDs and every computed column, each tab in one pass keyed by row (keyed-write.ts):
 * people sort and insert while this runs, so a value goes to the row it was computed for, wherever
 * that row is by then, never to a position.
 */
export function writeComputed(
  sheets: Map<TabName, Sheet>, tables: Tables, settings: Settings, timeZone: string, only?: readonly TabName[],
  newIds: ReadonlyMap<TabName, number> = new Map(),
): void {
  const today = isoDateIn(new Date(), timeZone);
  const computed = computeAll(tables, settings, today);
  for (const spec of TABS) {
    // A tab read only as an input (e.g. Training Log for money spent) is not rewritten from partial inputs.
    const columns = only && only.indexOf(spec.name) < 0 ? {} : (computed[spec.name] ?? {}) as Record<string, Plain[]>;
    const table: AnyTable | undefined = tables[spec.name];
    const sheet = sheets.get(spec.name);
    if (!table || !sheet || (!Object.keys(columns).length && !newIds.has(spec.name))) continue;
    const writes: RowWrite[] = table.records.map((record, index) => {
      const cells: Record<string, Plain> = {};
      if (newIds.has(spec.name)) cells.id = record.values.id ?? '';
      for (const [key, values] of Object.entries(columns)) cells[key] = values[index];
      return { index, cells };
    });
    writeByRow(sheet, spec, table, writes, timeZone);
  }
}

type Validation = GoogleAppsScript.Spreadsheet.DataValidation;

/** One built rule per distinct dropdown: a DataValidation is a value, so columns with the same list share it. */
function cachedValidation(column: ColumnSpec, lists: Sheet, rules: Map<string, Validation | null>): Validation | null {
  const key = JSON.stringify([column.type, column.choices, column.ref, column.allowOther, column.computed, column.min, column.max]);
  if (!rules.has(key)) rules.set(key, validationFor(column, lists));
  return rules.get(key)!;
}

function formatTab(sheet: Sheet, spec: TabSpec, header: string[], settings: Settings, lists: Sheet, rules: Map<string, Validation | null>): void {
  const rows = sheet.getMaxRows() - 1;
  const width = header.length;
  const headerRange = sheet.getRange(1, 1, 1, width);
  headerRange.setFontWeight('bold').setBackground('#e8eaed').setWrap(true);
  // Our columns get their explanation as a note; a note a person left on any header is kept.
  const notes = headerRange.getNotes()[0];
  headerRange.setNotes([header.map((h, i) => notes[i] || (spec.columns.find((c) => c.header === h)?.help ?? ''))]);
  if (sheet.getFrozenRows() < 1) sheet.setFrozenRows(1);
  // A colour a person chose for the tab stays.
  if (!sheet.getTabColor()) sheet.setTabColor(spec.tabColor);
  if (rows < 1) return;
  // Number formats: one RangeList call per distinct format. Dropdowns: one call per column (RangeList has no setDataValidation).
  const byFormat = new Map<string, string[]>();
  for (const column of spec.columns) {
    const format = numberFormat(column, settings);
    const letter = columnToLetters(header.indexOf(column.header) + 1);
    // Open-ended ranges ("C2:C") reach the last row when the call runs: a person may delete rows meanwhile.
    if (format) byFormat.set(format, [...(byFormat.get(format) ?? []), `${letter}2:${letter}`]);
    const rule = cachedValidation(column, lists, rules);
    if (rule) sheet.getRange(`${letter}2:${letter}`).setDataValidation(rule);
  }
  for (const [format, ranges] of byFormat) sheet.getRangeList(ranges).setNumberFormat(format);
  const ours = ruleSpecs(spec, header, settings).map((r) => SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(r.formula).setBackground(r.background)
    .setRanges([sheet.getRange(`${columnToLetters(header.indexOf(r.column) + 1)}2:${columnToLetters(header.indexOf(r.column) + 1)}`)]).build());
  const existing = sheet.getConditionalFormatRules();
  const kept = existing.filter((rule) => !isOurRule(rule));
  if (ours.length || kept.length !== existing.length) sheet.setConditionalFormatRules([...kept, ...ours]);
}
