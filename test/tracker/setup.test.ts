// Set up tracker on blank and existing Sheets: what is created, what is kept, and what stops setup before it writes.
import { openAddon } from '../support/addon';
import { appendRecords, asUser, tabRecords, tabValues, setSetting } from '../support/tracker';
import { TABS, SETTINGS } from '../../addon/tracker/schema';

type SetupResult = { ok: boolean; lines: string[]; problems: string[] };

describe('Set up tracker on a blank Sheet', () => {
  const h = openAddon();
  const result = h.addon.call<SetupResult>('setupTracker');

  it('creates every tab of the schema with its headers, frozen and bold', () => {
    expect(result.ok).toBe(true);
    const model = h.ws.spreadsheet(h.spreadsheetId);
    for (const spec of TABS) {
      const sheet = model.sheetByName(spec.name)!;
      expect(sheet).toBeDefined();
      expect(tabValues(h, spec.name)[0]).toEqual(spec.columns.map((c) => c.header));
      expect(sheet.frozenRows).toBe(1);
      expect(sheet.cell(1, 1)?.fontWeight).toBe('bold');
    }
  });

  it('seeds Settings with every setting and a dated living wage with its source', () => {
    const settings = tabRecords(h, 'Settings');
    expect(settings.map((r) => r.Setting)).toEqual(SETTINGS.map((s) => s.key));
    const wage = settings.find((r) => r.Setting === 'Living wage per hour')!;
    expect(wage.Value).toBe(27.85);
    expect(String(settings.find((r) => r.Setting === 'Living wage source')!.Value)).toMatch(/Living Wage for Families BC/);
  });

  it('seeds training topics with the first-aid validity of 36 months', () => {
    const topics = tabRecords(h, 'Training Topics');
    expect(topics.find((t) => t.Topic === 'First aid and CPR')!['Validity (months)']).toBe(36);
    expect(topics.find((t) => t.Topic === 'Naloxone administration')!['Validity (months)']).toBe('');
  });

  it('puts dropdowns, date formats and live conditional formats on the right columns', () => {
    const model = h.ws.spreadsheet(h.spreadsheetId);
    const plan = model.sheetByName('Action Plan')!;
    const header = tabValues(h, 'Action Plan')[0];
    const status = header.indexOf('Status') + 1;
    expect(plan.cell(2, status)?.validation?.criteria).toBe('VALUE_IN_LIST');
    expect(plan.cell(500, status)?.validation?.args[0]).toEqual(['Not started', 'In progress', 'Done', 'Blocked', 'Cancelled']);
    expect(plan.cell(2, header.indexOf('Start') + 1)?.format).toBe('yyyy-mm-dd');
    expect(plan.cell(2, header.indexOf('Allocated budget') + 1)?.format).toBe('"$"#,##0.00');
    const site = plan.cell(2, header.indexOf('Site') + 1)?.validation;
    expect(site?.criteria).toBe('VALUE_IN_RANGE');
    const milestones = model.sheetByName('Milestones')!;
    expect(milestones.conditionalRules.map((r) => r.args[0])).toEqual(expect.arrayContaining([expect.stringContaining('TODAY()')]));
  });

  it('protects Staff, Support Requests, Survey Responses, Interview Log and Payments to the person who ran setup when no coordinators are named', () => {
    const protections = h.ws.spreadsheet(h.spreadsheetId).allProtections().filter((p) => p.type === 'SHEET');
    expect(protections.map((p) => p.description).sort()).toEqual([
      'ROSE Tracker: confidential (Interview Log)', 'ROSE Tracker: confidential (Payments)',
      'ROSE Tracker: confidential (Staff)', 'ROSE Tracker: confidential (Support Requests)', 'ROSE Tracker: confidential (Survey Responses)',
    ]);
    for (const p of protections) expect([...p.editors]).toEqual(['coordinator@example.org']);
    expect(result.lines.join(' ')).toMatch(/No coordinator emails/);
  });

  it('limits confidential tabs to the coordinators named in Settings on the next run', () => {
    setSetting(h, 'Coordinator emails', 'lee@example.org, coordinator@example.org');
    h.addon.call('setupTracker');
    const staff = h.ws.spreadsheet(h.spreadsheetId).allProtections().find((p) => p.description === 'ROSE Tracker: confidential (Staff)')!;
    expect([...staff.editors].sort()).toEqual(['coordinator@example.org', 'lee@example.org']);
    h.ws.share(h.spreadsheetId, 'volunteer@example.org');
    expect(() => asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('B2').setValue('Someone'), 'volunteer@example.org')).toThrow(/protected cell/);
  });
});

