// Reading one Google Forms submission: which survey it answers, its answers by item id, plain-word flags, and its key against repeated deliveries.
import {
  AnswerField,
  ChoiceItem,
  OptionsSource,
  SurveyDefinition,
  SurveyItem,
  Wave,
  answerFields,
  itemWithRole,
} from './definition';
import { Answer, Answers } from './scoring';
import { isDate, isoDateFromParts } from '../core/dates';

/** What the spreadsheet's form-submit trigger gives: answers keyed by question title, and when. */
export interface FormSubmission {
  namedValues: Record<string, string[]>;
  timestamp: Date;
}

export interface NormalizeOptions {
  /** The tracker's current lists, for items whose options come from it; without them any answer is accepted. */
  lists?: Partial<Record<OptionsSource, string[]>>;
  /** How the response sheet writes dates like 3/4/2025: month first (Google's US default) or day first. */
  dateOrder?: 'mdy' | 'dmy';
}

export interface NormalizedSubmission {
  /** Every answer field of the survey, by id: null when unanswered. Text is already safe to store in a Sheet. */
  answers: Answers;
  /** Problems worth a coordinator's look, in plain words. */
  flags: string[];
  /** The trigger's blank second firing: no answers at all. Store nothing. */
  blank: boolean;
  /** ISO time of the submission. */
  submitted: string;
  /** See submissionKey; null for a blank firing. */
  key: string | null;
  /** Values of the evaluation survey's role items (null when absent or unanswered). */
  wave: Wave | null;
  site: string | null;
  participantCode: string | null;
}

// Columns Google Forms adds to every response; they are not questions.
const FORM_COLUMNS = ['timestamp', 'email address', 'score'];

// ---------------------------------------------------------------------------------------------
// Safe text

const NUMBER = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

/**
 * Makes an answer safe from running as a formula: anything starting with =, +, - or @ (after any
 * leading spaces) gets a leading apostrophe, which Sheets hides and reads as "this is text". For
 * numeric items, `numeric: true` keeps plain numbers such as -5. Guarding twice changes nothing.
 * Answers keep their other text as typed; keepAsText makes the whole of it text when it is written.
 */
export function guardText(value: string, options?: { numeric?: boolean }): string {
  const trimmed = value.trim();
  if (!/^[=+\-@]/.test(trimmed)) return value;
  if (options && options.numeric && NUMBER.test(trimmed)) return value;
  return `'${value}`;
}

/** The words a spreadsheet reads as TRUE or FALSE in the locales a tracker may use (en, fr). */
const BOOLEAN_WORDS = /^(true|false|vrai|faux)$/i;

/**
 * Text as it must be written to stay that text. Sheets reads a string written by setValues or
 * appendRow as if a person typed it, in the spreadsheet's locale (Sheets API ValueInputOption,
 * USER_ENTERED): 3/4 and March 4 become dates, 10:30 a time, 1,5 a number in French Canada, TRUE a
 * boolean, =… a formula. Which strings each locale converts is not published, so any text with a
 * digit, a boolean word, or a leading =, +, -, @ or # gets a leading apostrophe (hidden by Sheets,
 * read as "this is text"); text without a digit is never a date, time or number. A value that starts
 * with an apostrophe is taken as guarded already, so keeping it twice changes nothing.
 */
export function keepAsText(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || value.charAt(0) === "'") return value;
  if (!/^[=+\-@#]/.test(trimmed) && !/\d/.test(trimmed) && !BOOLEAN_WORDS.test(trimmed)) return value;
  return `'${value}`;
}

// ---------------------------------------------------------------------------------------------
// Repeated deliveries

function isFormColumn(title: string): boolean {
  return FORM_COLUMNS.indexOf(title.trim().toLowerCase()) >= 0;
}

/** True for the blank second firing of the form-submit trigger: no question has any answer. */
export function isBlankSubmission(namedValues: Record<string, string[]>): boolean {
  for (const title of Object.keys(namedValues)) {
    if (isFormColumn(title)) continue;
    const values = namedValues[title] || [];
    if (values.some((value) => String(value).trim() !== '')) return false;
  }
  return true;
}

/**
 * A stable key for one submission: a 64-bit hash of its answers and its time to the second. The trigger
 * sometimes delivers a submission twice; the second delivery has the same key, so a row already holding
 * it is not written again. Returns null for a blank firing, which has nothing to store.
 * Forms' own Timestamp column is left out: the time comes from `timestamp`, truncated to whole seconds
 * because that is all the response sheet keeps.
 */
export function submissionKey(namedValues: Record<string, string[]>, timestamp: Date): string | null {
  if (isBlankSubmission(namedValues)) return null;
  const seconds = Math.floor(checkedTime(timestamp) / 1000);
  const titles = Object.keys(namedValues).filter((title) => !isFormColumn(title)).sort();
  const content = titles.map((title) => [title.trim(), (namedValues[title] || []).map((value) => String(value).trim())]);
  return `k1-${hash64(JSON.stringify([seconds, content]))}`;
}

function checkedTime(timestamp: Date): number {
  const time = isDate(timestamp) ? timestamp.getTime() : NaN;
  if (!Number.isFinite(time)) throw new Error('The form submission has no valid time: pass the trigger event\'s timestamp as a Date.');
  return time;
}

// Two 32-bit multiply–xorshift lanes with a final avalanche: plain arithmetic, so Node and Apps Script
// agree, and 64 bits keep accidental collisions negligible at the scale of a tracker (tens of thousands).
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  a = avalanche(a ^ text.length);
  b = avalanche(b ^ a);
  return hex32(a) + hex32(b);
}

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hex32(n: number): string {
  return ('00000000' + (n >>> 0).toString(16)).slice(-8);
}

