// The row a survey writes to its target tab: the columns (Survey Responses: the schema's, then one per answer, then scores and bands), one submission's record, and reading a stored row back.
import { SUBMITTED_SOURCE, WAVES, answerFields, itemWithRole, type AnswerField, type ItemRole, type SurveyDefinition, type Wave } from './definition';
import { answerTitle, keepAsText, splitCheckboxAnswer, type NormalizedSubmission } from './normalize';
import type { Answer, Answers, ScoredResponse } from './scoring';
import { column, headerOf, tabSpec, type ColumnKey } from '../tracker/schema';
import { plainCell, type Plain } from '../tracker/table';
import { isIsoDate, isoDateIn } from '../core/dates';

/** A value intake writes: text and numbers, and a Date for an intake tab's date column. */
export type CellInput = string | number | Date;

/** A Survey Responses row as header → cell: its answer, score and band columns are the survey's, not the schema's. */
export type ResponseRecord = Readonly<Record<string, Plain>>;

/** Leading columns of the Survey Responses tab, in order: the schema's columns of that tab. */
export const SURVEY_RESPONSE_COLUMNS: readonly string[] = tabSpec('Survey Responses').columns.map((c) => c.header);

// Role items already have a leading column; repeating them would only give two places to edit one fact.
const LEADING_ROLES: readonly ItemRole[] = ['wave', 'site', 'participantCode'];
/** The leading column that holds a role item's answer as typed (the wave is stored as its key instead). */
const ROLE_COLUMNS: readonly [ItemRole, ColumnKey<'Survey Responses'>][] = [['site', 'site'], ['participantCode', 'participantCode']];