describe('Set up tracker on a Sheet in use', () => {
  it('keeps every value, a column the user added, its note and the order the user chose', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    asUser(h, (ss) => {
      const sites = ss.getSheetByName('Sites')!;
      sites.getRange(1, 11).setValue('Parking notes').setNote('Ask the landlord first');
      sites.setTabColor('#ff00ff');
      sites.getRange(2, 2, 1, 10).setValues([['Harbour Lights', 'Vancouver', 'Other', 'Robin', '', '', '', 'Yes', 'note', 'Lot B']]);
    });
    h.addon.call('setupTracker');
    expect(asUser(h, (ss) => ss.getSheetByName('Sites')!.getRange(1, 11).getNote())).toBe('Ask the landlord first');
    expect(h.ws.spreadsheet(h.spreadsheetId).sheetByName('Sites')!.tabColor).toBe('#ff00ff');
    const [header, row] = tabValues(h, 'Sites');
    expect(header).toContain('Parking notes');
    expect(row[header.indexOf('Parking notes')]).toBe('Lot B');
    expect(row[header.indexOf('Name')]).toBe('Harbour Lights');
    expect(String(row[header.indexOf('ID')])).toMatch(/^SITE-0001$/);
  });

  it('migrates a version 1 tracker in place: renamed tab and columns, values kept, new columns appended', () => {
    const h = openAddon();
    asUser(h, (ss) => {
      const staff = ss.insertSheet('Staff');
      staff.getRange(1, 1, 2, 4).setValues([['ID', 'Name', 'Role', 'Wage'], ['STAFF-0007', 'Pat Example', 'Peer Worker', 26]]);
      const training = ss.insertSheet('Training');
      training.getRange(1, 1, 2, 4).setValues([['ID', 'Staff', 'Topic', 'Date'], ['TRN-0001', 'STAFF-0007', 'First aid and CPR', '2024-05-01']]);
    });
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(true);
    expect(result.lines.join('\n')).toMatch(/Renamed the tab "Training" to "Training Log"/);
    expect(result.lines.join('\n')).toMatch(/renamed the column "Name" to "Full name"/);
    const staff = tabRecords(h, 'Staff')[0];
    expect(staff['Full name']).toBe('Pat Example');
    expect(staff['Hourly wage']).toBe(26);
    expect(staff['Below living wage']).toBe('Yes');
    const log = tabRecords(h, 'Training Log')[0];
    // 36 months after 2024-05-01, as a date cell at midnight in the tracker's time zone (PDT).
    expect(log['Valid until']).toEqual(new Date('2027-05-01T07:00:00Z'));
    expect(h.ws.spreadsheet(h.spreadsheetId).sheetByName('Training')).toBeUndefined();
  });

  it('never reissues an ID: a row added after the last row was deleted gets a new number', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    appendRecords(h, 'Sites', [{ Name: 'A' }, { Name: 'B' }]);
    h.addon.call('refreshComputed');
    asUser(h, (ss) => ss.getSheetByName('Sites')!.deleteRow(3));
    appendRecords(h, 'Sites', [{ Name: 'C' }]);
    h.addon.call('refreshComputed');
    expect(tabRecords(h, 'Sites').map((r) => r.ID)).toEqual(['SITE-0001', 'SITE-0003']);
  });
});

