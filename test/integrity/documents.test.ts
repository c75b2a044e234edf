// A document chunk while a person sorts, inserts, deletes or pastes in Staff at any moment: Contract status lands on the right person and a person's own value wins.
import { describeSweep, shrinkTabs, COLLEAGUE, type Scenario } from './sweep';
import { request, sampleTracker, start, byHand } from '../documents/support';
import { asUser, setSetting } from '../support/tracker';

// Every run makes six Docs; the sweep makes more than a day's quota, which is another test's concern.
const h = sampleTracker({ documentsCreatedPerDay: 1_000_000 });
h.ws.share(h.spreadsheetId, COLLEAGUE);
setSetting(h, 'Coordinator emails', `coordinator@example.org, ${COLLEAGUE}`);
h.addon.call('setupTracker');
// The first six people have no contract yet: the chunk drafts theirs.
byHand(h, () => asUser(h, (ss) => {
  const sheet = ss.getSheetByName('Staff')!;
  const column = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf('Contract status') + 1;
  sheet.getRange(2, column, 6, 1).setValues([[''], ['None'], [''], [''], [''], ['']]);
}));
shrinkTabs(h);
const restore = h.ws.snapshot();
const people = ['STAFF-0001', 'STAFF-0002', 'STAFF-0003', 'STAFF-0004', 'STAFF-0005', 'STAFF-0006'];
let jobId = '';
const scenario: Scenario = {
  name: 'Document chunk (6 contracts)', harness: h, tab: 'Staff', token: 'Full name', written: ['ID'],
  shared: ['Contract status', 'Job description link'],
  // A coordinator marks three contracts Ended while the chunk runs.
  paste: { header: 'Contract status', row: 3, values: [['Ended', '2026-03-01'], ['Ended', '2026-03-01'], ['Ended', '2026-03-01']] },
  prepare: () => {
    restore();
    jobId = start(h, request('employment-contract', people)).progress!.jobId;
  },
  run: () => { h.addon.callFromClient('runDocumentJobChunk', [jobId]); },
};

describeSweep('a document chunk, with a person acting in Staff before any of its service calls', scenario, { outcome: "no value moved to another person, none lost, a person's Ended kept" });
