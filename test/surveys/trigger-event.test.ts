// The form-submit trigger reaches its spreadsheet through the event, never through the UI or the active spreadsheet.
import { evaluationForm, person, responses, trackerWithForms } from './forms-support';

describe('the form-submit trigger run', () => {
  it('stores the answer without getUi() or getActiveSpreadsheet()', () => {
    const h = trackerWithForms();
    const mark = h.ws.ledger.mark();
    const submission = h.ws.submitForm(evaluationForm(h), person());
    expect(submission.runs.map((r) => r.error)).toEqual([undefined]);
    const calls = h.ws.ledger.since(mark);
    expect(calls.filter((c) => /getUi|getActiveSpreadsheet|getActive$/.test(c))).toEqual([]);
    expect(responses(h)).toHaveLength(1);
  });

  it('finds the spreadsheet from the responses range when a delivery has no source', () => {
    const h = trackerWithForms();
    const first = h.ws.submitForm(evaluationForm(h), person({ code: 'AA01B1' }));
    const withoutSource = { ...first.event!, source: undefined };
    // The same delivery again, without `source`: found by its range, and recognised as already stored.
    const [trigger] = h.ws.triggersFor('ON_FORM_SUBMIT', h.spreadsheetId);
    const outcome = h.addon.call<{ status: string }>(trigger.handlerFunction, [withoutSource], { ui: false });
    expect(outcome.status).toBe('duplicate');
    expect(responses(h)).toHaveLength(1);
  });
});
