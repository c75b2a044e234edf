// Form intake: the form-submit trigger and "Process missed form responses" turn form responses into one scored, guarded row of the right tab, once.
//
// One way through, each step in one module: read the event (here) → normalize the answers
// (normalize.ts) → score them (scoring.ts) → lay out the row (row.ts) → write it (here).
import type { SurveyDefinition } from './definition';
import { identifySurvey, isBlankSubmission, normalizeSubmission, submissionKey, type FormSubmission, type NormalizedSubmission } from './normalize';
import { scoreResponse } from './scoring';
import { rowFor, targetRecord, type CellInput } from './row';
import { readFormRecords, surveyDefinitions, type FormRecord } from './forms';
import { headerOf, tabSpec, type TabName } from '../tracker/schema';
import { columnToLetters } from '../tracker/a1';
import { readSheet } from '../tracker/sheets';
import { TrackerStore } from '../tracker/store';
import { isBlank, toTable, type AnyTable, type Table } from '../tracker/table';
import { IdIssuer } from '../tracker/lists';
import { isDate } from '../core/dates';
import { PROPERTY_KEYS, propertyKey } from '../core/keys';
import { acknowledgementIn } from '../documents/acknowledgement';
import { matchStaff, type StaffEntry } from './staff-match';
import { recordAcknowledgement } from '../documents/acknowledge';
import { draftReferenceLetter, REFERENCE_LETTER_REQUEST } from '../documents/draft';

/**
 * How long a submission waits for the ones ahead of it. Storing one takes about a second, and one user's
 * triggers run at most 30 at a time (Apps Script quotas), so a full queue clears well within a minute;
 * two leave room for a slow moment while the form-submit trigger, an installable trigger, has 6 minutes
 * in all. Waiting longer would mostly spend the daily trigger runtime while a menu action holds the
 * lock; a run that gives up is counted and Process missed form responses stores its response.
 * (Google's Lock sample waits 30 s: at 40 submissions at once, the last ones timed out.)
 */
const LOCK_WAIT_MS = 2 * 60 * 1000;
/** A menu action waits as long as Google's Lock sample: a person is watching. */
const MENU_LOCK_WAIT_MS = 30000;

export interface IntakeOutcome {
  /** 'refused': an acknowledgement whose code or document did not match; nothing was changed. */
  status: 'stored' | 'duplicate' | 'blank' | 'not-ours' | 'refused';
  survey?: string;
  tab?: string;
  id?: string;
  flags?: string[];
}

export { matchStaff, type StaffEntry } from './staff-match';

// ---------------------------------------------------------------------------------------------
// Pure: from normalized answers to the row's record

