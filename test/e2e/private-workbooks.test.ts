// Who sees what, on the built bundle: Set up private workbooks moves support requests, survey answers and staff pay and contacts into workbooks only their readers and the coordinators can open, and each role reads exactly what the README's table says.
import { openAddon, type Harness } from '../support/addon';
import { appendPeople, appendRecords, asUser, setSetting, sheetApp, tabRecords } from '../support/tracker';
import { formIdOf } from '../../scripts/sample/surveys';
import { formModel } from '../../workspace/forms';
import { person, titleOf } from '../surveys/forms-support';
import { METADATA_KEYS } from '../../addon/core/keys';
import type { PrivateWorkbooksResult, WorkbookOutcome } from '../../addon/privacy/workbooks';

import { ROLES, type Access } from '../support/access-matrix';

// The people of the access matrix (test/support/access-matrix.ts), which the README's tables are checked against too.
const [COORDINATOR_A, COORDINATOR_B, SITE_LEAD, NAVIGATOR, PEER_SUPPORTER, EVALUATOR] = ROLES.map((r) => r.email);

let h: Harness;
let supportForm: string;
let evaluationForm: string;
let tracker: string;
let documentsFolder: string;

/** A person's contacts and pay, each a value that appears nowhere else, so a test can look for it in every cell. */
const AVERY = { email: 'avery.peer@example.org', phone: '604-555-0177', wage: 24.37 };

function supportRequest(details: string): Record<string, string> {
  const s = (id: string) => titleOf('support-request', id);
  return { [s('request_for')]: 'Systems Navigator', [s('request_type')]: 'Housing', [s('urgency')]: 'This week', [s('contact')]: 'Text me', [s('details')]: details };
}

/** A tracker as an organization runs it: two coordinators, a site lead editing, the support team and the evaluator named, each form answered once. */
function organization(): void {
  h = openAddon({ user: COORDINATOR_A });
  tracker = h.spreadsheetId;
  h.addon.call('setupTracker');
  setSetting(h, 'Coordinator emails', `${COORDINATOR_A}, ${COORDINATOR_B}`);
  // Set up tracker again confirms the list: only confirmed coordinators are given the private workbooks.
  h.addon.call('setupTracker');
  setSetting(h, 'Support team emails', `${NAVIGATOR}, ${PEER_SUPPORTER}`);
  setSetting(h, 'Evaluator emails', EVALUATOR);
  appendRecords(h, 'Sites', [{ Name: 'Harbour Lights Drop-in', Active: 'Yes' }]);
  appendRecords(h, 'Training Topics', [{ Topic: 'Naloxone administration' }]);
  // A peer worker paid below the living wage: her email, phone and wage are on Staff pay and contacts.
  appendPeople(h, [{ 'Full name': 'Avery Fictional', Role: 'Peer Worker', Site: 'SITE-0001 · Harbour Lights Drop-in', Start: '2026-01-05', 'Employment type': 'Casual', Email: AVERY.email, Phone: AVERY.phone, 'Hourly wage': AVERY.wage, 'Hours per week': 12 }]);
  h.addon.call('refreshComputed');
  h.ws.share(tracker, COORDINATOR_B, 'editor');
  h.ws.share(tracker, SITE_LEAD, 'editor');
  // The Documents folder ROSE Tracker makes is its maker's; the README tells them to share it with the other coordinators.
  h.addon.call('installDocumentTemplates');
  documentsFolder = /\/folders\/([\w-]+)/.exec(String(tabRecords(h, 'Settings').find((r) => r.Setting === 'Documents folder')?.Value))![1];
  h.ws.share(documentsFolder, COORDINATOR_B, 'editor');
  h.addon.call('createOrUpdateForms');
  supportForm = formIdOf(h.ws, tracker, 'support-request');
  h.ws.submitForm(supportForm, supportRequest('Needs a bed tonight near Main St'));
  evaluationForm = formIdOf(h.ws, tracker, 'rose-evaluation');
  h.ws.submitForm(evaluationForm, person({ code: 'RO07K2' }));
}

