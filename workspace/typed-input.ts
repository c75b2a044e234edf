// What Sheets makes of a string written by setValue(s), appendRow or a USER_ENTERED write: it reads it as if a person typed it, in the spreadsheet's locale.
//
// Sources:
// - developers.google.com/sheets/api/reference/rest/v4/ValueInputOption: USER_ENTERED values "will be
//   parsed as if the user typed them into the UI ... strings may be converted to numbers, dates, etc.
//   following the same rules that are applied when entering text into a cell"; RAW values "will not be
//   parsed and will be stored as-is". Apps Script's Range.setValue(s) and Sheet.appendRow store a string
//   the way USER_ENTERED does (the Range reference does not say so; it is what a Sheet shows, and the
//   stricter reading); a leading apostrophe or a plain-text (@) number format keeps the text.
// - support.google.com/docs/answer/58515 ("Set a spreadsheet's locale and time zone"): the locale sets
//   how dates, times, numbers and currency are formatted and read.
// - developers.google.com/sheets/api/guides/formats#about_date_time_values: a date is a day count from
//   1899-12-30 and a time a fraction of a day, so a time alone is a Date on 1899-12-30 when Apps Script reads it.
// Google does not publish the parsing rules themselves. Where a reading is not documented this module
// takes the stricter one — the text becomes a value — so that code writing free text must keep it text
// (an apostrophe, a '@' format, or RAW) to pass the tests.
import { zonedToInstant, wallClock } from './time';

export type TypedValue = string | number | boolean | Date;

export interface Interpreted {
  value: TypedValue;
  formula?: string;
  /** Number format Sheets applies automatically (dates, times, percentages, currency). */
  autoFormat?: string;
}

/** Where the text is typed: the spreadsheet's locale (en_CA when unset) and "now" (a date without a year takes the current one). */
export interface TypingContext {
  locale?: string;
  now?: Date;
}

interface LocaleRules {
  decimal: '.' | ',';
  /** Thousands separators the locale accepts in typed numbers. */
  groups: string[];
  /** Numeric dates with the day first (d/m/y) or the month first (m/d/y). */
  dayFirst: boolean;
  /** Currency symbol before (en) or after (fr) the number. */
  currencyAfter: boolean;
  booleans: { true: string[]; false: string[] };
  months: string[][];
  /** Words for am/pm the locale reads after a time. */
  meridiem: boolean;
}

