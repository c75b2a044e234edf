// Runs document jobs against Sheets, Drive and Docs: start, one chunk at a time, preview, cancel. At most 4 service calls per document plus a fixed number per chunk.
import { TrackerStore } from '../tracker/store';
import { issuerFor } from '../tracker/lists-tab';
import { toPlain, type Sheet } from '../tracker/sheets';
import { writeByRow, type NewRow, type RowWrite } from '../tracker/keyed-write';
import { columnIndex, headerKey, toTable, refId, label, type Plain, type Table, type TrackerRecord } from '../tracker/table';
import { tabSpec, type ColumnKey } from '../tracker/schema';
import { addDays, isoDateIn } from '../core/dates';
import { PROPERTY_KEYS, PROPERTY_KEY_PREFIXES, propertyKey } from '../core/keys';
import { buildMergeValues, byHeader, missingRequired, settingsByName, type MergeValues, type PlainRecord } from './fields';
import { checkPlaceholders, mergedParagraphs, needsMerge, planMerge, type DocsDocumentJson } from './merge';
import { copyDocument, createFolder, fileState, generateFileIds, readDocument, savePdf, updateDocument } from './google';
import { documentsFolder, problemsOf, readRegistry, type RegisteredTemplate } from './registry';
import { documentReach, templateAccessMessage } from './access';
import { certificateItems } from './certificates';
import {
  CHUNK_WALL_MS, CLAIM_MS, DOC_PREFIX, itemKey, chunkSize, claimNote, claimedElsewhere, docLink, isRateLimited, shareFor, documentRows, driveIdIn, errorText, fileLink, fileNameProblems, isDailyQuotaError,
  isTimeOut, itemState, latestRows, progressOf, renderFileName, staffUpdate, templateLabel, wantsPdf,
  type DocumentJob, type DocumentRow,
} from './jobs';
import type { JobOptions, JobProgress, JobRequest, PreviewResult, StartResult, UnfinishedJob } from './types';

// ---- jobs in user properties -----------------------------------------------------------------
// User properties, not document properties: a time-driven run (the backstop) has no active
// document, and the job belongs to the coordinator who started it. A job's JSON is split into
// pieces below the 9 KB a value limit; one setProperties writes them all.

const PIECE = 3000;

type Store = Record<string, string>;

function userStore(): { properties: GoogleAppsScript.Properties.Properties; all: Store } {
  const properties = PropertiesService.getUserProperties();
  return { properties, all: properties.getProperties() };
}

function loadJob(all: Store, jobId: string): DocumentJob | null {
  const key = propertyKey('documentJob', jobId);
  const count = Number(all[key] ?? '0');
  if (!count) return null;
  let json = '';
  for (let i = 0; i < count; i++) json += all[`${key}#${i}`] ?? '';
  return JSON.parse(json) as DocumentJob;
}

function saveJob(properties: GoogleAppsScript.Properties.Properties, job: DocumentJob): void {
  const key = propertyKey('documentJob', job.id);
  const json = JSON.stringify(job);
  const pieces: Store = {};
  let count = 0;
  for (let at = 0; at < json.length; at += PIECE) pieces[`${key}#${count++}`] = json.slice(at, at + PIECE);
  pieces[key] = String(count);
  properties.setProperties(pieces);
}

/** Jobs of this user not finished yet, optionally for one spreadsheet. */
function openJobs(all: Store, spreadsheetId?: string): DocumentJob[] {
  const prefix = PROPERTY_KEY_PREFIXES.documentJob;
  const jobs: DocumentJob[] = [];
  for (const key of Object.keys(all)) {
    if (key.indexOf(prefix) !== 0 || key.indexOf('#') >= 0) continue;
    const job = loadJob(all, key.slice(prefix.length));
    if (job && (job.state === 'running' || job.state === 'paused') && (!spreadsheetId || job.spreadsheetId === spreadsheetId)) jobs.push(job);
  }
  return jobs;
}

// ---- reading the tracker -----------------------------------------------------------------------

type DocumentsColumns = Record<ColumnKey<'Documents'>, number>;

export interface TrackerData {
  store: TrackerStore;
  staff: Table<'Staff'>;
  sites: Table<'Sites'> | undefined;
  settings: PlainRecord;
  trainings: Table<'Training Log'> | undefined;
  documentsSheet: Sheet;
  /**
   * The Documents tab as this run knows it: as read, with what the run wrote since (rows it added
   * at the end). Its rows are matched to the tab's rows by ID when the run writes.
   */
  documentsGrid: unknown[][];
  /** Where every Documents column is (0-based). */
  documentsColumns: DocumentsColumns;
  rows: DocumentRow[];
  docIds: DocIds;
  names: Map<string, string>;
}

