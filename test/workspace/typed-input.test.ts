// Strings written from a script are read as if a person typed them, in the spreadsheet's locale (Sheets' USER_ENTERED rules).
import { createWorkspace } from '../../workspace';
import { interpretInput } from '../../workspace/typed-input';
import { wallClock } from '../../workspace/time';
import { startHarness } from '../support/rest-harness';

const ZONE = 'America/Vancouver';
const NOW = new Date('2026-03-16T17:00:00Z');

function day(value: unknown): string {
  expect(value).toBeInstanceOf(Date);
  const w = wallClock(value as Date, ZONE);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}${w.hour || w.minute ? ` ${w.hour}:${String(w.minute).padStart(2, '0')}` : ''}`;
}

const typed = (text: string, locale: string, format?: string) => interpretInput(text, format, ZONE, { locale, now: NOW });

describe('a written string is read as typed in the spreadsheet locale', () => {
  it('en_US reads 3/4 as March 4 of this year, en_CA and fr_CA as 3 April', () => {
    expect(day(typed('3/4', 'en_US').value)).toBe('2026-03-04');
    expect(day(typed('3/4/2025', 'en_US').value)).toBe('2025-03-04');
    expect(day(typed('3/4', 'en_CA').value)).toBe('2026-04-03');
    expect(day(typed('3/4/25', 'fr_CA').value)).toBe('2025-04-03');
  });

  it('reads month names, ISO dates and a date with a time', () => {
    expect(day(typed('March 4', 'en_CA').value)).toBe('2026-03-04');
    expect(day(typed('4 Mar 2025', 'en_US').value)).toBe('2025-03-04');
    expect(day(typed('4 mars', 'fr_CA').value)).toBe('2026-03-04');
    expect(day(typed('2025-03-04', 'fr_CA').value)).toBe('2025-03-04');
    expect(day(typed('2025-03-04 9:15', 'en_US').value)).toBe('2025-03-04 9:15');
    expect(typed('2025-03-04', 'en_US').autoFormat).toBe('yyyy-mm-dd');
  });

  it('reads 10:30 and 2:05 pm as times of day on 1899-12-30', () => {
    const time = typed('10:30', 'en_CA');
    expect(day(time.value)).toBe('1899-12-30 10:30');
    expect(time.autoFormat).toBe('h:mm');
    expect(day(typed('2:05 pm', 'en_US').value)).toBe('1899-12-30 14:05');
    // fr_CA has no am/pm: the text stays text.
    expect(typed('2:05 pm', 'fr_CA').value).toBe('2:05 pm');
  });

  it('reads numbers with the locale decimal mark and groups', () => {
    expect(typed('1,5', 'fr_CA').value).toBe(1.5);
    expect(typed('1 234,5', 'fr_CA').value).toBe(1234.5);
    expect(typed('1,234.5', 'en_CA').value).toBe(1234.5);
    expect(typed('1e3', 'en_US').value).toBe(1000);
    // In English locales a comma only groups thousands: 1,5 is not a number there.
    expect(typed('1,5', 'en_US').value).toBe('1,5');
    expect(typed('1.5', 'fr_CA').value).not.toBe(1.5);
  });

  it('reads percents, currency and booleans', () => {
    expect(typed('50%', 'en_US')).toEqual({ value: 0.5, autoFormat: '0%' });
    expect(typed('12,5 %', 'fr_CA').value).toBeCloseTo(0.125);
    expect(typed('$1,200.50', 'en_CA').value).toBe(1200.5);
    expect(typed('1 200,50 $', 'fr_CA').value).toBe(1200.5);
    expect(typed('TRUE', 'en_US').value).toBe(true);
    expect(typed('faux', 'fr_CA').value).toBe(false);
  });

  it('keeps text behind an apostrophe or in a plain-text cell, and reads = as a formula', () => {
    expect(typed("'3/4", 'en_US').value).toBe('3/4');
    expect(typed('1,5', 'fr_CA', '@').value).toBe('1,5');
    expect(typed('=1+2', 'en_US')).toEqual({ value: '', formula: '=1+2' });
    expect(typed('Talked about housing', 'en_US').value).toBe('Talked about housing');
    expect(typed('13/13', 'en_US').value).toBe('13/13');
  });

  it('fails loudly for a locale it does not model', () => {
    expect(() => typed('1', 'de_DE')).toThrow(/does not model .* de_DE/);
  });
});

describe('through the services', () => {
  it('setValues and appendRow store 3/4 as a date and 1,5 as a number in a fr_CA spreadsheet', () => {
    const ws = createWorkspace({ now: NOW });
    const id = ws.createSpreadsheet('Locale check');
    ws.spreadsheet(id).locale = 'fr_CA';
    const sheet = (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).openById(id).getSheets()[0];
    sheet.getRange('A1:B1').setValues([['3/4', '1,5']]);
    sheet.appendRow(["'3/4", "'1,5"]);
    const cells = ws.spreadsheet(id).sheets[0];
    expect(day(cells.cell(1, 1)!.value)).toBe('2026-04-03');
    expect(cells.cell(1, 2)!.value).toBe(1.5);
    expect(cells.cell(2, 1)!.value).toBe('3/4');
    expect(cells.cell(2, 2)!.value).toBe('1,5');
  });

  it('the Sheets API parses USER_ENTERED in the locale and keeps RAW as given', async () => {
    const rest = await startHarness();
    const { sheets } = rest.apis();
    try {
      const id = rest.ws.createSpreadsheet('Locale check');
      rest.ws.spreadsheet(id).locale = 'fr_CA';
      await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Sheet1!A1:B1', valueInputOption: 'USER_ENTERED', requestBody: { values: [['10:30', '1,5']] } });
      await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Sheet1!A2:B2', valueInputOption: 'RAW', requestBody: { values: [['10:30', "'1,5"]] } });
      const cells = rest.ws.spreadsheet(id).sheets[0];
      expect(day(cells.cell(1, 1)!.value)).toBe('1899-12-30 10:30');
      expect(cells.cell(1, 2)!.value).toBe(1.5);
      expect(cells.cell(2, 1)!.value).toBe('10:30');
      expect(cells.cell(2, 2)!.value).toBe("'1,5");
    } finally {
      await rest.close();
    }
  });
});
