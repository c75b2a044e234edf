// A site lead who is not a coordinator edits the tracker: the on-edit trigger setup made refreshes it as the coordinator; edits close together wait in a queue; a failed refresh says so and loses nothing.
import { openAddon, type Harness } from '../support/addon';
import { appendPeople, appendRecords, asUser, personEdits, setSetting, tabRecords, tabValues } from '../support/tracker';

const SITE_LEAD = 'site.lead@example.net';

type Found = { tab: string; severity: string; message: string };

function tracker(): Harness {
  const h = openAddon();
  h.addon.call('setupTracker');
  setSetting(h, 'Coordinator emails', 'coordinator@example.org');
  // Setup again so Staff is limited to the coordinators now named.
  h.addon.call('setupTracker');
  appendRecords(h, 'Sites', [{ ID: 'SITE-0001', Name: 'Harbour' }]);
  appendPeople(h, [{ 'Full name': 'Pat Example', Role: 'Peer Worker', Site: 'SITE-0001 · Harbour', 'Hourly wage': 25 }]);
  h.addon.call('refreshComputed');
  h.ws.share(h.spreadsheetId, SITE_LEAD);
  return h;
}

/** The site lead adds a site below the last row, typing its name and living wage. */
function siteLeadAddsSite(h: Harness, name: string, livingWage: number | ''): ReturnType<typeof personEdits> {
  const row = tabValues(h, 'Sites').length + 1;
  return personEdits(h, 'Sites', `B${row}`, {
    user: SITE_LEAD,
    change: (range) => {
      const sheet = range.getSheet();
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
      sheet.getRange(row, header.indexOf('Name') + 1).setValue(name);
      sheet.getRange(row, header.indexOf('Living wage per hour') + 1).setValue(livingWage);
    },
  });
}

function checkData(h: Harness): Found[] {
  return h.addon.call<{ problems: Found[] }>('checkData').problems.filter((p) => p.tab === '');
}

