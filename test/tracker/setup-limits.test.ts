// Set up tracker against Google's grid limits: a plan that would pass them stops before anything is written, naming the tab and what to do.
import { openAddon } from '../support/addon';
import { asUser } from '../support/tracker';

type SetupResult = { ok: boolean; lines: string[]; problems: string[] };

function snapshot(h: ReturnType<typeof openAddon>): string {
  const model = h.ws.spreadsheet(h.spreadsheetId);
  return JSON.stringify(model.sheets.map((s) => [s.name, s.hidden, s.maxRows, s.maxColumns, s.rows.length]));
}

describe('Set up tracker at Google\'s grid limits', () => {
  it('a tab already at the 18,278-column limit stops setup before it writes anything, naming the tab', () => {
    const h = openAddon();
    asUser(h, (ss) => {
      const sites = ss.insertSheet('Sites');
      // 500 rows keep the file under 10 million cells; a person's notes sit in the last column, ZZZ.
      sites.deleteRows(501, 500);
      sites.insertColumnsAfter(26, 18_278 - 26);
      sites.getRange(1, 1, 1, 2).setValues([['ID', 'Name']]);
      sites.getRange('ZZZ1').setValue('Notes');
    });
    const before = snapshot(h);
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/The tab "Sites" would need 18,2\d\d columns: ROSE Tracker adds \d+ columns after its last one \(ZZZ\), but a Google Sheets tab holds at most 18,278 \(up to column ZZZ\)\. Delete the columns you do not use at the right of "Sites"/);
    expect(snapshot(h)).toBe(before);
    expect(h.ws.host.uiLog.at(-1)?.content).toMatch(/Nothing was changed/);
  });

  it('a file close to 10 million cells stops setup before it creates any tab, saying how many cells it would need', () => {
    const h = openAddon();
    asUser(h, (ss) => {
      const archive = ss.insertSheet('Archive');
      archive.insertColumnsAfter(26, 74);
      archive.insertRowsAfter(1000, 97_000);
      archive.getRange('A1').setValue('Old records');
    });
    const before = snapshot(h);
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/This spreadsheet would hold 10,\d{3},\d{3} cells after setup \(setup adds \d{3},\d{3}\), more than the 10,000,000 Google Sheets allows in one file/);
    expect(snapshot(h)).toBe(before);
  });
});