function readable(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 59).trimEnd()}…` : oneLine;
}

/** The header of an answer's column: its id, a middle dot, and the question as staff read it. */
export function itemHeader(field: AnswerField): string {
  return `${field.id} · ${readable(answerTitle(field))}`;
}

/** The headers of a scale's score and band columns; the id in brackets keeps them findable if the title changes. */
export function scaleHeaders(scale: { id: string; title: string }): { score: string; band: string } {
  const title = readable(scale.title);
  return { score: `Score: ${title} [${scale.id}]`, band: `Band: ${title} [${scale.id}]` };
}

/** The item id at the start of an answer column's header ("role_clarity_1 · I know …"), or null. */
export function itemIdFromHeader(header: string): string | null {
  const match = /^([a-z][a-z0-9_]*)(?:\s+·.*)?$/.exec(String(header).trim());
  return match ? match[1] : null;
}

/** The scale id of a "Score: … [id]" or "Band: … [id]" header, or null. */
export function scaleIdFromHeader(header: string): { scaleId: string; kind: 'score' | 'band' } | null {
  const match = /^(Score|Band): .*\[([a-z][a-z0-9_]*)\]$/.exec(String(header).trim());
  if (!match) return null;
  return { scaleId: match[2], kind: match[1] === 'Score' ? 'score' : 'band' };
}

function storedFields(definition: SurveyDefinition): AnswerField[] {
  return answerFields(definition).filter((field) => !field.item.role || LEADING_ROLES.indexOf(field.item.role) < 0);
}

/**
 * The headers of the rows a survey writes to its target tab. Survey Responses: the schema's columns
 * (ID, Submitted, Survey, …, Submission key), one column per answer ("id · question"), then a Score
 * and a Band column per scale. Intake forms: the mapped columns in form order, the fixed new-row
 * columns, and Submission key.
 * Find columns by itemIdFromHeader / scaleIdFromHeader, not by the full text: wording may change.
 */
export function surveyColumns(definition: SurveyDefinition): string[] {
  if (!definition.mapping) {
    const columns: string[] = [...SURVEY_RESPONSE_COLUMNS];
    for (const field of storedFields(definition)) columns.push(itemHeader(field));
    for (const scale of definition.scales) {
      const headers = scaleHeaders(scale);
      columns.push(headers.score);
      if (scale.cutPoints.length > 0) columns.push(headers.band);
    }
    return columns;
  }
  const mapping = definition.mapping;
  const columns: string[] = [];
  for (const field of answerFields(definition)) if (mapping[field.id]) columns.push(mapping[field.id]);
  if (mapping[SUBMITTED_SOURCE]) columns.push(mapping[SUBMITTED_SOURCE]);
  for (const header of Object.keys(definition.newRowValues || {})) columns.push(header);
  columns.push(headerOf(definition.targetTab, 'submissionKey'));
  return columns;
}

/** Every column intake fills on the target tab: the survey's columns and, on an intake tab, its Flags. */
export function targetColumns(definition: SurveyDefinition): string[] {
  const columns = surveyColumns(definition);
  // Survey Responses has Flags among its leading columns already.
  if (definition.mapping) columns.push(headerOf(definition.targetTab, 'flags'));
  return columns;
}

/** An answer as a cell value: checked boxes joined the way Forms joins them, nothing as ''. */
function cellValue(answer: Answer | undefined): string | number {
  if (answer === null || answer === undefined) return '';
  if (Array.isArray(answer)) return answer.join(', ');
  return answer;
}

function safe(value: string | number): string | number {
  return typeof value === 'string' ? keepAsText(value) : value;
}

/**
 * One answer's cell: a date answer read as a day (yyyy-mm-dd) is written bare, so that Sheets stores it
 * as that date in any locale; everything else a person typed is kept as text (keepAsText).
 */
function answerCell(field: AnswerField, answer: Answer | undefined): string | number {
  if (field.item.type === 'date' && isIsoDate(answer)) return answer;
  return safe(cellValue(answer));
}

/**
 * The survey's columns for one normalized, scored submission, as header → value (strings and numbers
 * only, every string safe to write). `id` fills the ID column of Survey Responses; intake tabs get
 * their ID from the tracker. `timeZone` is the tracker's: an anonymous row keeps the day it was sent there.
 */
export function surveyRecord(
  definition: SurveyDefinition,
  submission: NormalizedSubmission,
  scored: ScoredResponse,
  options: { timeZone: string; id?: string },
): Record<string, string | number> {
  const record: Record<string, string | number> = {};
  if (definition.mapping) {
    const mapping = definition.mapping;
    for (const field of answerFields(definition)) {
      if (mapping[field.id]) record[mapping[field.id]] = answerCell(field, submission.answers[field.id]);
    }
    if (mapping[SUBMITTED_SOURCE]) record[mapping[SUBMITTED_SOURCE]] = submission.submitted;
    const fixed = definition.newRowValues || {};
    for (const header of Object.keys(fixed)) record[header] = safe(fixed[header]);
    record[headerOf(definition.targetTab, 'submissionKey')] = submission.key || '';
    return record;
  }
  // Typed by the schema's keys: a leading column the schema adds or drops does not compile until it is laid out here.
  const leading: Record<ColumnKey<'Survey Responses'>, string | number> = {
    id: options.id || '',
    // An anonymous row keeps only the day: a time to the second, next to a site, could point to whoever
    // was seen filling in the form. The day is enough for the report (the latest answer of a code wins).
    submitted: definition.anonymous ? isoDateIn(new Date(submission.submitted), options.timeZone) : submission.submitted,
    survey: definition.id,
    surveyVersion: definition.version,
    wave: submission.wave ? waveLabel(submission.wave) : '',
    site: safe(submission.site || ''),
    participantCode: safe(submission.participantCode || ''),
    flags: safe(submission.flags.join(' ')),
    submissionKey: submission.key || '',
  };
  for (const column of tabSpec('Survey Responses').columns) record[column.header] = leading[column.key as ColumnKey<'Survey Responses'>];
  for (const field of storedFields(definition)) record[itemHeader(field)] = answerCell(field, submission.answers[field.id]);
  for (const scale of definition.scales) {
    const headers = scaleHeaders(scale);
    const score = scored.scores[scale.id];
    record[headers.score] = score === null ? '' : score;
    if (scale.cutPoints.length > 0) record[headers.band] = scored.bands[scale.id] || '';
  }
  return record;
}

/**
 * Everything intake writes for one submission (the columns of targetColumns): the survey's record and,
 * on an intake tab, the moment of submission as a date cell and the flags a coordinator should check.
 */
export function targetRecord(
  definition: SurveyDefinition,
  submission: NormalizedSubmission,
  scored: ScoredResponse,
  options: { timeZone: string; id?: string },
): Record<string, CellInput> {
  const record: Record<string, CellInput> = surveyRecord(definition, submission, scored, options);
  if (!definition.mapping) return record;
  // The moment of submission is a date cell, not the text of an instant.
  const submittedHeader = definition.mapping[SUBMITTED_SOURCE];
  if (submittedHeader) record[submittedHeader] = new Date(submission.submitted);
  record[headerOf(definition.targetTab, 'flags')] = keepAsText(submission.flags.join(' '));
  return record;
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

/**
 * The Survey Responses tab read back: its headers, and each row as header → cell (the first column of a
 * header wins; text trimmed, blank cells null, as the tracker's table reader gives them). The table
 * reader keeps only the schema's columns, and a survey's answer, score and band columns are not among them.
 */
export function responseRecords(headerRow: readonly Plain[], rows: readonly (readonly Plain[])[]): { headers: string[]; records: ResponseRecord[] } {
  const headers = headerRow.map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  const records = rows.map((row) => {
    const record: Record<string, Plain> = {};
    headers.forEach((header, i) => { if (header && !(header in record)) record[header] = plainCell(row[i]); });
    return record;
  });
  return { headers, records };
}

/** One of the schema's Survey Responses columns in a row read back, found by the header the schema gives it. */
export function responseValue(record: ResponseRecord, key: ColumnKey<'Survey Responses'>): Plain {
  return record[headerOf('Survey Responses', key)] ?? null;
}

/**
 * Reads a Survey Responses row (header → cell value, as responseRecords gives it) back into answers,
 * e.g. to score again after a scale changes. Unknown columns are ignored.
 */
export function answersFromRecord(definition: SurveyDefinition, record: ResponseRecord): Answers {
  const fields = new Map<string, AnswerField>();
  for (const field of answerFields(definition)) fields.set(field.id, field);
  const answers: Answers = {};
  for (const field of fields.values()) answers[field.id] = null;
  for (const header of Object.keys(record)) {
    const id = itemIdFromHeader(header);
    const field = id === null ? undefined : fields.get(id);
    if (field) answers[field.id] = cellAnswer(field, record[header]);
  }
  for (const [role, key] of ROLE_COLUMNS) {
    const item = itemWithRole(definition, role);
    const header = headerOf('Survey Responses', key);
    if (item && record[header] !== undefined) answers[item.id] = cellAnswer({ id: item.id, item }, record[header]);
  }
  const waveItem = itemWithRole(definition, 'wave');
  if (waveItem && waveItem.type === 'choice' && waveItem.optionKeys) {
    const index = waveItem.optionKeys.indexOf(waveKey(String(responseValue(record, 'wave') || '')) ?? '');
    if (index >= 0) answers[waveItem.id] = waveItem.options[index];
  }
  return answers;
}

/** The Wave column shows its dropdown's words (the schema's choices, Baseline and Follow-up, in WAVES order); code keeps the wave's key. */
export function waveLabel(wave: Wave): string {
  return column('Survey Responses', 'wave').choices?.[WAVES.indexOf(wave)] ?? wave;
}

/** A Wave cell as its key, whether it holds the dropdown's word or the key an older version wrote. */
export function waveKey(text: string): Wave | null {
  const key = text.trim().toLowerCase();
  return (WAVES as readonly string[]).indexOf(key) >= 0 ? (key as Wave) : null;
}

// Date cells arrive as days already: the tracker's reader reads them in the tracker's time zone.
function cellAnswer(field: AnswerField, value: Plain | undefined): Answer {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value;
  const text = String(value);
  if (field.item.type === 'checkbox') return splitCheckboxAnswer(text, field.item.options);
  return text;
}
