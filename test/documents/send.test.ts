// Sending documents end to end on the built bundle: only to people who asked, a bad address named, the log, the daily mail quota mid-batch, and a contract acknowledged through a form without a Google account.
import { prefilledForm } from '../../workspace/forms';
import { asUser, tabRecords } from '../support/tracker';
import { byHand, documentsLog, drive, request, sampleTracker, start, COORDINATOR } from './support';
import type { Harness } from '../support/addon';
import type { SendResult } from '../../addon/documents/send';

const [ALEX, BEA, CHARLIE, ELI, GUS] = ['STAFF-0001', 'STAFF-0002', 'STAFF-0003', 'STAFF-0005', 'STAFF-0007'];

/** The tab a person's column is on: email, phone and pay are on Staff pay and contacts, the rest on Staff. */
const PAY_HEADERS = ['Email', 'Phone', 'Hourly wage', 'Hours per week'];

/** A coordinator types into one person's Staff (or Staff pay and contacts) row. */
function setStaff(h: Harness, staffId: string, header: string, value: string): void {
  byHand(h, () => asUser(h, (ss) => {
    const sheet = ss.getSheetByName(PAY_HEADERS.includes(header) ? 'Staff pay and contacts' : 'Staff')!;
    const values = sheet.getDataRange().getValues();
    const column = values[0].indexOf(header);
    const row = values.findIndex((r) => String(r[0]).split(' · ')[0] === staffId);
    if (column < 0 || row < 1) throw new Error(`no ${header} for ${staffId}`);
    sheet.getRange(row + 1, column + 1).setValue(value);
  }));
}

function staffCell(h: Harness, staffId: string, header: string): unknown {
  return byHand(h, () => tabRecords(h, 'Staff')).find((row) => row.ID === staffId)?.[header];
}

/** Contracts for these people, made as PDF; their DOC- IDs by person. */
function contracts(h: Harness, staffIds: string[]): Map<string, string> {
  const progress = drive(h, start(h, request('employment-contract', staffIds, { output: 'pdf' })).progress!.jobId);
  expect(progress).toMatchObject({ state: 'done', done: staffIds.length });
  const ids = new Map<string, string>();
  for (const row of documentsLog(h)) if (String(row.Template).startsWith('employment-contract') && row.Status === 'Done') ids.set(String(row.Staff).slice(0, 10), String(row.ID));
  return ids;
}

function send(h: Harness, documentIds: string[], to: 'person' | 'named' = 'person', extra: { address?: string; personAsked?: boolean } = {}): SendResult {
  return h.addon.callFromClient('sendDocumentsByEmail', [{ documentIds, to, ...extra }]) as SendResult;
}

function sendRows(h: Harness): Record<string, unknown>[] {
  return documentsLog(h).filter((row) => row['Sent to'] !== '');
}