describe('a site lead who is not a coordinator', () => {
  it('cannot edit Staff themselves (confidential to coordinators)', () => {
    const h = tracker();
    expect(() => asUser(h, (ss) => ss.getSheetByName('Staff')!.getRange('B2').setValue('Someone else'), SITE_LEAD))
      .toThrow('You are trying to edit a protected cell or object');
  });

  it('edits Sites, and the whole tracker follows: the new site\'s ID, the living-wage flag, the dropdown', () => {
    const h = tracker();
    // The existing site now gets a living wage above Pat's pay: Staff pay and contacts (which the site lead cannot even read once moved) must follow.
    personEdits(h, 'Sites', 'H2', { user: SITE_LEAD, change: (range) => range.getSheet().getRange('H2').setValue(27.85) });
    const firing = siteLeadAddsSite(h, 'Riverside', 26);
    expect(firing.simple).toMatchObject({ ok: true });
    expect(firing.installable.map((run) => run.trigger.owner)).toEqual(['coordinator@example.org']);
    expect(tabRecords(h, 'Sites').map((r) => [r.ID, r.Name])).toEqual([['SITE-0001', 'Harbour'], ['SITE-0002', 'Riverside']]);
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Below living wage']).toBe('Yes');
    const lists = tabValues(h, 'ROSE lists');
    expect(lists.map((r) => r[0])).toContain('SITE-0002 · Riverside');
    // The other dropdowns (not read by this refresh) are kept as they were.
    expect(lists.map((r) => r[1])).toContain('STAFF-0001 · Pat Example');
    expect(checkData(h)).toEqual([]);
  });

  it('edits Action Plan: its new activity gets an ID and a priority, as the coordinator', () => {
    const h = tracker();
    personEdits(h, 'Action Plan', 'D2', {
      user: SITE_LEAD,
      change: (range) => {
        const sheet = range.getSheet();
        const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
        const values: Record<string, string | number> = { Site: 'SITE-0001 · Harbour', 'ROSE component': 'Recognition', Strategy: 'Photo ID cards', 'Ease (1-5)': 4, 'Impact (1-5)': 5 };
        sheet.getRange(2, 1, 1, header.length).setValues([header.map((name) => values[name] ?? '')]);
      },
    });
    const [activity] = tabRecords(h, 'Action Plan');
    expect([activity.ID, activity['Priority score'], activity['Priority rank']]).toEqual(['ACT-0001', 20, 1]);
  });

  it('is told, by a toast, when this Sheet has no edit trigger yet, and the tracker is left as they typed it', () => {
    const h = tracker();
    // A Sheet set up before the edit trigger existed: nothing recorded, no trigger.
    h.ws.triggers.triggers.splice(0, h.ws.triggers.triggers.length);
    h.ws.execute(() => (h.ws.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties().deleteProperty('rose.edit.trigger'));
    const firing = siteLeadAddsSite(h, 'Riverside', '');
    expect(firing.installable).toEqual([]);
    expect(h.ws.host.uiLog.at(-1)).toMatchObject({ kind: 'toast', content: expect.stringContaining('ask a coordinator to run ROSE Tracker → Set up tracker') });
    expect(tabRecords(h, 'Sites').map((r) => r.ID)).toEqual(['SITE-0001', '']);
    expect(checkData(h).map((p) => p.message)).toEqual([expect.stringContaining('run ROSE Tracker → Set up tracker once')]);
  });
});

describe('edits close together', () => {
  it('wait in the queue while another run holds the lock, well inside any trigger\'s time, and the next run takes them', () => {
    const h = tracker();
    const lockKey = `document:${h.ws.scriptId}:${h.spreadsheetId}`;
    h.ws.locks.holders.set(lockKey, 424242);
    const busy = siteLeadAddsSite(h, 'Riverside', '');
    expect(busy.installable[0]).toMatchObject({ ok: true, result: { refreshed: [], queued: true } });
    expect(busy.installable[0].modelledMs).toBeLessThan(10_000);
    expect(tabRecords(h, 'Sites').map((r) => r.ID)).toEqual(['SITE-0001', '']);
    expect(checkData(h).map((p) => p.message)).toEqual([expect.stringContaining('Edits on Sites are waiting for a refresh')]);

    h.ws.locks.holders.delete(lockKey);
    const next = personEdits(h, 'Milestones', 'A2', { change: (range) => range.getSheet().getRange('C2').setValue('First cards printed') });
    expect(next.installable[0]).toMatchObject({ ok: true, result: { refreshed: ['Milestones', 'Sites'], queued: false } });
    expect(tabRecords(h, 'Sites').map((r) => r.ID)).toEqual(['SITE-0001', 'SITE-0002']);
    expect(tabRecords(h, 'Milestones')[0].ID).toBe('MS-0001');
    expect(checkData(h)).toEqual([]);
  });
});

/** The coordinator changes Pat's wage (Staff pay and contacts row 2, which has its Staff ID): an edit of its own row only. */
function coordinatorSetsWage(h: Harness, wage: number): ReturnType<typeof personEdits> {
  return personEdits(h, 'Staff pay and contacts', 'E2', {
    change: (range) => {
      const sheet = range.getSheet();
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
      sheet.getRange(2, header.indexOf('Hourly wage') + 1).setValue(wage);
    },
  });
}

function pendingMarkers(h: Harness): number {
  return h.ws.execute(() => (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
    .openById(h.spreadsheetId).getDeveloperMetadata().filter((m) => m.getKey() === 'rose.edit.pending').length);
}

describe('an edit of its own rows after edits waited', () => {
  it('sees the waiting edit in its one Sheets API read and takes it too', () => {
    const h = tracker();
    const lockKey = `document:${h.ws.scriptId}:${h.spreadsheetId}`;
    h.ws.locks.holders.set(lockKey, 424242);
    expect(siteLeadAddsSite(h, 'Riverside', '').installable[0]).toMatchObject({ ok: true, result: { queued: true } });
    expect(pendingMarkers(h)).toBe(1);
    h.ws.locks.holders.delete(lockKey);

    const next = coordinatorSetsWage(h, 30);
    expect(next.installable[0]).toMatchObject({ ok: true, result: { refreshed: ['Staff pay and contacts', 'Sites'], queued: false } });
    expect(next.installable[0].calls.filter((c) => c === 'Sheets.Spreadsheets.get')).toHaveLength(1);
    expect(tabRecords(h, 'Sites').map((r) => r.ID)).toEqual(['SITE-0001', 'SITE-0002']);
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Below living wage']).toBe('No');
    expect(pendingMarkers(h)).toBe(0);
    expect(checkData(h)).toEqual([]);
  });

  it('with nothing waiting, changes the flag in two Sheets API calls and reads no document properties', () => {
    const h = tracker();
    const run = coordinatorSetsWage(h, 30).installable[0];
    expect(run).toMatchObject({ ok: true, result: { refreshed: ['Staff pay and contacts'], queued: false } });
    expect(run.calls.filter((c) => c.startsWith('Sheets.') || c.startsWith('Properties'))).toEqual(['Sheets.Spreadsheets.get', 'Sheets.Spreadsheets.batchUpdate']);
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Below living wage']).toBe('No');
  });

  it('that fails keeps its tab queued and says why, as the whole-tab refresh does', () => {
    const h = tracker();
    h.ws.ledger.failOn('Sheets.Spreadsheets.batchUpdate', { error: 'The service is currently unavailable.' });
    const failed = h.ws.personEdits(h.spreadsheetId, h.ws.host.activeUser, (ss) => {
      const sheet = ss.getSheetByName('Staff pay and contacts')!;
      sheet.getRange(2, sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Hourly wage') + 1).setValue(30);
      return sheet.getRange('E2');
    });
    expect(failed.installable[0]).toMatchObject({ ok: false, error: expect.stringContaining('The service is currently unavailable.') });
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Below living wage']).toBe('Yes');
    expect(checkData(h).map((p) => p.message)).toEqual([expect.stringContaining('The refresh after an edit on Staff pay and contacts stopped')]);
    expect(coordinatorSetsWage(h, 31).installable[0]).toMatchObject({ ok: true, result: { refreshed: ['Staff pay and contacts'] } });
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Below living wage']).toBe('No');
    expect(checkData(h)).toEqual([]);
  });

  it('with a lookup tab renamed, takes the whole-tab refresh, which follows the tab by its ID', () => {
    const h = tracker();
    asUser(h, (ss) => { ss.getSheetByName('Sites')!.setName('Our sites'); });
    const run = coordinatorSetsWage(h, 30).installable[0];
    expect(run).toMatchObject({ ok: true, result: { refreshed: ['Staff pay and contacts'] } });
    expect(run.calls).toContain('Sheet.getSheetValues');
    expect(tabRecords(h, 'Staff pay and contacts')[0]['Below living wage']).toBe('No');
  });

  it('puts a failed refresh right, so Check data and the next person are no longer told of it', () => {
    const h = tracker();
    h.ws.ledger.failOn('Sheet.getSheetValues', { error: 'Service Spreadsheets failed while accessing document.' });
    expect(h.ws.personEdits(h.spreadsheetId, SITE_LEAD, (ss) => ss.getSheetByName('Sites')!.getRange('B3')).installable[0]).toMatchObject({ ok: false });
    expect(checkData(h)).toHaveLength(1);
    expect(coordinatorSetsWage(h, 30).installable[0]).toMatchObject({ ok: true, result: { refreshed: ['Staff pay and contacts', 'Sites'] } });
    expect(checkData(h)).toEqual([]);
    expect(pendingMarkers(h)).toBe(0);
  });
});

describe('a refresh after an edit that fails', () => {
  it('keeps the edit queued, tells Check data and the next person editing, and the next refresh puts it right', () => {
    const h = tracker();
    h.ws.ledger.failOn('Sheet.getSheetValues', { error: 'Service Spreadsheets failed while accessing document.' });
    const failed = h.ws.personEdits(h.spreadsheetId, SITE_LEAD, (ss) => ss.getSheetByName('Sites')!.getRange('B3'));
    expect(failed.installable[0]).toMatchObject({ ok: false, error: 'Service Spreadsheets failed while accessing document.' });
    expect(checkData(h).map((p) => [p.severity, p.message])).toEqual([
      ['error', expect.stringContaining('The refresh after an edit on Sites stopped: Service Spreadsheets failed while accessing document.')],
    ]);
    siteLeadAddsSite(h, 'Riverside', '');
    const toasts = h.ws.host.uiLog.filter((u) => u.kind === 'toast' && u.content.includes('Your edit is kept'));
    expect(toasts).toHaveLength(1);
    expect(tabRecords(h, 'Sites').map((r) => r.ID)).toEqual(['SITE-0001', 'SITE-0002']);
    expect(checkData(h)).toEqual([]);
  });
});
