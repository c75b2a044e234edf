// Submissions arriving at the same time, run truly interleaved (one worker thread per execution, switching at every service call).
import { evaluationForm, person, responses, trackerWithForms } from './forms-support';
import { eventsFor, recordSubmission } from '../../workspace/forms';
import type { ConcurrentExecution } from '../../workspace/concurrency';
import type { Harness } from '../support/addon';

/** Records the submissions as Forms would (rows appended on Google's side) and returns their trigger executions, not yet run. */
function pendingSubmissions(h: Harness, codes: string[]): ConcurrentExecution[] {
  const formId = evaluationForm(h);
  return codes.map((code, i) => {
    const { form, row } = recordSubmission(h.ws, formId, person({ code }), new Date(Date.UTC(2026, 2, 16, 17, 0, i)));
    const [{ trigger, event }] = eventsFor(h.ws, form, row);
    return { functionName: trigger.handlerFunction, args: [event], user: trigger.owner, documentId: h.spreadsheetId };
  });
}

describe('submissions arriving concurrently', () => {
  it('under the document lock are all kept, numbered apart, and a duplicate delivery racing the original still stores one row', () => {
    const h = trackerWithForms();
    const executions = pendingSubmissions(h, ['AB01C1', 'AB02C2', 'AB03C3', 'AB04C4']);
    const results = h.ws.runConcurrently([...executions, executions[1]]);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(results.map((r) => (r.value as { status: string }).status).sort()).toEqual(['duplicate', 'stored', 'stored', 'stored', 'stored']);
    const rows = responses(h);
    expect(rows.map((r) => r['Participant code']).sort()).toEqual(['AB01C1', 'AB02C2', 'AB03C3', 'AB04C4']);
    expect(rows.map((r) => r.ID).sort()).toEqual(['RESP-0001', 'RESP-0002', 'RESP-0003', 'RESP-0004']);
  });

  it('forty at once are all stored, none of them timing out on the lock', () => {
    const h = trackerWithForms();
    const codes = Array.from({ length: 40 }, (_, i) => `AC${String(i).padStart(2, '0')}D1`);
    const results = h.ws.runConcurrently(pendingSubmissions(h, codes));
    expect(results.filter((r) => r.error !== undefined).map((r) => r.error)).toEqual([]);
    const rows = responses(h);
    expect(rows.map((r) => r['Participant code']).sort()).toEqual(codes);
    expect(new Set(rows.map((r) => r.ID)).size).toBe(40);
  });

  it('without the lock the same code loses its numbering and stores the racing duplicate (so the test above can fail)', () => {
    const h = trackerWithForms();
    const executions = pendingSubmissions(h, ['AB01C1', 'AB02C2', 'AB03C3', 'AB04C4']);
    const results = h.ws.runConcurrently([...executions, executions[1]], { ignoreLocks: true });
    expect(results.every((r) => r.error === undefined)).toBe(true);
    const rows = responses(h);
    expect(rows.length).toBeGreaterThan(4);
    expect(new Set(rows.map((r) => r.ID)).size).toBeLessThan(rows.length);
  });

  it('interleaves the executions call by call rather than running them one after the other', () => {
    const h = trackerWithForms();
    const executions = pendingSubmissions(h, ['AB01C1', 'AB02C2']);
    const mark = h.ws.ledger.mark();
    h.ws.runConcurrently(executions, { ignoreLocks: true });
    const calls = h.ws.ledger.since(mark);
    // Both executions took the lock and read the properties before either wrote its row.
    expect(calls.slice(0, 4)).toEqual(['LockService.getDocumentLock', 'LockService.getDocumentLock', 'Lock.tryLock', 'Lock.tryLock']);
    expect(calls.indexOf('Sheet.appendRow')).toBeGreaterThan(calls.lastIndexOf('Properties.getProperties'));
  });
});
