// `import-roster` over REST: every row checked with Check data's rules first, then one batch write or nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/import-roster';
import { captureIO, startHarness, type RestHarness } from '../support/rest-harness';
import { env, sampleTracker, tabValues } from './tracker-fixture';
import type { AddOn } from '../../workspace/bundle';

let h: RestHarness;
let tracker: string;
let addon: AddOn;
beforeEach(async () => {
  h = await startHarness();
  ({ id: tracker, addon } = sampleTracker(h, 'Harbour Lights tracker', { surveys: false }));
});
afterEach(async () => { await h.close(); });

async function importRoster(csv: string, args: string[] = []) {
  const file = join(mkdtempSync(join(tmpdir(), 'rose-roster-')), 'staff.csv');
  writeFileSync(file, csv);
  const io = captureIO(env(h));
  const code = await main(['--tracker', tracker, '--csv', file, ...args], io);
  return { code, io };
}

function records(file: string, tab: string): Record<string, unknown>[] {
  const [header, ...rows] = tabValues(h.ws, file, tab);
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [String(name), row[i]])));
}

/** Each person's Staff row with their pay and contacts (kept on Staff pay and contacts, in the tracker or in `payFile`) joined by Staff ID. */
function staff(payFile = tracker): Record<string, unknown>[] {
  const pay = new Map(records(payFile, 'Staff pay and contacts').map((r) => [String(r['Staff ID']).split(' · ')[0], r]));
  return records(tracker, 'Staff').map((r) => {
    const own = pay.get(String(r.ID));
    return { ...r, ...(own ? { Email: own.Email, Phone: own.Phone, 'Hourly wage': own['Hourly wage'], 'Hours per week': own['Hours per week'] } : {}) };
  });
}

const GOOD = [
  'full name,Role,Site,email,Start,Wage,Phone',
  'Jordan Lee,Peer Worker,Cedar House,jordan@example.org,2026-03-02,28.00,+1 604 555 0199',
  '"=Taylor, Sam",Systems Navigator,SITE-0001,sam.taylor@example.org,2026-03-09,29.5,',
  'Alex Moreno,Peer Worker,,alex@example.org,,30,',
].join('\r\n');

