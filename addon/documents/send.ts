// Emails finished documents as PDF to the person, or to someone they named, only on their word; each email is a row of the Documents log, so a batch cut short by the mail quota continues where it stopped and never sends one twice.
//
// Why MailApp and script.send_mail: MailApp only sends (it cannot read a mailbox) and needs
// https://www.googleapis.com/auth/script.send_mail (developers.google.com/apps-script/reference/mail/mail-app),
// which is not among Google's restricted scopes; GmailApp and the Gmail API's gmail.send are restricted
// (support.google.com/cloud/answer/13464325), which would put the add-on through a yearly security
// assessment. The mail goes out from the coordinator who sends it, who is named in the log.
//
// The log is the memory: a row is written Queued for every email asked for, claimed as Sending
// under the documents lock just before MailApp is called, and Sent right after. A run stopped
// between the call and the write leaves Sending: such a row is never sent again by itself (the mail
// may have gone), and the coordinator is told to check with the person.
import { TrackerStore } from '../tracker/store';
import { writeByRow, type NewRow, type RowWrite } from '../tracker/keyed-write';
import { headerOf, tabSpec } from '../tracker/schema';
import { label, refId, type Plain } from '../tracker/table';
import { isoDateIn } from '../core/dates';
import { documentsLock, documentsTable, mergeFor, readTracker, rereadLog, staffRecord, takeLock, type TrackerData } from './generate';
import { CLAIM_MS, DRAFT_STATUS, claimNote, claimUntil, driveIdIn, errorText, isTimeOut, type DocumentRow } from './jobs';
import { PDF_MIME, withBackOff } from './google';
import { readRegistry } from './registry';
import { acknowledgementLink } from './acknowledge';
import type { MergeValues } from './fields';
import type { SendOutcome, SendRequest, SendResult } from './types';

export type { SendOutcome, SendRequest, SendResult };

/** At most this many emails a call: three service calls each keep a call well inside the 6-minute limit. */
export const SENDS_PER_CALL = 25;

/** An address MailApp would take: one "@", no spaces, a dot in the domain (stricter than Google, which does not say). */
export function isEmailAddress(text: string): boolean {
  return /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/.test(text.trim());
}

/** The email that carries a document: the person's own copy, or one sent on their word to someone else. */
export function emailFor(kind: 'person' | 'named', document: { templateName: string; organization: string; displayName: string; fullName: string; acknowledgeUrl: string; replyTo: string }): { subject: string; body: string } {
  const from = document.organization || 'your organization';
  const subject = kind === 'person' ? `Your ${document.templateName} from ${from}` : `${document.templateName} for ${document.fullName}, from ${from}`;
  const lines = kind === 'person'
    ? [`Hello ${document.displayName},`, '', `Your ${document.templateName} from ${from} is attached as a PDF. You asked us to send your documents by email.`]
    : ['Hello,', '', `${document.fullName} asked ${from} to send you this ${document.templateName}. It is attached as a PDF.`];
  if (document.acknowledgeUrl) {
    lines.push('', 'Please read it. When you have, open this link to say so. You do not need a Google account:', document.acknowledgeUrl);
  }
  lines.push('', `If you have a question, reply to ${document.replyTo || 'this email'}.`, '', from);
  return { subject, body: lines.join('\n') };
}

interface SendItem {
  documentRow: DocumentRow;
  /** The send row: its DOC- ID, and where it is in the log (null when it is new). */
  id: string;
  to: string;
  outcome: SendOutcome['status'] | 'Sending';
  message: string;
  templateLabel: string;
  trainingLabel: string;
}

/** The person asked for documents by email (Staff → Documents by email = Yes), read through the person's record. */
function wantsEmail(merge: MergeValues): boolean {
  return (merge.values[headerOf('Staff', 'documentsByEmail')] ?? '').trim() === 'Yes';
}

function staffRowOf(data: TrackerData, staffId: string): number {
  return staffRecord(data, staffId)?.row ?? 0;
}

/**
 * Sidebar call: queues an email for each document and sends what today's quota allows. Each person
 * is checked on their own; one who cannot be sent to gets a message naming them and the rest go on.
 */
