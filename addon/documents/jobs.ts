// Pure logic of a document-generation job: what each person's state is (read back from the Documents tab), what the next chunk does, file names, and Staff updates.
//
// The Documents tab is the job's memory: every document has one row, written 'In progress' with
// its pre-generated Drive IDs BEFORE the copy is made, so a run cut off at any point leaves a row
// the next run finishes instead of making a second document.

import { findPlaceholders } from './merge';
import type { MergeValues } from './fields';
import type { DocumentOutput, JobOptions, JobProgress, JobState, PersonResult, TemplateProblem } from './types';
import { suggestField, MERGE_FIELD_NAMES } from './fields';
import { label, refId, type RowValues } from '../tracker/table';
import type { ColumnKey } from '../tracker/schema';

/** The part of a registered template a job needs, copied into the job so a backstop run needs nothing else. */
export interface JobTemplate {
  id: string;
  name: string;
  kind: string;
  docId: string;
  fileName: string;
  requires: string[];
}

export interface DocumentJob {
  id: string;
  spreadsheetId: string;
  template: JobTemplate;
  /** The person of each item; a certificate job may name one person for several trainings. */
  staffIds: string[];
  /** A certificate job: the Training Log row of each item, beside staffIds. Absent for documents about a person. */
  trainingIds?: string[];
  options: JobOptions;
  /** Highest Documents row number when the job started: rows above it were made by this job (or after it). */
  firstRowNumber: number;
  /** Index of the first person not finished yet (an optimization: the tab is the truth). */
  cursor: number;
  state: JobState;
  /** yyyy-mm-dd: the daily documents quota ran out; nothing is tried before this day. */
  pausedUntil: string;
  message: string;
  startedBy: string;
  /** Drive folder per site ID ('' for people without a site), or the one folder under ''. */
  folders: Record<string, string>;
  /** IDs of rows from earlier runs this job took over to finish (their documents are reused). */
  adopted: string[];
}

/** A Documents row as the job reads it. */
export interface DocumentRow {
  /** 0-based index among the tab's data rows. */
  index: number;
  number: number;
  id: string;
  templateId: string;
  staffId: string;
  link: string;
  pdfLink: string;
  status: string;
  error: string;
  /** Who generated it (Created by). */
  createdBy: string;
  /** For a certificate: the Training Log row it is for. */
  trainingId: string;
  /** A row that records an email sent (or being sent) rather than a document made. */
  sentTo: string;
}

/** The Documents status of a reference letter drafted from a request, for the Systems Navigator to review. */
export const DRAFT_STATUS = 'Draft — review before sending';

/** What one item of a job is about: the Training Log row for a certificate, else the person. */
export function itemKey(job: Pick<DocumentJob, 'staffIds' | 'trainingIds'>, index: number): string {
  return job.trainingIds ? job.trainingIds[index] : job.staffIds[index];
}

/** The key a Documents row is found by for its job: its training for a certificate, else its person. */
export function rowKey(row: DocumentRow): string {
  return row.trainingId || row.staffId;
}

export const DOC_PREFIX = 'DOC';

/**
 * Modelled cost of one document (ledger table: copy 3.6 s, batchUpdate 1.5 s, export 2.5 s,
 * create 1.5 s) and the share of the 6-minute limit one chunk may use: a chunk stays around two
 * minutes, far from the limit even when Google is slow.
 */
export const CHUNK_BUDGET_MS = 120 * 1000;
export const DOC_COST_MS = 3600 + 1500;
export const PDF_COST_MS = 2500 + 1500;
/** Stop taking new people once a chunk has really run this long (Apps Script's clock). */
export const CHUNK_WALL_MS = 4 * 60 * 1000;

export function chunkSize(output: DocumentOutput): number {
  const perDocument = DOC_COST_MS + (output === 'doc' ? 0 : PDF_COST_MS);
  return Math.max(1, Math.floor(CHUNK_BUDGET_MS / perDocument));
}

/** Docs API: 60 write requests a minute per user per project (developers.google.com/workspace/docs/api/limits); each document is one write (its batchUpdate). */
export const DOCS_WRITES_PER_MINUTE = 60;
/**
 * google.script.run runs at most 10 calls of a page at once (FACTS, HtmlService guides), well
 * inside Apps Script's 30 simultaneous executions per user (developers.google.com/apps-script/
 * guides/services/quotas).
 */
export const MAX_LANES = 10;

/**
 * How many chunks the sidebar runs at once: as many as keep one document's batchUpdate per
 * modelled document time at or just under the Docs write quota (with PDF 9 lanes of 9.1 s a
 * document ≈ 59 writes a minute). When Google is faster than modelled, the 429s that follow are
 * waited out (google.ts withBackOff).
 */
export function lanesFor(output: DocumentOutput): number {
  const perDocument = DOC_COST_MS + (output === 'doc' ? 0 : PDF_COST_MS);
  return Math.max(1, Math.min(MAX_LANES, Math.floor((DOCS_WRITES_PER_MINUTE * perDocument) / 60_000)));
}

