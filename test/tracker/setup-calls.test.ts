// Set up tracker's service calls: a fixed handful, empty or with 5,000 staff rows, the structure in one atomic Sheets API batch.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, tabRecords } from '../support/tracker';

/** Setup's own calls: everything up to its message to the coordinator (the Dashboard refresh that follows has its own bound). */
function setupCalls(h: Harness): string[] {
  const mark = h.ws.ledger.mark();
  h.addon.call('setupTracker');
  const calls = h.ws.ledger.since(mark);
  return calls.slice(0, calls.indexOf('Spreadsheet.toast') + 1);
}

function staffRows(count: number): Record<string, string | number>[] {
  return Array.from({ length: count }, (_, i) => ({ 'Full name': `Person ${i}`, Role: 'Peer Worker', 'Employment type': 'Casual', Start: '2025-01-01' }));
}

describe('Set up tracker\'s service calls', () => {
  it('on a blank Sheet: at most 20, with one spreadsheets.get and one batchUpdate for all 13 tabs and the lists', () => {
    const h = openAddon();
    const calls = setupCalls(h);
    expect(calls.length).toBeLessThanOrEqual(20);
    // The second get reads only the empty "Sheet1", to see that it holds no format or note before it is removed.
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.get')).toHaveLength(2);
    expect(setupCalls(h).filter((c) => c === 'Sheets.Spreadsheets.get')).toHaveLength(1);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.batchUpdate')).toHaveLength(1);
    expect(calls.filter((c) => c.startsWith('Range.') || c.startsWith('Sheet.'))).toEqual([]);
  });

  it('with 5,000 staff rows that need IDs: at most 20, and no more than the blank Sheet plus the keyed write and its check', () => {
    const h = openAddon();
    const blank = setupCalls(h).length;
    appendRecords(h, 'Staff', staffRows(5000));
    const calls = setupCalls(h);
    expect(calls.length).toBeLessThanOrEqual(20);
    // One values.batchGet reads the tabs; the IDs and computed values go out in one values.batchUpdate, checked by one more read.
    expect(calls.length).toBeLessThanOrEqual(blank + 3);
    expect(calls.filter((c) => c === 'Sheets.Spreadsheets.Values.batchUpdate')).toHaveLength(1);
    const staff = tabRecords(h, 'Staff');
    expect(staff).toHaveLength(5000);
    expect(staff[0].ID).toBe('STAFF-0001');
    expect(staff[4999].ID).toBe('STAFF-5000');
    // Run again: nothing changed, so nothing is written by row.
    expect(setupCalls(h).filter((c) => c.startsWith('Sheets.Spreadsheets.Values.batchUpdate'))).toEqual([]);
  });
});
