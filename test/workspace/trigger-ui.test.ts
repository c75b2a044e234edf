// A trigger run has no editor to show UI in: SpreadsheetApp.getUi() throws there, as in Apps Script, and works from a menu.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';

const SCRIPT = `
function install() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  ScriptApp.newTrigger('alertOnSubmit').forSpreadsheet(ss).onFormSubmit().create();
  ScriptApp.newTrigger('alertOnClock').timeBased().everyHours(1).create();
  var form = FormApp.create('Check-in');
  form.addTextItem().setTitle('How are you?');
  form.setDestination(FormApp.DestinationType.SPREADSHEET, ss.getId());
  return form.getId();
}
function alertOnSubmit(e) { SpreadsheetApp.getUi().alert('Thanks'); }
function alertOnClock(e) { SpreadsheetApp.getUi().alert('Tick'); }
function fromMenu() { SpreadsheetApp.getUi().alert('Hello'); return 'shown'; }
`;

const ERROR = 'Cannot call SpreadsheetApp.getUi() from this context.';

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'rose-ui-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
  const addon = AddOn.load(ws, join(dir, 'Code.js'));
  const ssId = ws.createSpreadsheet('Tracker');
  ws.openInSheets(ssId);
  const formId = addon.call<string>('install');
  return { ws, addon, formId };
}

describe('SpreadsheetApp.getUi() by context', () => {
  it('throws in a form-submit trigger run', () => {
    const { ws, formId } = setUp();
    const submission = ws.submitForm(formId, { 'How are you?': 'Fine' });
    expect(submission.runs.map((r) => r.error)).toEqual([ERROR]);
  });

  it('throws in a time-driven trigger run', () => {
    const { ws } = setUp();
    const [clock] = ws.triggersFor('CLOCK');
    expect(() => ws.fireTimeTrigger(clock)).toThrow(ERROR);
  });

  it('works from a menu, also after a trigger run', () => {
    const { ws, addon, formId } = setUp();
    ws.submitForm(formId, { 'How are you?': 'Fine' });
    expect(addon.call('fromMenu')).toBe('shown');
    expect(ws.host.uiLog.map((u) => u.content)).toEqual(['Hello']);
  });
});