export function sendDocuments(request: SendRequest): SendResult {
  const documentIds = (Array.isArray(request?.documentIds) ? request.documentIds : []).map(String).filter((id, i, all) => id && all.indexOf(id) === i);
  const kind = request?.to === 'named' ? 'named' : 'person';
  const named = String(request?.address ?? '').trim();
  const empty: SendResult = { sent: 0, failed: 0, waiting: 0, quotaLeft: 0, outcomes: [], message: '' };
  if (!documentIds.length) return { ...empty, message: 'Choose at least one finished document to send.' };
  if (kind === 'named' && !isEmailAddress(named)) return { ...empty, message: `"${named}" is not an email address: type the address the person gave you.` };
  if (kind === 'named' && request.personAsked !== true) {
    return { ...empty, message: 'A document goes to someone else only when the person asked for it: tick "They asked me to send it there" once they have.' };
  }
  const data = readTracker(TrackerStore.open());
  const lock = documentsLock();
  takeLock(lock);
  const outcomes: SendOutcome[] = [];
  try {
    rereadLog(data);
    const queued: SendItem[] = [];
    for (const documentId of documentIds) {
      const row = data.rows.find((candidate) => candidate.id === documentId && !candidate.sentTo);
      const name = row ? data.names.get(row.staffId) ?? row.staffId : documentId;
      const fail = (message: string): void => { outcomes.push({ documentId, name, to: '', status: 'Failed', message }); };
      if (!row) { fail(`${documentId} is not a document in the Documents tab.`); continue; }
      if (row.status === DRAFT_STATUS) { fail(`${documentId} for ${name} is a draft: review it, then set its Status to Done in the Documents tab before sending it.`); continue; }
      if (row.status !== 'Done' || !driveIdIn(row.link)) { fail(`${documentId} for ${name} is not finished (Status ${row.status || 'blank'}): generate it first.`); continue; }
      const merge = mergeFor(data, row.staffId);
      if (!merge) { fail(`${row.staffId} is no longer in the Staff tab, so ${documentId} is not sent.`); continue; }
      let to = named;
      if (kind === 'person') {
        const staffRow = staffRowOf(data, row.staffId);
        if (!wantsEmail(merge)) {
          fail(`${name} has not asked for documents by email (Staff tab, row ${staffRow}, ${headerOf('Staff', 'documentsByEmail')}). Set it to Yes once they ask, then send again.`);
          continue;
        }
        to = (merge.values[headerOf('Staff', 'email')] ?? '').trim();
        if (!isEmailAddress(to)) {
          fail(to ? `The email address of ${name} ("${to}") is not one (Staff tab, row ${staffRow}, ${headerOf('Staff', 'email')}). Correct it, then send again.` : `${name} has no email address on file (Staff tab, row ${staffRow}, ${headerOf('Staff', 'email')}). Add it, then send again.`);
          continue;
        }
      }
      const earlier = data.rows.filter((candidate) => candidate.sentTo.toLowerCase() === to.toLowerCase() && candidate.link === row.link);
      if (earlier.some((candidate) => candidate.status === 'Sent')) {
        outcomes.push({ documentId, name, to, status: 'Already sent', message: `${documentId} was already sent to ${to}; it is not sent again.` });
        continue;
      }
      if (earlier.some((candidate) => candidate.status === 'Sending' || candidate.status === 'Queued')) continue; // already on its way: the run below takes it
      queued.push({
        documentRow: row, id: data.docIds.issue(), to, outcome: 'Queued', message: 'Waiting to be sent.',
        templateLabel: templateCell(data, row), trainingLabel: trainingCell(data, row),
      });
    }
    if (queued.length) writeSendRows(data, queued, true);
  } finally {
    lock.releaseLock();
  }
  const result = continueSending(data);
  return { ...result, outcomes: outcomes.concat(result.outcomes), failed: result.failed + outcomes.filter((o) => o.status === 'Failed').length };
}

function templateCell(data: TrackerData, row: DocumentRow): string {
  const at = data.rows.indexOf(row);
  const value = at >= 0 ? documentsTable(data.documentsGrid, data.store.timeZone).records[at]?.values.template : null;
  return String(value ?? row.templateId);
}