// ---------------------------------------------------------------------------------------------
// Normalizing one submission

/**
 * The participant code in the form used for matching: upper case, without spaces, dashes, dots or
 * accents, so "ma 07-k2" and "MA07K2" are the same person.
 */
export function canonicalParticipantCode(code: string): string {
  return code
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '');
}

function quoteAnswer(value: string): string {
  const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `"${short.replace(/\s+/g, ' ')}"`;
}

/** Splits a checkbox answer that Forms joined with ", ", keeping options that contain commas whole. */
export function splitCheckboxAnswer(joined: string, options: string[]): string[] {
  const text = joined.trim();
  if (text === '') return [];
  const known = options.slice().sort((x, y) => y.length - x.length);
  const lower = text.toLowerCase();
  const memo = new Map<number, string[] | null>();
  // Reads from position `at`: a known option when one fits and leaves a readable rest, else text to the next ", ".
  const readFrom = (at: number): string[] | null => {
    if (at >= text.length) return [];
    if (memo.has(at)) return memo.get(at) as string[] | null;
    let result: string[] | null = null;
    for (const option of known) {
      const end = at + option.length;
      if (lower.startsWith(option.toLowerCase(), at) && (end === text.length || text.startsWith(', ', end))) {
        const rest = readFrom(end === text.length ? end : end + 2);
        if (rest) {
          result = [option, ...rest];
          break;
        }
      }
    }
    if (!result) {
      const comma = text.indexOf(', ', at);
      const end = comma < 0 ? text.length : comma;
      const rest = readFrom(comma < 0 ? end : end + 2);
      result = rest && [text.slice(at, end).trim(), ...rest];
    }
    memo.set(at, result);
    return result;
  };
  return (readFrom(0) || [text]).filter((piece) => piece !== '');
}

function matchOption(value: string, options: string[]): string | undefined {
  const wanted = value.trim().toLowerCase();
  return options.find((option) => option.toLowerCase() === wanted);
}

function optionsOf(item: SurveyItem, options: NormalizeOptions): string[] | null {
  if (item.type !== 'choice' && item.type !== 'checkbox') return null;
  if (!item.optionsFrom) return item.options;
  const list = options.lists && options.lists[item.optionsFrom];
  return list ? list : null;
}

/** A date answer as yyyy-mm-dd, or null when it cannot be read without guessing. */
export function readDateAnswer(value: string, order: 'mdy' | 'dmy' = 'mdy'): string | null {
  const text = value.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) return isoDateFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const slashed = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(text);
  if (!slashed) return null;
  const first = Number(slashed[1]);
  const second = Number(slashed[2]);
  return order === 'mdy' ? isoDateFromParts(Number(slashed[3]), first, second) : isoDateFromParts(Number(slashed[3]), second, first);
}

interface Reader {
  field: AnswerField;
  /** The title this answer arrives under in namedValues. */
  title: string;
}

/** The title an answer arrives under in namedValues: Google Forms names each grid row "Question title [Row label]". */
export function answerTitle(field: AnswerField): string {
  return field.row ? `${field.item.title} [${field.row.label}]` : field.item.title;
}

function readersFor(definition: SurveyDefinition): Reader[] {
  return answerFields(definition).map((field) => ({ field, title: answerTitle(field) }));
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
    const own = answerFields(definition).map((field) => answerTitle(field).trim().toLowerCase());
    const score = titles.filter((t) => own.indexOf(t) >= 0).length;
    if (score > bestScore) { best = definition; bestScore = score; }
  }
  return best;
}

/**
 * Turns one form submission into answers by item id, with flags for what a coordinator should check:
 * a missing required answer, an unreadable participant code (kept as typed), an answer that is not one
 * of the options (kept as typed), a question the survey does not know (not stored). Every text answer
 * is guarded so it can be written to a Sheet as is.
 */
