// `import-roster` of more people than the Staff tab's grid has rows: it grows the grid first, and its dry run says what the write will meet.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../scripts/import-roster';
import { captureIO, startHarness, type RestHarness } from '../support/rest-harness';
import { env, sampleTracker, tabValues } from './tracker-fixture';

let h: RestHarness;
let tracker: string;
beforeEach(async () => {
  h = await startHarness();
  ({ id: tracker } = sampleTracker(h, 'Harbour Lights tracker', { surveys: false }));
});
afterEach(async () => { await h.close(); });

async function importRoster(csv: string, args: string[] = []) {
  const file = join(mkdtempSync(join(tmpdir(), 'rose-roster-')), 'staff.csv');
  writeFileSync(file, csv);
  const io = captureIO(env(h));
  const code = await main(['--tracker', tracker, '--csv', file, ...args], io);
  return { code, io };
}

const TEN_THOUSAND = ['Full name,Role', ...Array.from({ length: 10_000 }, (_, i) => `Person ${i + 1},Peer Worker`)].join('\n');
const writes = () => h.server.requests.filter((r) => r.method !== 'GET').map((r) => r.name);

describe('import-roster of 10,000 people into a 1,000-row Staff tab', () => {
  it('grows the Staff grid first, then writes every person, as its dry run said', async () => {
    const staffGrid = () => h.ws.spreadsheet(tracker).sheetByName('Staff')!.maxRows;
    const rowsBefore = tabValues(h.ws, tracker, 'Staff').length;
    expect(staffGrid()).toBe(1000);

    const dry = await importRoster(TEN_THOUSAND, ['--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.io.stdout[0]).toBe('Would add 10000 people:');
    const growth = `first add ${(rowsBefore + 10_000 - 1000).toLocaleString('en-US')} rows to the Staff tab's grid (1,000 → ${(rowsBefore + 10_000).toLocaleString('en-US')} rows), so that they fit.`;
    expect(dry.io.stdout).toContain(`Would ${growth}`);
    expect(writes()).toEqual([]);

    const real = await importRoster(TEN_THOUSAND);
    expect(real.io.stderr).toEqual([]);
    expect(real.code).toBe(0);
    expect(real.io.stdout).toContain(`Will ${growth}`);
    expect(writes()).toEqual(['sheets.spreadsheets.batchUpdate', 'sheets.spreadsheets.values.batchUpdate']);
    const rows = tabValues(h.ws, tracker, 'Staff');
    expect(rows).toHaveLength(rowsBefore + 10_000);
    expect(rows[rows.length - 1].slice(0, 2)).toEqual(['STAFF-10012', 'Person 10000']);
  });

  it('stops in the dry run and the real run alike when the grown grid would pass 10 million cells, writing nothing', async () => {
    // A person's archive tab fills the file close to Google's limit.
    const model = h.ws.spreadsheet(tracker);
    const archive = model.addSheet('Archive');
    archive.maxColumns = 100;
    archive.maxRows = Math.floor((10_000_000 - model.sheets.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0) - 100_000) / 100);
    const before = JSON.stringify(tabValues(h.ws, tracker, 'Staff'));
    const limit = /The import needs 9,\d{3} more rows on the Staff tab, and the spreadsheet would then hold 10,\d{3},\d{3} cells, more than the 10,000,000 Google Sheets allows in one file .*nothing was written\./;

    const dry = await importRoster(TEN_THOUSAND, ['--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.io.stderr.join('\n')).toMatch(limit);
    const real = await importRoster(TEN_THOUSAND);
    expect(real.code).toBe(1);
    expect(real.io.stderr.join('\n')).toMatch(limit);
    expect(writes()).toEqual([]);
    expect(JSON.stringify(tabValues(h.ws, tracker, 'Staff'))).toBe(before);
    expect(model.sheetByName('Staff')!.maxRows).toBe(1000);
  });
});
