// Computed columns follow edits, sorting and added rows; Check data names tab, row and column and changes nothing; calls stay flat with rows.
import { openAddon, type Harness } from '../support/addon';
import { appendPeople, appendRecords, asUser, setSetting, tabRecords, personEdits } from '../support/tracker';

function tracker(): Harness {
  const h = openAddon({ now: '2026-03-16T17:00:00Z' });
  h.addon.call('setupTracker');
  appendRecords(h, 'Sites', [{ ID: 'SITE-0001', Name: 'Harbour' }]);
  appendRecords(h, 'Action Plan', [
    { ID: 'ACT-0001', Site: 'SITE-0001 · Harbour', 'ROSE component': 'Recognition', Strategy: 'Photo ID cards', Status: 'In progress', 'Ease (1-5)': 2, 'Impact (1-5)': 3 },
    { ID: 'ACT-0002', Site: 'SITE-0001 · Harbour', 'ROSE component': 'Skill Development', Strategy: 'Naloxone training', Status: 'Not started', 'Ease (1-5)': 5, 'Impact (1-5)': 5 },
  ]);
  appendRecords(h, 'Budget', [{ ID: 'BUD-0001', Activity: 'ACT-0001', Category: 'Materials', Description: 'Cards', Allocated: 100 }]);
  appendRecords(h, 'Expenses', [
    { Date: '2026-02-01', 'Budget line': 'BUD-0001 · Cards', Amount: 80 },
    { Date: '2026-02-03', 'Budget line': 'BUD-0001 · Cards', Amount: 45.5 },
  ]);
  appendRecords(h, 'Milestones', [
    { Activity: 'ACT-0001', Milestone: 'Overdue one', Due: '2026-03-01' },
    { Activity: 'ACT-0001', Milestone: 'Soon', Due: '2026-04-01' },
    { Activity: 'ACT-0001', Milestone: 'Later', Due: '2026-09-01' },
    { Activity: 'ACT-0001', Milestone: 'Finished', Due: '2026-03-01', Completed: '2026-02-27' },
  ]);
  // Each tab a person typed into fires the edit triggers for that tab (script writes fire none).
  for (const tab of ['Sites', 'Action Plan', 'Budget', 'Expenses', 'Milestones']) edit(h, tab);
  return h;
}

function edit(h: Harness, tab: string): void {
  personEdits(h, tab, 'A2');
}

describe('computed columns', () => {
  it('rank easy, high-impact work first and add up spending per budget line and activity', () => {
    const h = tracker();
    const plan = tabRecords(h, 'Action Plan');
    expect(plan.map((r) => [r.ID, r['Priority score'], r['Priority rank'], r.Spent])).toEqual([
      ['ACT-0001', 6, 2, 125.5], ['ACT-0002', 25, 1, 0],
    ]);
    const budget = tabRecords(h, 'Budget')[0];
    expect([budget.Spent, budget.Remaining, budget['% used']]).toEqual([125.5, -25.5, 1.255]);
    expect(tabRecords(h, 'Expenses').map((r) => r.ID)).toEqual(['EXP-0001', 'EXP-0002']);
  });

  it('give milestones a status from the due date, completion and the lead days', () => {
    const h = tracker();
    expect(tabRecords(h, 'Milestones').map((r) => [r.Milestone, r.Status])).toEqual([
      ['Overdue one', 'Overdue'], ['Soon', 'Due soon'], ['Later', 'Upcoming'], ['Finished', 'Done'],
    ]);
  });

  it('stay right after the user sorts the tab and adds a row in the middle', () => {
    const h = tracker();
    asUser(h, (ss) => {
      const sheet = ss.getSheetByName('Milestones')!;
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
      sheet.getRange(2, 1, sheet.getLastRow() - 1, sheet.getLastColumn()).sort({ column: header.indexOf('Milestone') + 1, ascending: true });
      sheet.insertRowsAfter(2, 1);
      sheet.getRange(3, header.indexOf('Activity') + 1, 1, 4).setValues([['ACT-0002', '', 'Inserted', '2026-03-20']]);
    });
    personEdits(h, 'Milestones', 'C3');
    const byName = Object.fromEntries(tabRecords(h, 'Milestones').filter((r) => r.Milestone).map((r) => [r.Milestone, [r.ID, r.Status]]));
    expect(byName).toEqual({
      Finished: ['MS-0004', 'Done'], Inserted: ['MS-0005', 'Due soon'], Later: ['MS-0003', 'Upcoming'],
      'Overdue one': ['MS-0001', 'Overdue'], Soon: ['MS-0002', 'Due soon'],
    });
  });
});

