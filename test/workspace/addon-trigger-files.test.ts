// An Editor add-on creates triggers only for the file it is used in: a Sheet's add-on run cannot watch another Sheet or a Form.
import { createWorkspace, type Workspace } from '../../workspace';

const OWNER = 'coordinator@example.org';

let ws: Workspace;
let tracker: string;
let other: string;

function scriptApp(): GoogleAppsScript.Script.ScriptApp {
  return ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp;
}

beforeEach(() => {
  ws = createWorkspace({ user: OWNER, now: '2026-03-16T15:00:00Z' });
  tracker = ws.createSpreadsheet('Harbour Lights tracker');
  other = ws.createSpreadsheet('Support requests');
  ws.openInSheets(tracker);
});

describe('Editor add-on triggers and files', () => {
  it('a form-submit trigger for the open spreadsheet is made', () => {
    ws.execute(() => scriptApp().newTrigger('onSubmit').forSpreadsheet(tracker).onFormSubmit().create());
    expect(ws.triggersFor('ON_FORM_SUBMIT', tracker)).toHaveLength(1);
  });

  it('a trigger for another spreadsheet or for a form is refused while the add-on runs in the tracker', () => {
    const formId = ws.execute(() => (ws.globals().FormApp as GoogleAppsScript.Forms.FormApp).create('Support request').getId());
    expect(() => ws.execute(() => scriptApp().newTrigger('onSubmit').forSpreadsheet(other).onFormSubmit().create()))
      .toThrow('An add-on can only create triggers for the file it is used in');
    expect(() => ws.execute(() => scriptApp().newTrigger('onSubmit').forForm(formId).onFormSubmit().create()))
      .toThrow('An add-on can only create triggers for the file it is used in');
    expect(ws.triggersFor('ON_FORM_SUBMIT')).toHaveLength(0);
  });

  it('the same person running the add-on in the other spreadsheet may make its trigger there', () => {
    ws.openInSheets(other);
    ws.execute(() => scriptApp().newTrigger('onSubmit').forSpreadsheet(other).onFormSubmit().create());
    expect(ws.triggersFor('ON_FORM_SUBMIT', other)).toHaveLength(1);
  });

  it('a script bound to the tracker is not held to the add-on rule', () => {
    ws.bindScriptTo(tracker);
    ws.execute(() => scriptApp().newTrigger('onSubmit').forSpreadsheet(other).onFormSubmit().create());
    expect(ws.triggersFor('ON_FORM_SUBMIT', other)).toHaveLength(1);
  });
});