/** A training record's answer for the Training Log's Staff column, linked to the Staff row it names. */
function linkStaff(definition: SurveyDefinition, submission: NormalizedSubmission, staff: StaffEntry[]): NormalizedSubmission {
  const mapping = definition.mapping;
  if (definition.targetTab !== 'Training Log' || !mapping) return submission;
  const staffHeader = headerOf('Training Log', 'staff');
  const fieldId = Object.keys(mapping).find((id) => mapping[id] === staffHeader);
  const typed = fieldId === undefined ? undefined : submission.answers[fieldId];
  if (fieldId === undefined || typeof typed !== 'string') return submission;
  // Answers arrive guarded; the name to look up is the one that was typed.
  const match = matchStaff(typed.replace(/^'/, ''), staff);
  return {
    ...submission,
    answers: { ...submission.answers, [fieldId]: match.value },
    flags: match.flag ? [...submission.flags, match.flag] : submission.flags,
  };
}

export interface IntakeRow {
  /** Header → value for the target tab; every string is safe to write. */
  record: Record<string, CellInput>;
  flags: string[];
}

/**
 * The row one normalized submission adds to its tab: a training record linked to its Staff row, the
 * scores, then the record laid out by row.ts. Survey Responses rows carry the RESP- ID issued for
 * them; intake rows get theirs from the tracker's refresh, as rows typed by hand do.
 */
export function intakeRow(
  definition: SurveyDefinition,
  normalized: NormalizedSubmission,
  options: { timeZone: string; id?: string; staff?: StaffEntry[] },
): IntakeRow {
  const submission = options.staff ? linkStaff(definition, normalized, options.staff) : normalized;
  const scored = scoreResponse(definition, submission.answers);
  const record = targetRecord(definition, submission, scored, { timeZone: options.timeZone, id: options.id });
  return { record, flags: submission.flags };
}

function staffEntries(table: Table<'Staff'> | undefined): StaffEntry[] {
  if (!table || table.columnOf.id === undefined || table.columnOf.fullName === undefined) return [];
  return table.records
    .filter((record) => !isBlank(record.values.id))
    .map((record) => ({
      id: String(record.values.id),
      fullName: String(record.values.fullName ?? ''),
      preferredName: String(record.values.preferredName ?? ''),
    }));
}

/**
 * Intake's RESP- numbering: after the highest number it issued (a document property, read with the
 * others under the lock), so a deleted row's ID is never handed out again. In this one function until
 * the tracker's ID issuer takes it over.
 */
function surveyIdIssuer(stored: Record<string, string>): { next(): string; saved(): Record<string, string> } {
  // Intake keeps its floor in a document property (no lists-tab read per submission); forms seed it from the lists tab.
  const prefix = tabSpec('Survey Responses').idPrefix!;
  const issuer = new IdIssuer(new Map([[prefix, Number(stored[PROPERTY_KEYS.surveyHighestId]) || 0]]));
  return {
    next: () => issuer.issue(prefix),
    saved: () => ({ [PROPERTY_KEYS.surveyHighestId]: String(issuer.highestFor(prefix)) }),
  };
}

function formRecord(stored: Record<string, string>, surveyId: string): FormRecord | null {
  const text = stored[propertyKey('form', surveyId)];
  return text ? (JSON.parse(text) as FormRecord) : null;
}

// ---------------------------------------------------------------------------------------------
// The edge

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * What Google passes the spreadsheet's form-submit trigger (developers.google.com/apps-script/guides/triggers/events,
 * "Form submit": namedValues, range, source, triggerUid, values; the typings omit `source`).
 */
export interface FormSubmitEvent {
  namedValues: Record<string, string[]>;
  range: GoogleAppsScript.Spreadsheet.Range;
  source?: GoogleAppsScript.Spreadsheet.Spreadsheet;
  values: string[];
  triggerUid?: string;
}

function trimmedHeaders(row: readonly unknown[]): string[] {
  let end = row.length;
  while (end > 0 && String(row[end - 1]).trim() === '') end -= 1;
  return row.slice(0, end).map((h) => String(h).trim());
}
// Not through the tracker store: opening it lists every tab, which would break the trigger's call budget.
function readStaff(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, timeZone: string): StaffEntry[] {
  const sheet = ss.getSheetByName('Staff');
  if (!sheet) return [];
  const { headerRow: header, rows } = readSheet(sheet, timeZone, tabSpec('Staff'));
  return staffEntries(toTable('Staff', header, rows));
}

/**
 * A tab's header row and the submission keys already stored in it, in one Sheets API read: the header
 * row and the column where the Submission key column was last found, both in one values.batchGet
 * (developers.google.com/sheets/api/reference/rest/v4/spreadsheets.values/batchGet). When the
 * column has moved since, the header row says where it is now and that column is read once more.
 * Durable dedupe: the stored rows themselves are the record, however many submissions came between.
 */
function headerAndKeys(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, tab: TabName, stored: Record<string, string>): { headers: string[]; keys: Set<string>; keyColumn: string | null } {
  // The manifest enables the Sheets advanced service; without it Apps Script leaves the global undefined.
  if (!Sheets) throw new Error('The Sheets advanced service is not enabled for ROSE Tracker (appsscript.json).');
  const api = Sheets.Spreadsheets.Values;
  const id = ss.getId();
  const quoted = `'${tab.replace(/'/g, "''")}'`;
  const cached = stored[propertyKey('submissionKeyColumn', tab)] || null;
  const ranges = [`${quoted}!1:1`, ...(cached ? [`${quoted}!${cached}:${cached}`] : [])];
  const read = api.batchGet(id, { ranges, majorDimension: 'ROWS' }).valueRanges ?? [];
  const headers = trimmedHeaders(read[0]?.values?.[0] ?? []);
  const column = headers.indexOf(headerOf(tab, 'submissionKey'));
  // Without the column, rowFor stops the write with a message that says how to add it.
  if (column < 0) return { headers, keys: new Set(), keyColumn: cached };
  const letter = columnToLetters(column + 1);
  const cells = letter === cached ? read[1]?.values ?? [] : api.get(id, `${quoted}!${letter}:${letter}`).values ?? [];
  const keys = new Set<string>();
  // The first cell is the header, no key.
  for (const [cell] of cells.slice(1)) if (cell !== undefined && cell !== '') keys.add(String(cell).trim());
  return { headers, keys, keyColumn: letter };
}

/**
 * A support request for a reference letter drafts the letter for the Systems Navigator to review
 * (documents/draft.ts), never sends it, and says on the request's row what was drafted or why not.
 */
function referenceLetterFlag(definition: SurveyDefinition, normalized: NormalizedSubmission, ss: GoogleAppsScript.Spreadsheet.Spreadsheet, key: string): string {
  if (definition.targetTab !== 'Support Requests') return '';
  const mapping = definition.mapping ?? {};
  const field = (header: string): string => {
    const id = Object.keys(mapping).find((answer) => mapping[answer] === header);
    const value = id === undefined ? null : normalized.answers[id];
    // Answers arrive guarded against formulas; the name to look up is the one typed.
    return typeof value === 'string' ? value.replace(/^'/, '') : '';
  };
  if (field(headerOf('Support Requests', 'type')) !== REFERENCE_LETTER_REQUEST) return '';
  return draftReferenceLetter(ss, field(headerOf('Support Requests', 'name')), key);
}

/**
 * Adds one to the count the Dashboard and the reminders digest show. Outside the lock (a timed-out
 * run) two runs counting at the same moment may count one; the count is a prompt to run Process
 * missed form responses, which finds every missed response from the form itself and sets it right.
 */
function countMissed(properties: GoogleAppsScript.Properties.Properties): void {
  const key = PROPERTY_KEYS.unprocessedSubmissions;
  properties.setProperty(key, String((Number(properties.getProperty(key)) || 0) + 1));
}

/**
 * The form-submit trigger. Under the document lock (so submissions arriving together are all kept and
 * numbered apart): drop a blank delivery, or a repeated one whose key the target tab's Submission key
 * column already holds, normalize, guard, score, and append one row. The row is the record that a
 * submission was stored; a RESP- ID is reserved in document properties before the row is written, so
 * a failure between the two leaves a gap in the numbering, never a reused ID or a second row.
 * Twelve service calls whatever the tab's size (eleven for intake forms, which issue no ID).
 */
export function handleFormSubmit(event: FormSubmitEvent): IntakeOutcome {
  if (!event || !event.namedValues || !event.range) throw new Error('onFormSubmitTrigger runs from the form-submit trigger; use Process missed form responses to run it by hand.');
  // The spreadsheet comes from the event, never from getActiveSpreadsheet(): the event's source, or
  // the responses range's sheet's parent when a delivery lacks it (both on the events page).
  const e = { ...event, source: event.source ?? event.range.getSheet().getParent() };
  const lock = LockService.getDocumentLock();
  if (!lock) throw new Error('The form-submit trigger ran outside its spreadsheet.');
  // tryLock answers false when the time is up, where waitLock throws (developers.google.com/apps-script/reference/lock/lock).
  const acquired = lock.tryLock(LOCK_WAIT_MS);
  const properties = PropertiesService.getDocumentProperties()!;
  if (!acquired) {
    // The response is safe in the form and its responses tab; count it so that someone runs the recovery.
    countMissed(properties);
    throw new Error(`A form response waited ${LOCK_WAIT_MS / 60000} minutes for other work on this spreadsheet and was not stored yet. It is counted as not processed: run ROSE Tracker → Process missed form responses to store it.`);
  }
  try {
    const stored = properties.getProperties();
    // A contract acknowledgement sets a Staff cell instead of adding a row (documents/acknowledge.ts).
    const acknowledgement = acknowledgementIn(e.namedValues);
    if (acknowledgement) {
      if (isBlankSubmission(e.namedValues)) return { status: 'blank', survey: 'acknowledgement' };
      const outcome = recordAcknowledgement(e.source, acknowledgement);
      return { status: outcome.status, survey: 'acknowledgement', tab: 'Staff', id: outcome.documentId, flags: outcome.reason ? [outcome.reason] : [] };
    }
    const definition = identifySurvey(e.namedValues, surveyDefinitions());
    if (!definition) return { status: 'not-ours' };
    if (isBlankSubmission(e.namedValues)) return { status: 'blank', survey: definition.id };
    const timestamp = e.range.getValues()[0][0];
    if (!isDate(timestamp)) throw new Error(`The first column of the form's responses tab should be its Timestamp, but holds "${String(timestamp)}".`);
    const form = formRecord(stored, definition.id);
    const normalized = normalizeSubmission(definition, { namedValues: e.namedValues, timestamp }, { lists: form ? form.lists : undefined });
    const key = normalized.key;
    if (normalized.blank || !key) return { status: 'blank', survey: definition.id };

    const target = e.source.getSheetByName(definition.targetTab);
    if (!target) throw new Error(`The ${definition.targetTab} tab is missing: run ROSE Tracker → Set up tracker, then Process missed form responses.`);
    const { headers, keys, keyColumn } = headerAndKeys(e.source, definition.targetTab, stored);
    if (keys.has(key)) return { status: 'duplicate', survey: definition.id };
    const drafted = referenceLetterFlag(definition, normalized, e.source, key);
    if (drafted) normalized.flags.push(drafted);

    // The zone saved with the form costs no call; a form saved before it was kept asks the spreadsheet.
    const timeZone = form && form.timeZone ? form.timeZone : e.source.getSpreadsheetTimeZone();
    const ids = surveyIdIssuer(stored);
    const id = definition.mapping ? undefined : ids.next();
    const staff = definition.targetTab === 'Training Log' ? readStaff(e.source, timeZone) : undefined;
    const row = intakeRow(definition, normalized, { timeZone, id, staff });
    const cells = rowFor(headers, row.record, definition.targetTab);
    const columnKey = propertyKey('submissionKeyColumn', definition.targetTab);
    const updates: Record<string, string> = { ...(id ? ids.saved() : {}), ...(keyColumn && keyColumn !== stored[columnKey] ? { [columnKey]: keyColumn } : {}) };
    if (Object.keys(updates).length) properties.setProperties(updates);
    target.appendRow(cells);
    return { status: 'stored', survey: definition.id, tab: definition.targetTab, id, flags: row.flags };
  } catch (error) {
    // Count the miss for the dashboard and the reminders digest, then let the error end the execution.
    try {
      countMissed(properties);
    } catch {
      // The original error matters more than the count; it is rethrown below.
    }
    throw error;
  }
}

export interface ReprocessResult {
  processed: number;
  alreadyStored: number;
  blank: number;
  problems: string[];
}

/** One response to store again: its answers keyed by question title, as the trigger receives them, and when it was sent. */
type MissedResponse = FormSubmission;

/** A date answer as the responses tab shows it (m/d/yyyy, the order intake reads), from the form's yyyy-mm-dd. */
function shownDate(answer: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(answer);
  return match ? `${Number(match[2])}/${Number(match[3])}/${match[1]}` : answer;
}

/**
 * A response read from the form itself, keyed the way its row in the responses tab would be: one
 * title per column of that tab ('' when unanswered), a grid's rows as "Title [Row]", checked boxes
 * joined with ", ". Its submission key is then the key the trigger gave the same response.
 * (developers.google.com/apps-script/reference/forms/item-response: getResponse() is a String, a
 * String[] for checkboxes, and one String per row for grids.)
 */
function formResponseAnswers(response: GoogleAppsScript.Forms.FormResponse, titles: string[]): Record<string, string[]> {
  const named: Record<string, string[]> = {};
  for (const title of titles) if (title) named[title] = [''];
  for (const itemResponse of response.getItemResponses()) {
    const item = itemResponse.getItem();
    const title = item.getTitle();
    const type = String(item.getType());
    const answer = itemResponse.getResponse() as string | (string | null)[];
    if (type === 'GRID' && Array.isArray(answer)) {
      item.asGridItem().getRows().forEach((row, i) => { named[`${title} [${row}]`] = [answer[i] ?? '']; });
    } else if (Array.isArray(answer)) named[title] = [answer.join(', ')];
    else if (type === 'DATE') named[title] = [shownDate(String(answer))];
    else named[title] = [String(answer)];
  }
  return named;
}

interface Found {
  responses: MissedResponse[];
  /** The latest response time seen; null when nothing new was seen or the form could not be read. */
  latest: number | null;
  blank: number;
}

/**
 * The responses of one form sent after `since`. The form's own responses say what was sent; the
 * responses tab gives their answers cheaply (one read for every row). A response whose row a person
 * deleted from that tab is read from the form, item by item (about four calls an answer), so only
 * those are. When the form cannot be opened, the responses tab alone is used and the cursor stays.
 */
function responsesSince(record: FormRecord, definition: SurveyDefinition, raw: Sheet, since: number | null, problems: string[]): Found {
  const found: Found = { responses: [], latest: null, blank: 0 };
  const lastRow = raw.getLastRow();
  const width = raw.getLastColumn();
  const titles = width ? raw.getRange(1, 1, 1, width).getDisplayValues()[0].map((t) => String(t).trim()) : [];
  const rawResponses: MissedResponse[] = [];
  if (lastRow > 1 && width) {
    const range = raw.getRange(2, 1, lastRow - 1, width);
    const values = range.getValues();
    const shown = range.getDisplayValues();
    values.forEach((rowValues, i) => {
      const timestamp = rowValues[0];
      if (!isDate(timestamp)) { if (shown[i].some((v) => v !== '')) found.blank += 1; return; }
      if (since !== null && timestamp.getTime() <= since) return;
      const namedValues: Record<string, string[]> = {};
      titles.forEach((title, c) => { if (title) namedValues[title] = [shown[i][c]]; });
      if (isBlankSubmission(namedValues)) { found.blank += 1; return; }
      rawResponses.push({ namedValues, timestamp });
    });
  }
  let form: GoogleAppsScript.Forms.Form;
  try {
    form = FormApp.openById(record.formId);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    problems.push(`The form "${definition.title}" could not be opened (${message}), so only its responses tab was read: a response deleted from that tab cannot be recovered until someone who can edit the form runs Process missed form responses.`);
    found.responses = rawResponses;
    return found;
  }
  // "All of the form's responses after a given date and time" (reference/forms/form#getResponses(Date));
  // whether a response at exactly that time is included is not said, so the times are compared here too.
  const sent = (since === null ? form.getResponses() : form.getResponses(new Date(since)))
    .map((response) => ({ response, at: response.getTimestamp().getTime() }))
    .filter((r) => since === null || r.at > since);
  const second = (ms: number) => Math.floor(ms / 1000);
  const rawKeys = new Map<number, Set<string>>();
  for (const r of rawResponses) {
    const s = second(r.timestamp.getTime());
    if (!rawKeys.has(s)) rawKeys.set(s, new Set());
    rawKeys.get(s)!.add(submissionKey(r.namedValues, r.timestamp) ?? '');
  }
  const sentPerSecond = new Map<number, number>();
  for (const r of sent) sentPerSecond.set(second(r.at), (sentPerSecond.get(second(r.at)) ?? 0) + 1);
  const missingFromTab = sent.filter((r) => (sentPerSecond.get(second(r.at)) ?? 0) > (rawKeys.get(second(r.at))?.size ?? 0));
  const fromForm: MissedResponse[] = [];
  for (const { response, at } of missingFromTab) {
    const timestamp = new Date(at);
    const namedValues = formResponseAnswers(response, titles);
    const key = submissionKey(namedValues, timestamp);
    if (key && !(rawKeys.get(second(at))?.has(key))) fromForm.push({ namedValues, timestamp });
  }
  found.responses = [...rawResponses, ...fromForm].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  const times = [...sent.map((r) => r.at), ...rawResponses.map((r) => r.timestamp.getTime())];
  found.latest = times.length ? Math.max(...times) : null;
  return found;
}

/** Where the last run stopped: its settled time, or the time of the raw row an older version settled, or the start. */
function settledSince(stored: Record<string, string>, surveyId: string, raw: Sheet): number | null {
  const at = Number(stored[propertyKey('settledAt', surveyId)]);
  if (at) return at;
  const row = Number(stored[propertyKey('settledRow', surveyId)]);
  if (!row || row < 2 || row > raw.getLastRow()) return null;
  const value = raw.getRange(row, 1).getValue();
  return isDate(value) ? value.getTime() : null;
}

/**
 * Menu: Process missed form responses. For each form, finds every response sent after the last one
 * settled before (from the form's own responses, so rows people deleted from a responses tab do not
 * hide a response) and stores those whose key is not yet in their tab (a trigger that failed, timed
 * out, or never fired). Running it twice adds nothing the second time. The not-processed count falls
 * only by what landed: to zero when every form was read in full.
 */
export function reprocessMissed(): ReprocessResult {
  const lock = LockService.getDocumentLock()!;
  lock.waitLock(MENU_LOCK_WAIT_MS);
  try {
    const store = TrackerStore.open();
    const properties = PropertiesService.getDocumentProperties()!;
    const stored = properties.getProperties();
    const countKey = PROPERTY_KEYS.unprocessedSubmissions;
    const countBefore = Number(stored[countKey]) || 0;
    const result: ReprocessResult = { processed: 0, alreadyStored: 0, blank: 0, problems: [] };
    const definitions = surveyDefinitions();
    const sheets = [...store.file.sheets.values()];
    const ids = surveyIdIssuer(stored);
    const cursors: Record<string, string> = {};
    const writes = new Map<TabName, CellInput[][]>();
    let notStored = 0;
    let issued = false;
    let staff: StaffEntry[] | null = null;

    for (const record of readFormRecords(stored)) {
      const definition = definitions.find((d) => d.id === record.surveyId);
      const raw = sheets.find((s) => s.getSheetId() === record.responsesSheetId);
      // Answers that land in a private workbook are stored by this menu item run there.
      if (!definition || (record.workbookId && record.workbookId !== store.ss.getId())) continue;
      if (!raw) {
        result.problems.push(`The responses tab of "${definition.title}" is gone; run Create or update forms to link the form again.`);
        continue;
      }
      const problemsBefore = result.problems.length;
      const found = responsesSince(record, definition, raw, settledSince(stored, definition.id, raw), result.problems);
      result.blank += found.blank;
      const table: AnyTable | undefined = store.table(definition.targetTab);
      if (!store.sheet(definition.targetTab) || !table) {
        result.problems.push(`The ${definition.targetTab} tab is missing: run Set up tracker first.`);
        notStored += found.responses.length;
        continue;
      }
      const known = new Set<string>(table.records.map((r) => r.values.submissionKey).filter((k): k is string => typeof k === 'string'));
      if (definition.targetTab === 'Training Log' && staff === null) staff = staffEntries(store.table('Staff'));
      const rows = writes.get(definition.targetTab) ?? [];
      for (const response of found.responses) {
        const normalized = normalizeSubmission(definition, response, { lists: record.lists });
        const key = normalized.key;
        if (!key) { result.blank += 1; continue; }
        if (known.has(key)) { result.alreadyStored += 1; continue; }
        const id = definition.mapping ? undefined : ids.next();
        if (id) issued = true;
        const row = intakeRow(definition, normalized, { timeZone: store.timeZone, id, staff: staff ?? undefined });
        known.add(key);
        rows.push(rowFor(table.headers, row.record, definition.targetTab));
      }
      writes.set(definition.targetTab, rows);
      // A form that could not be read in full keeps its cursor, so that a later run reads it again.
      if (found.latest !== null && result.problems.length === problemsBefore) cursors[propertyKey('settledAt', definition.id)] = String(found.latest);
    }

    // IDs are reserved before any row is written: a failure between the two leaves a gap, never a reused ID.
    if (issued) properties.setProperties(ids.saved());
    for (const [tab, rows] of writes) {
      if (!rows.length) continue;
      const target = store.sheet(tab)!;
      const width = Math.max(...rows.map((r) => r.length));
      const grid = rows.map((r) => r.concat(new Array(width - r.length).fill('')));
      const first = target.getLastRow() + 1;
      const needed = first + grid.length - 1;
      if (needed > target.getMaxRows()) target.insertRowsAfter(target.getMaxRows(), needed - target.getMaxRows());
      target.getRange(first, 1, grid.length, width).setValues(grid);
      store.changed(tab);
      result.processed += rows.length;
    }
    // Runs that timed out on the lock while this one held it counted themselves meanwhile: keep those.
    const countNow = Number(properties.getProperty(countKey)) || 0;
    const count = result.problems.length ? Math.max(countNow - result.processed, notStored) : Math.max(0, countNow - countBefore);
    properties.setProperties({ ...cursors, [countKey]: String(count) });
    if (stored[PROPERTY_KEYS.surveyRecentKeys] !== undefined) properties.deleteProperty(PROPERTY_KEYS.surveyRecentKeys);
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