/** The Documents tab's cells as a typed table, each cell read as its declared column reads it (a Created date-time stays an instant). */
export function documentsTable(grid: readonly unknown[][], timeZone: string): Table<'Documents'> {
  const header = (grid[0] ?? []).map((v) => toPlain(v, timeZone));
  const columns = header.map((h) => tabSpec('Documents').columns.find((c) => headerKey(c.header) === headerKey(h)));
  return toTable('Documents', header, grid.slice(1).map((row) => row.map((v, i) => toPlain(v, timeZone, columns[i]))));
}

/** Every column the schema declares for the Documents tab, or a message saying which one is missing. */
function documentsColumns(documents: Table<'Documents'>): DocumentsColumns {
  const columns: Partial<DocumentsColumns> = {};
  for (const column of tabSpec('Documents').columns) {
    const index = columnIndex(documents, column);
    if (index === undefined) throw new Error(`The Documents tab has no "${column.header}" column: run ROSE Tracker → Set up tracker to add it.`);
    columns[column.key as ColumnKey<'Documents'>] = index;
  }
  return columns as DocumentsColumns;
}

export function readTracker(store: TrackerStore): TrackerData {
  const staff = store.table('Staff');
  const sites = store.table('Sites');
  const settings = settingsByName(store.table('Settings'));
  const trainings = store.table('Training Log');
  const documentsSheet = store.sheet('Documents');
  if (!staff || !documentsSheet) throw new Error('The tracker has no Staff or Documents tab: run ROSE Tracker → Set up tracker first.');
  // One call: a row inserted between getDataRange() and getValues() would push the last row out.
  const grid = documentsSheet.getSheetValues(1, 1, -1, -1);
  const documents = documentsTable(grid, store.timeZone);
  const columns = documentsColumns(documents);
  const names = new Map<string, string>();
  for (const record of staff.records) {
    const id = refId(record.values.id);
    if (id) names.set(id, String(record.values.fullName ?? id));
  }
  // A certificate's item is named by its training: "Alex Moreno (Naloxone administration)".
  for (const record of trainings?.records ?? []) {
    const id = refId(record.values.id);
    if (id) names.set(id, String(record.values.topic ?? id).replace(/^.* · /, ''));
  }
  const rows = documentRows(documents.records.map((r) => r.values));
  return {
    store, staff, sites, settings, trainings, documentsSheet, documentsGrid: grid, documentsColumns: columns, rows, names,
    docIds: docIdsFor(store, rows),
  };
}

export function staffRecord(data: TrackerData, staffId: string): TrackerRecord<'Staff'> | undefined {
  return data.staff.records.find((record) => refId(record.values.id) === staffId);
}

function siteRecord(data: TrackerData, siteId: string): TrackerRecord<'Sites'> | undefined {
  return data.sites?.records.find((record) => refId(record.values.id) === siteId);
}

export function mergeFor(data: TrackerData, staffId: string, trainingId = ''): MergeValues | null {
  const staff = staffRecord(data, staffId);
  if (!staff) return null;
  const site = siteRecord(data, refId(staff.values.site));
  const trainings = (data.trainings?.records ?? []).filter((record) => refId(record.values.staff) === staffId).map((record) => byHeader('Training Log', record.values));
  const training = trainingId ? data.trainings?.records.find((record) => refId(record.values.id) === trainingId) : undefined;
  if (trainingId && (!training || refId(training.values.staff) !== staffId)) return null;
  return buildMergeValues({
    staff: byHeader('Staff', staff.values), site: site && byHeader('Sites', site.values), settings: data.settings, trainings,
    training: training && byHeader('Training Log', training.values),
    now: new Date(), timeZone: data.store.timeZone,
  });
}

/** The certificates a request asks for: the trainings named, or every offered training of the people chosen without one yet. */
function certificateRequest(data: TrackerData, request: JobRequest, regenerate: boolean, templateId: string): { staffIds: string[]; trainingIds: string[]; message: string } {
  const today = isoDateIn(new Date(), data.store.timeZone);
  const offered = certificateItems(data.trainings, data.names, today, data.store.timeZone);
  const latest = latestRows(data.rows, templateId);
  const wanted = Array.isArray(request.trainingIds) ? request.trainingIds.map(String) : null;
  const people = new Set((Array.isArray(request.staffIds) ? request.staffIds : []).map(String));
  const chosen = offered.filter((item) => (wanted ? wanted.indexOf(item.trainingId) >= 0 : people.has(item.staffId)));
  // A person chosen from the list gets the certificates they lack; naming a training asks for that one.
  const items = wanted || regenerate ? chosen : chosen.filter((item) => latest.get(item.trainingId)?.status !== 'Done');
  const notOffered = wanted ? wanted.filter((id) => !offered.some((item) => item.trainingId === id)) : [];
  let message = '';
  if (notOffered.length) message = `No certificate is offered for ${notOffered.join(', ')}: a certificate needs a Training Log row with Internal training and Completed both "Yes" and a date that has passed.`;
  else if (!items.length) message = chosen.length
    ? 'Everyone chosen already has a certificate for each completed internal training. Tick "Make a new one" to make them again.'
    : 'No one chosen has a completed internal training in the Training Log (Internal training and Completed both "Yes"). Trainings from outside providers come with their own certificates.';
  return { staffIds: items.map((item) => item.staffId), trainingIds: items.map((item) => item.trainingId), message };
}