const ENGLISH_MONTHS = [
  ['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
  ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec'],
];
const FRENCH_MONTHS = [
  ['janvier', 'janv'], ['février', 'fevrier', 'févr', 'fevr'], ['mars'], ['avril', 'avr'], ['mai'], ['juin'],
  ['juillet', 'juil'], ['août', 'aout'], ['septembre', 'sept'], ['octobre', 'oct'], ['novembre', 'nov'], ['décembre', 'decembre', 'déc', 'dec'],
];

/**
 * en_US reads 3/4/2025 as March 4 (its date format is M/d/yyyy). For en_CA and fr_CA Google does not say
 * which order a typed d/d/yyyy takes; CLDR's Canadian patterns put the day before the month when they are
 * not year-first, so day first is the reading here. fr_CA writes 1,5 for one and a half and groups
 * thousands with a (no-break) space.
 */
const RULES: Record<string, LocaleRules> = {
  en_US: { decimal: '.', groups: [','], dayFirst: false, currencyAfter: false, booleans: { true: ['true'], false: ['false'] }, months: ENGLISH_MONTHS, meridiem: true },
  en_CA: { decimal: '.', groups: [','], dayFirst: true, currencyAfter: false, booleans: { true: ['true'], false: ['false'] }, months: ENGLISH_MONTHS, meridiem: true },
  fr_CA: {
    decimal: ',', groups: [' ', '\u00a0', '\u202f'], dayFirst: true, currencyAfter: true,
    booleans: { true: ['true', 'vrai'], false: ['false', 'faux'] }, months: FRENCH_MONTHS, meridiem: false,
  },
};

function rulesFor(locale: string | undefined): LocaleRules {
  const rules = RULES[locale ?? 'en_CA'];
  if (!rules) throw new Error(`The local Workspace does not model how Sheets reads typed values in the locale ${locale ?? ''} (it models ${Object.keys(RULES).join(', ')}).`);
  return rules;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number as the locale writes it (sign, groups of three, decimal mark, exponent), or null. */
function readNumber(text: string, rules: LocaleRules): number | null {
  const decimal = escapeRegExp(rules.decimal);
  const group = `(?:${rules.groups.map(escapeRegExp).join('|')})`;
  const plain = new RegExp(`^([+-])?(\\d+(?:${decimal}\\d*)?|${decimal}\\d+)([eE][+-]?\\d+)?$`);
  const grouped = new RegExp(`^([+-])?(\\d{1,3}(?:${group}\\d{3})+(?:${decimal}\\d+)?)$`);
  const match = plain.exec(text) ?? grouped.exec(text);
  if (!match) return null;
  const digits = match[2].split(new RegExp(group)).join('').replace(rules.decimal, '.');
  const value = Number(`${match[1] ?? ''}${digits}${match[3] ?? ''}`);
  return Number.isFinite(value) ? value : null;
}

function monthNumber(word: string, rules: LocaleRules): number | null {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const index = rules.months.findIndex((names) => names.includes(lower));
  return index < 0 ? null : index + 1;
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** Two-digit years: 00–29 are 20xx, 30–99 are 19xx (Google does not document the pivot; this is the common spreadsheet one). */
function fullYear(text: string): number {
  const n = Number(text);
  if (text.length > 2) return n;
  return n < 30 ? 2000 + n : 1900 + n;
}

interface Clock { hour: number; minute: number; second: number }

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s*m\.?)?$/i;

function readTime(text: string, rules: LocaleRules): Clock | null {
  const match = TIME.exec(text);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  if (minute > 59 || second > 59) return null;
  if (match[4]) {
    if (!rules.meridiem || hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (match[4].toLowerCase() === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  return { hour, minute, second };
}

interface Day { year: number; month: number; day: number }

/** A date as a person types it: yyyy-mm-dd, numeric with / - or ., or with the month's name; null when it is none of these. */
function readDate(text: string, rules: LocaleRules, currentYear: number): Day | null {
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    return validDay(y, m, d) ? { year: y, month: m, day: d } : null;
  }
  const numeric = /^(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(text);
  if (numeric) {
    const first = Number(numeric[1]);
    const second = Number(numeric[3]);
    const year = numeric[4] === undefined ? currentYear : fullYear(numeric[4]);
    const [m, d] = rules.dayFirst ? [second, first] : [first, second];
    return validDay(year, m, d) ? { year, month: m, day: d } : null;
  }
  const word = '([A-Za-zÀ-ÿ]+\\.?)';
  const monthFirst = new RegExp(`^${word}\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?$`).exec(text);
  const dayFirst = new RegExp(`^(\\d{1,2})\\s+${word}(?:,?\\s+(\\d{4}))?$`).exec(text);
  const named = monthFirst ? { month: monthFirst[1], day: monthFirst[2], year: monthFirst[3] } : dayFirst ? { month: dayFirst[2], day: dayFirst[1], year: dayFirst[3] } : null;
  if (!named) return null;
  const month = monthNumber(named.month, rules);
  if (month === null) return null;
  const year = named.year === undefined ? currentYear : Number(named.year);
  const day = Number(named.day);
  return validDay(year, month, day) ? { year, month, day } : null;
}

/** How Sheets stores a value written from a script. A leading apostrophe or a plain-text (@) format keeps a string a string. */
export function interpretInput(input: unknown, cellFormat: string | undefined, timeZone: string, context: TypingContext = {}): Interpreted {
  if (input === null || input === undefined || input === '') return { value: '' };
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new Error('Invalid argument: value (an invalid Date)');
    return { value: new Date(input.getTime()) };
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { value: '#NUM!' };
    return { value: input };
  }
  if (typeof input === 'boolean') return { value: input };
  if (typeof input !== 'string') {
    if (typeof input === 'object') throw new Error(`Cannot convert ${Array.isArray(input) ? 'Array' : 'Object'} to a cell value.`);
    return { value: String(input) };
  }
  if (input.startsWith("'")) return { value: input.slice(1) };
  if (cellFormat === '@') return { value: input };
  if (input.startsWith('=') && input.length > 1) return { value: '', formula: input };
  const rules = rulesFor(context.locale);
  const text = input.trim();
  const lower = text.toLowerCase();
  if (rules.booleans.true.includes(lower)) return { value: true };
  if (rules.booleans.false.includes(lower)) return { value: false };

  const number = readNumber(text, rules);
  if (number !== null) return { value: number };
  const percent = /^(.*?)\s?%$/.exec(text);
  if (percent) {
    const n = readNumber(percent[1], rules);
    if (n !== null) return { value: n / 100, autoFormat: '0%' };
  }
  const currency = rules.currencyAfter ? /^([+-]?)(.+?)\s?\$$/.exec(text) : /^([+-]?)\$\s?(.+)$/.exec(text);
  if (currency) {
    const n = readNumber(currency[2], rules);
    if (n !== null && n >= 0) return { value: currency[1] === '-' ? -n : n, autoFormat: rules.currencyAfter ? '#,##0.00 "$"' : '"$"#,##0.00' };
  }

  const time = readTime(text, rules);
  if (time) {
    return { value: zonedToInstant(timeZone, 1899, 12, 30, time.hour, time.minute, time.second), autoFormat: time.second ? 'h:mm:ss' : 'h:mm' };
  }
  const currentYear = wallClock(context.now ?? new Date(), timeZone).year;
  // A date, or a date and a time after a space (or ISO's T).
  const split = /^(.+?)(?:[ T](\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?\s*m\.?)?))?$/i.exec(text);
  if (split) {
    const day = readDate(split[1], rules, currentYear);
    const clock = split[2] === undefined ? null : readTime(split[2], rules);
    if (day && (split[2] === undefined || clock)) {
      return {
        value: zonedToInstant(timeZone, day.year, day.month, day.day, clock?.hour ?? 0, clock?.minute ?? 0, clock?.second ?? 0),
        autoFormat: clock ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd',
      };
    }
  }
  return { value: input };
}
