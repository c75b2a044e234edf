// Training certificates end to end on the built bundle: which Training Log rows earn one, the batch through the documents job, the log, and no duplicates.
import { documentModel } from '../../workspace/drive';
import { appendRecords, asUser, tabRecords } from '../support/tracker';
import { byHand, choices, docText, documentsLog, drive, request, sampleTracker, start } from './support';
import type { Harness } from '../support/addon';
import type { PreviewResult } from '../../addon/documents/types';

const ALEX = 'STAFF-0001';
const BEA = 'STAFF-0002';
const ELI = 'STAFF-0005';
const GUS = 'STAFF-0007';

/** Internal trainings of the sample organization: two complete, one without a facilitator, one not finished, one next week. */
function internalTrainings(h: Harness): void {
  byHand(h, () => appendRecords(h, 'Training Log', [
    { ID: 'TRN-0009', Staff: `${ALEX} · Alex Moreno`, Topic: 'Conflict resolution and de-escalation', Date: '2026-03-04', Hours: 6, 'Internal training': 'Yes', Completed: 'Yes', Facilitator: 'Robin Okafor' },
    { ID: 'TRN-0010', Staff: `${GUS} · Gus Abernathy`, Topic: 'Conflict resolution and de-escalation', Date: '2026-03-04', Hours: 6, 'Internal training': 'Yes', Completed: 'Yes', Facilitator: 'Robin Okafor' },
    { ID: 'TRN-0011', Staff: `${ELI} · Eli Standingready`, Topic: 'Peer debriefing', Date: '2026-03-10', Hours: 3, 'Internal training': 'Yes', Completed: 'Yes' },
    { ID: 'TRN-0012', Staff: `${BEA} · Bea Thunderchild`, Topic: 'Peer debriefing', Date: '2026-03-10', Hours: 3, 'Internal training': 'Yes', Completed: 'No', Facilitator: 'Robin Okafor' },
    { ID: 'TRN-0013', Staff: `${BEA} · Bea Thunderchild`, Topic: 'Cultural safety', Date: '2026-03-23', Hours: 4, 'Internal training': 'Yes', Completed: 'Yes', Facilitator: 'Robin Okafor' },
  ]));
}

function trainingRow(h: Harness, id: string): number {
  return byHand(h, () => tabRecords(h, 'Training Log')).findIndex((row) => row.ID === id) + 2;
}