describe('sending documents by email', () => {
  test('each person who asked gets their PDF, a bad address and a person who did not ask are named, and the quota holds the rest until the next day', () => {
    const h = sampleTracker();
    for (const id of [ALEX, BEA, CHARLIE, ELI]) setStaff(h, id, 'Documents by email', 'Yes');
    setStaff(h, ELI, 'Email', 'eli@example');
    const ids = contracts(h, [ALEX, BEA, CHARLIE, ELI, GUS]);
    h.ws.mail.dailyQuota = 2;

    const first = send(h, [ALEX, BEA, CHARLIE, ELI, GUS].map((id) => ids.get(id)!));
    expect(first).toMatchObject({ sent: 2, failed: 2, waiting: 1, quotaLeft: 0 });
    const staffRow = (id: string): number => byHand(h, () => tabRecords(h, 'Staff')).findIndex((row) => row.ID === id) + 2;
    expect(first.outcomes.filter((o) => o.status === 'Failed').map((o) => o.message)).toEqual([
      // The address is on Staff pay and contacts (in the Staff records workbook once it moved): the message names the person's row there.
      `The email address of Eli Standingready ("eli@example") is not one (Staff pay and contacts tab, the row for ${ELI}, Email). Correct it, then send again.`,
      `Gus Abernathy has not asked for documents by email (Staff tab, row ${staffRow(GUS)}, Documents by email). Set it to Yes once they ask, then send again.`,
    ]);
    expect(h.ws.outbox.map((m) => m.to)).toEqual(['alex@example.org', 'bea@example.org']);
    const mail = h.ws.outbox[0];
    expect(mail).toMatchObject({ from: COORDINATOR, subject: 'Your Employment contract from Harbour Lights Peer Collective', replyTo: 'hello@harbourlights.example.org' });
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ name: 'Alex Moreno - Employment contract.pdf', contentType: 'application/pdf' });
    expect(mail.attachments[0].bytes.subarray(0, 5).toString()).toBe('%PDF-');

    // The log says who sent what to whom and when; the one the quota held back waits.
    expect(sendRows(h).map((row) => [row.Staff, row['Sent to'], row.Status, row['Created by'], row.Link])).toEqual([
      [`${ALEX} · Alex Moreno`, 'alex@example.org', 'Sent', COORDINATOR, documentsLog(h).find((r) => r.ID === ids.get(ALEX))!.Link],
      [`${BEA} · Bea Thunderchild`, 'bea@example.org', 'Sent', COORDINATOR, documentsLog(h).find((r) => r.ID === ids.get(BEA))!.Link],
      [`${CHARLIE} · Charlie Nguyen`, 'charlie@example.org', 'Queued', COORDINATOR, documentsLog(h).find((r) => r.ID === ids.get(CHARLIE))!.Link],
    ]);
    expect(sendRows(h)[0].Created).toBeInstanceOf(Date);

    // Same day: nothing more goes out.
    expect(h.addon.callFromClient('continueSendingDocuments', []) as SendResult).toMatchObject({ sent: 0, waiting: 1 });
    expect(h.ws.outbox).toHaveLength(2);

    // The quota comes back 24 hours after the first email (quotas page); the waiting one goes, once.
    h.ws.host.setNow('2026-03-17T17:30:00Z');
    const mark = h.ws.ledger.mark();
    const next = h.addon.callFromClient('continueSendingDocuments', []) as SendResult;
    expect(next).toMatchObject({ sent: 1, waiting: 0 });
    const calls = h.ws.ledger.since(mark);
    expect(calls.filter((c) => c === 'MailApp.sendEmail')).toHaveLength(1);
    expect(calls.filter((c) => c === 'Drive.Files.export')).toHaveLength(1);
    // Reading the tracker and writing the log twice (about 60 calls), then per email an export and a send, and for a contract its acknowledgement link (about 10).
    expect(calls.length).toBeLessThanOrEqual(80);
    expect(h.ws.outbox.map((m) => m.to)).toEqual(['alex@example.org', 'bea@example.org', 'charlie@example.org']);

    // Asking again sends nothing twice.
    const again = send(h, [ALEX, BEA, CHARLIE].map((id) => ids.get(id)!));
    expect(again.sent).toBe(0);
    expect(again.outcomes.map((o) => o.status)).toEqual(['Already sent', 'Already sent', 'Already sent']);
    expect(h.ws.outbox).toHaveLength(3);
    expect(sendRows(h).map((row) => row.Status)).toEqual(['Sent', 'Sent', 'Sent']);
  });

  test('a run cut off right after an email went leaves it Sending: it is never sent again by itself, and the coordinator is asked to check', () => {
    const h = sampleTracker();
    setStaff(h, ALEX, 'Documents by email', 'Yes');
    const ids = contracts(h, [ALEX]);
    // The third lock of the call (queue, claim, result) is where Apps Script stops the execution.
    h.ws.ledger.failOn('Lock.tryLock', { nth: 3, error: 'Exceeded maximum execution time' });
    expect(() => send(h, [ids.get(ALEX)!])).toThrow('Exceeded maximum execution time');
    expect(h.ws.outbox).toHaveLength(1);
    expect(sendRows(h).map((row) => row.Status)).toEqual(['Sending']);

    h.ws.host.advance(7 * 60 * 1000);
    const later = h.addon.callFromClient('continueSendingDocuments', []) as SendResult;
    expect(later.sent).toBe(0);
    expect(later.outcomes.map((o) => o.status)).toEqual(['Check first']);
    expect(later.outcomes[0].message).toContain('it may have gone. Ask Alex Moreno whether it arrived');
    expect(send(h, [ids.get(ALEX)!]).sent).toBe(0);
    expect(h.ws.outbox).toHaveLength(1);
  });

  test('a document goes to a third party only on the person\'s word, and the log names that address', () => {
    const h = sampleTracker();
    const letter = drive(h, start(h, request('reference-letter', [GUS], { output: 'pdf' })).progress!.jobId);
    expect(letter.done).toBe(1);
    const docId = String(documentsLog(h).find((row) => String(row.Template).startsWith('reference-letter'))!.ID);
    expect(send(h, [docId], 'named', { address: 'intake@housing.example.org' }).message).toContain('only when the person asked');
    expect(send(h, [docId], 'named', { address: 'not an address', personAsked: true }).message).toBe('"not an address" is not an email address: type the address the person gave you.');
    expect(h.ws.outbox).toHaveLength(0);
    // Gus did not ask for his own documents by email; a letter he asked to go to his housing provider still goes there.
    const sent = send(h, [docId], 'named', { address: 'intake@housing.example.org', personAsked: true });
    expect(sent).toMatchObject({ sent: 1, failed: 0 });
    expect(h.ws.outbox[0]).toMatchObject({ to: 'intake@housing.example.org', subject: 'Reference letter for Gus Abernathy, from Harbour Lights Peer Collective' });
    expect(h.ws.outbox[0].body).toContain('Gus Abernathy asked Harbour Lights Peer Collective to send you this Reference letter.');
    expect(sendRows(h).map((row) => [row['Sent to'], row.Status])).toEqual([['intake@housing.example.org', 'Sent']]);
  });

  test('a contract is acknowledged through its link by someone without a Google account; a changed code or a second answer changes nothing', () => {
    const h = sampleTracker();
    setStaff(h, ELI, 'Documents by email', 'Yes');
    setStaff(h, ALEX, 'Documents by email', 'Yes');
    const ids = contracts(h, [ELI, ALEX]);
    expect(staffCell(h, ELI, 'Contract status')).toBe('Drafted');
    expect(send(h, [ids.get(ELI)!, ids.get(ALEX)!])).toMatchObject({ sent: 2 });
    const link = (to: string): string => /https:\/\/docs\.google\.com\/forms\/\S+/.exec(h.ws.outbox.find((m) => m.to === to)!.body)![0];

    const eli = prefilledForm(h.ws.host, link('eli@example.org'));
    expect(eli.answers).toMatchObject({ 'Document number': ids.get(ELI) });
    const form = h.ws.execute(() => (h.ws.globals().FormApp as GoogleAppsScript.Forms.FormApp).openById(eli.formId));
    expect([form.requiresLogin(), form.collectsEmail(), form.isAcceptingResponses()]).toEqual([false, false, true]);

    // Alex's code with Eli's document number: refused, nothing changes.
    const alex = prefilledForm(h.ws.host, link('alex@example.org'));
    const forged = h.ws.submitForm(eli.formId, { ...alex.answers, 'Document number': ids.get(ELI)!, 'Have you read it?': 'Yes, I have read it' });
    expect(forged.runs.map((r) => r.error)).toEqual([undefined]);
    expect(staffCell(h, ELI, 'Contract status')).toBe('Drafted');

    const answered = h.ws.submitForm(eli.formId, { ...eli.answers, 'Have you read it?': 'Yes, I have read it' });
    expect(answered.runs.map((r) => r.error)).toEqual([undefined]);
    expect(staffCell(h, ELI, 'Contract status')).toBe('Acknowledged');
    // Alex's contract was already Signed: it stays Signed when Alex acknowledges it.
    h.ws.submitForm(alex.formId, { ...alex.answers, 'Have you read it?': 'Yes, I have read it' });
    expect(staffCell(h, ALEX, 'Contract status')).toBe('Signed');

    // The code is used up: a coordinator who set Ended meanwhile keeps it when the link is used again.
    setStaff(h, ELI, 'Contract status', 'Ended');
    h.ws.submitForm(eli.formId, { ...eli.answers, 'Have you read it?': 'Yes, I have read it' });
    expect(staffCell(h, ELI, 'Contract status')).toBe('Ended');
  });
});
