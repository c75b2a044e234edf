// The Payments tab end to end, on the built bundle in the local Workspace: setup makes it protected to the coordinators, a site lead cannot edit it, the refresh fills the tax-slip and exemption columns, Check data names each bad payment, and only the coordinators' digest counts who is near an exemption.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, asUser, personEdits, setSetting, tabRecords, tabValues } from '../support/tracker';
import { fillSampleOrganization, loadSampleOrganization } from '../../scripts/sample/organization';

const COORDINATOR = 'coordinator@example.org';
const SITE_LEAD = 'site.lead@example.net';

interface Found { tab: string; row: number; column: string; severity: string; message: string }

function tracker(): Harness {
  const h = openAddon({ user: COORDINATOR });
  h.addon.call('setupTracker');
  setSetting(h, 'Coordinator emails', COORDINATOR);
  h.addon.call('setupTracker');
  h.ws.share(h.spreadsheetId, SITE_LEAD);
  appendRecords(h, 'Sites', [{ ID: 'SITE-0001', Name: 'Harbour' }]);
  appendRecords(h, 'Staff', [
    { ID: 'STAFF-0001', 'Full name': 'Avery Lin', Role: 'Peer Research Assistant', Site: 'SITE-0001 · Harbour' },
    { ID: 'STAFF-0002', 'Full name': 'Sam Ortiz', Role: 'Peer Worker', Site: 'SITE-0001 · Harbour' },
  ]);
  return h;
}