function workbookOf(result: PrivateWorkbooksResult, name: WorkbookOutcome['name']): WorkbookOutcome {
  return result.workbooks.find((w) => w.name === name)!;
}

/** Whether Drive lets `reader` open a folder and every file in it (its sharing, inherited from folders above). */
function opensFolder(reader: string, folderId: string): boolean {
  const files = [...h.ws.host.files.values()].filter((f) => f.parents.includes(folderId));
  return [h.ws.host.files.get(folderId)!, ...files].every((f) => h.ws.host.canRead(f, reader));
}

/** Every cell of every tab of a file, read as `reader`; false when Google refuses them the file. */
function reads(reader: string, fileId: string, tab?: string): boolean {
  try {
    h.ws.execute(() => {
      const ss = sheetApp(h).openById(fileId);
      const sheets = tab ? [ss.getSheetByName(tab)!] : ss.getSheets();
      for (const sheet of sheets) sheet.getDataRange().getValues();
    }, { user: reader });
    return true;
  } catch (error) {
    if (/do not have permission/.test((error as Error).message)) return false;
    throw error;
  }
}

/** Whether any cell of the file shows one of Avery's contacts or her wage. */
function showsAverysPay(fileId: string): boolean {
  return cellsOf(fileId).some((v) => v === AVERY.email || v === AVERY.phone || v === String(AVERY.wage));
}

/** Whether `reader`, reading every cell of every tab of a file as themselves, finds Avery's contacts or wage. */
function readsAverysPay(reader: string, fileId: string): boolean {
  return h.ws.execute(() => sheetApp(h).openById(fileId).getSheets().some((sheet) => sheet.getDataRange().getValues().flat()
    .some((v) => v === AVERY.email || v === AVERY.phone || v === AVERY.wage)), { user: reader });
}

function cellsOf(fileId: string): string[] {
  return h.ws.spreadsheet(fileId).sheets.flatMap((s) => {
    const out: string[] = [];
    for (let r = 1; r <= s.lastRow(); r++) for (let c = 1; c <= s.lastColumn(); c++) out.push(String(s.cell(r, c)?.value ?? ''));
    return out;
  });
}

