// A reference letter asked for on the support form: a draft for the Systems Navigator to review, never sent on its own, made once however often the trigger fires.
import { fireFormSubmitAgain } from '../../workspace/forms';
import { formIdOf } from '../../scripts/sample/surveys';
import { titleOf } from '../surveys/forms-support';
import { tabRecords } from '../support/tracker';
import { byHand, docText, documentsLog, sampleTracker } from './support';
import type { Harness } from '../support/addon';
import type { SendResult } from '../../addon/documents/send';

const DRAFT = 'Draft — review before sending';

function askForLetter(h: Harness, name: string) {
  const formId = formIdOf(h.ws, h.spreadsheetId, 'support-request');
  const s = (id: string) => titleOf('support-request', id);
  return h.ws.submitForm(formId, {
    [s('request_for')]: 'Systems Navigator', [s('request_type')]: 'Reference letter', [s('urgency')]: 'This week',
    [s('contact')]: 'gus@example.org', [s('requester_name')]: name, [s('details')]: 'For my housing application at Cedar Co-op.',
  });
}

function requests(h: Harness): Record<string, unknown>[] {
  return byHand(h, () => tabRecords(h, 'Support Requests')).filter((row) => row.Type === 'Reference letter' && row.Contact === 'gus@example.org');
}

describe('a reference-letter request from the support form', () => {
  test('drafts the letter in the Documents folder for review, says so on the request, and sends nothing', () => {
    const h = sampleTracker();
    h.addon.call('createOrUpdateForms');
    const submitted = askForLetter(h, 'Gus Abernathy');
    expect(submitted.runs.map((run) => run.error)).toEqual([undefined]);

    const drafts = documentsLog(h).filter((row) => row.Status === DRAFT);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ Template: 'reference-letter · Reference letter', Staff: 'STAFF-0007 · Gus Abernathy', 'PDF link': '', 'Sent to': '' });
    const text = docText(h, String(drafts[0].Link));
    expect(text).toContain('Reference for Gus Abernathy');
    expect(text).not.toContain('{{');
    const file = h.ws.host.files.get(/\/d\/([\w-]+)/.exec(String(drafts[0].Link))![1])!;
    const folder = String(byHand(h, () => tabRecords(h, 'Settings')).find((row) => row.Setting === 'Documents folder')!.Value);
    expect(folder).toContain(file.parents[0]);
    expect(file.name).toBe('Gus Abernathy - Reference letter (draft)');
    expect(String(requests(h)[0].Flags)).toContain(`Reference letter drafted: ${String(drafts[0].ID)} (Documents tab), for review before sending.`);
    expect(h.ws.outbox).toHaveLength(0);

    // Sending a draft is refused until a person has reviewed it and set it to Done.
    const refused = h.addon.callFromClient('sendDocumentsByEmail', [{ documentIds: [drafts[0].ID], to: 'named', address: 'intake@housing.example.org', personAsked: true }]) as SendResult;
    expect(refused.outcomes.map((o) => o.message)).toEqual([`${String(drafts[0].ID)} for Gus Abernathy is a draft: review it, then set its Status to Done in the Documents tab before sending it.`]);
    expect(h.ws.outbox).toHaveLength(0);

    // The trigger firing twice for one answer makes no second draft.
    fireFormSubmitAgain(h.ws, submitted.event!);
    expect(documentsLog(h).filter((row) => row.Status === DRAFT)).toHaveLength(1);
    expect(requests(h)).toHaveLength(1);
  });

  test('a request without a name the Staff tab knows is stored with what to do, and no draft', () => {
    const h = sampleTracker();
    h.addon.call('createOrUpdateForms');
    askForLetter(h, 'Jordan Example');
    expect(documentsLog(h).filter((row) => row.Status === DRAFT)).toHaveLength(0);
    expect(String(requests(h)[0].Flags)).toContain('Reference letter: no draft was made. No one on the Staff tab is called "Jordan Example": make it for the right person in Generate documents.');
  });
});