/** How many people one lane takes: its share of the job's people left, at most a chunk. */
export function shareFor(left: number, lanes: number, size: number): number {
  return Math.min(size, Math.max(1, Math.ceil(left / Math.max(1, lanes))));
}

/**
 * A row 'In progress' is claimed by the run making it until its execution cannot be alive any
 * more: Apps Script stops every execution at 6 minutes (quotas page), so a claim lasts 6 minutes
 * from the start of the run that made it. The claim is written in the row's Error cell, so the
 * Documents log alone says who is making what, for every coordinator and every run context.
 */
export const CLAIM_MS = 6 * 60 * 1000;

export function claimNote(by: string, untilMs: number): string {
  return `Being made by ${by || 'another run'}; if it is still In progress after ${new Date(untilMs).toISOString()}, generate again to finish it.`;
}

/** When a row's claim ends (ms), or 0 when it has none. */
export function claimUntil(error: string): number {
  const match = /In progress after (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)/.exec(error);
  return match ? new Date(match[1]).getTime() : 0;
}

/** A row another run is making right now: leave it to that run. */
export function claimedElsewhere(row: DocumentRow | null | undefined, nowMs: number): boolean {
  return !!row && row.status === 'In progress' && claimUntil(row.error) > nowMs;
}

export function wantsPdf(output: DocumentOutput): boolean {
  return output === 'pdf' || output === 'both';
}

export function docLink(id: string): string {
  return `https://docs.google.com/document/d/${id}/edit`;
}

export function fileLink(id: string): string {
  return `https://drive.google.com/file/d/${id}/view`;
}

/** The Drive ID in a Docs, Drive or folder link, or the text itself when it already is an ID. */
export function driveIdIn(text: string): string {
  const trimmed = text.trim();
  const match = /\/d\/([\w-]{10,})/.exec(trimmed) || /\/folders\/([\w-]{10,})/.exec(trimmed) || /[?&]id=([\w-]{10,})/.exec(trimmed);
  if (match) return match[1];
  return /^[\w-]{10,}$/.test(trimmed) ? trimmed : '';
}

export function rowNumber(id: string): number {
  const match = new RegExp(`^${DOC_PREFIX}-(\\d+)$`).exec(id);
  return match ? Number(match[1]) : 0;
}

export function templateLabel(template: { id: string; name: string }): string {
  return label(template.id, template.name);
}

/** Reads the Documents tab's rows (by column key) into DocumentRows. */
export function documentRows(records: readonly RowValues<'Documents'>[]): DocumentRow[] {
  return records.map((values, index) => {
    const text = (key: ColumnKey<'Documents'>): string => {
      const value = values[key];
      return value === null || value === undefined ? '' : String(value).trim();
    };
    const id = text('id');
    return {
      index, number: rowNumber(id), id, templateId: refId(text('template')), staffId: refId(text('staff')),
      link: text('link'), pdfLink: text('pdfLink'), status: text('status'), error: text('error'), createdBy: text('createdBy'),
      trainingId: refId(text('training')), sentTo: text('sentTo'),
    };
  });
}

/**
 * The latest row for each item of one template (highest row number, else lowest in the tab), keyed
 * by rowKey: the person, or the training for a certificate. Rows that record an email, and drafts
 * made from a request, are not documents a job makes, so they are left out.
 */
export function latestRows(rows: readonly DocumentRow[], templateId: string): Map<string, DocumentRow> {
  const latest = new Map<string, DocumentRow>();
  for (const row of rows) {
    if (row.templateId !== templateId || !row.staffId || row.sentTo || row.status === DRAFT_STATUS) continue;
    const key = rowKey(row);
    const before = latest.get(key);
    if (!before || row.number > before.number || (row.number === before.number && row.index > before.index)) latest.set(key, row);
  }
  return latest;
}

export type ItemState =
  | { kind: 'finished'; row: DocumentRow | null; result: 'Done' | 'Failed' | 'Skipped' }
  /** Work to do: `row` is the row to finish (reused), or null for a new row. */
  | { kind: 'todo'; row: DocumentRow | null };

/**
 * Where one person stands in a job. A Done row from before the job means "already has one":
 * skipped unless regenerating. A row from this job that is Done, Failed or Skipped is finished.
 * Anything else (In progress, Queued, or a Failed row from an earlier run) is picked up again,
 * with its document, so nothing is made twice.
 */
export function itemState(job: Pick<DocumentJob, 'firstRowNumber' | 'options' | 'adopted' | 'startedBy'>, row: DocumentRow | undefined): ItemState {
  if (!row) return { kind: 'todo', row: null };
  // A row another coordinator made after this job started is theirs: it counts as "already has one".
  const byOther = !!job.startedBy && !!row.createdBy && row.createdBy !== job.startedBy;
  const ours = (row.number > job.firstRowNumber && !byOther) || (job.adopted ?? []).indexOf(row.id) >= 0;
  if (row.status === 'Done') {
    if (ours) return { kind: 'finished', row, result: 'Done' };
    return job.options.regenerate ? { kind: 'todo', row: null } : { kind: 'finished', row, result: 'Skipped' };
  }
  if (ours && (row.status === 'Failed' || row.status === 'Skipped')) return { kind: 'finished', row, result: row.status };
  return { kind: 'todo', row };
}

