// The one place that turns dates, money and numbers into text for people, so every document, sheet and sidebar agrees.
// Pure: uses only Intl, which Apps Script's V8 runtime provides with full locale data. Dates themselves live in core/dates.
import { calendarDate, parseIsoDate } from './dates';

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