// ---- DOC- IDs -----------------------------------------------------------------------------------

/** The IDs new Documents rows get: `highest` when read, then one after another. */
interface DocIds {
  highest: number;
  issue(): string;
  /** The lists tab's record of IDs issued, read once; rows read later are observed into it. */
  issuer: ReturnType<typeof issuerFor>;
}

/**
 * The one place documents issue IDs: after the highest DOC- number ever issued (the tracker's
 * lists tab) and the highest in the Documents tab, so a deleted row's ID is not reused.
 */
function docIdsFor(store: TrackerStore, rows: readonly DocumentRow[], issuer = issuerFor(store.file)): DocIds {
  issuer.observe(DOC_PREFIX, rows.map((row) => row.id));
  return { highest: issuer.highestFor(DOC_PREFIX), issue: () => issuer.issue(DOC_PREFIX), issuer };
}

// ---- starting a job ------------------------------------------------------------------------------

function cleanOptions(options: Partial<JobOptions> | undefined, defaultFileName: string): JobOptions {
  const output = options && (options.output === 'pdf' || options.output === 'both') ? options.output : 'doc';
  const pattern = options && typeof options.fileNamePattern === 'string' && options.fileNamePattern.trim() ? options.fileNamePattern.trim() : defaultFileName;
  return { output, fileNamePattern: pattern, folderPerSite: options?.folderPerSite === true, regenerate: options?.regenerate === true };
}

/** One folder, or one sub-folder per site of the people chosen (made once, remembered in document properties). */
function foldersFor(data: TrackerData, staffIds: readonly string[], perSite: boolean): Record<string, string> {
  const root = documentsFolder(data.store);
  const folders: Record<string, string> = { '': root.id };
  if (!perSite) return folders;
  const properties = PropertiesService.getDocumentProperties();
  const known = JSON.parse(properties?.getProperty(PROPERTY_KEYS.documentSiteFolders) || '{}') as Record<string, string>;
  let changed = false;
  for (const staffId of staffIds) {
    const siteId = refId(staffRecord(data, staffId)?.values.site ?? null);
    if (!siteId || folders[siteId]) continue;
    const key = `${root.id}/${siteId}`;
    const remembered = known[key] ? fileState(known[key]) : null;
    if (remembered && !remembered.trashed) folders[siteId] = known[key];
    else {
      folders[siteId] = createFolder(String(siteRecord(data, siteId)?.values.name ?? siteId), root.id).id;
      known[key] = folders[siteId];
      changed = true;
    }
  }
  if (changed && properties) properties.setProperty(PROPERTY_KEYS.documentSiteFolders, JSON.stringify(known));
  return folders;
}

/**
 * Starts a job after checking the template's placeholders and the file-name pattern; nothing is
 * made when either has a problem. The sidebar then calls runDocumentJobChunk until it is done.
 */
export function startJob(request: JobRequest): StartResult {
  const template = readRegistry().find((entry) => entry.id === String(request?.templateId ?? ''));
  if (!template) return { ok: false, problems: [], progress: null, message: 'That template is not installed: choose ROSE Tracker → Install document templates.' };
  const staffIds = (Array.isArray(request.staffIds) ? request.staffIds : []).map((id) => String(id)).filter((id, i, all) => id && all.indexOf(id) === i);
  if (!staffIds.length && !(Array.isArray(request.trainingIds) && request.trainingIds.length)) return { ok: false, problems: [], progress: null, message: 'Choose at least one person.' };
  const options = cleanOptions(request.options, template.fileName);
  let document: DocsDocumentJson;
  try {
    document = readDocument(template.docId);
  } catch (error) {
    return { ok: false, problems: [], progress: null, message: templateUnreachable(template.name, error, template) };
  }
  // Read through the documents scope, but copied through drive.file: per person, so say so before anything is made.
  const reach = documentReach(template.docId);
  if (reach !== 'reachable') return { ok: false, problems: [], progress: null, message: templateAccessMessage(template, reach, Session.getEffectiveUser().getEmail()) };
  const problems = problemsOf(checkPlaceholders(document)).concat(fileNameProblems(options.fileNamePattern));
  if (problems.length) return { ok: false, problems, progress: null, message: `"${template.name}" has ${problems.length} placeholder problem(s): fix them in the template, then generate again. Nothing was made.` };

  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const data = readTracker(TrackerStore.open(ss));
  const unknown = staffIds.filter((id) => !staffRecord(data, id));
  if (unknown.length) return { ok: false, problems: [], progress: null, message: `No one in the Staff tab has the ID ${unknown.join(', ')}: refresh the sidebar.` };
  let items: { staffIds: string[]; trainingIds?: string[] } = { staffIds };
  if (template.kind === 'certificate') {
    const certificates = certificateRequest(data, request, options.regenerate, template.id);
    if (certificates.message) return { ok: false, problems: [], progress: null, message: certificates.message };
    items = { staffIds: certificates.staffIds, trainingIds: certificates.trainingIds };
  }
  const job: DocumentJob = {
    id: `job-${new Date().getTime().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`,
    spreadsheetId: ss.getId(),
    template: { id: template.id, name: template.name, kind: template.kind, docId: template.docId, fileName: template.fileName, requires: template.requires },
    ...items, options,
    firstRowNumber: data.docIds.highest,
    cursor: 0, state: 'running', pausedUntil: '', message: '', startedBy: Session.getActiveUser().getEmail(),
    folders: foldersFor(data, items.staffIds, options.folderPerSite),
    adopted: [],
  };
  saveJob(PropertiesService.getUserProperties(), job);
  return { ok: true, problems: [], message: '', progress: progressOf(job, data.rows, data.names) };
}