describe('Check data', () => {
  it('lists each problem with tab, row and column in plain words and changes no data', () => {
    const h = tracker();
    appendRecords(h, 'Staff', [
      { 'Full name': 'Pat', Role: 'Peer Worker', Start: '2026-05-01', End: '2026-01-01', Site: 'SITE-0099' },
      { Role: 'Peer Worker', Start: 'next week' },
    ]);
    appendRecords(h, 'Staff pay and contacts', [{ 'Staff ID': 'STAFF-0001', 'Hourly wage': 20 }]);
    h.addon.call('refreshComputed');
    const before = JSON.stringify(h.ws.spreadsheet(h.spreadsheetId).sheets.filter((s) => s.name !== 'Data check').map((s) => s.rows));
    const { problems } = h.addon.call<{ problems: { tab: string; row: number; column: string; message: string; severity: string }[] }>('checkData');
    const found = problems.filter((p) => p.tab === 'Staff' || p.tab === 'Staff pay and contacts').map((p) => `${p.row} ${p.column}: ${p.message}`);
    expect(found).toEqual(expect.arrayContaining([
      '2 Site: Staff row 2 (Pat): "SITE-0099" does not match any row of Sites. Choose one from the dropdown.',
      '2 End: Staff row 2 (Pat): End (2026-01-01) is before Start (2026-05-01).',
      '2 Hourly wage: Staff pay and contacts row 2 (Pat): $20.00 an hour is below the living wage in Settings ($27.85).',
      '3 Full name: Staff row 3: Full name is required.',
      '3 Start: Staff row 3: "next week" is not a date. Type it as yyyy-mm-dd, e.g. 2026-04-30.',
    ]));
    expect(JSON.stringify(h.ws.spreadsheet(h.spreadsheetId).sheets.filter((s) => s.name !== 'Data check').map((s) => s.rows))).toBe(before);
    const report = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Data check')!;
    expect(report.lastRow()).toBe(problems.length + 1);
  });

  it('finds duplicate IDs', () => {
    const h = tracker();
    appendRecords(h, 'Sites', [{ ID: 'SITE-0001', Name: 'Copy' }]);
    const { problems } = h.addon.call<{ problems: { tab: string; row: number; message: string }[] }>('checkData');
    expect(problems).toContainEqual(expect.objectContaining({ tab: 'Sites', row: 3, message: expect.stringMatching(/The ID SITE-0001 is also used on row 2/) }));
  });
});

describe('batch I/O', () => {
  function callsFor(rows: number): { setup: number; check: number } {
    const h = openAddon();
    h.addon.call('setupTracker');
    const staff = Array.from({ length: rows }, (_, i) => ({ 'Full name': `Person ${i}`, Role: 'Peer Worker', 'Hourly wage': 28, Start: '2025-01-01' }));
    appendPeople(h, staff);
    appendRecords(h, 'Milestones', staff.map((_, i) => ({ Activity: 'ACT-0001', Milestone: `M${i}`, Due: '2026-05-01' })));
    let mark = h.ws.ledger.mark();
    h.addon.call('setupTracker');
    const setup = h.ws.ledger.since(mark).length;
    mark = h.ws.ledger.mark();
    h.addon.call('checkData');
    return { setup, check: h.ws.ledger.since(mark).length };
  }

  it('setup and Check data make the same number of service calls for 2,000 rows and for 5,000', () => {
    const small = callsFor(2000);
    const large = callsFor(5000);
    expect(large.setup).toBe(small.setup);
    expect(large.check).toBe(small.check);
    expect(large.check).toBeLessThan(60);
    expect(large.setup).toBeLessThan(1000);
  });
});

