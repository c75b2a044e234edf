// A person's own column named like a computed one is left alone, and Check data flags it; IDs and references that no longer say who a row is about are flagged.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, asUser, tabValues, personEdits } from '../support/tracker';

type Found = { tab: string; row: number; column: string; cell: string; severity: string; message: string };

function edit(h: Harness, tab: string): void {
  personEdits(h, tab, 'A2');
}

function checkData(h: Harness): Found[] {
  return h.addon.call<{ problems: Found[] }>('checkData').problems;
}

/** Adds a column with this header after the last one, with the given values below it. */
function addOwnColumn(h: Harness, tab: string, header: string, values: string[]): number {
  return asUser(h, (ss) => {
    const sheet = ss.getSheetByName(tab)!;
    const column = sheet.getLastColumn() + 1;
    if (column > sheet.getMaxColumns()) sheet.insertColumnsAfter(sheet.getMaxColumns(), 1);
    sheet.getRange(1, column, values.length + 1, 1).setValues([[header], ...values.map((v) => [v])]);
    return column;
  });
}

describe('a column a person adds under a computed column\'s name', () => {
  it('is never overwritten by the refresh after an edit, and Check data names both columns', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    appendRecords(h, 'Milestones', [
      { Activity: 'ACT-0001', Milestone: 'Cards printed', Due: '2026-03-01' },
      { Activity: 'ACT-0001', Milestone: 'Screening', Due: '2026-09-01' },
    ]);
    const own = addOwnColumn(h, 'Milestones', 'Status', ['waiting on printer', 'booked the hall']);
    edit(h, 'Milestones');
    const rows = tabValues(h, 'Milestones').slice(1, 3);
    expect(rows.map((r) => r[own - 1])).toEqual(['waiting on printer', 'booked the hall']);
    const problems = checkData(h).filter((p) => p.tab === 'Milestones' && p.row === 1 && p.column === 'Status');
    expect(problems).toEqual([expect.objectContaining({
      severity: 'error', cell: 'H1, J1',
      message: expect.stringMatching(/two columns named "Status" \(columns H and J\).*ROSE Tracker fills "Status" itself.*Rename your own column/),
    })]);
  });

  it('in Budget ("Remaining") is left alone too, while the tracker\'s other computed columns still refresh', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    appendRecords(h, 'Budget', [{ ID: 'BUD-0001', Category: 'Materials', Description: 'Cards', Allocated: 100 }]);
    appendRecords(h, 'Expenses', [{ Date: '2026-02-01', 'Budget line': 'BUD-0001 · Cards', Amount: 30 }]);
    const own = addOwnColumn(h, 'Budget', 'Remaining', ['ask Robin']);
    edit(h, 'Expenses');
    const [header, row] = tabValues(h, 'Budget');
    expect(row[own - 1]).toBe('ask Robin');
    expect(row[header.indexOf('Spent')]).toBe(30);
    expect(row[header.indexOf('Remaining')]).toBe('');
  });
});

describe('Check data on IDs and references', () => {
  function tracker(): Harness {
    const h = openAddon();
    h.addon.call('setupTracker');
    appendRecords(h, 'Sites', [{ Name: 'Harbour' }]);
    appendRecords(h, 'Staff', [
      { 'Full name': 'Alex Moreno', Role: 'Peer Worker' },
      { 'Full name': 'Jordan Lee', Role: 'Peer Worker' },
      { 'Full name': 'Sam Taylor', Role: 'Peer Worker' },
    ]);
    edit(h, 'Sites');
    edit(h, 'Staff');
    return h;
  }

  it('flags an ID that is not the tab\'s prefix and digits, naming the row and what to do', () => {
    const h = tracker();
    asUser(h, (ss) => {
      const staff = ss.getSheetByName('Staff')!;
      staff.getRange('A2').setValue('abc');
      // Pasted as text (a typed =1+1 would be a formula, which the local Workspace does not evaluate).
      staff.getRange('A3').setValue("'=1+1");
      ss.getSheetByName('Sites')!.getRange('A2').setValue('STAFF-0001');
    });
    const problems = checkData(h).filter((p) => p.column === 'ID').map((p) => `${p.tab} ${p.cell}: ${p.message}`);
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Staff A2: Staff row 2 \(Alex Moreno\): The ID "abc" is not a Staff ID: Staff IDs are STAFF- and digits, like STAFF-0001\. .*clear the cell/),
      expect.stringMatching(/^Staff A3: Staff row 3 \(Jordan Lee\): The ID "=1\+1" is not a Staff ID/),
      expect.stringMatching(/^Sites A2: Sites row 2 \(Harbour\): The ID "STAFF-0001" is not a Sites ID/),
    ]));
  });

  it('names both people when a person typed an ID that another row already has', () => {
    const h = tracker();
    asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('A4').setValue('STAFF-0001'));
    const problems = checkData(h).filter((p) => p.tab === 'Staff' && p.column === 'ID');
    expect(problems).toContainEqual(expect.objectContaining({
      row: 4, cell: 'A4', message: expect.stringMatching(/^Staff row 4 \(Sam Taylor\): The ID STAFF-0001 is also used on row 2 \(Alex Moreno\)\./),
    }));
  });

  it('flags a reference to an ID no row has, and one whose name is no longer that row\'s', () => {
    const h = tracker();
    appendRecords(h, 'Training Log', [
      { Staff: 'STAFF-0003 · Alex Moreno', Topic: 'First aid and CPR', Date: '2026-01-10' },
      { Staff: 'STAFF-0009 · Riley Chen', Topic: 'First aid and CPR', Date: '2026-01-11' },
      { Staff: 'STAFF-0002 · Jordan Lee', Topic: 'First aid and CPR', Date: '2026-01-12' },
    ]);
    const problems = checkData(h).filter((p) => p.tab === 'Training Log' && p.column === 'Staff');
    expect(problems.map((p) => `${p.row} ${p.cell}: ${p.message}`)).toEqual([
      expect.stringMatching(/^2 B2: Training Log row 2 \(Alex Moreno, First aid and CPR\): "STAFF-0003 · Alex Moreno" names Alex Moreno, but STAFF-0003 is Sam Taylor \(Staff row 4\)\. .*choose the right one from the dropdown/),
      expect.stringMatching(/^3 B3: Training Log row 3 \(Riley Chen, First aid and CPR\): "STAFF-0009 · Riley Chen" does not match any row of Staff\. Choose one from the dropdown/),
    ]);
  });

  it('flags a reference to an ID two rows share', () => {
    const h = tracker();
    asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('A4').setValue('STAFF-0002'));
    appendRecords(h, 'Training Log', [{ Staff: 'STAFF-0002 · Jordan Lee', Topic: 'First aid and CPR', Date: '2026-01-12' }]);
    const problems = checkData(h).filter((p) => p.tab === 'Training Log' && p.column === 'Staff');
    expect(problems).toEqual([expect.objectContaining({
      row: 2, message: expect.stringMatching(/STAFF-0002 is used by more than one row of Staff \(rows 3 and 4\)/),
    })]);
  });
});