function templateUnreachable(name: string, error: unknown, template?: RegisteredTemplate): string {
  // The Docs API says "permission" for a Doc that exists but is not shared with this person: name them and whom to ask.
  if (template && /permission/i.test(errorText(error))) return templateAccessMessage(template, 'not-shared', Session.getEffectiveUser().getEmail());
  return `ROSE Tracker cannot open the template "${name}" (${errorText(error)}). It may have been deleted or not be shared with you: restore it, or install the templates again.`;
}

// ---- one chunk -------------------------------------------------------------------------------------

type Outcome = 'Done' | 'Failed' | 'Queued' | 'In progress';

interface Work {
  staffId: string;
  /** A certificate's Training Log row ('' for a document about the person). */
  trainingId: string;
  row: DocumentRow | null;
  /** 0-based data-row index where this person's row is (or goes). */
  index: number;
  rowId: string;
  docId: string;
  pdfId: string;
  /** The row already named a document: check what exists before copying. */
  resumed: boolean;
  merge: MergeValues | null;
  outcome: Outcome;
  error: string;
}

/**
 * The lock every run of this tracker's documents takes to hand out people: a document lock is
 * shared by every user of the spreadsheet ("prevents any user of the current document from
 * concurrently running a section of code", LockService reference), where the user lock used before
 * let two coordinators make the same people's documents. A time-driven run has no active document
 * and so no document lock; there the script lock, shared by every user of the add-on, is the
 * stricter choice. It is held only while people are handed out and while results are written, not
 * while documents are made, so several chunks run at once.
 */
export function documentsLock(): GoogleAppsScript.Lock.Lock {
  return LockService.getDocumentLock() ?? LockService.getScriptLock();
}

/** Waiting longer than this for the Documents log means something is stuck: say so. */
const LOCK_WAIT_MS = 30_000;

export function takeLock(lock: GoogleAppsScript.Lock.Lock): void {
  if (!lock.tryLock(LOCK_WAIT_MS)) throw new Error('Another ROSE Tracker run kept the Documents log busy for 30 seconds. Wait a minute and press Resume.');
}

/**
 * Does the next chunk of a job. Under the documents lock: the Documents log is read, the next
 * people nobody else is making are claimed with rows 'In progress' (pre-generated file IDs and a
 * claim note), and the lock is let go. Then each document is copied, filled in one batchUpdate
 * and, when asked, saved as PDF. Under the lock again the rows are written once, then the Staff
 * columns. `lanes` says how many chunks of the job the sidebar runs at once; each takes its share.
 */