export function normalizeSubmission(
  definition: SurveyDefinition,
  submission: FormSubmission,
  options: NormalizeOptions = {},
): NormalizedSubmission {
  const submitted = new Date(checkedTime(submission.timestamp)).toISOString();
  const namedValues = submission.namedValues || {};
  const readers = readersFor(definition);
  const answers: Answers = {};
  for (const reader of readers) answers[reader.field.id] = null;
  const blank = isBlankSubmission(namedValues);
  const result: NormalizedSubmission = {
    answers, flags: [], blank, submitted, key: null, wave: null, site: null, participantCode: null,
  };
  if (blank) return result;
  result.key = submissionKey(namedValues, submission.timestamp);

  // Titles are matched without regard to case or surrounding spaces: a coordinator tidying the form
  // should not cut answers off from their column.
  const byTitle = new Map<string, string[]>();
  for (const title of Object.keys(namedValues)) byTitle.set(title.trim().toLowerCase(), namedValues[title] || []);
  const known = new Set<string>();

  for (const reader of readers) {
    const titleKey = reader.title.trim().toLowerCase();
    known.add(titleKey);
    const values = byTitle.get(titleKey) || [];
    const raw = values.map((value) => String(value)).find((value) => value.trim() !== '') || '';
    answers[reader.field.id] = readAnswer(reader, raw, options, result.flags);
  }
  for (const title of Object.keys(namedValues)) {
    const titleKey = title.trim().toLowerCase();
    if (known.has(titleKey) || isFormColumn(title)) continue;
    if ((namedValues[title] || []).every((value) => String(value).trim() === '')) continue;
    result.flags.push(`An answer came for ${quoteAnswer(title)}, which is not a question of this survey; it was not stored.`);
  }

  const waveItem = itemWithRole(definition, 'wave');
  if (waveItem && waveItem.type === 'choice' && waveItem.optionKeys) result.wave = waveFor(waveItem, answers[waveItem.id]);
  const siteItem = itemWithRole(definition, 'site');
  if (siteItem) result.site = textOrNull(answers[siteItem.id]);
  const codeItem = itemWithRole(definition, 'participantCode');
  if (codeItem) result.participantCode = textOrNull(answers[codeItem.id]);
  return result;
}

function textOrNull(answer: Answer | undefined): string | null {
  return typeof answer === 'string' && answer !== '' ? answer : null;
}

function waveFor(item: ChoiceItem, answer: Answer | undefined): Wave | null {
  if (typeof answer !== 'string' || !item.optionKeys) return null;
  const index = item.options.indexOf(answer);
  return index < 0 ? null : (item.optionKeys[index] as Wave);
}

function readAnswer(reader: Reader, raw: string, options: NormalizeOptions, flags: string[]): Answer {
  const { field } = reader;
  const item = field.item;
  const question = quoteAnswer(reader.title);
  if (raw.trim() === '') {
    if (item.required) flags.push(`No answer to the required question ${question}.`);
    return null;
  }
  switch (item.type) {
    case 'choice': {
      const list = optionsOf(item, options);
      if (!list) return guardText(raw.trim());
      const option = matchOption(raw, list);
      if (option !== undefined) return option;
      flags.push(`${quoteAnswer(raw.trim())} is not one of the choices for ${question}; kept as typed.`);
      return guardText(raw.trim());
    }
    case 'checkbox': {
      const list = optionsOf(item, options);
      const pieces = splitCheckboxAnswer(raw, list || []);
      if (!list) return pieces.map((piece) => guardText(piece));
      return pieces.map((piece) => {
        const option = matchOption(piece, list);
        if (option !== undefined) return option;
        flags.push(`${quoteAnswer(piece)} is not one of the choices for ${question}; kept as typed.`);
        return guardText(piece);
      });
    }
    case 'grid': {
      const option = matchOption(raw, item.columns);
      if (option !== undefined) return option;
      flags.push(`${quoteAnswer(raw.trim())} is not one of the choices for ${question}; kept as typed.`);
      return guardText(raw.trim());
    }
    case 'scale': {
      const number = Number(raw.trim());
      if (NUMBER.test(raw.trim()) && Number.isInteger(number) && number >= item.min && number <= item.max) return number;
      flags.push(`${quoteAnswer(raw.trim())} is not a number from ${item.min} to ${item.max} for ${question}; kept as typed.`);
      return guardText(raw.trim());
    }
    case 'date': {
      const date = readDateAnswer(raw, options.dateOrder);
      if (date) return date;
      flags.push(`${quoteAnswer(raw.trim())} is not a date for ${question}; kept as typed.`);
      return guardText(raw.trim());
    }
    case 'short_text': {
      if (!item.pattern) return guardText(raw.trim());
      const pattern = new RegExp(item.pattern);
      if (item.role === 'participantCode') {
        const code = canonicalParticipantCode(raw);
        if (pattern.test(code)) return code;
        flags.push(`The participant code ${quoteAnswer(raw.trim())} is not in the form the survey asks for; it was kept as typed, so it may not match at follow-up.`);
        return guardText(raw.trim());
      }
      if (!pattern.test(raw.trim())) flags.push(`${quoteAnswer(raw.trim())} is not in the form asked for by ${question}; kept as typed.`);
      return guardText(raw.trim());
    }
    case 'long_text':
      return guardText(raw.trim());
  }
  return null;
}
