// The acknowledgement form and its answers: a pre-filled link per contract, and the form-submit intake that sets Staff → Contract status to Acknowledged.
import { PROPERTY_KEYS, propertyKey } from '../core/keys';
import { TrackerStore } from '../tracker/store';
import { refId, type Plain } from '../tracker/table';
import { installTrigger } from '../surveys/forms';
import { ACKNOWLEDGEMENT_FORM_TITLE, ACKNOWLEDGEMENT_TITLES, AGREE_ANSWER, statusAfterAcknowledgement, type Acknowledgement } from './acknowledgement';
import { documentRows } from './jobs';
import { readRegistry } from './registry';

/** What the tracker keeps about its acknowledgement form (document properties). */
interface AcknowledgementForm {
  formId: string;
  documentItem: number;
  codeItem: number;
}

function documentProperties(): GoogleAppsScript.Properties.Properties {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) throw new Error('Open the tracker spreadsheet to send a contract with its acknowledgement link.');
  return properties;
}

type PublishableForm = GoogleAppsScript.Forms.Form & { isPublished(): boolean; setPublished(published: boolean): GoogleAppsScript.Forms.Form };

/**
 * Makes the acknowledgement form once: no sign-in and no email collected (a person without a Google
 * account can answer; Form.setRequireLogin applies to Workspace domains and is turned off), answers to
 * this tracker, published (forms made by a script start unpublished: forms.ts publish), and the
 * tracker's form-submit trigger installed unless another coordinator's already serves it.
 */
function ensureForm(properties: GoogleAppsScript.Properties.Properties): { form: GoogleAppsScript.Forms.Form; record: AcknowledgementForm } {
  const saved = properties.getProperty(PROPERTY_KEYS.acknowledgementForm);
  if (saved) {
    const record = JSON.parse(saved) as AcknowledgementForm;
    try {
      return { form: FormApp.openById(record.formId), record };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/could not be found|not found|do not have permission/i.test(message)) throw error;
      throw new Error(`The acknowledgement form of this tracker cannot be opened (${message}). If it was deleted, clear the saved link under Extensions → Apps Script → Project settings (${PROPERTY_KEYS.acknowledgementForm}); otherwise ask the coordinator who sent the first contract to share it with you.`);
    }
  }
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const form = FormApp.create(ACKNOWLEDGEMENT_FORM_TITLE);
  form.setDescription('Tell us you have read the document we sent you. The link you got fills in the first two answers; please do not change them. You do not need a Google account.');
  form.setCollectEmail(false);
  form.setRequireLogin(false);
  form.setLimitOneResponsePerUser(false);
  form.setConfirmationMessage('Thank you. We have noted that you read it.');
  const document = form.addTextItem().setTitle(ACKNOWLEDGEMENT_TITLES.document).setRequired(true);
  const code = form.addTextItem().setTitle(ACKNOWLEDGEMENT_TITLES.code).setRequired(true);
  form.addMultipleChoiceItem().setTitle(ACKNOWLEDGEMENT_TITLES.agree).setChoiceValues([AGREE_ANSWER]).setRequired(true);
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  (form as PublishableForm).setPublished(true);
  form.setAcceptingResponses(true);
  const record: AcknowledgementForm = { formId: form.getId(), documentItem: document.getId(), codeItem: code.getId() };
  const owner = properties.getProperty(PROPERTY_KEYS.formTriggerOwner);
  const me = Session.getEffectiveUser().getEmail();
  // One form-submit trigger serves the tracker (forms.ts claimTrigger): add this person's only when nobody's does.
  const updates: Record<string, string> = { [PROPERTY_KEYS.acknowledgementForm]: JSON.stringify(record) };
  if (!owner || owner === me) {
    installTrigger(ss);
    updates[PROPERTY_KEYS.formTriggerOwner] = me;
  }
  properties.setProperties(updates);
  return { form, record };
}

/**
 * The pre-filled link for one contract: the form with its DOC- ID and a one-time code filled in
 * (FormResponse.toPrefilledUrl, developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl()).
 * The code is made once per contract and kept until it is used.
 */
export function acknowledgementLink(documentId: string): string {
  const properties = documentProperties();
  const { form, record } = ensureForm(properties);
  const key = propertyKey('acknowledgementCode', documentId);
  let code = properties.getProperty(key);
  if (!code) {
    code = Utilities.getUuid().replace(/-/g, '').slice(0, 12).toUpperCase();
    properties.setProperty(key, code);
  }
  const documentItem = form.getItemById(record.documentItem);
  const codeItem = form.getItemById(record.codeItem);
  if (!documentItem || !codeItem) throw new Error('A question was removed from the acknowledgement form: put it back (Document number, Code), or clear the saved form so a new one is made.');
  return form.createResponse()
    .withItemResponse(documentItem.asTextItem().createResponse(documentId))
    .withItemResponse(codeItem.asTextItem().createResponse(code))
    .toPrefilledUrl();
}

export interface AcknowledgementOutcome {
  status: 'stored' | 'duplicate' | 'refused';
  documentId: string;
  reason?: string;
}

/**
 * The form-submit intake of an acknowledgement (called by intake.ts under the document lock): the
 * code must be the one kept for that DOC- ID, the document a contract; then Staff → Contract status
 * becomes Acknowledged (a contract already Signed or Ended keeps its status) and the code is used up.
 */
export function recordAcknowledgement(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, answer: Acknowledgement): AcknowledgementOutcome {
  const properties = documentProperties();
  const key = propertyKey('acknowledgementCode', answer.documentId);
  const expected = properties.getProperty(key);
  if (!answer.agreed) return { status: 'refused', documentId: answer.documentId, reason: 'the answer did not say the document was read' };
  // A used code, a guessed DOC- ID or a changed code: nothing changes, and nothing says why to the one who answered.
  if (!expected) return { status: 'duplicate', documentId: answer.documentId };
  if (expected !== answer.code.toUpperCase()) return { status: 'refused', documentId: answer.documentId, reason: 'the code does not match' };
  const store = TrackerStore.open(ss);
  const row = documentRows((store.table('Documents')?.records ?? []).map((record) => record.values)).find((r) => r.id === answer.documentId && !r.sentTo);
  const template = row ? readRegistry().find((entry) => entry.id === row.templateId) : undefined;
  if (!row || template?.kind !== 'contract') return { status: 'refused', documentId: answer.documentId, reason: 'it is not a contract in the Documents tab' };
  const staff = store.table('Staff');
  const index = staff ? staff.records.findIndex((record) => refId(record.values.id) === row.staffId) : -1;
  if (!staff || index < 0) return { status: 'refused', documentId: answer.documentId, reason: `${row.staffId} is no longer in the Staff tab` };
  const current = String(staff.records[index].values.contractStatus ?? '');
  const next = statusAfterAcknowledgement(current);
  if (next) {
    const guarded: Record<string, Plain> = { contractStatus: staff.records[index].values.contractStatus };
    store.writeRows('Staff', [{ index, cells: { contractStatus: next }, guarded }]);
    store.changed('Staff');
  }
  properties.deleteProperty(key);
  return { status: 'stored', documentId: answer.documentId };
}
