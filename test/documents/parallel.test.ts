// Document chunks at the same time, each its own execution: several lanes of one job, and two coordinators generating the same people; exactly one document per person, nothing marked done that is not.
import { COORDINATOR, documentsLog, driveIdOf, request, sampleTracker, start } from './support';
import type { Harness } from '../support/addon';
import { pick } from '../../workspace/picker';
import { PROPERTY_KEYS } from '../../addon/core/keys';
import type { JobProgress } from '../../addon/documents/types';
import type { ConcurrentResult } from '../../workspace/concurrency';

const SECOND = 'second.coordinator@example.org';
const PROJECT = '487112093356';
const PEOPLE = ['STAFF-0001', 'STAFF-0002', 'STAFF-0003', 'STAFF-0004', 'STAFF-0005', 'STAFF-0006'];

function contracts(h: Harness): string[] {
  return [...h.ws.host.files.values()].filter((f) => f.mimeType === 'application/vnd.google-apps.document' && f.name.endsWith(' - Employment contract')).map((f) => f.id);
}

function chunks(h: Harness, runs: { jobId: string; user?: string; lanes: number; timeLimitMs?: number }[]): ConcurrentResult[] {
  return h.ws.runConcurrently(runs.map((run) => ({ functionName: 'runDocumentJobChunk', args: [run.jobId, run.lanes], user: run.user, timeLimitMs: run.timeLimitMs })));
}

function progressOf(result: ConcurrentResult): JobProgress {
  if (result.error) throw new Error(result.error);
  return result.value as JobProgress;
}

/** Runs chunks of a job one after another as `user` until it stops running. */
function finish(h: Harness, jobId: string, user = COORDINATOR): JobProgress {
  let progress = h.addon.callFromClient('runDocumentJobChunk', [jobId], { user }) as JobProgress;
  for (let i = 0; i < 20 && progress.state === 'running'; i++) progress = h.addon.callFromClient('runDocumentJobChunk', [jobId], { user }) as JobProgress;
  return progress;
}

/** Every person has exactly one Done row and one document, and each row's document exists and is filled. */
function expectOneEach(h: Harness, people: string[]): void {
  const rows = documentsLog(h);
  for (const id of people) {
    const mine = rows.filter((row) => String(row.Staff).startsWith(id));
    expect(mine.map((row) => row.Status)).toEqual(['Done']);
  }
  expect(contracts(h)).toHaveLength(people.length);
  for (const row of rows) expect(h.ws.host.files.has(driveIdOf(String(row.Link)))).toBe(true);
}

describe('chunks of one job at the same time', () => {
  test('three lanes share six people: each takes its own two, and six contracts are made once each', () => {
    const h = sampleTracker();
    const jobId = start(h, request('employment-contract', PEOPLE)).progress!.jobId;
    const results = chunks(h, [{ jobId, lanes: 3 }, { jobId, lanes: 3 }, { jobId, lanes: 3 }]).map(progressOf);
    expect(results.map((r) => r.handed)).toEqual([2, 2, 2]);
    expect(results.some((r) => r.state === 'done' && r.done === 6)).toBe(true);
    expectOneEach(h, PEOPLE);
  });

  test('in lanes a document still costs at most 4 service calls', () => {
    const h = sampleTracker();
    const jobId = start(h, request('employment-contract', PEOPLE, { output: 'both' })).progress!.jobId;
    const mark = h.ws.ledger.mark();
    chunks(h, [{ jobId, lanes: 3 }, { jobId, lanes: 3 }, { jobId, lanes: 3 }]).map(progressOf);
    const perDocument = ['Drive.Files.copy', 'Docs.Documents.batchUpdate', 'Drive.Files.export', 'Drive.Files.create'];
    expect(h.ws.ledger.since(mark).filter((c) => perDocument.includes(c))).toHaveLength(6 * 4);
    expectOneEach(h, PEOPLE);
  });

  test('the parallel wall time is the longest chunk, not the sum of them', () => {
    const h = sampleTracker();
    const jobId = start(h, request('employment-contract', PEOPLE)).progress!.jobId;
    const before = h.ws.ledger.wallMs;
    const results = chunks(h, [{ jobId, lanes: 3 }, { jobId, lanes: 3 }, { jobId, lanes: 3 }]);
    const longest = Math.max(...results.map((r) => r.elapsedMs));
    const sum = results.reduce((total, r) => total + r.elapsedMs, 0);
    expect(h.ws.ledger.wallMs - before).toBe(longest);
    expect(longest).toBeLessThan(sum * 0.6);
  });

  test('a fill that fails in one lane leaves that person Failed while the other lanes finish; a rerun reuses the document', () => {
    const h = sampleTracker();
    const jobId = start(h, request('employment-contract', PEOPLE)).progress!.jobId;
    h.ws.ledger.failOn('Docs.Documents.batchUpdate', { nth: 2, error: 'API call to docs.documents.batchUpdate failed with error: Internal error encountered.' });
    chunks(h, [{ jobId, lanes: 3 }, { jobId, lanes: 3 }, { jobId, lanes: 3 }]).map(progressOf);
    const rows = documentsLog(h);
    expect(rows.filter((row) => row.Status === 'Done')).toHaveLength(5);
    const failed = rows.filter((row) => row.Status === 'Failed');
    expect(failed).toHaveLength(1);
    expect(String(failed[0].Error)).toContain('It is not marked done');
    const again = start(h, request('employment-contract', PEOPLE));
    expect(finish(h, again.progress!.jobId)).toMatchObject({ state: 'done' });
    expect(documentsLog(h).filter((row) => row.Status === 'Done')).toHaveLength(6);
    expect(contracts(h)).toHaveLength(6);
  });

  test('a lane cut off mid-document keeps its people claimed while it may live, then a later run finishes them with the same files', () => {
    const h = sampleTracker();
    const jobId = start(h, request('employment-contract', PEOPLE)).progress!.jobId;
    const results = chunks(h, [{ jobId, lanes: 3, timeLimitMs: 9_000 }, { jobId, lanes: 3 }, { jobId, lanes: 3 }]);
    expect(results[0].error).toContain('Exceeded maximum execution time');
    const cut = documentsLog(h).filter((row) => row.Status === 'In progress');
    expect(cut).toHaveLength(2);
    expect(String(cut[0].Error)).toContain('Being made by coordinator@example.org');
    // Within the cut-off execution's 6 minutes nobody takes its people over.
    expect(h.addon.callFromClient('runDocumentJobChunk', [jobId])).toMatchObject({ state: 'running', handed: 0 });
    h.ws.host.advance(6 * 60 * 1000);
    expect(finish(h, jobId)).toMatchObject({ state: 'done', done: 6, failed: 0 });
    const rows = documentsLog(h);
    for (const row of cut) expect(rows.find((r) => r.ID === row.ID)?.Link).toBe(row.Link);
    expectOneEach(h, PEOPLE);
  });
});