describe('import-roster', () => {
  it('never hands a deleted person\'s ID to someone new: it reads the highest ID issued from the add-on\'s lists tab', async () => {
    const SpreadsheetApp = h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const ids = () => staff().map((p) => p.ID);
    expect(ids()).toContain('STAFF-0012');
    // The coordinator deletes the newest person; the add-on had recorded STAFF-0012 as issued.
    h.ws.execute(() => {
      const sheet = SpreadsheetApp.openById(tracker).getSheetByName('Staff')!;
      const row = sheet.getDataRange().getValues().findIndex((r) => r[0] === 'STAFF-0012') + 1;
      sheet.deleteRow(row);
    });
    expect(ids()).not.toContain('STAFF-0012');
    const { code, io } = await importRoster('Full name,Role\nRiley Chen,Peer Worker');
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout[1]).toBe('  + Riley Chen (STAFF-0013, line 2)');
    expect(staff().find((p) => p['Full name'] === 'Riley Chen')!.ID).toBe('STAFF-0013');
    // The ID given is recorded where the add-on keeps it: the next import goes on from there.
    const again = await importRoster('Full name,Role\nDana Roy,Peer Worker');
    expect(again.io.stdout[1]).toBe('  + Dana Roy (STAFF-0014, line 2)');
  });

  it('adds new people after the highest ID issued and updates a match by email, in one request', async () => {
    const before = staff();
    const writes = () => h.server.requests.filter((r) => r.method !== 'GET').map((r) => r.name);
    const { code, io } = await importRoster(GOOD);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(writes()).toEqual(['sheets.spreadsheets.values.batchUpdate']);
    expect(io.stdout.slice(0, 5)).toEqual([
      'Will add 2 people:',
      '  + Jordan Lee (STAFF-0013, line 2)',
      '  + =Taylor, Sam (STAFF-0014, line 3)',
      'Will update 1 person:',
      '  ~ Alex Moreno (STAFF-0001, line 4): Hourly wage 28.5 → 30',
    ]);

    const after = staff();
    expect(after).toHaveLength(before.length + 2);
    const jordan = after.find((p) => p['Full name'] === 'Jordan Lee')!;
    expect(jordan).toMatchObject({ ID: 'STAFF-0013', Role: 'Peer Worker', Site: 'SITE-0002 · Cedar House', 'Hourly wage': 28, Phone: '+1 604 555 0199' });
    expect(jordan.Start).toBeInstanceOf(Date);
    // A formula-like name stays text.
    expect(after.find((p) => p.ID === 'STAFF-0014')).toMatchObject({ 'Full name': '=Taylor, Sam', Site: 'SITE-0001 · Harbour Lights Drop-in' });
    const alex = after.find((p) => p.ID === 'STAFF-0001')!;
    expect(alex).toMatchObject({ 'Hourly wage': 30, Site: before[0].Site, Phone: before[0].Phone });

    // The add-on's Check data finds nothing new about these rows.
    addon.call('refreshComputed');
    const problems = addon.call<{ problems: { tab: string; row: number; severity: string }[] }>('checkData').problems;
    expect(problems.filter((p) => p.tab === 'Staff' && p.row > before.length + 1)).toEqual([]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('rejects the whole file when one row breaks Check data\'s rules, naming its line and column', async () => {
    const before = JSON.stringify(tabValues(h.ws, tracker, 'Staff'));
    const bad = `${GOOD}\r\nRiley Fox,Peer Worker,Nowhere Site,riley@example,2026-13-01,-4,`;
    const { code, io } = await importRoster(bad);
    expect(code).toBe(1);
    expect(io.stderr[0]).toBe('line 5, column Site: "Nowhere Site" is not a site on the Sites tab (known: SITE-0001 · Harbour Lights Drop-in, SITE-0002 · Cedar House).');
    expect(io.stderr[io.stderr.length - 1]).toMatch(/problem\(s\) in the CSV, listed above; nothing was imported/);
    expect(h.server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(JSON.stringify(tabValues(h.ws, tracker, 'Staff'))).toBe(before);
  });

  it('lists every Check data problem of every row before writing anything', async () => {
    const { code, io } = await importRoster('Full name,Role,Email,Start,End,Hourly wage\nRiley Fox,,riley@example,2026-13-01,,-4\n,Peer Worker,a@example.org,2026-03-01,2026-02-01,');
    expect(code).toBe(1);
    expect(io.stderr.slice(0, -1)).toEqual([
      'line 2, column Role: Role is required.',
      'line 2, column Email: "riley@example" is not an email address.',
      'line 2, column Start: "2026-13-01" is not a date. Type it as yyyy-mm-dd, e.g. 2026-04-30.',
      'line 2, column Hourly wage: -4 is below the smallest allowed value, 0.',
      'line 3, column Full name: Full name is required.',
      'line 3, column End: End (2026-02-01) is before Start (2026-03-01).',
    ]);
    expect(h.server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('says what a dry run would do and writes nothing', async () => {
    const { code, io } = await importRoster(GOOD, ['--dry-run']);
    expect(code).toBe(0);
    expect(io.stdout[0]).toBe('Would add 2 people:');
    expect(io.stdout[io.stdout.length - 1]).toBe('Dry run: nothing was written to Harbour Lights tracker.');
    expect(h.server.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('matches a second run of the same file instead of adding people twice', async () => {
    await importRoster(GOOD);
    const count = staff().length;
    const { code, io } = await importRoster(GOOD.replace('Jordan Lee,Peer Worker,Cedar House,jordan@example.org', 'Jordan Lee,Peer Supporter,Cedar House,jordan@example.org'));
    expect(code).toBe(0);
    expect(staff()).toHaveLength(count);
    expect(io.stdout).toContain('  ~ Jordan Lee (STAFF-0013, line 2): Role Peer Worker → Peer Supporter');
  });

  it('reads a CSV header typed with other case, spacing or a line break as the Staff column', async () => {
    const { code, io } = await importRoster('"Full\nname", ROLE ,hourly  wage\nRiley Chen,Peer Worker,31');
    // Check data's own note about the new person, who has no email yet.
    expect(io.stderr).toEqual(['Note, line 3, column Email: STAFF-0013 (Riley Chen) has no email: contracts and letters cannot be sent to them. Add it on Staff pay and contacts.']);
    expect(code).toBe(0);
    expect(staff().find((p) => p['Full name'] === 'Riley Chen')).toMatchObject({ Role: 'Peer Worker', 'Hourly wage': 31 });
  });

  it('once Set up private workbooks moved pay and contacts, writes them to the Staff records workbook and none to the tracker', async () => {
    h.ws.openInSheets(tracker);
    // Set up tracker run again confirms the coordinator list: only a confirmed coordinator sets up the workbooks.
    addon.call('setupTracker');
    const moved = addon.call<{ workbooks: { name: string; workbookId: string }[] }>('setUpPrivateWorkbooks');
    const records = moved.workbooks.find((w) => w.name === 'Staff records')!.workbookId;
    h.server.requests.length = 0;
    const { code, io } = await importRoster(GOOD);
    expect(code).toBe(0);
    expect(io.stdout[io.stdout.length - 1]).toContain('and their pay and contacts to the Staff records workbook');
    // One write per file, the workbook's first.
    expect(h.server.requests.filter((r) => r.method !== 'GET').map((r) => [r.name, r.path.includes(records) ? 'workbook' : 'tracker']))
      .toEqual([['sheets.spreadsheets.values.batchUpdate', 'workbook'], ['sheets.spreadsheets.values.batchUpdate', 'tracker']]);
    const jordan = staff(records).find((p) => p['Full name'] === 'Jordan Lee')!;
    expect(jordan).toMatchObject({ ID: 'STAFF-0013', Email: 'jordan@example.org', Phone: '+1 604 555 0199', 'Hourly wage': 28 });
    expect(staff(records).find((p) => p.ID === 'STAFF-0001')).toMatchObject({ 'Hourly wage': 30 });
    const trackerCells = h.ws.spreadsheet(tracker).sheets.flatMap((s) => Array.from({ length: s.lastRow() }, (_, r) => Array.from({ length: s.lastColumn() }, (_, c) => String(s.cell(r + 1, c + 1)?.value ?? ''))).flat());
    expect(trackerCells.filter((v) => v === 'jordan@example.org' || v === '+1 604 555 0199')).toEqual([]);
  });

  it('stops on a column that is not on the Staff tab unless told to skip it', async () => {
    const csv = 'Full name,Role,Shoe size\nJordan Lee,Peer Worker,9';
    const strict = await importRoster(csv);
    expect(strict.code).toBe(1);
    expect(strict.io.stderr[0]).toMatch(/^line 1, column Shoe size: "Shoe size" is not a column of the Staff tab/);
    const lenient = await importRoster(csv, ['--skip-unknown-columns']);
    expect(lenient.code).toBe(0);
    expect(lenient.io.stderr).toEqual(['Column ignored: Shoe size (not a Staff column).']);
  });
});
