// A document chunk while a person sorts, inserts, deletes or pastes in the Documents tab at any moment: every log row keeps its own status and links, and a person's note stays.
import { describeSweep, shrinkTabs, COLLEAGUE, type Scenario } from './sweep';
import { drive, request, sampleTracker, start, byHand, driveIdOf } from '../documents/support';
import { asUser, setSetting } from '../support/tracker';

// Every run makes six Docs; the sweep makes more than a day's quota, which is another test's concern.
const h = sampleTracker({ documentsCreatedPerDay: 1_000_000 });
h.ws.share(h.spreadsheetId, COLLEAGUE);
setSetting(h, 'Coordinator emails', `coordinator@example.org, ${COLLEAGUE}`);
h.addon.call('setupTracker');

/** Sets one cell of a person's pay and contacts (found by their Staff ID), as a coordinator typing it. */
function setStaff(staffId: string, header: string, value: string | number): void {
  byHand(h, () => asUser(h, (ss) => {
    const sheet = ss.getSheetByName('Staff pay and contacts')!;
    const values = sheet.getDataRange().getValues();
    const row = values.findIndex((r) => String(r[0]).split(' · ')[0] === staffId);
    sheet.getRange(row + 1, values[0].indexOf(header) + 1).setValue(value);
  }));
}

// The log before the chunk: five reference letters from an earlier job, and a contract that failed
// for want of hours (since filled in), which the chunk takes over and finishes in its own row.
drive(h, start(h, request('reference-letter', ['STAFF-0001', 'STAFF-0002', 'STAFF-0003', 'STAFF-0004', 'STAFF-0005'])).progress!.jobId);
const hours = byHand(h, () => asUser(h, (ss) => {
  const values = ss.getSheetByName('Staff pay and contacts')!.getDataRange().getValues();
  return values.find((r) => String(r[0]).split(' · ')[0] === 'STAFF-0002')![values[0].indexOf('Hours per week')] as number;
}));
setStaff('STAFF-0002', 'Hours per week', '');
drive(h, start(h, request('employment-contract', ['STAFF-0002'])).progress!.jobId);
setStaff('STAFF-0002', 'Hours per week', hours);
// A coordinator keeps a note of their own beside every row of the log.
byHand(h, () => asUser(h, (ss) => {
  const sheet = ss.getSheetByName('Documents')!;
  const rows = sheet.getLastRow() - 1;
  sheet.getRange(1, sheet.getLastColumn() + 1, rows + 1, 1).setValues([['Note'], ...Array.from({ length: rows }, (_, i) => [`note ${i + 1}`])]);
}));
shrinkTabs(h);
const restore = h.ws.snapshot();

/** A Drive link, by the name of the file it opens (each run makes new files, with new IDs, for the same people). */
function canonical(column: string, value: string): string {
  if ((column !== 'Link' && column !== 'PDF link') || !value) return value;
  const file = h.ws.host.files.get(driveIdOf(value));
  return file ? `${file.mimeType}: ${file.name}` : `no file: ${value}`;
}

const people = ['STAFF-0001', 'STAFF-0002', 'STAFF-0003', 'STAFF-0004', 'STAFF-0005', 'STAFF-0006'];
let jobId = '';
const scenario: Scenario = {
  name: 'Document chunk (6 contracts) in the Documents log', harness: h, tab: 'Documents', token: 'ID',
  written: ['Template', 'Staff', 'Link', 'PDF link', 'Created', 'Created by', 'Status', 'Error'], shared: [],
  // The person sorts the log by Staff; the paste covers the row the chunk takes over.
  sortBy: 'Staff',
  paste: { header: 'Note', row: 5, values: [['filed'], ['filed'], ['filed']] },
  canonical,
  prepare: () => {
    restore();
    jobId = start(h, request('employment-contract', people)).progress!.jobId;
  },
  run: () => { h.addon.callFromClient('runDocumentJobChunk', [jobId]); },
};

describeSweep('a document chunk, with a person acting in the Documents tab before any of its service calls', scenario, {
  outcome: "every row keeps its own status and links, none lost, a person's note kept",
});

test('the log the sweep starts from has earlier rows, one of them taken over by the chunk', () => {
  restore();
  const log = byHand(h, () => asUser(h, (ss) => ss.getSheetByName('Documents')!.getDataRange().getValues()));
  const status = log[0].indexOf('Status');
  expect(log.slice(1).map((row) => `${row[0]} ${row[status]}`)).toEqual([
    'DOC-0001 Done', 'DOC-0002 Done', 'DOC-0003 Done', 'DOC-0004 Done', 'DOC-0005 Done', 'DOC-0006 Failed',
  ]);
  expect(log[0][log[0].length - 1]).toBe('Note');
});