describe('two coordinators generating at once', () => {
  function twoCoordinators(): Harness {
    const h = sampleTracker({ install: false });
    // Coordinator B edits the spreadsheet, was given the templates and their folder, and picked them once in the
    // Picker (drive.file is granted per person: test/documents/second-coordinator.test.ts).
    h.ws.useStandardProject(PROJECT);
    const script = h.ws.properties.store(`script:${h.ws.scriptId}`);
    script.set(PROPERTY_KEYS.pickerProjectNumber, PROJECT);
    script.set(PROPERTY_KEYS.pickerApiKey, 'AIza-local-picker-key');
    h.addon.call('installDocumentTemplates');
    for (const file of h.ws.host.files.values()) if (file.owner === COORDINATOR) h.ws.share(file.id, SECOND);
    const setup = h.addon.callFromClient('templatePickerSetup', [], { user: SECOND }) as { appId: string; token: string; wanted: { id: string }[] };
    const ids = setup.wanted.map((w) => w.id);
    pick(h.ws, { token: setup.token, appId: setup.appId, ids });
    h.addon.callFromClient('templatesPicked', [ids], { user: SECOND });
    return h;
  }

  test('both start a job for the same three people and run a chunk at the same time: three contracts, not six', () => {
    const h = twoCoordinators();
    const people = PEOPLE.slice(0, 3);
    const jobA = start(h, request('employment-contract', people)).progress!.jobId;
    const jobB = h.addon.callFromClient('startDocumentJob', [request('employment-contract', people)], { user: SECOND }) as { progress: JobProgress };
    const [a, b] = chunks(h, [{ jobId: jobA, lanes: 1 }, { jobId: jobB.progress.jobId, lanes: 1, user: SECOND }]).map(progressOf);
    expect(contracts(h)).toHaveLength(3);
    expect(a.handed + b.handed).toBe(3);
    const first = finish(h, jobA);
    const second = finish(h, jobB.progress.jobId, SECOND);
    expect(second.state).toBe('done');
    expect(second.failed).toBe(0);
    // What one made, the other's job reports as already there.
    expect(first.done + second.done).toBe(3);
    expect(first.skipped + second.skipped).toBe(3);
    expectOneEach(h, people);
    // Each row names who made it.
    expect(new Set(documentsLog(h).map((row) => row['Created by']))).toEqual(new Set([a.handed ? COORDINATOR : SECOND]));
  });

  test('a rerun by either coordinator afterwards makes nothing more', () => {
    const h = twoCoordinators();
    const people = PEOPLE.slice(0, 3);
    const jobA = start(h, request('employment-contract', people)).progress!.jobId;
    const jobB = h.addon.callFromClient('startDocumentJob', [request('employment-contract', people)], { user: SECOND }) as { progress: JobProgress };
    chunks(h, [{ jobId: jobA, lanes: 1 }, { jobId: jobB.progress.jobId, lanes: 1, user: SECOND }]).map(progressOf);
    finish(h, jobA);
    finish(h, jobB.progress.jobId, SECOND);
    const again = h.addon.callFromClient('startDocumentJob', [request('employment-contract', people)], { user: SECOND }) as { progress: JobProgress };
    expect(finish(h, again.progress.jobId, SECOND)).toMatchObject({ done: 0, skipped: 3 });
    expectOneEach(h, people);
  });
});