describe('the Payments tab', () => {
  it('is made by setup, protected to the coordinators: a site lead cannot edit it, a coordinator can', () => {
    const h = tracker();
    expect(tabValues(h, 'Payments')[0]).toEqual(expect.arrayContaining(['ID', 'Person', 'Date', 'Amount', 'Method', 'What it was for', 'Agreed up front', 'Receipt', 'T4/T4A slip', 'Track earnings exemption', 'Exemption used']));
    expect(() => asUser(h, (ss) => ss.getSheetByName('Payments')!.getRange('C2').setValue('2026-03-01'), SITE_LEAD))
      .toThrow('You are trying to edit a protected cell or object');
    asUser(h, (ss) => ss.getSheetByName('Payments')!.getRange('C2').setValue('2026-03-01'), COORDINATOR);
    // The Settings rows for the exemption figures are there, with their source.
    const settings = tabRecords(h, 'Settings');
    expect(settings.find((r) => r.Setting === 'Earnings exemption, disability assistance (a year)')?.Value).toBe(15000);
    expect(String(settings.find((r) => r.Setting === 'Earnings exemptions source')?.Value)).toMatch(/BCEA Policy and Procedure Manual/);
  });

  it('fills each payment\'s calendar-year total, its T4/T4A flag and, for the person who opted in, the exemption used', () => {
    const h = tracker();
    setSetting(h, 'Earnings exemption, disability assistance (a year)', 2000);
    setSetting(h, 'Earnings exemptions as of', '2026-01-05');
    appendRecords(h, 'Payments', [
      { Person: 'STAFF-0001 · Avery Lin', Date: '2025-12-15', Amount: 400, 'Agreed up front': 'Yes', Receipt: 'given' },
      { Person: 'STAFF-0001 · Avery Lin', Date: '2026-01-20', Amount: 300, 'Agreed up front': 'Yes', 'Track earnings exemption': 'Disability assistance' },
      { Person: 'STAFF-0001 · Avery Lin', Date: '2026-03-02', Amount: 1300, 'Agreed up front': 'Yes', Method: 'E-transfer' },
      { Person: 'STAFF-0002 · Sam Ortiz', Date: '2026-03-03', Amount: 1800, 'Agreed up front': 'Yes' },
    ]);
    h.addon.call('refreshComputed');
    const rows = tabRecords(h, 'Payments');
    expect(rows.map((r) => r.ID)).toEqual(['PAY-0001', 'PAY-0002', 'PAY-0003', 'PAY-0004']);
    expect(rows.map((r) => [r['Paid in the calendar year'], r['T4/T4A slip']])).toEqual([[400, 'No'], [1600, 'Yes'], [1600, 'Yes'], [1800, 'Yes']]);
    // Avery's 2025 payment came before they opted in, and in another year: it still counts for 2025 only.
    expect(rows.map((r) => [r['Exemption used'], r['Exemption warning']])).toEqual([[0.2, ''], [0.15, ''], [0.8, 'Near the limit'], ['', '']]);

    // Check data names nothing about the exemption once the figures are dated.
    const found = h.addon.call<{ problems: Found[] }>('checkData').problems;
    expect(found.filter((p) => p.tab === 'Payments' || /exemption/i.test(p.message))).toEqual([]);

    // The digest goes to the coordinators with a count, never a name or an amount.
    const result = h.addon.call<{ outcome: string }>('sendRemindersNow');
    expect(result.outcome).toBe('sent');
    const mail = h.ws.outbox.filter((m) => m.to === COORDINATOR).pop()!;
    expect(mail.body).toContain('Earnings exemptions (1)\n- 1 person whose payments are tracked against an earnings exemption has reached 75 % of it this period');
    const exemptionLine = mail.body.split('\n').find((l) => l.includes('earnings exemption'))!;
    expect(exemptionLine).not.toMatch(/Avery|STAFF-0001|1,?300|1,?600/);
    expect(h.ws.outbox.some((m) => m.to === SITE_LEAD)).toBe(false);

    // The Dashboard, which site leads read, says nothing of it.
    h.addon.call('refreshDashboard');
    const board = tabValues(h, 'Dashboard').flat().map(String).join('\n');
    expect(board).not.toMatch(/exemption|T4|Payments|assistance/i);
  });

  it('is refreshed after a coordinator\'s edit: a new payment gets its ID and flags, a changed Settings figure moves the exemption used', () => {
    const h = tracker();
    setSetting(h, 'Earnings exemption, income assistance (a month)', 500);
    h.addon.call('setupTracker');
    personEdits(h, 'Payments', 'B2', {
      user: COORDINATOR,
      change: (range) => {
        const sheet = range.getSheet();
        const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
        const values: Record<string, string | number> = { Person: 'STAFF-0002 · Sam Ortiz', Date: '2026-03-10', Amount: 400, 'Agreed up front': 'Yes', 'Track earnings exemption': 'Income assistance' };
        sheet.getRange(2, 1, 1, header.length).setValues([header.map((name) => values[name] ?? '')]);
      },
    });
    const [payment] = tabRecords(h, 'Payments');
    expect([payment.ID, payment['T4/T4A slip'], payment['Exemption used'], payment['Exemption warning']]).toEqual(['PAY-0001', 'No', 0.8, 'Near the limit']);
    const settings = tabValues(h, 'Settings');
    const row = settings.findIndex((r) => r[0] === 'Earnings exemption, income assistance (a month)') + 1;
    personEdits(h, 'Settings', `B${row}`, { user: COORDINATOR, change: (range) => range.setValue(1000) });
    const [after] = tabRecords(h, 'Payments');
    expect([after['Exemption used'], after['Exemption warning']]).toEqual([0.4, '']);
  });

  it('Check data names tab, row, column and person for each bad payment and goes on to the next', () => {
    const h = tracker();
    appendRecords(h, 'Payments', [
      { Person: 'STAFF-0001 · Avery Lin', Date: '2026-03-01', 'Agreed up front': 'Yes' },
      { Person: 'STAFF-0001 · Avery Lin', Amount: 40, 'Agreed up front': 'Yes' },
      { Person: 'STAFF-0002 · Sam Ortiz', Date: '2026-03-02', Amount: 0, 'Agreed up front': 'Yes' },
      { Person: 'STAFF-0042 · Jordan Vale', Date: '2026-03-04', Amount: 60, 'Agreed up front': 'Yes' },
      { Person: 'STAFF-0002 · Sam Ortiz', Date: '2026-03-05', Amount: 60 },
      { Person: 'STAFF-0002 · Sam Ortiz', Date: '2026-03-06', Amount: 60, 'Agreed up front': 'No', 'Track earnings exemption': 'Income assistance' },
    ]);
    h.addon.call('refreshComputed');
    const found = h.addon.call<{ problems: Found[] }>('checkData').problems.filter((p) => p.tab === 'Payments' || (p.tab === 'Settings' && /exemption/i.test(p.message)));
    expect(found.map((p) => [p.tab, p.row, p.column, p.severity, p.message.split(':')[0]])).toEqual([
      ['Payments', 2, 'Amount', 'error', 'Payments row 2 (Avery Lin, 2026-03-01)'],
      ['Payments', 3, 'Date', 'error', 'Payments row 3 (Avery Lin)'],
      ['Payments', 5, 'Person', 'error', 'Payments row 5 (Jordan Vale, 2026-03-04)'],
      ['Payments', 6, 'Agreed up front', 'error', 'Payments row 6 (Sam Ortiz, 2026-03-05)'],
      ['Payments', 4, 'Amount', 'error', 'Payments row 4 (Sam Ortiz, 2026-03-02)'],
      // Someone is tracked and the figures were never dated.
      ['Settings', expect.any(Number), 'Value', 'warning', 'Earnings exemptions as of'],
    ]);
    // The Data check tab lists them with the rest.
    const report = tabValues(h, 'Data check').map((r) => r.map(String));
    expect(report.filter((r) => r[1] === 'Payments').map((r) => [r[2], r[3]])).toEqual([['2', 'Amount'], ['3', 'Date'], ['5', 'Person'], ['6', 'Agreed up front'], ['4', 'Amount']]);
  });
});