describe('training certificates', () => {
  test('a batch makes one certificate per completed internal training, names the row missing a facilitator, and offers nothing else', () => {
    const h = sampleTracker();
    internalTrainings(h);
    expect(choices(h).templates.map((t) => t.id)).toContain('certificate-training');
    const started = start(h, request('certificate-training', [ALEX, BEA, ELI, GUS], { output: 'pdf' }));
    expect(started.message).toBe('');
    // Alex's outside first-aid and naloxone trainings, Bea's unfinished and future ones are not offered.
    expect(started.progress!.results.map((r) => r.trainingId)).toEqual(['TRN-0009', 'TRN-0010', 'TRN-0011']);
    const finished = drive(h, started.progress!.jobId);
    expect(finished).toMatchObject({ state: 'done', done: 2, failed: 1 });
    const failedOne = finished.results.find((r) => r.status === 'Failed')!;
    expect(failedOne.error).toBe(`Facilitator is blank for Eli Standingready's Peer debriefing (Training Log, row ${trainingRow(h, 'TRN-0011')}, TRN-0011). Fill it in, then make the certificate again.`);

    const log = documentsLog(h).filter((row) => String(row.Template).startsWith('certificate-training'));
    expect(log.map((row) => [row.Staff, row.Training, row.Status])).toEqual([
      [`${ALEX} · Alex Moreno`, 'TRN-0009 · Conflict resolution and de-escalation', 'Done'],
      [`${GUS} · Gus Abernathy`, 'TRN-0010 · Conflict resolution and de-escalation', 'Done'],
      [`${ELI} · Eli Standingready`, 'TRN-0011 · Peer debriefing', 'Failed'],
    ]);
    const alex = docText(h, String(log[0].Link));
    for (const text of ['Certificate of training', 'Alex', 'Conflict resolution and de-escalation', 'Robin Okafor', 'Harbour Lights Peer Collective', 'TRN-0009']) expect(alex).toContain(text);
    expect(alex).not.toContain('{{');
    expect(String(log[0]['PDF link'])).toMatch(/^https:\/\/drive\.google\.com\/file\/d\//);
    // Letter pages, as every template sets them.
    const doc = documentModel(h.ws, /\/d\/([\w-]+)/.exec(String(log[0].Link))![1]).toJson() as { documentStyle?: { pageSize?: unknown } };
    expect(doc.documentStyle?.pageSize).toEqual({ width: { magnitude: 612, unit: 'PT' }, height: { magnitude: 792, unit: 'PT' } });
  });

  test('asking again makes nothing twice; once the facilitator is filled in only that certificate is made', () => {
    const h = sampleTracker();
    internalTrainings(h);
    drive(h, start(h, request('certificate-training', [ALEX, ELI, GUS])).progress!.jobId);
    const again = start(h, request('certificate-training', [ALEX, GUS]));
    expect(again.ok).toBe(false);
    expect(again.message).toContain('already has a certificate');

    const row = trainingRow(h, 'TRN-0011');
    byHand(h, () => asUser(h, (ss) => {
      const sheet = ss.getSheetByName('Training Log')!;
      sheet.getRange(row, sheet.getDataRange().getValues()[0].indexOf('Facilitator') + 1).setValue('Jo Fairweather');
    }));
    const retry = start(h, request('certificate-training', [ALEX, ELI, GUS]));
    expect(retry.progress!.results.map((r) => r.trainingId)).toEqual(['TRN-0011']);
    expect(drive(h, retry.progress!.jobId)).toMatchObject({ state: 'done', done: 1, failed: 0 });
    const done = documentsLog(h).filter((row) => String(row.Template).startsWith('certificate-training') && row.Status === 'Done');
    expect(done.map((row) => row.Training)).toEqual(['TRN-0009 · Conflict resolution and de-escalation', 'TRN-0010 · Conflict resolution and de-escalation', 'TRN-0011 · Peer debriefing']);
    // The failed row was taken over and finished, not left beside a second one.
    expect(documentsLog(h).filter((row) => String(row.Training).startsWith('TRN-0011'))).toHaveLength(1);
  });

  test('the preview shows a person\'s first certificate, or says they have none', () => {
    const h = sampleTracker();
    internalTrainings(h);
    const alex = h.addon.callFromClient('previewDocument', ['certificate-training', ALEX]) as PreviewResult;
    expect(alex).toMatchObject({ ok: true, fileName: 'Alex Moreno - Conflict resolution and de-escalation certificate', missing: [] });
    expect(alex.paragraphs.map((p) => p.text).join('\n')).toContain('It was led by Robin Okafor and took 6 hours.');
    const bea = h.addon.callFromClient('previewDocument', ['certificate-training', BEA]) as PreviewResult;
    expect(bea).toMatchObject({ ok: false, message: 'Bea Thunderchild has no completed internal training in the Training Log (Internal training and Completed both "Yes"), so no certificate is made for them.' });
  });

  test('naming an outside or unfinished training is refused with what a certificate needs', () => {
    const h = sampleTracker();
    internalTrainings(h);
    const refused = start(h, { ...request('certificate-training', []), trainingIds: ['TRN-0003', 'TRN-0012'] });
    expect(refused).toMatchObject({ ok: false, progress: null });
    expect(refused.message).toBe('No certificate is offered for TRN-0003, TRN-0012: a certificate needs a Training Log row with Internal training and Completed both "Yes" and a date that has passed.');
  });
});
