// Documents within Google's rate limits and in shared drives: Drive's 403/429 and the Docs API's per-minute quota are waited out, not failures; a Documents folder in a shared drive works.
import { grantFileToApp, createSharedDrive } from '../../workspace/drive';
import { setSetting } from '../support/tracker';
import { COORDINATOR, documentsLog, drive, driveIdOf, request, sampleTracker, start } from './support';
import type { JobProgress } from '../../addon/documents/types';

const PEOPLE = ['STAFF-0001', 'STAFF-0002', 'STAFF-0003', 'STAFF-0004', 'STAFF-0005'];

function chunk(h: ReturnType<typeof sampleTracker>, jobId: string): JobProgress {
  return h.addon.callFromClient('runDocumentJobChunk', [jobId]) as JobProgress;
}

describe("Drive's rate limits: pause and retry, not a failed person", () => {
  test('403 User Rate Limit Exceeded on a copy is waited out with growing pauses and the person is made', () => {
    const h = sampleTracker();
    const jobId = start(h, request('employment-contract', PEOPLE.slice(0, 2))).progress!.jobId;
    h.ws.ledger.failOn('Drive.Files.copy', { nth: 1, times: 3, error: 'API call to drive.files.copy failed with error: User Rate Limit Exceeded' });
    const mark = h.ws.ledger.mark();
    expect(chunk(h, jobId)).toMatchObject({ state: 'done', done: 2, failed: 0 });
    const calls = h.ws.ledger.since(mark);
    expect(calls.filter((c) => c === 'Utilities.sleep')).toHaveLength(3);
    expect(calls.filter((c) => c === 'Drive.Files.copy')).toHaveLength(2 + 3);
    expect(documentsLog(h).map((row) => row.Status)).toEqual(['Done', 'Done']);
  });

  test('429 Rate Limit Exceeded on the PDF export is waited out too', () => {
    const h = sampleTracker();
    const jobId = start(h, request('employment-contract', PEOPLE.slice(0, 1), { output: 'both' })).progress!.jobId;
    h.ws.ledger.failOn('Drive.Files.export', { nth: 1, times: 1, error: 'API call to drive.files.export failed with error: Rate Limit Exceeded' });
    expect(chunk(h, jobId)).toMatchObject({ state: 'done', done: 1, failed: 0 });
    expect(String(documentsLog(h)[0]['PDF link'])).toMatch(/^https:\/\/drive\.google\.com\/file\/d\//);
  });

  test('a limit that lasts past a minute of back-off leaves the person queued for the next round, never failed or done', () => {
    const h = sampleTracker();
    const jobId = start(h, request('employment-contract', PEOPLE.slice(0, 2))).progress!.jobId;
    h.ws.ledger.failOn('Drive.Files.copy', { nth: 1, times: 7, error: 'API call to drive.files.copy failed with error: User Rate Limit Exceeded' });
    const first = chunk(h, jobId);
    expect(first).toMatchObject({ state: 'running', done: 0, failed: 0 });
    expect(documentsLog(h).map((row) => row.Status)).toEqual(['Queued', 'Queued']);
    expect(String(documentsLog(h)[0].Error)).toContain('slow down');
    expect(drive(h, jobId)).toMatchObject({ state: 'done', done: 2, failed: 0 });
  });
});

describe("the Docs API's 60 writes a minute per user", () => {
  test('past the per-minute write quota the fills wait for the next minute and every person is made', () => {
    const h = sampleTracker();
    // Two writes a minute instead of 60, so five documents cross the limit without 60 of them.
    h.ws.quotas.limits.docsWritesPerUser = 2;
    const jobId = start(h, request('employment-contract', PEOPLE)).progress!.jobId;
    const mark = h.ws.ledger.mark();
    expect(drive(h, jobId)).toMatchObject({ state: 'done', done: 5, failed: 0 });
    const calls = h.ws.ledger.since(mark);
    expect(calls.filter((c) => c === 'Docs.Documents.batchUpdate').length).toBeGreaterThan(5);
    expect(calls).toContain('Utilities.sleep');
    expect(documentsLog(h).every((row) => row.Status === 'Done' && row.Error === '')).toBe(true);
  });
});

describe('a Documents folder in a shared drive', () => {
  test('documents and PDFs are made there: every Drive call says supportsAllDrives', () => {
    const h = sampleTracker();
    const drive = createSharedDrive(h.ws, 'Harbour Collective staff', [COORDINATOR]);
    grantFileToApp(h.ws, drive, COORDINATOR);
    setSetting(h, 'Documents folder', `https://drive.google.com/drive/folders/${drive}`);
    // A coordinator confirms the folder they typed by running setup (tracker/coordinators.ts): documents go only to a confirmed folder.
    h.addon.call('setupTracker');
    const jobId = start(h, request('employment-contract', PEOPLE.slice(0, 2), { output: 'both' })).progress!.jobId;
    expect(chunk(h, jobId)).toMatchObject({ state: 'done', done: 2, failed: 0 });
    for (const row of documentsLog(h)) {
      expect(h.ws.host.files.get(driveIdOf(String(row.Link)))?.parents).toEqual([drive]);
      expect(h.ws.host.files.get(driveIdOf(String(row['PDF link'])))?.parents).toEqual([drive]);
    }
  });
});
