// Form intake: the form-submit trigger and "Process missed form responses" turn raw form responses into one scored, guarded row of the right tab.
import { SUBMITTED_SOURCE, answerFields, type OptionsSource, type SurveyDefinition } from './definition';
import { guardText, isBlankSubmission, isDate, normalizeSubmission, submissionKey, surveyRecord } from './normalize';
import {
  FLAGS_HEADER, FORM_KEY_PREFIX, NEXT_ID_KEY, RECENT_KEYS_KEY, UNPROCESSED_KEY, readFormRecords, surveyDefinitions, type FormRecord,
} from './forms';
import { tabSpec } from '../tracker/schema';
import { formatId, label } from '../tracker/table';

/** How long a submission waits for another one being stored (Google's sample waits 30 s). */
const LOCK_WAIT_MS = 30000;
/** Keys of the latest submissions kept to drop a repeated delivery; a repeat arrives seconds later. */
const RECENT_KEYS_KEPT = 100;
/** Per survey: the last responses-sheet row "Process missed form responses" has settled. */
export const SETTLED_ROW_PREFIX = 'rose.settledRow.';

export type CellInput = string | number | Date;

export interface IntakeOutcome {
  status: 'stored' | 'duplicate' | 'blank' | 'not-ours';
  survey?: string;
  tab?: string;
  id?: string;
  flags?: string[];
}

/** A Staff row as intake needs it: to link a training record to the person named in the form. */
export interface StaffEntry {
  id: string;
  fullName: string;
  preferredName: string;
}

// ---------------------------------------------------------------------------------------------
// Pure: which survey, what row

function answerTitles(definition: SurveyDefinition): string[] {
  return answerFields(definition).map((f) => (f.row ? `${f.item.title} [${f.row.label}]` : f.item.title).trim().toLowerCase());
}

/**
 * The survey a submission belongs to: the one whose questions its answers are keyed by. Titles are
 * unique within a survey and differ between surveys, so this needs no call to find the responses tab.
 */
export function identifySurvey(namedValues: Record<string, string[]>, definitions: SurveyDefinition[]): SurveyDefinition | null {
  const titles = Object.keys(namedValues).map((t) => t.trim().toLowerCase());
  let best: SurveyDefinition | null = null;
  let bestScore = 0;
  for (const definition of definitions) {
    const own = answerTitles(definition);
    const score = titles.filter((t) => own.indexOf(t) >= 0).length;
    if (score > bestScore) { best = definition; bestScore = score; }
  }
  return best;
}

/** Links a training record to a Staff row when exactly one person has that name; otherwise keeps the name and says why. */
export function matchStaff(name: string, staff: StaffEntry[]): { value: string; flag: string | null } {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, ' ');
  if (wanted === '') return { value: '', flag: null };
  const matches = staff.filter((s) => [s.fullName, s.preferredName].some((n) => n.trim().toLowerCase().replace(/\s+/g, ' ') === wanted));
  if (matches.length === 1) return { value: label(matches[0].id, matches[0].fullName), flag: null };
  const shown = guardText(name.trim());
  if (matches.length === 0) return { value: shown, flag: `No one on the Staff tab is called "${name.trim()}": pick the right person in the Staff column.` };
  return { value: shown, flag: `${matches.length} people on the Staff tab are called "${name.trim()}": pick the right one in the Staff column.` };
}

export interface IntakeRow {
  /** Header → value for the target tab; every string is safe to write. */
  record: Record<string, CellInput>;
  key: string;
  flags: string[];
}

/**
 * The row one submission adds to its tab, or null for a blank delivery. Survey Responses rows get the
 * next RESP- ID; intake rows get theirs from the tracker's refresh, as rows typed by hand do.
 */
