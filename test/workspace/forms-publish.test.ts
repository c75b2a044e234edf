// Forms' publish state and what a script can learn about a form it cannot open, as Google documents them.
import { createWorkspace, type Workspace } from '../../workspace';
import { FORM_NOT_REACHABLE, UNPUBLISHED_BY_DEFAULT_FROM } from '../../workspace/forms';

type PublishableForm = GoogleAppsScript.Forms.Form & { isPublished(): boolean; setPublished(published: boolean): GoogleAppsScript.Forms.Form };

function setUp(now: string): { ws: Workspace; ssId: string; app: GoogleAppsScript.Forms.FormApp } {
  const ws = createWorkspace({ now });
  const ssId = ws.createSpreadsheet('Tracker');
  ws.openInSheets(ssId);
  return { ws, ssId, app: ws.globals().FormApp as GoogleAppsScript.Forms.FormApp };
}

function newForm(ws: Workspace, app: GoogleAppsScript.Forms.FormApp, ssId: string): PublishableForm {
  return ws.execute(() => {
    const form = app.create('Check-in') as PublishableForm;
    form.addTextItem().setTitle('How are you?');
    form.setDestination(app.DestinationType.SPREADSHEET, ssId);
    return form;
  });
}

describe('publish state', () => {
  it('a form a script makes after March 2026 starts unpublished and refuses answers until published', () => {
    expect(new Date(UNPUBLISHED_BY_DEFAULT_FROM).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    const { ws, ssId, app } = setUp('2026-07-02T17:00:00Z');
    const form = newForm(ws, app, ssId);
    expect(form.isPublished()).toBe(false);
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => ws.submitForm(form.getId(), { 'How are you?': 'Fine' })).toThrow('The form "Check-in" is not published');
    // Publishing alone does not reopen responses; both are set, as the Forms API's PublishState has both.
    ws.execute(() => form.setPublished(true));
    expect(form.isAcceptingResponses()).toBe(false);
    ws.execute(() => form.setAcceptingResponses(true));
    expect(ws.submitForm(form.getId(), { 'How are you?': 'Fine' }).row).toBe(2);
  });

  it('a form made before April 2026 is published, and unpublishing it stops answers', () => {
    const { ws, ssId, app } = setUp('2026-03-16T17:00:00Z');
    const form = newForm(ws, app, ssId);
    expect(form.isPublished()).toBe(true);
    ws.execute(() => form.setPublished(false));
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() => ws.submitForm(form.getId(), { 'How are you?': 'Fine' })).toThrow(/not published/);
  });
});

describe('a form a person cannot open', () => {
  it('FormApp.openById gives one text whether the form was deleted, trashed or never shared', () => {
    const { ws, ssId, app } = setUp('2026-03-16T17:00:00Z');
    const shared = newForm(ws, app, ssId);
    const trashed = newForm(ws, app, ssId);
    ws.host.files.get(trashed.getId())!.trashed = true;
    ws.share(ssId, 'second@example.org');
    expect(() => ws.execute(() => app.openById('no-such-form'))).toThrow(FORM_NOT_REACHABLE);
    expect(() => ws.execute(() => app.openById(trashed.getId()))).toThrow(FORM_NOT_REACHABLE);
    expect(() => ws.execute(() => app.openById(shared.getId()), { user: 'second@example.org' })).toThrow(FORM_NOT_REACHABLE);
  });

  it('Sheet.getFormUrl names the form that still sends answers to a tab, and nothing once it is trashed', () => {
    const { ws, ssId, app } = setUp('2026-03-16T17:00:00Z');
    const form = newForm(ws, app, ssId);
    const sheets = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const urlOf = (user?: string) => ws.execute(() => sheets.openById(ssId).getSheetByName('Form Responses 1')!.getFormUrl(), { user });
    ws.share(ssId, 'second@example.org');
    expect(urlOf('second@example.org')).toContain(form.getId());
    ws.host.files.get(form.getId())!.trashed = true;
    expect(urlOf()).toBeNull();
    expect(ws.execute(() => sheets.openById(ssId).getSheetByName('Sheet1')!.getFormUrl())).toBeNull();
  });
});