export function runChunk(jobId: string, spreadsheet?: GoogleAppsScript.Spreadsheet.Spreadsheet, lanes = 1): JobProgress {
  const started = new Date().getTime();
  const first = loadJob(userStore().all, String(jobId));
  if (!first) throw new Error('That document job no longer exists: start it again from the sidebar.');
  // The template is read before the lock: it needs no one else to wait.
  let template: DocsDocumentJson | null = null;
  let unreachable = '';
  try {
    template = readDocument(first.template.docId);
  } catch (error) {
    if (isTimeOut(errorText(error))) throw error;
    unreachable = templateUnreachable(first.template.name, error);
  }

  // The tracker's tabs too; only the Documents log is read again under the lock.
  const data = readTracker(TrackerStore.open(spreadsheet));

  const lock = documentsLock();
  takeLock(lock);
  let job: DocumentJob;
  let work: Work[];
  let day: string;
  try {
    const { properties, all } = userStore();
    const loaded = loadJob(all, String(jobId));
    if (!loaded) throw new Error('That document job no longer exists: start it again from the sidebar.');
    job = loaded;
    rereadLog(data);
    if (job.state !== 'running' && job.state !== 'paused') return progressOf(job, data.rows, data.names);
    day = isoDateIn(new Date(), data.store.timeZone);
    if (job.state === 'paused' && day < job.pausedUntil) return progressOf(job, data.rows, data.names);
    if (job.state === 'paused' || job.message) {
      // A new day, or a new round after waiting: the job runs again for every chunk.
      job.state = 'running';
      job.message = '';
      saveJob(properties, job);
    }
    if (!template) return failEveryone(job, data, properties, unreachable);
    const problems = checkPlaceholders(template);
    if (problems.length) {
      job.state = 'blocked';
      job.message = `"${job.template.name}" now has placeholder problems: ${problems.map((p) => p.message).join(' ')} Fix the template and start again.`;
      saveJob(properties, job);
      return progressOf(job, data.rows, data.names);
    }

    const picked = pickChunk(job, data, chunkSize(job.options.output), lanes, started);
    work = picked.work;
    if (!work.length) {
      if (picked.claimed === 0) job.state = 'done';
      else job.message = `Waiting for ${picked.claimed} document(s) another run is making.`;
      saveJob(properties, job);
      return progressOf(job, data.rows, data.names);
    }
    // Rows from earlier runs become this job's before anything is done to them, so once Done they count as made here.
    const adopting = work.filter((item) => item.row && item.row.number <= job.firstRowNumber && job.adopted.indexOf(item.row.id) < 0);
    if (adopting.length) {
      job.adopted = job.adopted.concat(adopting.map((item) => (item.row as DocumentRow).id));
      saveJob(properties, job);
    }
    const pdf = wantsPdf(job.options.output);
    // One generateIds call names every file this chunk will make, before any is made.
    const active = work.filter((item) => item.outcome === 'In progress');
    const needed = active.reduce((count, item) => count + (item.docId ? 0 : 1) + (pdf && !item.pdfId ? 1 : 0), 0);
    const ids = generateFileIds(needed);
    const claim = claimNote(job.startedBy, started + CLAIM_MS);
    for (const item of active) {
      if (!item.docId) item.docId = ids.shift() as string;
      if (pdf && !item.pdfId) item.pdfId = ids.shift() as string;
      item.error = claim;
    }
    writeRows(job, data, work, false);
  } finally {
    lock.releaseLock();
  }

  const madeAt = new Date();
  let stopped = false;
  let paused = '';
  for (const item of work) {
    if (item.outcome !== 'In progress') continue;
    item.error = '';
    if (stopped || new Date().getTime() - started > CHUNK_WALL_MS) {
      stopped = true;
      item.outcome = 'Queued';
      continue;
    }
    try {
      makeDocument(job, data, template as DocsDocumentJson, item);
      item.outcome = 'Done';
    } catch (error) {
      const message = errorText(error);
      // Apps Script ends the execution here in production; the rows stay 'In progress' for the next run.
      if (isTimeOut(message)) throw error;
      if (isDailyQuotaError(message)) {
        paused = addDays(day, 1);
        item.outcome = 'Queued';
        item.error = `Waiting: the daily document limit was reached; continues on ${paused}.`;
        stopped = true;
        continue;
      }
      if (isRateLimited(message)) {
        // Google kept answering "too fast" for a minute of back-off: the person waits for the next chunk.
        item.outcome = 'Queued';
        item.error = 'Waiting: Google asked ROSE Tracker to slow down; this person is made in the next round.';
        stopped = true;
        continue;
      }
      item.outcome = 'Failed';
      item.error = `Could not finish the document: ${message}. It is not marked done; generate again to finish it (the same document is reused).`;
    }
  }

  let progress: JobProgress;
  takeLock(lock);
  try {
    // Other chunks wrote rows meanwhile: find ours again by ID in the log as it is now.
    refreshDocuments(data, work);
    writeRows(job, data, work, true, madeAt);
    const { properties, all } = userStore();
    const fresh = loadJob(all, job.id) ?? job;
    fresh.adopted = fresh.adopted.concat(job.adopted.filter((id) => fresh.adopted.indexOf(id) < 0));
    if (paused && fresh.state === 'running') {
      fresh.state = 'paused';
      fresh.pausedUntil = paused;
      fresh.message = `Google's daily limit on new documents is reached. The job keeps its place and continues on ${paused}.`;
    }
    fresh.cursor = Math.max(fresh.cursor, nextCursor(fresh, data));
    if (fresh.state === 'running' && fresh.cursor >= fresh.staffIds.length) fresh.state = 'done';
    saveJob(properties, fresh);
    progress = { ...progressOf(fresh, data.rows, data.names), handed: work.length };
  } finally {
    lock.releaseLock();
  }
  // Staff cells are written by Staff ID and only while they hold what was read (keyed-write.ts), so
  // chunks writing other people's cells at the same time need no lock here.
  updateStaff(job, data, work);
  return progress;
}

