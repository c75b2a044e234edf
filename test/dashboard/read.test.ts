// The Dashboard's read through the Sheets API hands the pure code the same tables and settings as SpreadsheetApp's getValues did: dates as calendar days, date-times as instants, a renamed tab under its tracker name.
import { generate, trackerWith } from './fixtures';
import { readTracker, tablesOf } from '../../addon/dashboard/read';
import { TrackerStore } from '../../addon/tracker/store';
import { readSettings } from '../../addon/tracker/settings';
import { TABS, type TabName } from '../../addon/tracker/schema';
import type { Harness } from '../support/addon';

const NAMES: TabName[] = TABS.map((t) => t.name);

interface Both { api: unknown; spreadsheetApp: unknown; settingsApi: unknown; settingsSpreadsheetApp: unknown }

function bothReads(h: Harness): Both {
  return h.ws.execute(() => {
    const ss = (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
    const store = TrackerStore.open(ss);
    const read = readTracker(ss.getId(), NAMES, [], h.ws.globals().Sheets as GoogleAppsScript.Sheets);
    const tables = tablesOf(read, NAMES);
    const records = (t: Record<string, { records: { row: number; values: unknown }[] } | undefined>) =>
      Object.fromEntries(NAMES.map((n) => [n, t[n]?.records.map((r) => ({ row: r.row, values: r.values })) ?? null]));
    return {
      api: records(tables as never), spreadsheetApp: records(store.tables(NAMES) as never),
      settingsApi: readSettings(tables.Settings), settingsSpreadsheetApp: store.settings(),
    };
  }, { timeLimitMs: null });
}

describe('the Dashboard\'s read through the Sheets API', () => {
  it('gives the same records and settings as getValues, dates and date-times included', () => {
    const h = trackerWith(generate(7, 300));
    h.ws.execute(() => {
      const ss = (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
      const responses = ss.getSheetByName('Survey Responses')!;
      const header = responses.getRange(1, 1, 1, responses.getLastColumn()).getValues()[0];
      // An instant late in the evening in Vancouver is the next day in UTC: the read must keep the instant.
      responses.getRange(2, header.indexOf('Submitted') + 1).setValue(new Date('2026-03-02T06:30:00Z'));
    });
    const both = bothReads(h);
    expect(both.api).toEqual(both.spreadsheetApp);
    expect(both.settingsApi).toEqual(both.settingsSpreadsheetApp);
    const milestones = (both.api as Record<string, { values: Record<string, unknown> }[]>).Milestones;
    expect(milestones.some((r) => typeof r.values.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.values.due))).toBe(true);
    const submitted = (both.api as Record<string, { values: Record<string, unknown> }[]>)['Survey Responses'][0].values.submitted;
    expect(submitted).toBe('2026-03-02T06:30:00.000Z');
  });

  it('finds a tracker tab a person renamed under its tracker name', () => {
    const h = trackerWith(generate(7, 100));
    h.ws.execute(() => (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet().getSheetByName('Staff')!.setName('People'));
    const both = bothReads(h);
    expect((both.api as Record<string, unknown[]>).Staff.length).toBeGreaterThan(0);
    expect(both.api).toEqual(both.spreadsheetApp);
  });
});
