// Shared set-up for the form tests: a set-up tracker with two sites and one staff member, and its forms built.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords, asUser, tabRecords } from '../support/tracker';
import { definitionById, evaluationAnswers, formIdOf, type EvaluationPerson } from '../../scripts/sample/surveys';
import { formModel, type PersonAnswers } from '../../workspace/forms';

export const HARBOUR = 'Harbour Lights Drop-in';
export const CEDAR = 'Cedar House';

export function trackerWithForms(): Harness {
  const h = openAddon();
  h.addon.call('setupTracker');
  appendRecords(h, 'Sites', [{ Name: HARBOUR, Active: 'Yes' }, { Name: CEDAR, Active: 'Yes' }]);
  appendRecords(h, 'Staff', [{ 'Full name': 'Alex Moreno', 'Preferred name': 'Alex', Role: 'Peer Worker' }]);
  h.addon.call('refreshComputed');
  h.addon.call('createOrUpdateForms');
  return h;
}

export const evaluation = () => definitionById('rose-evaluation');

export function evaluationForm(h: Harness): string {
  return formIdOf(h.ws, h.spreadsheetId, 'rose-evaluation');
}

export function person(overrides: Partial<EvaluationPerson> = {}): PersonAnswers {
  return evaluationAnswers(evaluation(), { wave: 'baseline', site: HARBOUR, code: 'RO07K2', mood: 4, ...overrides });
}

export function titleOf(surveyId: string, itemId: string): string {
  const item = definitionById(surveyId).items.find((i) => i.id === itemId);
  if (!item) throw new Error(`no item ${itemId}`);
  return item.title;
}

export function responses(h: Harness): Record<string, unknown>[] {
  return tabRecords(h, 'Survey Responses');
}

/** The responses tab Forms made for a form (its model, read without calls). */
export function rawSheet(h: Harness, formId: string) {
  const form = formModel(h.ws.host, formId);
  return h.ws.spreadsheet(h.spreadsheetId).sheetById(form.destinationSheetId!)!;
}

export function documentProperties(h: Harness): Map<string, string> {
  return h.ws.properties.store(`document:${h.ws.scriptId}:${h.spreadsheetId}`);
}

export { asUser };

/** Another execution (a long menu action, say) holds the spreadsheet's document lock until the returned function is called. */
export function holdDocumentLock(h: Harness): () => void {
  const key = `document:${h.ws.scriptId}:${h.spreadsheetId}`;
  h.ws.locks.holders.set(key, -1);
  return () => { h.ws.locks.holders.delete(key); };
}

/** A coordinator deletes rows of a form's responses tab (test answers, say), as in the Sheets UI. */
export function deleteRawRows(h: Harness, formId: string, first: number, count: number): void {
  const name = rawSheet(h, formId).name;
  asUser(h, (ss) => ss.getSheetByName(name)!.deleteRows(first, count));
}
