// Set up private workbooks: the Support requests and Evaluation workbooks, each shared only with the people who may read it and the coordinators, linked from the tracker, where their forms' answers land.
//
// Sheets has no per-tab read access, so what only some people may read lives in its own file. The
// add-on may only create triggers for the file it runs in (developers.google.com/workspace/add-ons/concepts/editor-triggers,
// "Add-on triggers" restrictions), so the same menu item is run twice: in the tracker it creates, shares,
// links and moves; in each workbook it turns intake on there.
import { tabSpec, type SettingKey } from '../tracker/schema';
import { TrackerStore } from '../tracker/store';
import type { Settings } from '../tracker/settings';
import { installTrigger, readFormRecords, type FormRecord } from '../surveys/forms';
import { METADATA_KEYS, PROPERTY_KEYS, propertyKey } from '../core/keys';
import { checkedCoordinatorsIn } from '../tracker/confirmed';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Cell = string | number | boolean | Date;

/** One private workbook: what it holds, whose form lands in it, who besides the coordinators reads it, and where the tracker links it. */
interface WorkbookSpec {
  name: 'Support requests' | 'Evaluation';
  tab: 'Support Requests' | 'Survey Responses';
  survey: string;
  /** Other surveys whose answers land in the same tab and so move with it (the implementation survey with the outcome survey). */
  alsoSurveys?: string[];
  readers: (settings: Settings) => string[];
  readersSetting: SettingKey;
  linkSetting: SettingKey;
  metadataKey: string;
  /** Document properties of the tracker that intake needs in the workbook (the RESP- numbering). */
  carried: string[];
}

export const PRIVATE_WORKBOOKS: readonly WorkbookSpec[] = [
  {
    name: 'Support requests', tab: 'Support Requests', survey: 'support-request', readers: (s) => s.supportTeamEmails,
    readersSetting: 'Support team emails', linkSetting: 'Support requests workbook', metadataKey: METADATA_KEYS.supportWorkbook, carried: [],
  },
  {
    name: 'Evaluation', tab: 'Survey Responses', survey: 'rose-evaluation', alsoSurveys: ['rose-process'], readers: (s) => s.evaluatorEmails,
    readersSetting: 'Evaluator emails', linkSetting: 'Evaluation workbook', metadataKey: METADATA_KEYS.evaluationWorkbook, carried: [PROPERTY_KEYS.surveyHighestId],
  },
];

export interface WorkbookOutcome {
  name: WorkbookSpec['name'];
  workbookId: string;
  workbookUrl: string;
  created: boolean;
  /** Rows moved out of the tracker this run. */
  rowsMoved: number;
  formMoved: boolean;
}

export interface PrivateWorkbooksResult {
  /** Where the run happened: the tracker (create, share, link, move) or a private workbook (intake on). */
  ranIn: 'tracker' | 'private workbook';
  workbooks: WorkbookOutcome[];
  triggerInstalled: boolean;
  /** What the person should do next, in order. */
  next: string[];
  problems: string[];
}

/** What the tracker leaves in a workbook's developer metadata for the run there. */
interface CompanionRecord {
  forms: FormRecord[];
  properties: Record<string, string>;
}

// ---------------------------------------------------------------------------------------------
// Pure

/** Who may read a private workbook: the coordinators and the people its setting names, once each. */
export function workbookReaders(coordinators: readonly string[], supportTeam: readonly string[]): string[] {
  const seen: string[] = [];
  for (const email of [...coordinators, ...supportTeam]) {
    const e = email.trim().toLowerCase();
    if (e && seen.indexOf(e) < 0) seen.push(e);
  }
  return seen;
}

/** A value as written back so that Sheets keeps it as it was: text stays text (a leading apostrophe), the rest as is. */
function asWritten(value: Cell): Cell {
  return typeof value === 'string' && value !== '' ? `'${value}` : value;
}

function sameCell(a: Cell, b: Cell): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