/** Reads the Documents log again (one call): rows other runs wrote meanwhile, and the DOC- IDs after them. */
export function rereadLog(data: TrackerData): void {
  data.documentsGrid = data.documentsSheet.getSheetValues(1, 1, -1, -1);
  data.rows = documentRows(documentsTable(data.documentsGrid, data.store.timeZone).records.map((r) => r.values));
  data.docIds = docIdsFor(data.store, data.rows, data.docIds.issuer);
}

/** Reads the Documents log again and points each work item at its row, found by its DOC- ID. */
function refreshDocuments(data: TrackerData, work: Work[]): void {
  rereadLog(data);
  let nextIndex = data.rows.length;
  for (const item of work) {
    const row = data.rows.find((candidate) => candidate.id === item.rowId);
    item.index = row ? row.index : nextIndex++;
  }
}

function nextCursor(job: DocumentJob, data: TrackerData): number {
  const latest = latestRows(data.rows, job.template.id);
  let cursor = job.cursor;
  while (cursor < job.staffIds.length && itemState(job, latest.get(itemKey(job, cursor))).kind === 'finished') cursor += 1;
  return cursor;
}

/**
 * The next people to work on, with their rows: new rows get IDs after the highest in the tab.
 * People another run is making right now (a live claim) are left to it. Of the rest this chunk
 * takes its share of the job's people not finished yet, split among `lanes` chunks running at
 * once (so lanes that start together take equal shares, whatever order they get the lock in), at
 * most `size`.
 */
function pickChunk(job: DocumentJob, data: TrackerData, size: number, lanes: number, nowMs: number): { work: Work[]; claimed: number } {
  const latest = latestRows(data.rows, job.template.id);
  const free: { staffId: string; trainingId: string; row: DocumentRow | null }[] = [];
  let claimed = 0;
  const offered = job.trainingIds ? certificateItems(data.trainings, data.names, isoDateIn(new Date(nowMs), data.store.timeZone), data.store.timeZone) : [];
  for (let i = job.cursor; i < job.staffIds.length; i++) {
    const staffId = job.staffIds[i];
    const state = itemState(job, latest.get(itemKey(job, i)));
    if (state.kind === 'finished') continue;
    if (claimedElsewhere(state.row, nowMs)) claimed += 1;
    else free.push({ staffId, trainingId: job.trainingIds ? job.trainingIds[i] : '', row: state.row });
  }
  const work: Work[] = [];
  let nextIndex = data.rows.length;
  for (const { staffId, trainingId, row } of free.slice(0, size === Infinity ? free.length : shareFor(job.staffIds.length - job.cursor, lanes, size))) {
    const merge = mergeFor(data, staffId, trainingId);
    const item: Work = {
      staffId, trainingId, row, index: row ? row.index : nextIndex++, rowId: row ? row.id : data.docIds.issue(),
      docId: row ? driveIdIn(row.link) : '', pdfId: row ? driveIdIn(row.pdfLink) : '', resumed: row !== null && driveIdIn(row.link) !== '',
      merge, outcome: 'In progress', error: '',
    };
    const certificate = trainingId ? offered.find((candidate) => candidate.trainingId === trainingId) : undefined;
    if (!merge) {
      item.outcome = 'Failed';
      item.error = trainingId
        ? `${trainingId} is no longer in the Training Log for ${data.names.get(staffId) ?? staffId}: it was deleted or given to someone else.`
        : `${staffId} is no longer in the Staff tab.`;
    } else if (trainingId && (!certificate || certificate.problem)) {
      // Changed since the job started: no longer completed and internal, or a facilitator or hours went blank.
      item.outcome = 'Failed';
      item.error = certificate ? certificate.problem : `${trainingId} no longer has Internal training and Completed both "Yes" in the Training Log, so no certificate is made for it.`;
    } else {
      const missing = missingRequired(job.template, merge);
      if (missing.length) {
        const staffRow = staffRecord(data, staffId)?.row ?? 0;
        item.outcome = 'Failed';
        item.error = `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} blank for ${data.names.get(staffId) ?? staffId} (Staff tab, row ${staffRow}). Fill ${missing.length === 1 ? 'it' : 'them'} in and generate again.`;
      }
    }
    work.push(item);
  }
  return { work, claimed };
}

