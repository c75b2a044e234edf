// Who sees what, on the built bundle: Set up private workbooks moves support requests into a workbook only the support team and the coordinators can open, and each role reads exactly what the README's table says.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, setSetting, sheetApp, tabRecords } from '../support/tracker';
import { formIdOf } from '../../scripts/sample/surveys';
import { formModel } from '../../workspace/forms';
import { titleOf } from '../surveys/forms-support';
import { METADATA_KEYS } from '../../addon/core/keys';
import type { PrivateWorkbooksResult } from '../../addon/privacy/workbooks';

const COORDINATOR_A = 'ada.coordinator@example.org';
const COORDINATOR_B = 'bo.coordinator@example.org';
const SITE_LEAD = 'cy.sitelead@example.org';
const NAVIGATOR = 'dee.navigator@example.org';
const PEER_SUPPORTER = 'eli.peersupport@example.org';
const EVALUATOR = 'fay.evaluator@example.org';
const PEER_STAFF = 'gus.peerworker@example.org';
const BOARD = 'hal.board@example.org';

let h: Harness;
let supportForm: string;
let tracker: string;
let documentsFolder: string;

function supportRequest(details: string): Record<string, string> {
  const s = (id: string) => titleOf('support-request', id);
  return { [s('request_for')]: 'Systems Navigator', [s('request_type')]: 'Housing', [s('urgency')]: 'This week', [s('contact')]: 'Text me', [s('details')]: details };
}

/** A tracker as an organization runs it: two coordinators, a site lead editing, an evaluator viewing, the support form built and answered once. */
function organization(): void {
  h = openAddon({ user: COORDINATOR_A });
  tracker = h.spreadsheetId;
  h.addon.call('setupTracker');
  setSetting(h, 'Coordinator emails', `${COORDINATOR_A}, ${COORDINATOR_B}`);
  setSetting(h, 'Support team emails', `${NAVIGATOR}, ${PEER_SUPPORTER}`);
  appendRecords(h, 'Sites', [{ Name: 'Harbour Lights Drop-in', Active: 'Yes' }]);
  appendRecords(h, 'Training Topics', [{ Topic: 'Naloxone administration' }]);
  h.ws.share(tracker, COORDINATOR_B, 'editor');
  h.ws.share(tracker, SITE_LEAD, 'editor');
  h.ws.share(tracker, EVALUATOR, 'viewer');
  // The Documents folder ROSE Tracker makes is its maker's; the README tells them to share it with the other coordinators.
  h.addon.call('installDocumentTemplates');
  documentsFolder = /\/folders\/([\w-]+)/.exec(String(tabRecords(h, 'Settings').find((r) => r.Setting === 'Documents folder')?.Value))![1];
  h.ws.share(documentsFolder, COORDINATOR_B, 'editor');
  h.addon.call('createOrUpdateForms');
  supportForm = formIdOf(h.ws, tracker, 'support-request');
  h.ws.submitForm(supportForm, supportRequest('Needs a bed tonight near Main St'));
}

/** Whether Drive lets `person` open a folder and every file in it (its sharing, inherited from folders above). */
function opensFolder(person: string, folderId: string): boolean {
  const files = [...h.ws.host.files.values()].filter((f) => f.parents.includes(folderId));
  return [h.ws.host.files.get(folderId)!, ...files].every((f) => h.ws.host.canRead(f, person));
}