function trainingCell(data: TrackerData, row: DocumentRow): string {
  return row.trainingId ? label(row.trainingId, data.names.get(row.trainingId) ?? '') : '';
}

/** Writes send rows: new ones below the log, known ones by their DOC- ID wherever sorting put them. */
function writeSendRows(data: TrackerData, items: readonly SendItem[], adding: boolean): void {
  const log = documentsTable(data.documentsGrid, data.store.timeZone);
  const writes: RowWrite[] = [];
  const added: NewRow[] = [];
  const me = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  for (const item of items) {
    const cells: Record<string, Plain | Date> = {
      id: item.id, template: item.templateLabel, staff: label(item.documentRow.staffId, data.names.get(item.documentRow.staffId) ?? ''),
      link: item.documentRow.link, pdfLink: item.documentRow.pdfLink, createdBy: me, status: item.outcome, error: item.message, sentTo: item.to,
      ...(item.trainingLabel ? { training: item.trainingLabel } : {}),
    };
    // Created says when the email went (or was asked for, while it waits).
    if (adding || item.outcome === 'Sent') cells.created = new Date();
    const index = log.records.findIndex((record) => refId(record.values.id) === item.id);
    if (index >= 0) writes.push({ index, cells });
    else added.push(cells);
  }
  writeByRow(data.documentsSheet, tabSpec('Documents'), log, writes, data.store.timeZone, added);
  rereadLog(data);
}

/**
 * Sends the emails waiting in the log (Queued) that this person asked for, as many as today's
 * quota allows and SENDS_PER_CALL. Called by sendDocuments, by the sidebar's Send again, and by
 * the daily trigger, so a batch the quota stopped goes out the next day without anyone pressing.
 */
