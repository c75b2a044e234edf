// Set up tracker's protections against a person's own: it mends only what it made, and leaves every protection of theirs as it is.
import { openAddon } from '../support/addon';
import { asUser } from '../support/tracker';

type SetupResult = { ok: boolean; lines: string[]; problems: string[] };

describe('Set up tracker and a person\'s own protections', () => {
  it('keeps a protection a person made without a description, even on a range setup protects too', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    asUser(h, (ss) => ss.getSheetByName('Sites')!.getRange('A1:B1').protect());
    asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('B2:B1000').protect());
    h.addon.call('setupTracker');
    const own = h.ws.spreadsheet(h.spreadsheetId).allProtections().filter((p) => p.description === '');
    expect(own.map((p) => [p.bounds, p.warningOnly])).toEqual([
      [{ row: 1, column: 1, numRows: 1, numColumns: 2 }, false],
      [{ row: 2, column: 2, numRows: 999, numColumns: 1 }, false],
    ]);
  });

  it('leaves a person\'s own protection of a confidential tab as it is and says so', () => {
    const h = openAddon();
    asUser(h, (ss) => {
      const staff = ss.insertSheet('Staff');
      staff.getRange(1, 1, 1, 2).setValues([['ID', 'Full name']]);
      staff.protect().setDescription('HR only');
    });
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(true);
    expect(result.lines.join('\n')).toMatch(/The tab "Staff" already has a protection of your own \("HR only"\), so ROSE Tracker left it as it is/);
    const staff = h.ws.spreadsheet(h.spreadsheetId).allProtections().filter((p) => p.type === 'SHEET' && p.sheetId === h.ws.spreadsheet(h.spreadsheetId).sheetByName('Staff')!.id);
    expect(staff.map((p) => p.description)).toEqual(['HR only']);
  });
});