describe('Set up private workbooks, run in the tracker', () => {
  let result: PrivateWorkbooksResult;
  let workbook: string;
  let evaluation: string;
  let staffRecords: string;
  beforeAll(() => {
    organization();
    result = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    workbook = workbookOf(result, 'Support requests').workbookId;
    evaluation = workbookOf(result, 'Evaluation').workbookId;
    staffRecords = workbookOf(result, 'Staff records').workbookId;
  });

  it('creates a Staff records workbook owned by the coordinator who ran it and edited by the coordinators only', () => {
    expect(workbookOf(result, 'Staff records').created).toBe(true);
    const file = h.ws.host.files.get(staffRecords)!;
    expect(file.name).toBe(`${h.ws.spreadsheet(tracker).name} — Staff records`);
    expect(file.owner).toBe(COORDINATOR_A);
    expect([...file.editors]).toEqual([COORDINATOR_B]);
    expect(file.readers?.size ?? 0).toBe(0);
  });

  it('moves Staff pay and contacts out of the tracker: copied, read back, then the tracker\'s tab removed; no cell of the tracker shows a wage, phone or email', () => {
    expect(workbookOf(result, 'Staff records').rowsMoved).toBe(1);
    expect(h.ws.spreadsheet(tracker).sheetByName('Staff pay and contacts')).toBeUndefined();
    expect(showsAverysPay(tracker)).toBe(false);
    const moved = h.ws.spreadsheet(staffRecords).sheetByName('Staff pay and contacts')!;
    expect(moved.lastRow()).toBe(2);
    expect(showsAverysPay(staffRecords)).toBe(true);
    expect(h.ws.spreadsheet(tracker).developerMetadata.find((m) => m.key === METADATA_KEYS.staffRecordsWorkbook)?.value).toBe(staffRecords);
    expect(tabRecords(h, 'Settings').find((r) => r.Setting === 'Staff records workbook')?.Value).toBe(`https://docs.google.com/spreadsheets/d/${staffRecords}/edit`);
  });

  it('what reads pay reads the workbook: a contract gets the wage and email, the Dashboard counts without naming, Check data lists pay problems there, the digest names the person to the coordinators', () => {
    h.ws.openInSheets(tracker);
    const merge = h.addon.callFromClient('previewDocument', ['employment-contract', 'STAFF-0001']) as { text?: string; problems?: string[] } | string;
    expect(JSON.stringify(merge)).toContain('24.37');
    const mark = h.ws.ledger.mark();
    h.addon.call('refreshDashboard');
    // Each linked workbook costs the Dashboard one more read: a values.batchGet in the Staff records,
    // Support requests and Evaluation workbooks beside the tracker's.
    expect(h.ws.ledger.since(mark).filter((c) => c.startsWith('Sheets.'))).toEqual(['Sheets.Spreadsheets.get', ...Array(4).fill('Sheets.Spreadsheets.Values.batchGet'), 'Sheets.Spreadsheets.batchUpdate']);
    const dashboard = h.ws.spreadsheet(tracker).sheetByName('Dashboard')!;
    const rows = Array.from({ length: dashboard.lastRow() }, (_, r) => Array.from({ length: dashboard.lastColumn() }, (_, c) => String(dashboard.cell(r + 1, c + 1)?.value ?? '')));
    const below = rows.findIndex((r) => r[0] === 'Paid below the living wage');
    expect(rows[below + 2].slice(0, 2)).toEqual(['Harbour Lights Drop-in', '1']);
    expect(rows.slice(below, below + 4).flat().join(' ')).not.toContain('Avery');
    const checked = h.addon.call<{ problems: { tab: string; message: string }[] }>('checkData').problems;
    expect(checked.filter((p) => p.tab === 'Staff pay and contacts').map((p) => p.message).join('\n')).toMatch(/\$24\.37 an hour is below the living wage/);
    // The tracker's Data check tab, which everyone it is shared with reads, says only how many and where.
    expect(showsAverysPay(tracker)).toBe(false);
    expect(cellsOf(tracker).some((v) => /\$24\.37/.test(v))).toBe(false);
    expect(cellsOf(staffRecords).some((v) => /Avery Fictional\): \$24\.37 an hour is below the living wage/.test(v))).toBe(true);
    // Set up tracker run again (confirming the coordinators for the digest) leaves the moved tab in the workbook.
    expect(h.addon.call<{ ok: boolean }>('setupTracker').ok).toBe(true);
    expect(h.ws.spreadsheet(tracker).sheetByName('Staff pay and contacts')).toBeUndefined();
    h.ws.outbox.length = 0;
    h.addon.call('sendRemindersNow');
    expect(h.ws.outbox.map((m) => m.to).sort()).toEqual([COORDINATOR_A]);
    expect(h.ws.outbox[0].body).toContain('Avery Fictional (Harbour Lights Drop-in) is paid below the living wage');
    // The Reminder log, in the tracker every site lead reads, keeps the run but counts the pay items without a name.
    const log = h.ws.spreadsheet(tracker).sheetByName('Reminder log')!;
    expect(log).toBeDefined();
    expect(showsAverysPay(tracker)).toBe(false);
    expect(cellsOf(tracker).some((v) => /Avery Fictional[^\n]*below the living wage/.test(v))).toBe(false);
    expect(cellsOf(tracker).some((v) => /1 person paid below the living wage/.test(v))).toBe(true);
  });

  it('a site lead\'s Check data says the pay checks were not run, and documents need a coordinator', () => {
    h.ws.openInSheets(tracker);
    const checked = h.addon.call<{ problems: { tab: string; message: string }[] }>('checkData', [], { user: SITE_LEAD }).problems;
    expect(checked.filter((p) => p.tab === 'Staff pay and contacts').map((p) => p.message)).toEqual([expect.stringMatching(/^Not checked: Staff pay and contacts is in the Staff records workbook .*, which you cannot open/)]);
    expect(showsAverysPay(tracker)).toBe(false);
  });

  it('creates a Support requests workbook owned by the coordinator who ran it, edited by the coordinators and the support team only', () => {
    expect(workbookOf(result, 'Support requests').created).toBe(true);
    const file = h.ws.host.files.get(workbook)!;
    expect(file.owner).toBe(COORDINATOR_A);
    expect([...file.editors].sort()).toEqual([COORDINATOR_B, NAVIGATOR, PEER_SUPPORTER].sort());
    expect(file.readers?.size ?? 0).toBe(0);
  });

  it('creates an Evaluation workbook the same way, edited by the coordinators and the evaluator only', () => {
    expect(workbookOf(result, 'Evaluation').created).toBe(true);
    const file = h.ws.host.files.get(evaluation)!;
    expect(file.owner).toBe(COORDINATOR_A);
    expect([...file.editors].sort()).toEqual([COORDINATOR_B, EVALUATOR].sort());
  });

  it('moves the survey row and the raw evaluation answers out of the tracker; intake there keeps the RESP- numbering', () => {
    expect(workbookOf(result, 'Evaluation').rowsMoved).toBe(1);
    expect(cellsOf(tracker).some((v) => v === 'RO07K2')).toBe(false);
    expect(formModel(h.ws.host, evaluationForm).destinationId).toBe(evaluation);
    h.ws.openInSheets(evaluation);
    expect(h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks').triggerInstalled).toBe(true);
    const submission = h.ws.submitForm(evaluationForm, person({ code: 'TE22N4' }));
    expect(submission.runs.map((r) => r.error)).toEqual([undefined]);
    const rows = h.ws.spreadsheet(evaluation).sheetByName('Survey Responses')!;
    expect([2, 3].map((r) => rows.cell(r, 1)?.value)).toEqual(['RESP-0001', 'RESP-0002']);
    expect(cellsOf(tracker).some((v) => v === 'TE22N4')).toBe(false);
  });

  it('the Evaluation report in the tracker reads the workbook and the tracker receives only the suppressed report', () => {
    h.ws.openInSheets(tracker);
    h.addon.call('buildEvaluationReport');
    const report = h.ws.spreadsheet(tracker).sheetByName('Evaluation report');
    expect(report).toBeDefined();
    // A site's column comes from the rows read: there are none left in the tracker.
    expect(report!.cell(2, 3)?.value).toBe('Harbour Lights Drop-in');
    expect(cellsOf(tracker).some((v) => v === 'RO07K2' || v === 'TE22N4')).toBe(false);
    expect(cellsOf(tracker).some((v) => /suppressed/i.test(v))).toBe(true);
  });

  it('links it from the tracker through Settings and developer metadata', () => {
    h.ws.openInSheets(tracker);
    const settings = tabRecords(h, 'Settings');
    expect(settings.find((r) => r.Setting === 'Support requests workbook')?.Value).toBe(`https://docs.google.com/spreadsheets/d/${workbook}/edit`);
    expect(h.ws.spreadsheet(tracker).developerMetadata.find((m) => m.key === METADATA_KEYS.supportWorkbook)?.value).toBe(workbook);
  });

  it('moves the request out of the tracker, raw responses tab included, and keeps it in the workbook', () => {
    expect(workbookOf(result, 'Support requests').rowsMoved).toBe(1);
    expect(cellsOf(tracker).some((v) => v.includes('Needs a bed tonight'))).toBe(false);
    const moved = h.ws.spreadsheet(workbook).sheetByName('Support Requests')!;
    expect(moved.lastRow()).toBe(2);
    expect(cellsOf(workbook).filter((v) => v === 'Needs a bed tonight near Main St')).toHaveLength(2); // the row and the form's own responses tab
    expect(formModel(h.ws.host, supportForm).destinationId).toBe(workbook);
  });

  it('Create or update forms run again in the tracker updates the forms (a new site is offered) but never links them back', () => {
    h.ws.openInSheets(tracker);
    appendRecords(h, 'Sites', [{ Name: 'Cedar House', Active: 'Yes' }]);
    const sheetsBefore = h.ws.spreadsheet(tracker).sheets.length;
    h.addon.call('createOrUpdateForms');
    expect(formModel(h.ws.host, supportForm).destinationId).toBe(workbook);
    expect(formModel(h.ws.host, evaluationForm).destinationId).toBe(evaluation);
    expect(JSON.stringify(formModel(h.ws.host, evaluationForm).items)).toContain('Cedar House');
    expect(h.ws.spreadsheet(tracker).sheets.length).toBe(sheetsBefore);
  });

  it('an add-on in the tracker cannot watch the workbook, so intake is turned on from inside it', () => {
    expect(result.next.join(' ')).toContain('Set up private workbooks there');
    h.ws.submitForm(supportForm, supportRequest('Court date on Friday, needs a ride'));
    expect(cellsOf(tracker).some((v) => v.includes('Court date'))).toBe(false);
    h.ws.openInSheets(workbook);
    const there = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    expect(there).toMatchObject({ ranIn: 'private workbook', triggerInstalled: true });
    h.addon.call('reprocessMissedResponses');
    const submission = h.ws.submitForm(supportForm, supportRequest('Detox bed, this week'));
    expect(submission.runs.map((r) => r.error)).toEqual([undefined]);
    const details = h.ws.spreadsheet(workbook).sheetByName('Support Requests')!;
    const column = [...Array(details.lastColumn()).keys()].map((i) => i + 1).find((c) => details.cell(1, c)?.value === 'Details')!;
    expect([2, 3, 4].map((r) => details.cell(r, column)?.value)).toEqual(['Needs a bed tonight near Main St', 'Court date on Friday, needs a ride', 'Detox bed, this week']);
    expect(cellsOf(tracker).some((v) => v.includes('Detox'))).toBe(false);
  });

  it('refuses a person who is not a coordinator, naming them', () => {
    h.ws.openInSheets(tracker);
    expect(() => h.addon.call('setUpPrivateWorkbooks', [], { user: SITE_LEAD })).toThrow(`${SITE_LEAD} is not in Settings → Coordinator emails`);
  });

  // The README's "Who sees what" tables, row by row (test/support/access-matrix.ts): each person opens each file and raw tab.
  it.each(ROLES.map((r) => [r.name, r.email, r.access] as const))('the %s (%s) reads exactly what the table allows', (_role, reader, allowed: Access) => {
    const rawTab = (form: string, file: string) => h.ws.spreadsheet(file).sheetById(formModel(h.ws.host, form).destinationSheetId!)!.name;
    const trainingForm = formIdOf(h.ws, tracker, 'training-feedback');
    const processForm = formIdOf(h.ws, tracker, 'rose-process');
    expect(formModel(h.ws.host, trainingForm).destinationId).toBe(tracker);
    expect(formModel(h.ws.host, processForm).destinationId).toBe(evaluation);
    expect({
      tracker: reads(reader, tracker),
      // No one finds a person's contacts or pay in any cell of the tracker, whatever they can open.
      payInTracker: reads(reader, tracker) && readsAverysPay(reader, tracker),
      rawTraining: reads(reader, tracker, rawTab(trainingForm, tracker)),
      support: reads(reader, workbook), rawSupport: reads(reader, workbook, rawTab(supportForm, workbook)),
      evaluation: reads(reader, evaluation), rawEvaluation: reads(reader, evaluation, rawTab(evaluationForm, evaluation)),
      rawProcess: reads(reader, evaluation, rawTab(processForm, evaluation)),
      staffRecords: reads(reader, staffRecords) && readsAverysPay(reader, staffRecords),
      documents: opensFolder(reader, documentsFolder),
    }).toEqual(allowed);
  });
});

