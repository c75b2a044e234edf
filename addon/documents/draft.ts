// A reference letter asked for on the support form becomes a draft Google Doc in the Documents folder, for the Systems Navigator to review; nothing is ever sent from here.
import { TrackerStore } from '../tracker/store';
import { writeByRow, type NewRow } from '../tracker/keyed-write';
import { tabSpec } from '../tracker/schema';
import { label } from '../tracker/table';
import { matchStaff, type StaffEntry } from '../surveys/staff-match';
import { missingRequired } from './fields';
import { planMerge } from './merge';
import { copyDocument, generateFileIds, readDocument, updateDocument } from './google';
import { documentsFolder, readRegistry } from './registry';
import { documentsTable, mergeFor, readTracker } from './generate';
import { DRAFT_STATUS, docLink, errorText, isTimeOut, renderFileName, templateLabel } from './jobs';

/** The support form's answer that asks for a reference letter (Support Requests → Type). */
export const REFERENCE_LETTER_REQUEST = 'Reference letter';

/**
 * Drafts the letter for the person a request names and returns the flag for the request's row: what
 * was drafted and where, or why nothing was (no name, no match, no template), so the Systems
 * Navigator always learns what to do. Runs inside the form-submit trigger, which already holds the
 * tracker's document lock (the lock every documents run takes), so it takes none itself. The
 * request's submission key is kept in the draft's row: a request stored again later (Process missed
 * form responses) finds its draft and makes no second one.
 */
export function draftReferenceLetter(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, requesterName: string, submissionKey: string): string {
  const name = requesterName.trim();
  if (!name) return 'Reference letter asked for without a name, so no draft was made: ask the person who they are, then make it in Generate documents.';
  if (!ss.getSheetByName('Staff')) {
    return 'Reference letter: make the draft from the tracker (ROSE Tracker → Generate documents → Reference letter); this workbook has no Staff tab to fill it from.';
  }
  const template = readRegistry().find((entry) => entry.kind === 'reference-letter');
  if (!template) return 'Reference letter: no draft was made because the templates are not installed (ROSE Tracker → Install document templates).';
  const store = TrackerStore.open(ss);
  const data = readTracker(store);
  const staff: StaffEntry[] = data.staff.records.map((record) => ({
    id: String(record.values.id ?? ''), fullName: String(record.values.fullName ?? ''), preferredName: String(record.values.preferredName ?? ''),
  })).filter((entry) => entry.id);
  const match = matchStaff(name, staff);
  if (match.flag) return `Reference letter: no draft was made. ${match.flag.replace(/pick the right (person|one) in the Staff column/, 'make it for the right person in Generate documents')}`;
  const staffId = match.value.split(' · ')[0];
  const already = data.rows.find((row) => row.error.indexOf(submissionKey) >= 0 && row.status === DRAFT_STATUS);
  if (already) return `Reference letter drafted: ${already.id} (Documents tab). Review it before sending.`;
  const merge = mergeFor(data, staffId);
  if (!merge) return `Reference letter: ${staffId} is not in the Staff tab, so no draft was made.`;
  try {
    const document = readDocument(template.docId);
    const plan = planMerge(document, merge);
    if (plan.unresolved.length) return `Reference letter: no draft was made, the template has placeholders that cannot be filled (${plan.unresolved.join(', ')}).`;
    const folder = documentsFolder(store);
    const [docId] = generateFileIds(1);
    const fileName = `${renderFileName(template.fileName, merge)} (draft)`;
    copyDocument(template.docId, docId, fileName, folder.id);
    updateDocument(docId, plan.requests);
    const missing = missingRequired(template, merge);
    const id = data.docIds.issue();
    const row: NewRow = {
      id, template: templateLabel(template), staff: label(staffId, data.names.get(staffId) ?? ''), link: docLink(docId), pdfLink: '',
      created: new Date(), createdBy: Session.getEffectiveUser().getEmail(), status: DRAFT_STATUS,
      error: `Drafted from a reference-letter request on the support form (request ${submissionKey}). Review and edit it with ${data.names.get(staffId) ?? 'the person'}${missing.length ? `, and fill in ${missing.join(', ')}` : ''}; set Status to Done only when it is ready to send.`,
    };
    writeByRow(data.documentsSheet, tabSpec('Documents'), documentsTable(data.documentsGrid, data.store.timeZone), [], data.store.timeZone, [row]);
    return `Reference letter drafted: ${id} (Documents tab), for review before sending.`;
  } catch (error) {
    const message = errorText(error);
    if (isTimeOut(message)) throw error;
    // The request itself is stored either way; the row says what went wrong and what to do.
    return `Reference letter: the draft could not be made (${message}). Make it in Generate documents.`;
  }
}
