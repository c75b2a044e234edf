// Tracker tabs a person renamed are followed by their recorded sheet ID, not replaced by new empty tabs.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, asUser, setSetting, tabRecords, personEdits } from '../support/tracker';

type SetupResult = { ok: boolean; lines: string[]; problems: string[] };
type Found = { tab: string; row: number; column: string; message: string };

function edit(h: Harness, tab: string): void {
  personEdits(h, tab, 'A2');
}

describe('tracker tabs a person renamed', () => {
  function renamedTracker(): Harness {
    const h = openAddon();
    h.addon.call('setupTracker');
    setSetting(h, 'Coordinator emails', 'coordinator@example.org, lee@example.org');
    appendRecords(h, 'Sites', [{ Name: 'A' }, { Name: 'B' }]);
    appendRecords(h, 'Staff', [{ 'Full name': 'Pat Example', Role: 'Peer Worker' }]);
    appendRecords(h, 'Staff pay and contacts', [{ 'Staff ID': 'STAFF-0001', 'Hourly wage': 20 }]);
    h.addon.call('refreshComputed');
    // The newest site is deleted: only the lists tab remembers that SITE-0002 was issued.
    asUser(h, (ss) => ss.getSheetByName('Sites')!.deleteRow(3));
    asUser(h, (ss) => {
      ss.getSheetByName('Staff')!.setName('Team');
      ss.getSheetByName('Settings')!.setName('Config');
      ss.getSheetByName('ROSE lists')!.setName('old lists');
    });
    return h;
  }

  it('are followed by setup: no new empty tabs, coordinator emails kept, no ID handed out twice', () => {
    const h = renamedTracker();
    const before = h.ws.spreadsheet(h.spreadsheetId).sheets.length;
    appendRecords(h, 'Sites', [{ Name: 'C' }]);
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(true);
    const model = h.ws.spreadsheet(h.spreadsheetId);
    expect(model.sheets.length).toBe(before);
    expect(result.lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^The tab "Team" is ROSE Tracker's Staff tab: renamed it back to "Staff"/),
      expect.stringMatching(/^The tab "Config" is ROSE Tracker's Settings tab: renamed it back to "Settings"/),
      expect.stringMatching(/^The tab "old lists" is ROSE Tracker's hidden lists tab: renamed it back to "ROSE lists"/),
    ]));
    expect(tabRecords(h, 'Staff').map((r) => r['Full name'])).toEqual(['Pat Example']);
    const settings = Object.fromEntries(tabRecords(h, 'Settings').map((r) => [r.Setting, r.Value]));
    expect(settings['Coordinator emails']).toBe('coordinator@example.org, lee@example.org');
    const staff = model.allProtections().find((p) => p.description === 'ROSE Tracker: confidential (Staff)')!;
    expect([...staff.editors].sort()).toEqual(['coordinator@example.org', 'lee@example.org']);
    expect(tabRecords(h, 'Sites').map((r) => r.ID)).toEqual(['SITE-0001', 'SITE-0003']);
    expect(model.sheetByName('ROSE lists')!.hidden).toBe(true);
  });

  it('keep working before setup runs again: the edit refresh and Check data find them under their new names', () => {
    const h = renamedTracker();
    appendRecords(h, 'Team', [{ 'Full name': 'Riley Chen', Role: 'Peer Worker' }]);
    edit(h, 'Team');
    expect(tabRecords(h, 'Team').map((r) => r.ID)).toEqual(['STAFF-0001', 'STAFF-0002']);
    // Pay and contacts find each person on the renamed Staff tab by their ID.
    appendRecords(h, 'Staff pay and contacts', [{ 'Staff ID': 'STAFF-0002', 'Hourly wage': 30 }]);
    edit(h, 'Staff pay and contacts');
    const pay = tabRecords(h, 'Staff pay and contacts');
    expect(pay.map((r) => [r['Full name'], r['Below living wage']])).toEqual([['Pat Example', 'Yes'], ['Riley Chen', 'No']]);
    const problems = h.addon.call<{ problems: Found[] }>('checkData').problems;
    expect(problems.filter((p) => /is missing/.test(p.message))).toEqual([]);
    expect(h.ws.spreadsheet(h.spreadsheetId).sheetByName('Staff')).toBeUndefined();
  });
});