/** An older tracker's Staff tab, which still had Email, Phone and Hourly wage: those columns put back with values on the given rows. */
function olderStaffColumns(rows: Record<string, (string | number)[]>): void {
  asUser(h, (ss) => {
    const staff = ss.getSheetByName('Staff')!;
    const last = staff.getLastColumn();
    staff.insertColumnsAfter(last, 3);
    const ids = staff.getRange(1, 1, staff.getLastRow(), 1).getValues().map((r) => String(r[0]));
    staff.getRange(1, last + 1, 1, 3).setValues([['Email', 'Phone', 'Hourly wage']]);
    for (const [id, values] of Object.entries(rows)) staff.getRange(ids.indexOf(id) + 1, last + 1, 1, 3).setValues([values]);
  });
}

describe('Set up private workbooks on an older tracker whose Staff tab still holds contacts and pay', () => {
  it('copies them into the Staff records workbook by Staff ID, reads them back, then clears them on Staff', () => {
    organization();
    appendRecords(h, 'Staff', [{ ID: 'STAFF-0002', 'Full name': 'Blake Older', Role: 'Peer Worker' }]);
    olderStaffColumns({ 'STAFF-0001': [AVERY.email, '', ''], 'STAFF-0002': ['blake.older@example.org', '604-555-0188', 31.5] });
    const result = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    const records = workbookOf(result, 'Staff records').workbookId;
    const pay = h.ws.spreadsheet(records).sheetByName('Staff pay and contacts')!;
    const rows = Array.from({ length: pay.lastRow() - 1 }, (_, r) => Array.from({ length: pay.lastColumn() }, (_, c) => pay.cell(r + 2, c + 1)?.value ?? ''));
    expect(rows.map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      [expect.stringMatching(/^STAFF-0001/), AVERY.email, AVERY.phone, AVERY.wage],
      ['STAFF-0002 · Blake Older', 'blake.older@example.org', '604-555-0188', 31.5],
    ]);
    expect(cellsOf(tracker).filter((v) => v === 'blake.older@example.org' || v === '604-555-0188' || v === '31.5' || v === AVERY.email)).toEqual([]);
    expect(result.problems.join(' ')).toContain('Moved the email, phone and pay of 2 people from Staff to Staff pay and contacts');
  });

  it('stops on a value that would overwrite another, naming tab, row and column, and clears nothing', () => {
    organization();
    olderStaffColumns({ 'STAFF-0001': ['', '', 30] });
    expect(() => h.addon.call('setUpPrivateWorkbooks')).toThrow(
      'Staff row 2 (Avery Fictional), column Hourly wage, holds 30'
        + `, but Staff pay and contacts row 2, column Hourly wage, holds ${AVERY.wage} for STAFF-0001. Nothing was moved or cleared`,
    );
    expect(tabRecords(h, 'Staff')[0]['Hourly wage']).toBe(30);
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Hourly wage']).toBe(AVERY.wage);
  });
});

