// Dates and money read the same in every document: the right day in the spreadsheet's time zone, the organization's currency style.
import * as vm from 'vm';
import { formatDate, formatMoney, formatNumber } from '../../addon/core/format';
import { calendarDate, daysBetween, isDate, parseIsoDate, isoDateIn } from '../../addon/core/dates';

describe('isoDateIn', () => {
  it('gives the day it is in the spreadsheet time zone, not in UTC', () => {
    const justBeforeMidnightInToronto = new Date('2025-0101T04:59:00Z'.replace('01T', '-01T'));
    expect(isoDateIn(justBeforeMidnightInToronto, 'America/Toronto')).toBe('2024-12-31');
    expect(isoDateIn(new Date('2025-01-01T05:00:00Z'), 'America/Toronto')).toBe('2025-01-01');
    expect(isoDateIn(new Date('2025-01-01T05:00:00Z'), 'America/Vancouver')).toBe('2024-12-31');
  });
});

describe('formatDate', () => {
  const instant = new Date('2025-03-01T07:30:00Z');

  it('prints an instant as the day it is in the given time zone', () => {
    expect(formatDate(instant, { timeZone: 'America/Vancouver' })).toBe('February 28, 2025');
    expect(formatDate(instant, { timeZone: 'America/Toronto' })).toBe('March 1, 2025');
  });

  it('prints a calendar date as that same day whatever the time zone', () => {
    expect(formatDate('2025-03-01', { timeZone: 'Pacific/Pago_Pago' })).toBe('March 1, 2025');
    expect(formatDate('2025-03-01', { timeZone: 'Pacific/Kiritimati' })).toBe('March 1, 2025');
  });

  it('has long, short and ISO styles, in English or French', () => {
    expect(formatDate('2025-03-01', { timeZone: 'UTC', style: 'short' })).toBe('Mar 1, 2025');
    expect(formatDate(instant, { timeZone: 'America/Vancouver', style: 'iso' })).toBe('2025-02-28');
    expect(formatDate('2025-03-01', { timeZone: 'UTC', locale: 'fr-CA' })).toBe('1 mars 2025');
  });

  it('refuses what is not a date instead of printing "Invalid Date"', () => {
    expect(() => formatDate('next week', { timeZone: 'UTC' })).toThrow(RangeError);
    expect(() => formatDate(new Date('nonsense'), { timeZone: 'UTC' })).toThrow(RangeError);
  });
});

describe('parseIsoDate', () => {
  it('reads a calendar date as UTC midnight of that day', () => {
    expect(parseIsoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('reads a date-time with a zone as that instant', () => {
    expect(parseIsoDate('2025-03-01T09:30:00-08:00')?.toISOString()).toBe('2025-03-01T17:30:00.000Z');
  });

  it('rejects impossible days and other text', () => {
    expect(parseIsoDate('2025-02-29')).toBeNull();
    expect(parseIsoDate('2025-13-01')).toBeNull();
    expect(parseIsoDate('March 1, 2025')).toBeNull();
    expect(parseIsoDate('2025-03-01T09:30:00')).toBeNull();
  });
});

describe('calendar arithmetic', () => {
  it('counts whole days across a month end and a daylight-saving change', () => {
    expect(daysBetween('2025-02-27', '2025-03-10')).toBe(11);
    expect(daysBetween('2025-03-10', '2025-02-27')).toBe(-11);
  });

  it('takes the calendar day of a sheet date in the sheet time zone', () => {
    // Sheets gives a date cell as midnight in the spreadsheet's zone.
    const midnightInVancouver = new Date('2025-05-01T07:00:00Z');
    expect(calendarDate(midnightInVancouver, 'America/Vancouver')).toBe('2025-05-01');
    expect(calendarDate('soon', 'America/Vancouver')).toBeNull();
  });

  it('recognises a Date made in another realm, as sheet values are in the end-to-end VM', () => {
    const foreign: unknown = vm.runInNewContext('new Date(0)');
    expect(foreign instanceof Date).toBe(false);
    expect(isDate(foreign)).toBe(true);
    expect(isDate('2025-01-01')).toBe(false);
  });
});

describe('formatMoney', () => {
  it('uses the Canadian English style by default', () => {
    expect(formatMoney(1234.5)).toBe('$1,234.50');
    expect(formatMoney(27.85, { currency: 'CAD', locale: 'en-CA' })).toBe('$27.85');
  });

  it('uses the Canadian French style with non-breaking spaces', () => {
    expect(formatMoney(1234.5, { currency: 'CAD', locale: 'fr-CA' })).toBe('1\u00a0234,50\u00a0$');
  });

  it('refuses an amount that is not a number', () => {
    expect(() => formatMoney(NaN)).toThrow(RangeError);
  });
});

describe('formatNumber', () => {
  it('keeps at most two decimals in the locale style', () => {
    expect(formatNumber(37.5)).toBe('37.5');
    expect(formatNumber(37.5, { locale: 'fr-CA' })).toBe('37,5');
    expect(formatNumber(1 / 3)).toBe('0.33');
  });
});
