// Create or update forms with forms Google now makes unpublished, and run by a second coordinator who cannot open the first one's forms.
import { openAddon, type Harness } from '../support/addon';
import { appendRecords } from '../support/tracker';
import { formIdOf } from '../../scripts/sample/surveys';
import { formModel } from '../../workspace/forms';
import { HARBOUR, CEDAR, evaluationForm, person, responses } from './forms-support';

const A = 'coordinator@example.org';
const B = 'second.coordinator@example.org';
const SURVEYS = ['rose-evaluation', 'support-request', 'training-feedback'];

interface FormsResult { forms: { survey: string; created: boolean }[]; triggerInstalled: boolean; problems: string[] }

function tracker(now: string): Harness {
  const h = openAddon({ now, user: A });
  h.addon.call('setupTracker');
  appendRecords(h, 'Sites', [{ Name: HARBOUR, Active: 'Yes' }, { Name: CEDAR, Active: 'Yes' }]);
  h.addon.call('refreshComputed');
  return h;
}

const forms = (h: Harness, user = A) => h.addon.call<FormsResult>('createOrUpdateForms', [], { user });
const formIds = (h: Harness) => SURVEYS.map((id) => formIdOf(h.ws, h.spreadsheetId, id));
const tabNames = (h: Harness) => h.ws.spreadsheet(h.spreadsheetId).sheets.map((s) => s.name);
const formSubmitTriggers = (h: Harness) => h.ws.triggersFor('ON_FORM_SUBMIT', h.spreadsheetId);

describe('forms Google makes unpublished', () => {
  it('Create or update forms publishes the forms it makes, so the first answer is stored', () => {
    const h = tracker('2026-07-02T17:00:00Z');
    forms(h);
    for (const id of formIds(h)) expect(formModel(h.ws.host, id).published).toBe(true);
    h.ws.submitForm(evaluationForm(h), person());
    expect(responses(h)).toHaveLength(1);
  });

  it('a form a person unpublished on purpose stays unpublished, and the coordinator is told', () => {
    const h = tracker('2026-07-02T17:00:00Z');
    forms(h);
    formModel(h.ws.host, evaluationForm(h)).published = false;
    const again = forms(h);
    expect(formModel(h.ws.host, evaluationForm(h)).published).toBe(false);
    expect(again.problems.join(' ')).toMatch(/is not published, so it takes no answers/);
  });
});

describe('a second coordinator', () => {
  it('who cannot open the forms replaces none of them, adds no tab and no second trigger, and is told whom to ask', () => {
    const h = tracker('2026-03-16T17:00:00Z');
    forms(h);
    const before = { ids: formIds(h), tabs: tabNames(h), triggers: formSubmitTriggers(h).length };
    h.ws.share(h.spreadsheetId, B);
    const result = forms(h, B);
    expect(formIds(h)).toEqual(before.ids);
    expect(tabNames(h)).toEqual(before.tabs);
    expect(formSubmitTriggers(h)).toHaveLength(before.triggers);
    expect(result.forms).toEqual([]);
    // One per form (the outcome, support, training and implementation surveys) and one about the trigger.
    expect(result.problems).toHaveLength(5);
    expect(result.problems[0]).toMatch(new RegExp(`belongs to ${A}.*Ask ${A} to share the form with you as an editor`));
    // The first coordinator's forms still collect answers.
    h.ws.submitForm(evaluationForm(h), person());
    expect(responses(h)).toHaveLength(1);
  });

  it('rebuilds only the form that was deleted, and says so', () => {
    const h = tracker('2026-03-16T17:00:00Z');
    forms(h);
    const [evaluation, support, training] = formIds(h);
    const tabs = tabNames(h).length;
    h.ws.host.files.get(support)!.trashed = true;
    h.ws.share(h.spreadsheetId, B);
    const result = forms(h, B);
    const [evaluationAfter, supportAfter, trainingAfter] = formIds(h);
    expect([evaluationAfter, trainingAfter]).toEqual([evaluation, training]);
    expect(supportAfter).not.toBe(support);
    expect(tabNames(h)).toHaveLength(tabs + 1);
    expect(result.forms.map((f) => [f.survey, f.created])).toEqual([['support-request', true]]);
    expect(result.problems.join(' ')).toMatch(/The form for ".*" was deleted or no longer sends its answers to this Sheet, so a new one was made/);
  });

  it('takes the form trigger over once its owner no longer edits the Sheet', () => {
    const h = tracker('2026-03-16T17:00:00Z');
    forms(h);
    h.ws.share(h.spreadsheetId, B);
    h.ws.host.files.get(h.spreadsheetId)!.owner = B;
    const result = forms(h, B);
    expect(result.triggerInstalled).toBe(true);
    expect(formSubmitTriggers(h).map((t) => t.owner)).toEqual([A, B]);
  });
});