describe('Set up private workbooks, run again', () => {
  it('keeps the one workbook, moves nothing twice, and removes a person no longer on the support team', () => {
    organization();
    const first = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    setSetting(h, 'Support team emails', NAVIGATOR);
    const again = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    const support = workbookOf(first, 'Support requests');
    expect(workbookOf(again, 'Support requests')).toMatchObject({ workbookId: support.workbookId, created: false, rowsMoved: 0, formMoved: false });
    expect(reads(PEER_SUPPORTER, support.workbookId)).toBe(false);
    expect(reads(NAVIGATOR, support.workbookId)).toBe(true);
    const workbooks = [...h.ws.host.files.values()].filter((f) => f.name.endsWith('— Support requests'));
    expect(workbooks).toHaveLength(1);
    expect(h.ws.spreadsheet(support.workbookId).sheetByName('Support Requests')!.lastRow()).toBe(2);
  });

  it('stops before clearing anything when the workbook lacks a column the tracker\'s rows use', () => {
    organization();
    const first = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    h.ws.openInSheets(tracker);
    appendRecords(h, 'Support Requests', [{ Date: new Date('2026-03-16T12:00:00Z'), Type: 'Housing', Status: 'Open', Details: 'Typed by hand after the move' }]);
    h.ws.execute(() => {
      const tab = sheetApp(h).openById(workbookOf(first, 'Support requests').workbookId).getSheetByName('Support Requests')!;
      tab.getRange(1, tab.getLastColumn()).setValue('Checked');
    });
    expect(() => h.addon.call('setUpPrivateWorkbooks')).toThrow('has no "Flags" column, so nothing was moved');
    expect(cellsOf(tracker)).toContain('Typed by hand after the move');
  });
});
