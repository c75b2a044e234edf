// The ledger keeps when each call of an execution began, so a benchmark can tell one part of a run from the next.
import { Ledger, CALL_COST_MS } from '../../workspace/ledger';

describe('the ledger\'s start times', () => {
  it('records the modelled milliseconds at which each call began, work spent inside a call included', () => {
    const ledger = new Ledger();
    ledger.beginExecution(null);
    ledger.record('Sheets.Spreadsheets.get');
    ledger.spend(40);
    ledger.record('Spreadsheet.toast');
    ledger.record('Sheet.getRange');
    expect(ledger.startedMs).toEqual([0, CALL_COST_MS['Sheets.Spreadsheets.get'] + 40, CALL_COST_MS['Sheets.Spreadsheets.get'] + 40 + CALL_COST_MS.default]);
    expect(ledger.startedMs).toHaveLength(ledger.calls.length);
  });
});