describe('Set up tracker stops before writing anything on bad input', () => {
  function snapshot(h: ReturnType<typeof openAddon>): string {
    const model = h.ws.spreadsheet(h.spreadsheetId);
    return JSON.stringify(model.sheets.map((s) => [s.name, s.rows, s.maxColumns, s.maxRows]));
  }

  it.each([
    ['a tab with the tracker\'s name but unrelated content', (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => {
      ss.insertSheet('Budget').getRange(1, 1, 2, 2).setValues([['Quarter', 'Revenue'], ['Q1', 100]]);
    }, /The tab "Budget" already holds something else.*"Budget \(old\)"/],
    ['duplicate header names', (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => {
      ss.insertSheet('Sites').getRange(1, 1, 1, 3).setValues([['ID', 'Name', 'Name']]);
    }, /The tab "Sites" has two columns named "Name" \(columns 2 and 3\)/],
    ['merged header cells', (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => {
      const sheet = ss.insertSheet('Events');
      sheet.getRange(1, 1, 1, 2).setValues([['ID', 'Site']]);
      sheet.getRange('B1:C1').merge();
    }, /The tab "Events" has merged cells in row 1/],
  ])('%s', (_name, prepare, message) => {
    const h = openAddon();
    asUser(h, prepare);
    const before = snapshot(h);
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(message);
    expect(snapshot(h)).toBe(before);
    expect(h.ws.host.uiLog.at(-1)?.content).toMatch(/Nothing was changed/);
  });

  it('a protected range the user cannot edit', () => {
    const h = openAddon({ user: 'coordinator@example.org' });
    // The owner protected a range; the coordinator (an editor of the file) runs setup.
    h.ws.host.files.get(h.spreadsheetId)!.owner = 'owner@example.org';
    h.ws.share(h.spreadsheetId, 'coordinator@example.org');
    asUser(h, (ss) => {
      const sheet = ss.insertSheet('Expenses');
      sheet.getRange(1, 1, 1, 2).setValues([['ID', 'Date']]);
      sheet.getRange('A1:B5').protect().setDescription('Finance only').removeEditors(['coordinator@example.org']).addEditor('finance@example.org');
    }, 'owner@example.org');
    const before = snapshot(h);
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/The tab "Expenses" is protected \("Finance only", range A1:B5\)/);
    expect(snapshot(h)).toBe(before);
  });
});

describe('tabs ROSE Tracker rewrites whole', () => {
  it('are never taken over when a person already has a tab of that name', () => {
    const h = openAddon();
    asUser(h, (ss) => {
      ss.insertSheet('Dashboard').getRange('A1:B2').setValues([['My own dashboard', 'numbers'], ['keep', 1]]);
      ss.insertSheet('Data check').getRange('A1').setValue('My checklist');
    });
    h.addon.call('setupTracker');
    expect(() => h.addon.call('refreshDashboard')).toThrow(/A tab named "Dashboard" already exists and was not made by ROSE Tracker/);
    expect(() => h.addon.call('checkData')).toThrow(/A tab named "Data check" already exists/);
    expect(tabValues(h, 'Dashboard')).toEqual([['My own dashboard', 'numbers'], ['keep', 1]]);
    expect(tabValues(h, 'Data check')).toEqual([['My checklist']]);
  });

  it('a tab of the hidden list\'s name stops setup before it writes anything', () => {
    const h = openAddon();
    asUser(h, (ss) => ss.insertSheet('ROSE lists').getRange('A1').setValue('groceries'));
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(false);
    expect(result.problems.join(' ')).toMatch(/"ROSE lists" already exists and was not made by ROSE Tracker/);
    expect(h.ws.spreadsheet(h.spreadsheetId).sheets.map((s) => s.name)).toEqual(['Sheet1', 'ROSE lists']);
  });
});

describe('a Sheet in another time zone', () => {
  it('keeps its time zone and locale: Settings starts with them instead of the defaults', () => {
    const h = openAddon();
    asUser(h, (ss) => { ss.setSpreadsheetTimeZone('America/Toronto'); ss.setSpreadsheetLocale('fr_CA'); });
    h.addon.call('setupTracker');
    const settings = Object.fromEntries(tabRecords(h, 'Settings').map((r) => [r.Setting, r.Value]));
    expect([settings['Time zone'], settings.Locale]).toEqual(['America/Toronto', 'fr-CA']);
    const model = h.ws.spreadsheet(h.spreadsheetId);
    expect([model.timeZone, model.locale]).toEqual(['America/Toronto', 'fr_CA']);
  });
});