/** Copies, fills and exports one document; a resumed row first checks what already exists. */
function makeDocument(job: DocumentJob, data: TrackerData, template: DocsDocumentJson, item: Work): void {
  const merge = item.merge as MergeValues;
  const name = renderFileName(job.options.fileNamePattern, merge);
  const siteId = refId(staffRecord(data, item.staffId)?.values.site ?? null);
  const folderId = job.folders[siteId] || job.folders[''];
  let filledFrom: DocsDocumentJson | null = template;
  if (item.resumed) {
    const state = fileState(item.docId);
    if (state && state.trashed) item.docId = generateFileIds(1)[0];
    else if (state) {
      // The copy exists: untouched or completely filled (batchUpdate is atomic); never fill it twice.
      const current = readDocument(item.docId);
      filledFrom = needsMerge(current, template, merge) ? current : null;
    }
    if (!state || state.trashed) copyDocument(job.template.docId, item.docId, name, folderId);
  } else {
    copyDocument(job.template.docId, item.docId, name, folderId);
  }
  if (filledFrom) {
    const plan = planMerge(filledFrom, merge);
    if (plan.unresolved.length) throw new Error(`the template has placeholders that cannot be filled: ${plan.unresolved.join(', ')}`);
    updateDocument(item.docId, plan.requests);
  }
  if (item.pdfId) {
    const pdfState = item.resumed ? fileState(item.pdfId) : null;
    if (pdfState && pdfState.trashed) item.pdfId = generateFileIds(1)[0];
    if (!pdfState || pdfState.trashed) savePdf(item.docId, item.pdfId, name, folderId);
  }
}

/**
 * Writes the chunk's Documents rows by their DOC- IDs, wherever sorting or inserting has put them
 * (keyed-write.ts): a row the chunk takes over gets only the cells that change, new rows are added
 * below the last row in one call. Only ROSE Tracker's columns are written; a coordinator's own
 * columns beside the log stay as they are.
 */
function writeRows(job: DocumentJob, data: TrackerData, work: Work[], final: boolean, madeAt?: Date): void {
  const { documentsColumns: col, documentsGrid: grid, documentsSheet: sheet } = data;
  const log = documentsTable(grid, data.store.timeZone);
  const writes: RowWrite[] = [];
  const added: NewRow[] = [];
  for (const item of work) {
    const known = item.index < log.records.length;
    const created = known ? log.records[item.index].values.created : null;
    const keepLinks = item.outcome !== 'Queued' || item.resumed;
    const cells: Partial<Record<ColumnKey<'Documents'>, Plain | Date>> = {
      id: item.rowId,
      template: templateLabel(job.template),
      staff: label(item.staffId, String(staffRecord(data, item.staffId)?.values.fullName ?? '')),
      link: item.docId && keepLinks ? docLink(item.docId) : '',
      pdfLink: item.pdfId && keepLinks ? fileLink(item.pdfId) : '',
      createdBy: job.startedBy,
      status: item.outcome,
      error: item.error,
      ...(item.trainingId ? { training: label(item.trainingId, data.names.get(item.trainingId) ?? '') } : {}),
    };
    // Created says when the document was made; a row taken over keeps its date until then.
    if (final && item.outcome === 'Done') cells.created = madeAt ?? new Date();
    else if (created === '' || created === null || created === undefined) cells.created = new Date();
    if (known) writes.push({ index: item.index, cells });
    else added.push(cells);
    // Keep the job's view of the tab in step with what is written.
    const width = grid[0].length;
    while (grid.length - 1 <= item.index) grid.push(new Array<unknown>(width).fill(''));
    for (const key of Object.keys(cells) as ColumnKey<'Documents'>[]) grid[item.index + 1][col[key]] = cells[key];
  }
  writeByRow(sheet, tabSpec('Documents'), log, writes, data.store.timeZone, added);
  data.rows = documentRows(documentsTable(grid, data.store.timeZone).records.map((r) => r.values));
}

/**
 * A contract moves to Drafted; a job description's link goes in the Staff row. Only the cells of the
 * people this chunk changed are written, found by Staff ID wherever a sort or insert has put them,
 * and only while a cell still holds what the chunk read: a coordinator's "Ended" typed meanwhile stays.
 */
function updateStaff(job: DocumentJob, data: TrackerData, work: Work[]): void {
  if (!data.store.sheet('Staff')) return;
  const writes: RowWrite[] = [];
  for (const item of work) {
    if (item.outcome !== 'Done') continue;
    const index = data.staff.records.findIndex((record) => refId(record.values.id) === item.staffId);
    if (index < 0) continue;
    const values = data.staff.records[index].values;
    const update = staffUpdate(job.template.kind, String(values.contractStatus ?? ''), docLink(item.docId));
    const cells: Record<string, Plain> = {};
    const guarded: Record<string, Plain> = {};
    for (const key of ['contractStatus', 'jobDescriptionLink'] as const) {
      const value = update[key];
      if (!value || data.staff.columnOf[key] === undefined) continue;
      cells[key] = value;
      guarded[key] = values[key];
    }
    if (Object.keys(cells).length) writes.push({ index, cells, guarded });
  }
  if (!writes.length) return;
  data.store.writeRows('Staff', writes);
  data.store.changed('Staff');
}