/** Every cell of every tab of a file, read as `person`; false when Google refuses them the file. */
function reads(person: string, fileId: string, tab?: string): boolean {
  try {
    h.ws.execute(() => {
      const ss = sheetApp(h).openById(fileId);
      const sheets = tab ? [ss.getSheetByName(tab)!] : ss.getSheets();
      for (const sheet of sheets) sheet.getDataRange().getValues();
    }, { user: person });
    return true;
  } catch (error) {
    if (/do not have permission/.test((error as Error).message)) return false;
    throw error;
  }
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
  beforeAll(() => {
    organization();
    result = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    workbook = result.workbookId;
  });

  it('creates a Support requests workbook owned by the coordinator who ran it, edited by the coordinators and the support team only', () => {
    expect(result.created).toBe(true);
    const file = h.ws.host.files.get(workbook)!;
    expect(file.owner).toBe(COORDINATOR_A);
    expect([...file.editors].sort()).toEqual([COORDINATOR_B, NAVIGATOR, PEER_SUPPORTER].sort());
    expect(file.readers?.size ?? 0).toBe(0);
  });

  it('links it from the tracker through Settings and developer metadata', () => {
    h.ws.openInSheets(tracker);
    const settings = tabRecords(h, 'Settings');
    expect(settings.find((r) => r.Setting === 'Support requests workbook')?.Value).toBe(`https://docs.google.com/spreadsheets/d/${workbook}/edit`);
    expect(h.ws.spreadsheet(tracker).developerMetadata.find((m) => m.key === METADATA_KEYS.supportWorkbook)?.value).toBe(workbook);
  });

  it('moves the request out of the tracker, raw responses tab included, and keeps it in the workbook', () => {
    expect(result.rowsMoved).toBe(1);
    expect(cellsOf(tracker).some((v) => v.includes('Needs a bed tonight'))).toBe(false);
    const moved = h.ws.spreadsheet(workbook).sheetByName('Support Requests')!;
    expect(moved.lastRow()).toBe(2);
    expect(cellsOf(workbook).filter((v) => v === 'Needs a bed tonight near Main St')).toHaveLength(2); // the row and the form's own responses tab
    expect(formModel(h.ws.host, supportForm).destinationId).toBe(workbook);
  });

  it('leaves the support form alone when Create or update forms runs again in the tracker', () => {
    h.ws.openInSheets(tracker);
    const again = h.addon.call<{ problems: string[] }>('createOrUpdateForms');
    expect(formModel(h.ws.host, supportForm).destinationId).toBe(workbook);
    expect(again.problems.join(' ')).toContain('its answers go to a private workbook');
  });

  it('an add-on in the tracker cannot watch the workbook, so intake is turned on from inside it', () => {
    expect(result.next.join(' ')).toContain('Set up private workbooks there');
    h.ws.submitForm(supportForm, supportRequest('Court date on Friday, needs a ride'));
    expect(cellsOf(tracker).some((v) => v.includes('Court date'))).toBe(false);
    h.ws.openInSheets(workbook);
    const there = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    expect(there).toMatchObject({ ranIn: 'support workbook', triggerInstalled: true });
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

  // The README's "Who sees what" table, row by row: each person opens each file and raw tab.
  const table: [string, string, { tracker: boolean; workbook: boolean; rawSupport: boolean; documents: boolean }][] = [
    ['coordinator', COORDINATOR_A, { tracker: true, workbook: true, rawSupport: true, documents: true }],
    ['second coordinator', COORDINATOR_B, { tracker: true, workbook: true, rawSupport: true, documents: true }],
    ['site lead', SITE_LEAD, { tracker: true, workbook: false, rawSupport: false, documents: false }],
    ['Systems Navigator', NAVIGATOR, { tracker: false, workbook: true, rawSupport: true, documents: false }],
    ['Peer Supporter', PEER_SUPPORTER, { tracker: false, workbook: true, rawSupport: true, documents: false }],
    ['evaluator', EVALUATOR, { tracker: true, workbook: false, rawSupport: false, documents: false }],
    ['peer staff', PEER_STAFF, { tracker: false, workbook: false, rawSupport: false, documents: false }],
    ['board or funder', BOARD, { tracker: false, workbook: false, rawSupport: false, documents: false }],
  ];
  it.each(table)('the %s reads exactly what the table allows', (_role, person, allowed) => {
    const rawTab = h.ws.spreadsheet(workbook).sheetById(formModel(h.ws.host, supportForm).destinationSheetId!)!.name;
    expect({ tracker: reads(person, tracker), workbook: reads(person, workbook), rawSupport: reads(person, workbook, rawTab), documents: opensFolder(person, documentsFolder) }).toEqual(allowed);
  });
});

describe('Set up private workbooks, run again', () => {
  it('keeps the one workbook, moves nothing twice, and removes a person no longer on the support team', () => {
    organization();
    const first = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    setSetting(h, 'Support team emails', NAVIGATOR);
    const again = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    expect(again).toMatchObject({ workbookId: first.workbookId, created: false, rowsMoved: 0, formMoved: false });
    expect(reads(PEER_SUPPORTER, first.workbookId)).toBe(false);
    expect(reads(NAVIGATOR, first.workbookId)).toBe(true);
    const workbooks = [...h.ws.host.files.values()].filter((f) => f.name.endsWith('— Support requests'));
    expect(workbooks).toHaveLength(1);
    expect(h.ws.spreadsheet(first.workbookId).sheetByName('Support Requests')!.lastRow()).toBe(2);
  });

  it('stops before clearing anything when the workbook lacks a column the tracker\'s rows use', () => {
    organization();
    const first = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    h.ws.openInSheets(tracker);
    appendRecords(h, 'Support Requests', [{ Date: new Date('2026-03-16T12:00:00Z'), Type: 'Housing', Status: 'Open', Details: 'Typed by hand after the move' }]);
    h.ws.execute(() => {
      const tab = sheetApp(h).openById(first.workbookId).getSheetByName('Support Requests')!;
      tab.getRange(1, tab.getLastColumn()).setValue('Checked');
    });
    expect(() => h.addon.call('setUpPrivateWorkbooks')).toThrow('has no "Flags" column, so nothing was moved');
    expect(cellsOf(tracker)).toContain('Typed by hand after the move');
  });
});