/** A file name from a pattern with {{fields}}; characters Drive users trip over are replaced. */
export function renderFileName(pattern: string, merge: MergeValues): string {
  // Built piece by piece from the pattern, so a value holding "{{…}}" is never read as a placeholder.
  let name = '';
  let last = 0;
  for (const placeholder of findPlaceholders(pattern)) {
    name += pattern.slice(last, placeholder.from) + (merge.values[placeholder.name] ?? '');
    last = placeholder.to;
  }
  name += pattern.slice(last);
  return name.replace(/[\\/:*?"<>|\n\r\t]+/g, '-').replace(/\s+/g, ' ').trim() || 'Document';
}

/** Unknown fields in a file-name pattern, each with the field it most likely meant. */
export function fileNameProblems(pattern: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const placeholder of findPlaceholders(pattern)) {
    if (placeholder.kind === 'field' && MERGE_FIELD_NAMES.includes(placeholder.name)) continue;
    const suggestion = placeholder.kind === 'field' ? suggestField(placeholder.name) ?? '' : '';
    problems.push({
      placeholder: placeholder.raw,
      message: `The file name uses ${placeholder.raw}, which is not a field${suggestion ? ` — did you mean {{${suggestion}}}?` : '.'}`,
      suggestion,
    });
  }
  return problems;
}

/** Staff columns to update after documents are made: a contract moves None/blank → Drafted; a job description's link is kept. */
export function staffUpdate(templateKind: string, contractStatus: string, docUrl: string): { contractStatus?: string; jobDescriptionLink?: string } {
  if (templateKind === 'contract') return contractStatus === '' || contractStatus === 'None' ? { contractStatus: 'Drafted' } : {};
  if (templateKind === 'job-description') return { jobDescriptionLink: docUrl };
  return {};
}

/** Progress for the sidebar, read from the job and its rows. */
export function progressOf(job: DocumentJob, rows: readonly DocumentRow[], names: Map<string, string>): JobProgress {
  const latest = latestRows(rows, job.template.id);
  const results: PersonResult[] = [];
  let done = 0;
  let failed = 0;
  let skipped = 0;
  let current = '';
  job.staffIds.forEach((staffId, index) => {
    const trainingId = job.trainingIds ? job.trainingIds[index] : '';
    const row = latest.get(itemKey(job, index));
    const state = itemState(job, row);
    const name = (names.get(staffId) ?? staffId) + (trainingId ? ` (${names.get(trainingId) ?? trainingId})` : '');
    if (state.kind === 'finished') {
      if (state.result === 'Done') done += 1;
      else if (state.result === 'Failed') failed += 1;
      else skipped += 1;
      results.push({
        staffId, ...(trainingId ? { trainingId } : {}), ...(state.result === 'Done' && state.row ? { documentId: state.row.id } : {}), name, status: state.result, link: state.row?.link ?? '', pdfLink: state.row?.pdfLink ?? '',
        error: state.result === 'Skipped' && state.row?.status === 'Done' ? 'Already has one (choose Regenerate to make another).' : state.row?.error ?? '',
      });
    } else {
      if (!current) current = name;
      results.push({ staffId, ...(trainingId ? { trainingId } : {}), name, status: row && row.status === 'In progress' ? 'In progress' : 'Queued', link: '', pdfLink: '', error: row?.error ?? '' });
    }
  });
  return {
    jobId: job.id, state: job.state, templateName: job.template.name, total: job.staffIds.length,
    finished: done + failed + skipped, done, failed, skipped, current, message: job.message, results,
    lanes: lanesFor(job.options.output), handed: 0,
  };
}

/** Apps Script's daily-quota error for creating documents. */
export function isDailyQuotaError(message: string): boolean {
  return /too many times for one day/i.test(message);
}

/**
 * A per-minute rate limit, worth waiting out: Drive's 403 "User Rate Limit Exceeded"
 * (userRateLimitExceeded) or 429 "Rate Limit Exceeded" / "Too many requests"
 * (developers.google.com/drive/api/guides/handle-errors), the Docs API's 429 "Quota exceeded for
 * quota metric … per minute" (developers.google.com/workspace/docs/api/limits). Not the daily quota.
 */
export function isRateLimited(message: string): boolean {
  return /user rate limit exceeded|userRateLimitExceeded|rate ?limit ?exceeded|too many requests|quota exceeded for quota metric '[^']*' and limit '[^']*per minute/i.test(message);
}

/** Apps Script's time-out cannot be caught in production; treat it as the end of this execution everywhere. */
export function isTimeOut(message: string): boolean {
  return /Exceeded maximum execution time/i.test(message);
}

/** An error's message without a trailing full stop, so it can sit inside a sentence. Errors may come from another realm, so no instanceof. */
export function errorText(error: unknown): string {
  const message = error !== null && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  return message.replace(/\.+$/, '');
}
