// Forms end to end: the add-on builds Google Forms from the survey definitions, and answers sent on a phone land scored in the tracker through the form-submit trigger.
import { HARBOUR, CEDAR, trackerWithForms, evaluationForm, person, responses, rawSheet, titleOf, asUser } from './forms-support';
import { formModel } from '../../workspace/forms';
import { formIdOf } from '../../scripts/sample/surveys';
import { tabSpec } from '../../addon/tracker/schema';

describe('Create or update forms', () => {
  it('builds one form per survey, linked to this spreadsheet, with the form-submit trigger installed once', () => {
    const h = trackerWithForms();
    const form = formModel(h.ws.host, evaluationForm(h));
    expect(form.destinationId).toBe(h.spreadsheetId);
    expect(form.items.filter((i) => i.type === 'MULTIPLE_CHOICE').length).toBeGreaterThan(20);
    const site = form.items.find((i) => i.title === titleOf('rose-evaluation', 'site'))!;
    expect(site.choices).toEqual([HARBOUR, CEDAR]);
    expect(h.ws.triggersFor('ON_FORM_SUBMIT', h.spreadsheetId)).toHaveLength(1);
    expect(h.ws.triggersFor('ON_FORM_SUBMIT', h.spreadsheetId)[0].handlerFunction).toBe('onFormSubmitTrigger');
    const names = h.ws.spreadsheet(h.spreadsheetId).sheets.map((s) => s.name);
    // The outcome, training, support and implementation surveys.
    expect(names.filter((n) => n.startsWith('Form Responses'))).toHaveLength(4);
  });

  it('the anonymous survey collects no email and asks for no sign-in', () => {
    const h = trackerWithForms();
    const form = formModel(h.ws.host, evaluationForm(h));
    expect(form.emailCollection).toBe('DO_NOT_COLLECT');
    expect(form.requireLogin).toBe(false);
    expect(form.limitOneResponsePerUser).toBe(false);
  });

  it('running it again updates the forms in place: same ids, same links, responses kept, trigger not doubled', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    const before = formModel(h.ws.host, formId);
    const itemIds = before.items.map((i) => i.id);
    h.ws.submitForm(formId, person());
    h.addon.call('createOrUpdateForms');
    expect(formIdOf(h.ws, h.spreadsheetId, 'rose-evaluation')).toBe(formId);
    const after = formModel(h.ws.host, formId);
    expect(after.items.map((i) => i.id)).toEqual(itemIds);
    expect(after.responses).toHaveLength(1);
    expect(after.destinationSheetId).toBe(before.destinationSheetId);
    expect(h.ws.triggersFor('ON_FORM_SUBMIT', h.spreadsheetId)).toHaveLength(1);
    expect(h.ws.spreadsheet(h.spreadsheetId).sheets.filter((s) => s.name.startsWith('Form Responses'))).toHaveLength(4);
    expect(responses(h)).toHaveLength(1);
  });

  it('a site added to the tracker appears in the form the next time, in the same question', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    const siteTitle = titleOf('rose-evaluation', 'site');
    const siteId = formModel(h.ws.host, formId).items.find((i) => i.title === siteTitle)!.id;
    asUser(h, (ss) => { const s = ss.getSheetByName('Sites')!; s.getRange(s.getLastRow() + 1, 2).setValue('Riverside Hub'); });
    h.addon.call('createOrUpdateForms');
    const site = formModel(h.ws.host, formId).item(siteId)!;
    expect(site.choices).toEqual([HARBOUR, CEDAR, 'Riverside Hub']);
  });

  it('adds the item and score columns to Survey Responses after the columns already there', () => {
    const h = trackerWithForms();
    const header = asUser(h, (ss) => ss.getSheetByName('Survey Responses')!.getDataRange().getValues()[0].map(String));
    const declared = tabSpec('Survey Responses').columns.map((c) => c.header);
    expect(header.slice(0, declared.length)).toEqual(declared);
    expect(header).toContain('Survey version');
    expect(header.some((h2) => h2.startsWith('role_clarity_1 · '))).toBe(true);
    expect(header.some((h2) => h2.startsWith('Score: Role clarity'))).toBe(true);
  });
});

describe('a submission through the form-submit trigger', () => {
  it('lands as one normalized, scored row; the raw responses tab is left as Forms wrote it', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    const result = h.ws.submitForm(formId, person({ mood: 4 }));
    expect(result.runs).toHaveLength(1);
    expect(result.runs[0].error).toBeUndefined();
    const rows = responses(h);
    expect(rows).toHaveLength(1);
    expect(rows[0].ID).toBe('RESP-0001');
    expect(rows[0].Wave).toBe('Baseline');
    expect(rows[0].Site).toBe(HARBOUR);
    expect(rows[0]['Participant code']).toBe('RO07K2');
    expect(rows[0]['Score: Role clarity [role_clarity]']).toBe(4);
    expect(rows[0]['Band: Role clarity [role_clarity]']).toBe('High');
    const raw = rawSheet(h, formId);
    expect(raw.lastRow()).toBe(2);
    expect(raw.cell(2, 1)!.value).toBeInstanceOf(Date);
  });

  it('an anonymous row is never joined to a Staff row', () => {
    const h = trackerWithForms();
    h.ws.submitForm(evaluationForm(h), person());
    const row = responses(h)[0];
    expect(Object.keys(row)).not.toContain('Staff');
    expect(JSON.stringify(row)).not.toMatch(/STAFF-\d+|Alex Moreno/);
  });

  it('the Survey Responses tab is protected to the coordinators', () => {
    const h = trackerWithForms();
    const protections = asUser(h, (ss) => ss.getSheetByName('Survey Responses')!.getProtections(SpreadsheetAppProtectionSheet()).map((p) => p.getDescription()));
    expect(protections.some((d) => /confidential/i.test(d))).toBe(true);
  });
});

function SpreadsheetAppProtectionSheet(): GoogleAppsScript.Spreadsheet.ProtectionType {
  return 'SHEET' as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
}


describe('a passing service error while updating forms', () => {
  it('does not replace a form people already answer', () => {
    const h = trackerWithForms();
    const before = h.ws.triggersFor('ON_FORM_SUBMIT').length;
    const formsBefore = [...h.ws.host.files.values()].filter((f) => f.mimeType === 'application/vnd.google-apps.form').map((f) => f.id).sort();
    h.ws.ledger.failOn('FormApp.openById', { nth: 1, error: 'Service error: Forms' });
    expect(() => h.addon.call('createOrUpdateForms')).toThrow('Service error: Forms');
    const formsAfter = [...h.ws.host.files.values()].filter((f) => f.mimeType === 'application/vnd.google-apps.form').map((f) => f.id).sort();
    expect(formsAfter).toEqual(formsBefore);
    expect(h.ws.triggersFor('ON_FORM_SUBMIT').length).toBe(before);
  });
});