describe('the refresh after one edit', () => {
  /** One person's edit on row 2 (a wage on Staff pay and contacts, or a name on Staff, which is also a dropdown label and shown beside the pay), fired as Sheets does. */
  function editRun(rows: number, header: 'Hourly wage' | 'Full name'): { calls: string[]; modelledMs: number; flag: unknown; label: unknown; shown: unknown } {
    const h = openAddon();
    h.addon.call('setupTracker');
    appendPeople(h, Array.from({ length: rows }, (_, i) => ({ 'Full name': `Person ${i}`, Role: 'Peer Worker', 'Hourly wage': 28 })));
    h.addon.call('refreshComputed');
    const firing = personEdits(h, header === 'Full name' ? 'Staff' : 'Staff pay and contacts', 'A2', {
      change: (range) => {
        const sheet = range.getSheet();
        const column = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf(header) + 1;
        sheet.getRange(2, column).setValue(header === 'Full name' ? 'Person renamed' : 20);
      },
    });
    const [run] = firing.installable;
    const lists = h.ws.execute(() => (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
      .openById(h.spreadsheetId).getSheetByName('ROSE lists')!.getRange('B2').getValue());
    const pay = tabRecords(h, 'Staff pay and contacts')[0];
    return { calls: run.calls, modelledMs: run.modelledMs, flag: pay['Below living wage'], label: lists, shown: pay['Full name'] };
  }

  it('makes at most 8 calls, the same for 200 staff and for 5,000, and stays under 2 s modelled', () => {
    for (const header of ['Hourly wage', 'Full name'] as const) {
      const small = editRun(200, header);
      const large = editRun(5000, header);
      expect(large.calls).toEqual(small.calls);
      // The edited rows and their lookups in one Sheets API read; the changed cells in one write that shows the rows after it.
      expect(large.calls.length).toBeLessThanOrEqual(8);
      expect(large.calls.filter((c) => c.startsWith('Sheets.'))).toEqual(['Sheets.Spreadsheets.get', 'Sheets.Spreadsheets.batchUpdate']);
      expect(large.modelledMs).toBeLessThanOrEqual(2000);
      // A wage of 20 is below the living wage; a new name is the person's label in the Staff dropdown.
      expect([large.flag, large.label, large.shown]).toEqual(header === 'Hourly wage' ? ['Yes', 'STAFF-0001 · Person 0', 'Person 0'] : ['No', 'STAFF-0001 · Person renamed', 'Person renamed']);
    }
  });
});

describe('the living wage of a site', () => {
  it('is used instead of the Settings one when the site has its own, for the flag and for Check data', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    appendRecords(h, 'Sites', [
      { ID: 'SITE-0001', Name: 'Vancouver drop-in' },
      { ID: 'SITE-0002', Name: 'Victoria shelter', 'Living wage per hour': 27.4 },
    ]);
    appendPeople(h, [
      { 'Full name': 'In Vancouver', Role: 'Peer Worker', Site: 'SITE-0001 · Vancouver drop-in', 'Hourly wage': 27.4 },
      { 'Full name': 'In Victoria', Role: 'Peer Worker', Site: 'SITE-0002 · Victoria shelter', 'Hourly wage': 27.4 },
      { 'Full name': 'Below in Victoria', Role: 'Peer Worker', Site: 'SITE-0002 · Victoria shelter', 'Hourly wage': 26 },
    ]);
    h.addon.call('refreshComputed');
    expect(tabRecords(h, 'Staff pay and contacts').map((r) => [r['Full name'], r['Below living wage']])).toEqual([
      ['In Vancouver', 'Yes'], ['In Victoria', 'No'], ['Below in Victoria', 'Yes'],
    ]);
    const { problems } = h.addon.call<{ problems: { tab: string; row: number; message: string }[] }>('checkData');
    const wages = problems.filter((p) => /living wage/.test(p.message)).map((p) => `${p.row}: ${p.message}`);
    expect(wages).toEqual([
      '2: Staff pay and contacts row 2 (In Vancouver): $27.40 an hour is below the living wage in Settings ($27.85).',
      '4: Staff pay and contacts row 4 (Below in Victoria): $26.00 an hour is below the living wage for their site (Sites) ($27.40).',
    ]);
  });
});

describe('the refresh after an edit', () => {
  it('reads only what the edited tab can change: an edit on Events reads Events alone', () => {
    const h = tracker();
    appendRecords(h, 'Events', [{ Site: 'SITE-0001 · Harbour', Type: 'Teambuilding day', Date: '2026-03-10' }]);
    const mark = h.ws.ledger.mark();
    edit(h, 'Events');
    const reads = h.ws.ledger.since(mark).filter((c) => c === 'Range.getValues' || c === 'Sheet.getSheetValues').length;
    // Events itself, the list tab's "highest ID issued" before recording the new ID, and Events again
    // just before and just after writing that ID (so it lands on its row if someone sorted meanwhile).
    expect(reads).toBe(4);
    expect(tabRecords(h, 'Events').map((r) => r.ID)).toEqual(['EVT-0001']);
  });

  it('a changed living wage in Settings re-flags wages at once', () => {
    const h = tracker();
    appendPeople(h, [{ 'Full name': 'Pat', Role: 'Peer Worker', 'Hourly wage': 27 }]);
    edit(h, 'Staff pay and contacts');
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Below living wage']).toBe('Yes');
    setSetting(h, 'Living wage per hour', 26.5);
    edit(h, 'Settings');
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Below living wage']).toBe('No');
  });
});