describe('the sample organization\'s payments', () => {
  it('show a T4/T4A slip for the research assistant, one person near their income assistance exemption, and ask for the figures\' date', () => {
    const h = openAddon({ user: COORDINATOR });
    h.addon.call('setupTracker');
    fillSampleOrganization(h.ws, h.spreadsheetId, loadSampleOrganization());
    h.addon.call('setupTracker');
    const rows = tabRecords(h, 'Payments');
    const of = (name: string) => rows.filter((r) => String(r.Person).endsWith(name));
    // Farah: $350 in 2025, $575 in 2026, across the year boundary.
    expect(of('Farah Haddad').map((r) => [(r.Date as Date).toISOString().slice(0, 10), r['Paid in the calendar year'], r['T4/T4A slip']])).toEqual([
      ['2025-11-20', 350, 'No'], ['2025-12-18', 350, 'No'], ['2026-01-22', 575, 'Yes'], ['2026-02-26', 575, 'Yes'], ['2026-03-12', 575, 'Yes'],
    ]);
    // Kai opted in with income assistance: March reaches 77.5 % of the $400 monthly figure.
    expect(of('Kai Lindqvist').map((r) => [r['Exemption used'], r['Exemption warning']])).toEqual([[0.3, ''], [0.4, ''], [0.775, 'Near the limit']]);
    // Dana did not opt in.
    expect(of('Dana Kowalski').map((r) => [r['Exemption used'], r['Exemption warning'], r['T4/T4A slip']])).toEqual([['', '', 'No']]);
    const found = h.addon.call<{ problems: Found[] }>('checkData').problems;
    expect(found.filter((p) => p.tab === 'Payments')).toEqual([]);
    expect(found.filter((p) => /earnings exemption/i.test(p.message)).map((p) => p.message.split(':')[0])).toEqual(['Earnings exemptions as of']);
  });
});

describe('Payments after Set up private workbooks', () => {
  it('moves into the Staff records workbook, leaves the tracker, and the digest still counts who is near an exemption', () => {
    const h = openAddon({ user: COORDINATOR });
    h.addon.call('setupTracker');
    fillSampleOrganization(h.ws, h.spreadsheetId, loadSampleOrganization());
    h.addon.call('setupTracker');
    h.ws.share(h.spreadsheetId, SITE_LEAD);
    const before = tabRecords(h, 'Payments').length;
    const result = h.addon.call<{ workbooks: { name: string; workbookId: string; rowsMoved: number }[] }>('setUpPrivateWorkbooks');
    const records = result.workbooks.find((w) => w.name === 'Staff records')!;
    // Every payment row went, with the pay and contacts rows, and the tracker no longer has the tab a site lead could read.
    expect(h.ws.spreadsheet(h.spreadsheetId).sheetByName('Payments')).toBeUndefined();
    const moved = h.ws.spreadsheet(records.workbookId).sheetByName('Payments')!;
    expect(moved.lastRow() - 1).toBe(before);
    expect(h.ws.host.canRead(h.ws.host.files.get(records.workbookId)!, SITE_LEAD)).toBe(false);
    // A second setup does not bring the tab back into the tracker.
    h.addon.call('setupTracker');
    expect(h.ws.spreadsheet(h.spreadsheetId).sheetByName('Payments')).toBeUndefined();
    // The coordinators' digest reads Payments through the link: Kai is near the limit, counted, never named.
    const digest = h.addon.call<{ text: string }>('sendRemindersNow');
    expect(digest.text).toMatch(/1 person whose payments are tracked against an earnings exemption has reached 75 %/);
    expect(digest.text).not.toMatch(/Kai Lindqvist[^\n]*exemption/);
  });
});
