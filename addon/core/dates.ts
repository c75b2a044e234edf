// The one date module: calendar days ("2025-03-01") and instants, validity, arithmetic, and the day an instant falls on in a zone.
//
// Two kinds of date travel through the add-on and must not be confused:
// - a calendar date ("2025-03-01"): a day with no time zone, the same day everywhere;
// - an instant (a Date, e.g. a Sheets date cell or `new Date()`): the day it is in the
//   spreadsheet's time zone, which is what a coordinator sees in the cell.
// Pure and independent of the host's time zone: only UTC getters and Intl with an explicit zone.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
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
export function isoDateIn(now: Date, timeZone: string): string {
  if (isNaN(now.getTime())) throw new RangeError('isoDateIn needs a valid Date');
  const parts = dayFormatter(timeZone).formatToParts(now);
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
    return instant ? isoDateIn(instant, timeZone) : null;
  }
  return isNaN(value.getTime()) ? null : isoDateIn(value, timeZone);
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

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return d.getUTCMonth() === Number(match[2]) - 1 && d.getUTCDate() === Number(match[3]);
}

function toUtc(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = toUtc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Adds calendar months; the 31st of a shorter month falls back to its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromUtc(target);
}

/** The calendar day year-month-day as "YYYY-MM-DD", or null when there is no such day (2025-02-30, month 13). */
export function isoDateFromParts(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return fromUtc(date);
}

/**
 * Sheets' serial numbers, as the Sheets API returns date cells with dateTimeRenderOption SERIAL_NUMBER:
 * "days since December 30, 1899", the fraction the time of day, in the spreadsheet's time zone
 * (developers.google.com/sheets/api/reference/rest/v4/DateTimeRenderOption).
 */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The calendar day a serial number stands for. */
export function isoDateFromSerial(serial: number): string {
  return fromUtc(new Date(SERIAL_EPOCH_MS + Math.floor(serial) * DAY_MS));
}

/** The serial number of an instant as the spreadsheet shows it in `timeZone` (whole seconds). */
export function serialOf(instant: Date, timeZone: string): number {
  return (instant.getTime() + zoneOffsetMs(instant, timeZone) - SERIAL_EPOCH_MS) / DAY_MS;
}

/** The instant a serial number stands for when read in `timeZone`. */
export function instantFromSerial(serial: number, timeZone: string): Date {
  const wall = SERIAL_EPOCH_MS + Math.round(serial * DAY_MS / 1000) * 1000;
  // The zone's offset at that wall time; a second pass settles the hours around a clock change.
  let instant = new Date(wall - zoneOffsetMs(new Date(wall), timeZone));
  instant = new Date(wall - zoneOffsetMs(instant, timeZone));
  return instant;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  // Some engines write midnight as hour 24 with hour12 false.
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'), part('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}
