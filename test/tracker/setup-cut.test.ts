// Set up tracker cut off at any of its service calls (the time limit, or a failed call): a clean rerun ends exactly where a clean setup does.
import { setupCuts } from '../support/setup-cuts';
import { Ledger } from '../../workspace/ledger';

describe('Set up tracker stopped part-way', () => {
  const run = setupCuts();

  it('makes the same calls on every blank Sheet, so each one can be cut', () => {
    expect(run.calls).toContain('Sheets.Spreadsheets.batchUpdate');
    expect(run.cutThenRerun(() => undefined)).toBe(run.expected);
  });

  it('at any call, by the time limit or a failed call in turn, then run again, ends as a clean setup does', () => {
    const wrong: string[] = [];
    run.calls.forEach((method, n) => {
      // Every call before n ran. Even n: the time limit falls inside call n, so it and every later call fail.
      // Odd n: call n alone fails (the nth of its method), and the add-on may go on after catching it.
      const state = run.cutThenRerun((h) => {
        if (n % 2 === 0) {
          const limitMs = Ledger.costOf(run.calls.slice(0, n + 1)) - 1;
          expect(() => h.addon.call('setupTracker', [], { timeLimitMs: limitMs })).toThrow('Exceeded maximum execution time');
        } else {
          const nth = run.calls.slice(0, n + 1).filter((c) => c === method).length;
          h.ws.ledger.failOn(method, { nth, error: 'Service Spreadsheets failed while accessing document' });
          h.addon.call('setupTracker');
        }
      });
      if (state !== run.expected) wrong.push(`call ${n} (${method}, ${n % 2 === 0 ? 'time limit' : 'failed call'})`);
    });
    expect(wrong).toEqual([]);
  });
});