/** The template cannot be opened: every person left gets a Failed row saying why, in one write. */
function failEveryone(job: DocumentJob, data: TrackerData, properties: GoogleAppsScript.Properties.Properties, message: string): JobProgress {
  const { work } = pickChunk(job, data, Infinity, 1, new Date().getTime());
  for (const item of work) {
    item.outcome = 'Failed';
    item.error = message;
  }
  if (work.length) writeRows(job, data, work, true);
  job.state = 'done';
  job.message = message;
  job.cursor = job.staffIds.length;
  saveJob(properties, job);
  return progressOf(job, data.rows, data.names);
}

// ---- the rest of the sidebar's calls ----------------------------------------------------------------

export function jobProgress(jobId: string): JobProgress {
  const { all } = userStore();
  const job = loadJob(all, String(jobId));
  if (!job) throw new Error('That document job no longer exists: start it again from the sidebar.');
  const data = readTracker(TrackerStore.open());
  return progressOf(job, data.rows, data.names);
}

export function cancelJob(jobId: string): JobProgress {
  const { properties, all } = userStore();
  const job = loadJob(all, String(jobId));
  if (!job) throw new Error('That document job no longer exists.');
  if (job.state === 'running' || job.state === 'paused') {
    job.state = 'cancelled';
    job.message = 'Stopped. Documents already made are kept; people not reached yet can be generated later without duplicates.';
    saveJob(properties, job);
  }
  const data = readTracker(TrackerStore.open());
  return progressOf(job, data.rows, data.names);
}

/** Unfinished jobs of this user for the open tracker, so the sidebar can offer to resume them. */
export function unfinishedJobs(spreadsheetId: string): UnfinishedJob[] {
  return openJobs(userStore().all, spreadsheetId).map((job) => ({ jobId: job.id, templateName: job.template.name, state: job.state, total: job.staffIds.length }));
}

/**
 * The hourly/daily backstop: continues this user's unfinished jobs for `spreadsheet` one chunk
 * each, so a job whose sidebar was closed still finishes. Errors are kept in the job's message
 * and the first one is thrown after every job had its turn.
 */
export function runBackstop(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): JobProgress[] {
  const results: JobProgress[] = [];
  let firstError: unknown = null;
  for (const job of openJobs(userStore().all, spreadsheet.getId())) {
    try {
      results.push(runChunk(job.id, spreadsheet));
    } catch (error) {
      if (isTimeOut(errorText(error))) throw error;
      firstError = firstError ?? error;
    }
  }
  if (firstError) throw firstError;
  return results;
}

/** One person's document as it would read, filled from their rows, without making anything. */
export function preview(templateId: string, staffId: string): PreviewResult {
  const template = readRegistry().find((entry) => entry.id === String(templateId));
  const empty: PreviewResult = { ok: false, templateName: '', personName: '', fileName: '', paragraphs: [], missing: [], problems: [], message: '' };
  if (!template) return { ...empty, message: 'That template is not installed: choose ROSE Tracker → Install document templates.' };
  let document: DocsDocumentJson;
  try {
    document = readDocument(template.docId);
  } catch (error) {
    return { ...empty, templateName: template.name, message: templateUnreachable(template.name, error, template) };
  }
  const data = readTracker(TrackerStore.open());
  // A certificate is about a training: preview the person's first one that earns a certificate.
  let trainingId = '';
  if (template.kind === 'certificate') {
    const first = certificateItems(data.trainings, data.names, isoDateIn(new Date(), data.store.timeZone), data.store.timeZone).find((item) => item.staffId === String(staffId));
    if (!first) return { ...empty, templateName: template.name, personName: data.names.get(String(staffId)) ?? String(staffId), message: `${data.names.get(String(staffId)) ?? String(staffId)} has no completed internal training in the Training Log (Internal training and Completed both "Yes"), so no certificate is made for them.` };
    trainingId = first.trainingId;
  }
  const merge = mergeFor(data, String(staffId), trainingId);
  if (!merge) return { ...empty, templateName: template.name, message: `No one in the Staff tab has the ID ${String(staffId)}.` };
  const problems = problemsOf(checkPlaceholders(document));
  const missing = missingRequired(template, merge);
  return {
    ok: problems.length === 0 && missing.length === 0, templateName: template.name, personName: data.names.get(String(staffId)) ?? String(staffId),
    fileName: renderFileName(template.fileName, merge), paragraphs: problems.length ? [] : mergedParagraphs(document, merge), missing, problems,
    message: missing.length ? `Blank for this person: ${missing.join(', ')}.` : '',
  };
}
