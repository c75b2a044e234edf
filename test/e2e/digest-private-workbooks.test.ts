// After Set up private workbooks, the reminder digest counts new urgent support requests from the Support requests workbook in one Sheets API read: a count and a link to the workbook, never a detail, and one line instead of the count when the coordinator sending it cannot open the workbook.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, setSetting } from '../support/tracker';
import { settingAs } from '../privacy/at-use-support';
import type { PrivateWorkbooksResult } from '../../addon/privacy/workbooks';
import type { SendNowResult } from '../../addon/reminders/types';

const COORDINATOR = 'ada.coordinator@example.org';
const LATER = 'bo.coordinator@example.org';
const NAVIGATOR = 'dee.navigator@example.org';
const SECRET = 'Needs a bed tonight near Main St';
const CONTACT = 'call 555-0142 after 6';

let h: Harness;
let workbook: string;

/** Three requests still New asking for help today, one this week and one done; then Set up private workbooks moves them out. */
function organization(): void {
  h = openAddon({ user: COORDINATOR });
  h.addon.call('setupTracker');
  setSetting(h, 'Coordinator emails', COORDINATOR);
  setSetting(h, 'Support team emails', NAVIGATOR);
  h.addon.call('setupTracker');
  appendRecords(h, 'Sites', [{ Name: 'Harbour Lights Drop-in', Active: 'Yes' }]);
  const request = (Urgency: string, Status: string) => ({ Date: '2026-03-15', Type: 'Housing', Urgency, Status, Details: SECRET, Contact: CONTACT });
  appendRecords(h, 'Support Requests', [request('Today', 'New'), request('Today', 'New'), request('Today', 'New'), request('This week', 'New'), request('Today', 'Done')]);
  h.addon.call('refreshComputed');
  const result = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
  workbook = result.workbooks.find((w) => w.name === 'Support requests')!.workbookId;
  expect(result.workbooks.find((w) => w.name === 'Support requests')!.rowsMoved).toBe(5);
}

function everything(h: Harness): string {
  return h.ws.outbox.map((m) => `${m.subject}\n${m.body}\n${m.htmlBody ?? ''}`).join('\n');
}

describe('the digest after Set up private workbooks', () => {
  beforeAll(organization);

  it("counts the workbook's new urgent requests in one read, links to the workbook and carries no detail", () => {
    h.ws.openInSheets(h.spreadsheetId);
    const sent = h.ws.outbox.length;
    const mark = h.ws.ledger.mark();
    const result = h.addon.callFromClient('sendRemindersNow', [], { user: COORDINATOR }) as SendNowResult;
    const calls = h.ws.ledger.since(mark);
    expect(result.outcome).toBe('sent');
    // One batchGet of the tracker's tabs, one of the Support requests workbook's and one of the Staff records
    // workbook's (pay, for the living-wage lines); no workbook is opened through SpreadsheetApp.
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.Values.batchGet')).toHaveLength(3);
    expect(calls.filter((c) => c === 'SpreadsheetApp.openById')).toHaveLength(0);
    const mail = h.ws.outbox.slice(sent);
    expect(mail).toHaveLength(1);
    expect(mail[0].body).toContain('3 support requests asking for help today are still New: open the Support requests workbook to see them');
    expect(mail[0].body).toContain(`https://docs.google.com/spreadsheets/d/${workbook}/edit`);
    expect(mail[0].body).not.toContain("tracker's Support Requests tab");
    expect(everything(h)).not.toContain(SECRET);
    expect(everything(h)).not.toContain(CONTACT);
    const log = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Reminder log')!;
    expect(JSON.stringify(log.rows)).not.toContain(SECRET);
  });

  it('sent by a coordinator the workbook is not shared with, says so in one line instead of a count', () => {
    // A coordinator confirmed after the workbooks were made: nobody re-ran Set up private workbooks, so it is not shared with them.
    h.ws.share(h.spreadsheetId, LATER, 'editor');
    settingAs(h, 'Coordinator emails', `${COORDINATOR}, ${LATER}`, COORDINATOR);
    h.addon.call('setupTracker', [], { user: COORDINATOR });
    const sent = h.ws.outbox.length;
    const result = h.addon.callFromClient('sendRemindersNow', [], { user: LATER }) as SendNowResult;
    expect(result.outcome).toBe('sent');
    const lines = result.text.split('\n').filter((l) => l.indexOf('Support requests workbook') >= 0);
    expect(lines).toEqual([
      `- The Support requests workbook (Settings → Support requests workbook) cannot be opened by ${LATER}, so new urgent support requests are not counted here: a coordinator runs ROSE Tracker → Set up private workbooks in the tracker to share it with every coordinator`,
    ]);
    expect(result.text).toContain(`https://docs.google.com/spreadsheets/d/${workbook}/edit`);
    expect(result.text).not.toMatch(/support requests? asking for help today/);
    expect(h.ws.outbox.length).toBeGreaterThan(sent);
    expect(everything(h)).not.toContain(SECRET);
  });
});