export function intakeRow(
  definition: SurveyDefinition,
  namedValues: Record<string, string[]>,
  timestamp: Date,
  options: { lists?: Partial<Record<OptionsSource, string[]>>; id?: string; staff?: StaffEntry[] } = {},
): IntakeRow | null {
  const normalized = normalizeSubmission(definition, { namedValues, timestamp }, { lists: options.lists });
  if (normalized.blank || !normalized.key) return null;
  const flags = normalized.flags.slice();
  if (!definition.mapping) {
    return { record: surveyRecord(definition, normalized, { id: options.id }), key: normalized.key, flags };
  }
  const record: Record<string, CellInput> = surveyRecord(definition, normalized);
  // The moment of submission is a date cell, not the text of an instant.
  const submittedHeader = definition.mapping[SUBMITTED_SOURCE];
  if (submittedHeader) record[submittedHeader] = new Date(timestamp.getTime());
  if (definition.targetTab === 'Training Log' && options.staff && typeof record.Staff === 'string') {
    const typed = String(record.Staff).replace(/^'/, '');
    const match = matchStaff(typed, options.staff);
    record.Staff = match.value;
    if (match.flag) flags.push(match.flag);
  }
  record[FLAGS_HEADER] = guardText(flags.join(' '));
  return { record, key: normalized.key, flags };
}

/** The record laid out under the tab's headers (by name, whatever their order); fails if an answer has no column. */
export function rowFor(headers: string[], record: Record<string, CellInput>, tab: string): CellInput[] {
  const at: Record<string, number> = {};
  headers.forEach((h, i) => { const name = String(h).trim(); if (name && at[name] === undefined) at[name] = i; });
  const missing = Object.keys(record).filter((h) => at[h] === undefined && record[h] !== '');
  if (missing.length) {
    throw new Error(`The ${tab} tab has no column ${missing.map((m) => `"${m}"`).join(', ')}. Run ROSE Tracker → Create or update forms to add it, then Process missed form responses.`);
  }
  let width = 0;
  for (const header of Object.keys(record)) if (at[header] !== undefined && record[header] !== '') width = Math.max(width, at[header] + 1);
  const row: CellInput[] = new Array(width).fill('');
  for (const header of Object.keys(record)) if (at[header] !== undefined && at[header] < width) row[at[header]] = record[header];
  return row;
}

function parseList(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

function staffEntries(values: unknown[][]): StaffEntry[] {
  const header = (values[0] ?? []).map((h) => String(h).trim());
  const col = (name: string) => header.indexOf(name);
  const id = col('ID');
  const full = col('Full name');
  const preferred = col('Preferred name');
  if (id < 0 || full < 0) return [];
  return values.slice(1)
    .filter((row) => String(row[id] ?? '').trim() !== '')
    .map((row) => ({ id: String(row[id]).trim(), fullName: String(row[full] ?? ''), preferredName: preferred >= 0 ? String(row[preferred] ?? '') : '' }));
}

// ---------------------------------------------------------------------------------------------
// The edge

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What Google passes the spreadsheet's form-submit trigger (the typings omit `source`). */
export interface FormSubmitEvent {
  namedValues: Record<string, string[]>;
  range: GoogleAppsScript.Spreadsheet.Range;
  source: GoogleAppsScript.Spreadsheet.Spreadsheet;
  values: string[];
  triggerUid?: string;
}

function headerOf(sheet: Sheet): string[] {
  // '1:1' is the whole header row in one call, however wide the tab has grown.
  const row = sheet.getRange('1:1').getValues()[0];
  let end = row.length;
  while (end > 0 && String(row[end - 1]).trim() === '') end -= 1;
  return row.slice(0, end).map((h) => String(h).trim());
}

function readStaff(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): StaffEntry[] {
  const staff = ss.getSheetByName('Staff');
  return staff ? staffEntries(staff.getDataRange().getValues()) : [];
}

function nextSurveyId(highest: number): string {
  return formatId(tabSpec('Survey Responses').idPrefix!, highest + 1);
}

/**
 * The form-submit trigger. Under the document lock (so submissions arriving together are all kept and
 * numbered apart): drop a blank or repeated delivery, normalize, guard, score, and append one row.
 * Ten service calls whatever the tab's size; the lock is released when the execution ends.
 */
export function handleFormSubmit(e: FormSubmitEvent): IntakeOutcome {
  if (!e || !e.namedValues || !e.range || !e.source) throw new Error('onFormSubmitTrigger runs from the form-submit trigger; use Process missed form responses to run it by hand.');
  const lock = LockService.getDocumentLock();
  if (!lock) throw new Error('The form-submit trigger ran outside its spreadsheet.');
  lock.waitLock(LOCK_WAIT_MS);
  const properties = PropertiesService.getDocumentProperties()!;
  let stored: Record<string, string> = {};
  try {
    stored = properties.getProperties();
    const definition = identifySurvey(e.namedValues, surveyDefinitions());
    if (!definition) return { status: 'not-ours' };
    if (isBlankSubmission(e.namedValues)) return { status: 'blank', survey: definition.id };
    const timestamp = e.range.getValues()[0][0];
    if (!isDate(timestamp)) throw new Error(`The first column of the form's responses tab should be its Timestamp, but holds "${String(timestamp)}".`);
    const recent = parseList(stored[RECENT_KEYS_KEY]);
    const key = submissionKey(e.namedValues, timestamp);
    if (key && recent.indexOf(key) >= 0) return { status: 'duplicate', survey: definition.id };

    const record = formRecord(stored, definition.id);
    const highest = Number(stored[NEXT_ID_KEY]) || 0;
    const anonymousRow = !definition.mapping;
    const staff = definition.targetTab === 'Training Log' ? readStaff(e.source) : undefined;
    const row = intakeRow(definition, e.namedValues, timestamp, {
      lists: record ? record.lists : undefined, id: anonymousRow ? nextSurveyId(highest) : undefined, staff,
    });
    if (!row) return { status: 'blank', survey: definition.id };
    const target = e.source.getSheetByName(definition.targetTab);
    if (!target) throw new Error(`The ${definition.targetTab} tab is missing: run ROSE Tracker → Set up tracker, then Process missed form responses.`);
    target.appendRow(rowFor(headerOf(target), row.record, definition.targetTab));
    const updates: Record<string, string> = { [RECENT_KEYS_KEY]: JSON.stringify([...recent, row.key].slice(-RECENT_KEYS_KEPT)) };
    if (anonymousRow) updates[NEXT_ID_KEY] = String(highest + 1);
    properties.setProperties(updates);
    return { status: 'stored', survey: definition.id, tab: definition.targetTab, id: anonymousRow ? nextSurveyId(highest) : undefined, flags: row.flags };
  } catch (error) {
    // Count the miss for the dashboard and the reminders digest, then let the error end the execution.
    // The count is only a hint: Process missed form responses finds every missed row from the responses tab.
    try {
      properties.setProperty(UNPROCESSED_KEY, String((Number(stored[UNPROCESSED_KEY]) || 0) + 1));
    } catch {
      // The original error matters more than the hint; it is rethrown below.
    }
    throw error;
  }
}

function formRecord(stored: Record<string, string>, surveyId: string): FormRecord | null {
  const text = stored[FORM_KEY_PREFIX + surveyId];
  return text ? (JSON.parse(text) as FormRecord) : null;
}

export interface ReprocessResult {
  processed: number;
  alreadyStored: number;
  blank: number;
  problems: string[];
}

/**
 * Menu: Process missed form responses. Walks each form's responses tab past the last row settled
 * before, and stores every submission whose key is not yet in its tab (a trigger that failed, or
 * never fired). Running it twice adds nothing the second time.
 */
export function reprocessMissed(): ReprocessResult {
  const lock = LockService.getDocumentLock()!;
  lock.waitLock(LOCK_WAIT_MS);
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    const properties = PropertiesService.getDocumentProperties()!;
    const stored = properties.getProperties();
    const result: ReprocessResult = { processed: 0, alreadyStored: 0, blank: 0, problems: [] };
    const definitions = surveyDefinitions();
    const sheets = ss.getSheets();
    let highest = Number(stored[NEXT_ID_KEY]) || 0;
    const recent = parseList(stored[RECENT_KEYS_KEY]);
    const updates: Record<string, string> = {};
    let staff: StaffEntry[] | null = null;

    for (const record of readFormRecords(stored)) {
      const definition = definitions.find((d) => d.id === record.surveyId);
      const raw = sheets.find((s) => s.getSheetId() === record.responsesSheetId);
      if (!definition) continue;
      if (!raw) {
        result.problems.push(`The responses tab of "${definition.title}" is gone; run Create or update forms to link the form again.`);
        continue;
      }
      const settled = Number(stored[SETTLED_ROW_PREFIX + definition.id]) || 1;
      const lastRow = raw.getLastRow();
      if (lastRow <= settled) continue;
      const width = raw.getLastColumn();
      const header = raw.getRange(1, 1, 1, width).getDisplayValues()[0];
      const range = raw.getRange(settled + 1, 1, lastRow - settled, width);
      const values = range.getValues();
      const shown = range.getDisplayValues();
      const target = ss.getSheetByName(definition.targetTab);
      if (!target) {
        result.problems.push(`The ${definition.targetTab} tab is missing: run Set up tracker first.`);
        continue;
      }
      const targetValues = target.getDataRange().getValues();
      const targetHeader = targetValues[0].map((h) => String(h).trim());
      const keyColumn = targetHeader.indexOf('Submission key');
      const known = new Set<string>(keyColumn < 0 ? [] : targetValues.slice(1).map((r) => String(r[keyColumn])));
      if (definition.targetTab === 'Training Log' && staff === null) staff = readStaff(ss);
      const rows: CellInput[][] = [];
      values.forEach((rowValues, i) => {
        const namedValues: Record<string, string[]> = {};
        header.forEach((title, c) => { if (title) namedValues[title] = [shown[i][c]]; });
        const timestamp = rowValues[0];
        if (!isDate(timestamp) || isBlankSubmission(namedValues)) { result.blank += 1; return; }
        const key = submissionKey(namedValues, timestamp);
        if (!key || known.has(key)) { result.alreadyStored += 1; return; }
        const anonymousRow = !definition.mapping;
        const row = intakeRow(definition, namedValues, timestamp, {
          lists: record.lists, id: anonymousRow ? nextSurveyId(highest) : undefined, staff: staff ?? undefined,
        });
        if (!row) { result.blank += 1; return; }
        if (anonymousRow) highest += 1;
        known.add(row.key);
        recent.push(row.key);
        rows.push(rowFor(targetHeader, row.record, definition.targetTab));
      });
      if (rows.length) {
        const width2 = Math.max(...rows.map((r) => r.length));
        const grid = rows.map((r) => r.concat(new Array(width2 - r.length).fill('')));
        const first = target.getLastRow() + 1;
        const needed = first + grid.length - 1;
        if (needed > target.getMaxRows()) target.insertRowsAfter(target.getMaxRows(), needed - target.getMaxRows());
        target.getRange(first, 1, grid.length, width2).setValues(grid);
        result.processed += rows.length;
      }
      updates[SETTLED_ROW_PREFIX + definition.id] = String(lastRow);
    }
    updates[NEXT_ID_KEY] = String(highest);
    updates[RECENT_KEYS_KEY] = JSON.stringify(recent.slice(-RECENT_KEYS_KEPT));
    updates[UNPROCESSED_KEY] = '0';
    properties.setProperties(updates);
    return result;
  } finally {
    lock.releaseLock();
  }
}

/** Menu wrapper: process what was missed and say what happened. */
export function reprocessMissedAction(): ReprocessResult {
  const result = reprocessMissed();
  const lines = [
    result.processed ? `${result.processed} missed response${result.processed === 1 ? ' was' : 's were'} stored.` : 'No missed responses: every response is already in the tracker.',
    ...result.problems,
  ];
  SpreadsheetApp.getActiveSpreadsheet().toast(lines.join(' '), 'Process missed form responses', 10);
  return result;
}
