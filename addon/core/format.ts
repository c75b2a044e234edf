// The one place that turns dates and money into text (and ISO dates back into Dates), so every document, sheet and sidebar agrees.
//
// Pure: uses only Intl, which Apps Script's V8 runtime provides with full locale data.
// Two kinds of date travel through the add-on and must not be confused:
// - a calendar date ("2025-03-01"): a day with no time zone, printed as that same day everywhere;
// - an instant (a Date, e.g. a Sheets date cell or `new Date()`): printed as the day it is in the
//   spreadsheet's time zone, which is what a coordinator sees in the cell.

export type DateStyle = 'long' | 'short' | 'iso';

export interface DateFormatOptions {
  /** IANA time zone of the spreadsheet, e.g. "America/Vancouver". Used for instants only. */
  timeZone: string;
  /** BCP 47 locale; default "en-CA". */
  locale?: string;
  /** long: "March 1, 2025"; short: "Mar 1, 2025"; iso: "2025-03-01". Default long. */
  style?: DateStyle;
}

export interface MoneyFormatOptions {
  /** ISO 4217 code; default "CAD". */
  currency?: string;
  /** BCP 47 locale; default "en-CA". */
  locale?: string;
}

export const DEFAULT_LOCALE = 'en-CA';
export const DEFAULT_CURRENCY = 'CAD';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

// Building an Intl formatter is far slower than using one; a merge of the whole roster formats
// thousands of values, so formatters are kept per option set.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const numberFormatters = new Map<string, Intl.NumberFormat>();

function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

function numberFormatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let formatter = numberFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, options);
    numberFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * True for a Date from any realm: Sheets values reach the add-on from the host (and, in tests,
 * from another VM context), where `instanceof Date` would say no.
 */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * Reads "YYYY-MM-DD" as that calendar day (a Date at UTC midnight), or an ISO date-time with a
 * zone ("2025-03-01T09:30:00Z") as that instant. Returns null for anything else, including
 * impossible days such as 2025-02-30.
 */
export function parseIsoDate(text: string): Date | null {
  const trimmed = text.trim();
  const match = ISO_DATE.exec(trimmed);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const date = new Date(Date.UTC(year, month - 1, day));
    const sameDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    return sameDay ? date : null;
  }
  if (ISO_DATE_TIME.test(trimmed)) {
    const date = new Date(trimmed);
    return isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** The calendar day ("YYYY-MM-DD") that the instant `now` falls on in `timeZone`. */
export function todayIso(now: Date, timeZone: string): string {
  if (isNaN(now.getTime())) throw new RangeError('todayIso needs a valid Date');
  const parts = dateFormatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The calendar day of a value as a coordinator sees it: a Date is read in the spreadsheet's time
 * zone, an ISO date string is taken as written. Null when the value is not a date.
 */
export function calendarDate(value: Date | string, timeZone: string): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (ISO_DATE.test(trimmed)) return parseIsoDate(trimmed) ? trimmed : null;
    const instant = parseIsoDate(trimmed);
    return instant ? todayIso(instant, timeZone) : null;
  }
  return isNaN(value.getTime()) ? null : todayIso(value, timeZone);
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  const from = parseIsoDate(fromIso);
  const to = parseIsoDate(toIso);
  if (!from || !to || !ISO_DATE.test(fromIso) || !ISO_DATE.test(toIso)) {
    throw new RangeError(`daysBetween needs two YYYY-MM-DD dates, got "${fromIso}" and "${toIso}"`);
  }
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/**
 * A date as people read it. Throws RangeError for a value that is not a date, so callers decide
 * what to show instead of printing "Invalid Date" into a contract.
 */
export function formatDate(date: Date | string, options: DateFormatOptions): string {
  const day = calendarDate(date, options.timeZone);
  if (day === null) throw new RangeError(`Not a date: "${String(date)}"`);
  const style = options.style ?? 'long';
  if (style === 'iso') return day;
  // The calendar day is printed in UTC so that no time zone can move it to the day before.
  const utcMidnight = parseIsoDate(day) as Date;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const fields: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }
      : { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' };
  return dateFormatter(locale, fields).format(utcMidnight);
}

/** An amount of money, e.g. "$27.85" (en-CA) or "27,85 $" (fr-CA). */
export function formatMoney(amount: number, options: MoneyFormatOptions = {}): string {
  if (!isFinite(amount)) throw new RangeError(`Not an amount of money: ${amount}`);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const currency = options.currency ?? DEFAULT_CURRENCY;
  return numberFormatter(locale, { style: 'currency', currency }).format(amount);
}

/** A plain number such as hours per week: "37.5" (en-CA) or "37,5" (fr-CA), at most two decimals. */
export function formatNumber(value: number, options: { locale?: string } = {}): string {
  if (!isFinite(value)) throw new RangeError(`Not a number: ${value}`);
  return numberFormatter(options.locale ?? DEFAULT_LOCALE, { maximumFractionDigits: 2 }).format(value);
}