/** The first cell where two grids differ, as "row r, column c", or null when they match. */
export function firstDifference(expected: Cell[][], actual: Cell[][]): string | null {
  for (let r = 0; r < expected.length; r++) {
    for (let c = 0; c < expected[r].length; c++) {
      if (!sameCell(expected[r][c], actual[r]?.[c] ?? '')) return `row ${r + 2}, column ${c + 1}`;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The edge

function metadataValue(ss: Spreadsheet, key: string): string | null {
  const found = ss.getDeveloperMetadata().filter((m) => m.getKey() === key)[0];
  return found ? found.getValue() : null;
}

function setMetadata(ss: Spreadsheet, key: string, value: string): void {
  const found = ss.getDeveloperMetadata().filter((m) => m.getKey() === key)[0];
  if (found) { if (found.getValue() !== value) found.setValue(value); return; }
  ss.addDeveloperMetadata(key, value);
}

/** Menu: Set up private workbooks. In the tracker it makes and links the workbooks; in a workbook it turns intake on. */
export function setUpPrivateWorkbooks(): PrivateWorkbooksResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lock = LockService.getDocumentLock();
  if (lock) lock.waitLock(30000);
  try {
    return metadataValue(ss, METADATA_KEYS.companionOf) ? turnOnIntakeHere(ss) : setUpFromTracker(ss);
  } finally {
    if (lock) lock.releaseLock();
  }
}

function setUpFromTracker(tracker: Spreadsheet): PrivateWorkbooksResult {
  const store = TrackerStore.open(tracker);
  const settings = store.settings();
  const me = Session.getEffectiveUser().getEmail().toLowerCase();
  // Shared only with coordinators a coordinator confirmed, whatever the Settings cell says now (tracker/coordinators.ts).
  const check = checkedCoordinatorsIn(tracker, settings.coordinatorEmails);
  const coordinators = check.trusted.map((e) => e.toLowerCase());
  if (coordinators.indexOf(me) < 0) {
    const unconfirmed = check.unconfirmed.findIndex((e) => e.toLowerCase() === me);
    if (unconfirmed >= 0) throw new Error(`Only a coordinator can set up the private workbooks. ${check.messages[unconfirmed]}`);
    throw new Error(coordinators.length
      ? `Only a coordinator can set up the private workbooks, and ${me} is not in Settings → Coordinator emails.`
      : 'Type the coordinators\' emails in Settings → Coordinator emails first: the private workbooks are shared with them.');
  }
  const result: PrivateWorkbooksResult = { ranIn: 'tracker', workbooks: [], triggerInstalled: false, next: [], problems: [...check.messages] };
  for (const spec of PRIVATE_WORKBOOKS) {
    if (!spec.readers(settings).length) result.problems.push(`Settings → ${spec.readersSetting} is empty, so the ${spec.name} workbook is shared with the coordinators only. Add them there, then run Set up private workbooks again.`);
    const outcome: WorkbookOutcome = { name: spec.name, workbookId: '', workbookUrl: '', created: false, rowsMoved: 0, formMoved: false };
    const workbook = openOrCreateWorkbook(tracker, spec, outcome);
    shareOnlyWith(workbook, workbookReaders(coordinators, spec.readers(settings)), me);
    setMetadata(tracker, spec.metadataKey, workbook.getId());
    writeSetting(tracker, spec.linkSetting, workbook.getUrl());
    outcome.rowsMoved = moveRows(tracker.getSheetByName(spec.tab), workbook.getSheetByName(spec.tab)!, spec);
    outcome.formMoved = moveForm(tracker, workbook, spec, result.problems);
    result.workbooks.push(outcome);
    result.next.push(`Open the ${spec.name} workbook (${workbook.getUrl()}) and choose Extensions → ROSE Tracker → Set up private workbooks there: Google lets the add-on watch a form's answers only from the file they land in, so intake is turned on from inside that workbook.`);
  }
  return result;
}

function openOrCreateWorkbook(tracker: Spreadsheet, spec: WorkbookSpec, outcome: WorkbookOutcome): Spreadsheet {
  const linked = metadataValue(tracker, spec.metadataKey);
  let workbook: Spreadsheet;
  if (linked) {
    try {
      workbook = SpreadsheetApp.openById(linked);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`The ${spec.name} workbook this tracker links to (${linked}) could not be opened (${message}). Ask the coordinator who set it up to share it with you as an editor; no new one was made, so nothing is split in two.`);
    }
  } else {
    workbook = SpreadsheetApp.create(`${tracker.getName()} — ${spec.name}`);
    workbook.getSheets()[0].setName(spec.tab);
    workbook.addDeveloperMetadata(METADATA_KEYS.companionOf, tracker.getId());
    outcome.created = true;
  }
  outcome.workbookId = workbook.getId();
  outcome.workbookUrl = workbook.getUrl();
  let tab = workbook.getSheetByName(spec.tab);
  if (!tab) tab = workbook.insertSheet(spec.tab, 0);
  if (tab.getLastRow() === 0) {
    // The tracker's header row, its added columns included, so every moved cell has its column.
    const source = tracker.getSheetByName(spec.tab);
    const headers = source && source.getLastColumn()
      ? source.getRange(1, 1, 1, source.getLastColumn()).getValues()[0].map(String)
      : tabSpec(spec.tab).columns.map((c) => c.header);
    if (headers.length > tab.getMaxColumns()) tab.insertColumnsAfter(tab.getMaxColumns(), headers.length - tab.getMaxColumns());
    tab.getRange(1, 1, 1, headers.length).setValues([headers.map((h) => `'${h}`)]).setFontWeight('bold');
    tab.setFrozenRows(1);
  }
  return workbook;
}

/** Editors: exactly the coordinators and the support team (the owner stays); anyone else listed loses access. */
function shareOnlyWith(workbook: Spreadsheet, readers: string[], me: string): void {
  const owner = (workbook.getOwner()?.getEmail() ?? me).toLowerCase();
  const editors = workbook.getEditors().map((u) => u.getEmail().toLowerCase());
  const add = readers.filter((e) => e !== owner && editors.indexOf(e) < 0);
  const remove = editors.filter((e) => e !== owner && readers.indexOf(e) < 0);
  if (add.length) workbook.addEditors(add);
  for (const email of remove) workbook.removeEditor(email);
  for (const viewer of workbook.getViewers().map((u) => u.getEmail().toLowerCase())) {
    if (viewer !== owner && readers.indexOf(viewer) < 0) workbook.removeViewer(viewer);
  }
}

function writeSetting(tracker: Spreadsheet, key: string, value: string): void {
  const sheet = tracker.getSheetByName('Settings');
  if (!sheet) throw new Error('The Settings tab is missing: run ROSE Tracker → Set up tracker first.');
  const keys = sheet.getRange(1, 1, sheet.getLastRow(), 1).getValues().map((r) => String(r[0]).trim());
  const row = keys.indexOf(key);
  if (row < 0) throw new Error(`The Settings tab has no "${key}" row: run ROSE Tracker → Set up tracker, then Set up private workbooks again.`);
  sheet.getRange(row + 1, 2).setValue(value);
}

/**
 * Moves the tracker's rows of the workbook's tab into it: copies them below the rows already there,
 * reads the copy back and compares it cell by cell, and clears the tracker's rows only when it matches.
 * A mismatch stops before anything is cleared, naming the cell.
 */
function moveRows(from: Sheet | null, to: Sheet, spec: WorkbookSpec): number {
  if (!from || from.getLastRow() < 2) return 0;
  const width = from.getLastColumn();
  const rows = (from.getRange(2, 1, from.getLastRow() - 1, width).getValues() as Cell[][]).filter((r) => r.some((v) => v !== ''));
  if (!rows.length) return 0;
  const toHeaders = to.getRange(1, 1, 1, Math.max(to.getLastColumn(), 1)).getValues()[0].map(String);
  const fromHeaders = from.getRange(1, 1, 1, width).getValues()[0].map(String);
  const missing = fromHeaders.filter((h) => h !== '' && toHeaders.indexOf(h) < 0);
  if (missing.length) throw new Error(`The ${spec.name} workbook's ${spec.tab} tab has no ${missing.map((h) => `"${h}"`).join(', ')} column, so nothing was moved: add the column there (row 1), then run Set up private workbooks again.`);
  const grid: Cell[][] = rows.map((r) => toHeaders.map((h) => { const c = fromHeaders.indexOf(h); return c < 0 ? '' : r[c]; }));
  const first = to.getLastRow() + 1;
  const needed = first + grid.length - 1;
  if (needed > to.getMaxRows()) to.insertRowsAfter(to.getMaxRows(), needed - to.getMaxRows());
  to.getRange(first, 1, grid.length, toHeaders.length).setValues(grid.map((r) => r.map(asWritten)));
  const copied = to.getRange(first, 1, grid.length, toHeaders.length).getValues() as Cell[][];
  const differs = firstDifference(grid, copied);
  if (differs) throw new Error(`The copy of the ${spec.tab} rows in the ${spec.name} workbook differs from the tracker at ${differs} of the copy, so the tracker's rows were kept. Delete the copied rows from the workbook (from row ${first}) and run Set up private workbooks again.`);
  from.getRange(2, 1, from.getLastRow() - 1, width).clearContent();
  return rows.length;
}

/**
 * Sends the workbook's forms' answers there (Form.setDestination: Forms writes every response
 * so far into a new responses tab there; developers.google.com/apps-script/reference/forms/form#setdestinationtype,-id),
 * then removes the tracker's old responses tab once the new one holds at least as many rows. The
 * forms' records go with them, in the workbook's developer metadata, for the run there to pick up.
 */
function moveForm(tracker: Spreadsheet, workbook: Spreadsheet, spec: WorkbookSpec, problems: string[]): boolean {
  const properties = PropertiesService.getDocumentProperties()!;
  const stored = properties.getProperties();
  const records = readFormRecords(stored);
  if (!records.some((r) => r.surveyId === spec.survey)) {
    problems.push(`The ${spec.name} workbook has no form yet: run Create or update forms, then Set up private workbooks again to send its answers there.`);
    return false;
  }
  // Forms already moved stay in the companion record, so a later run that moves another keeps them.
  const held = metadataValue(workbook, METADATA_KEYS.companionForms);
  const companion: CompanionRecord = held ? (JSON.parse(held) as CompanionRecord) : { forms: [], properties: {} };
  let movedAny = false;
  for (const surveyId of [spec.survey, ...(spec.alsoSurveys ?? [])]) {
    const record = records.find((r) => r.surveyId === surveyId);
    if (!record || record.workbookId === workbook.getId()) continue;
    const form = FormApp.openById(record.formId);
    const before = workbook.getSheets().map((s) => s.getSheetId());
    form.setDestination(FormApp.DestinationType.SPREADSHEET, workbook.getId());
    const added = workbook.getSheets().filter((s) => before.indexOf(s.getSheetId()) < 0)[0];
    const moved: FormRecord = { ...record, responsesSheetId: added ? added.getSheetId() : null, workbookId: workbook.getId() };
    companion.forms = [...companion.forms.filter((f) => f.surveyId !== surveyId), moved];
    properties.setProperty(propertyKey('form', surveyId), JSON.stringify({ ...record, responsesSheetId: null, workbookId: workbook.getId() }));
    const old = record.responsesSheetId === null ? undefined : tracker.getSheets().find((s) => s.getSheetId() === record.responsesSheetId);
    if (old) {
      if (added && added.getLastRow() >= old.getLastRow()) tracker.deleteSheet(old);
      else problems.push(`The tracker's "${old.getName()}" tab was kept: the workbook's new responses tab has fewer rows than it. Compare the two, then delete "${old.getName()}" from the tracker by hand.`);
    }
    movedAny = true;
  }
  if (!movedAny) return false;
  for (const name of spec.carried) if (stored[name] !== undefined) companion.properties[name] = stored[name];
  setMetadata(workbook, METADATA_KEYS.companionForms, JSON.stringify(companion));
  return true;
}

/** In a workbook: the form records and properties the tracker left here become this file's, and the form-submit trigger is made here. */
function turnOnIntakeHere(workbook: Spreadsheet): PrivateWorkbooksResult {
  const companion = JSON.parse(metadataValue(workbook, METADATA_KEYS.companionForms) ?? '{"forms":[],"properties":{}}') as CompanionRecord;
  const properties = PropertiesService.getDocumentProperties()!;
  const stored = properties.getProperties();
  const updates: Record<string, string> = {};
  // A numbering floor already here only grows: intake in this workbook may have issued IDs since.
  for (const name of Object.keys(companion.properties)) updates[name] = String(Math.max(Number(stored[name]) || 0, Number(companion.properties[name]) || 0));
  for (const record of companion.forms) updates[propertyKey('form', record.surveyId)] = JSON.stringify(record);
  if (Object.keys(updates).length) properties.setProperties(updates);
  const result: PrivateWorkbooksResult = {
    ranIn: 'private workbook', workbooks: [], triggerInstalled: companion.forms.length ? installTrigger(workbook) : false, next: [], problems: [],
  };
  if (!companion.forms.length) result.problems.push('No form sends its answers to this workbook yet: run Set up private workbooks in the tracker first.');
  else result.next.push('Answers now land in this workbook. Answers sent before this step are stored by ROSE Tracker → Process missed form responses, run here.');
  return result;
}

/**
 * Where the Evaluation report reads survey rows: the Evaluation workbook the tracker links to, once
 * there is one (the tracker then keeps only the suppressed report), else the spreadsheet itself.
 */
export function surveyRowsFile(ss: Spreadsheet): Spreadsheet {
  const linked = metadataValue(ss, METADATA_KEYS.evaluationWorkbook);
  if (!linked) return ss;
  try {
    return SpreadsheetApp.openById(linked);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`The survey answers are in the Evaluation workbook (Settings → Evaluation workbook), which ${Session.getEffectiveUser().getEmail()} cannot open (${message}). The evaluator or a coordinator can build the report; no report was written.`);
  }
}

/** Menu wrapper: runs the setup and says what happened and what to do next. */
export function setUpPrivateWorkbooksAction(): PrivateWorkbooksResult {
  const result = setUpPrivateWorkbooks();
  const ui = SpreadsheetApp.getUi();
  const done = result.ranIn === 'tracker'
    ? result.workbooks.map((w) => `${w.name} workbook${w.created ? ' (new)' : ''}: ${w.workbookUrl}. ${w.rowsMoved} row${w.rowsMoved === 1 ? '' : 's'} moved out of the tracker.${w.formMoved ? ' Its form now sends its answers there.' : ''}`)
    : [result.triggerInstalled ? 'Intake is on in this workbook.' : 'Intake was already on in this workbook.'];
  ui.alert('Private workbooks', [...done, ...result.next, ...result.problems].filter(Boolean).join('\n\n'), ui.ButtonSet.OK);
  return result;
}