export function continueSending(known?: TrackerData): SendResult {
  const data = known ?? readTracker(TrackerStore.open());
  const me = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  let quota = MailApp.getRemainingDailyQuota();
  const outcomes: SendOutcome[] = [];
  const lock = documentsLock();
  const started = new Date().getTime();
  let claimed: SendItem[] = [];
  takeLock(lock);
  try {
    rereadLog(data);
    const waiting = data.rows.filter((row) => row.sentTo && row.createdBy === me && row.status === 'Queued');
    // Rows left Sending by a run that stopped: the email may have gone, so they wait for a person.
    for (const row of data.rows.filter((r) => r.sentTo && r.createdBy === me && r.status === 'Sending' && claimUntil(r.error) <= started)) {
      outcomes.push({
        documentId: row.id, name: data.names.get(row.staffId) ?? row.staffId, to: row.sentTo, status: 'Check first',
        message: `${row.id}: ROSE Tracker was stopped while emailing ${row.sentTo}, so it may have gone. Ask ${data.names.get(row.staffId) ?? 'the person'} whether it arrived; to send it again, set this row's Status to Queued.`,
      });
    }
    claimed = waiting.slice(0, Math.min(quota, SENDS_PER_CALL)).map((row) => ({
      documentRow: documentOf(data, row), id: row.id, to: row.sentTo, outcome: 'Sending' as const,
      message: claimNote(me, started + CLAIM_MS), templateLabel: templateCell(data, row), trainingLabel: trainingCell(data, row),
    }));
    if (claimed.length) writeSendRows(data, claimed, false);
    for (const row of waiting.slice(claimed.length)) {
      outcomes.push({ documentId: row.id, name: data.names.get(row.staffId) ?? row.staffId, to: row.sentTo, status: 'Queued', message: quotaMessage(data) });
    }
  } finally {
    lock.releaseLock();
  }

  const organization = String(data.settings['Organization name'] ?? '').trim();
  const replyTo = String(data.settings['Email'] ?? '').trim();
  const registry = readRegistry();
  for (const item of claimed) {
    const name = data.names.get(item.documentRow.staffId) ?? item.documentRow.staffId;
    try {
      if (quota <= 0) throw new Error('Service invoked too many times for one day: email.');
      const merge = mergeFor(data, item.documentRow.staffId, item.documentRow.trainingId);
      const template = registry.find((entry) => entry.id === item.documentRow.templateId);
      const templateName = template?.name ?? item.templateLabel.replace(/^.* · /, '');
      const docId = driveIdIn(item.documentRow.link);
      const pdf = documentPdf(docId, `${merge ? merge.values[headerOf('Staff', 'fullName')] : name} - ${templateName}`);
      const isPerson = item.to.toLowerCase() === (merge?.values[headerOf('Staff', 'email')] ?? '').trim().toLowerCase();
      const acknowledgeUrl = template?.kind === 'contract' && isPerson ? acknowledgementLink(item.documentRow.id) : '';
      const email = emailFor(isPerson ? 'person' : 'named', {
        templateName, organization, displayName: merge?.values['Display name'] ?? name, fullName: merge?.values[headerOf('Staff', 'fullName')] ?? name,
        acknowledgeUrl, replyTo,
      });
      MailApp.sendEmail({ to: item.to, subject: email.subject, body: email.body, name: organization || 'ROSE Tracker', attachments: [pdf], ...(isEmailAddress(replyTo) ? { replyTo } : {}) });
      quota -= 1;
      item.outcome = 'Sent';
      item.message = '';
      outcomes.push({ documentId: item.id, name, to: item.to, status: 'Sent', message: '' });
    } catch (error) {
      const message = errorText(error);
      if (isTimeOut(message)) throw error;
      if (/too many times for one day: email/i.test(message)) {
        quota = 0;
        item.outcome = 'Queued';
        item.message = quotaMessage(data);
      } else if (/invalid email/i.test(message)) {
        item.outcome = 'Failed';
        item.message = `Google refused the address ${item.to} for ${name}: correct it, then send again.`;
      } else {
        item.outcome = 'Failed';
        item.message = `Could not email ${item.to} for ${name}: ${message}. Nothing was sent; send again to retry.`;
      }
      outcomes.push({ documentId: item.id, name, to: item.to, status: item.outcome as SendOutcome['status'], message: item.message });
    }
  }
  if (claimed.length) {
    takeLock(lock);
    try {
      rereadLog(data);
      writeSendRows(data, claimed, false);
    } finally {
      lock.releaseLock();
    }
  }
  const waiting = outcomes.filter((o) => o.status === 'Queued').length;
  return {
    sent: outcomes.filter((o) => o.status === 'Sent').length, failed: outcomes.filter((o) => o.status === 'Failed').length, waiting,
    quotaLeft: Math.max(0, quota), outcomes,
    message: waiting ? quotaMessage(data) : '',
  };
}

function quotaMessage(data: TrackerData): string {
  const tomorrow = isoDateIn(new Date(new Date().getTime() + 24 * 60 * 60 * 1000), data.store.timeZone);
  return `Waiting: today's email limit for your account is reached. It goes out with the daily reminders run, or press Send again on ${tomorrow}.`;
}

/** The document row a send row carries (its Doc link), so the email attaches that document. */
function documentOf(data: TrackerData, send: DocumentRow): DocumentRow {
  return data.rows.find((row) => !row.sentTo && row.link === send.link) ?? send;
}

/**
 * The Doc as a PDF Blob to attach: one files.export call (the way savePdf in google.ts exports, and
 * why). The PDF is made from the Doc as it is now, so an edit a coordinator made after generating is in it.
 */
function documentPdf(docId: string, name: string): GoogleAppsScript.Base.Blob {
  if (typeof Drive === 'undefined' || !Drive) throw new Error('The Drive advanced service is not enabled in appsscript.json.');
  const files = Drive.Files as unknown as { export(fileId: string, mimeType: string, optionalArgs?: object): GoogleAppsScript.Base.Blob };
  const pdf = withBackOff(() => files.export(docId, PDF_MIME, { alt: 'media' }));
  if (!pdf || typeof (pdf as { getBytes?: unknown }).getBytes !== 'function') throw new Error(`Drive gave no PDF for "${name}"`);
  return pdf.setName(`${name.replace(/[\\/:*?"<>|\n\r\t]+/g, '-')}.pdf`);
}
