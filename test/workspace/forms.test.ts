// FormApp of the local Workspace behaves as Google documents it: the linked responses tab, scripted responses, and the submit triggers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace, type Workspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { formModel } from '../../workspace/forms';

/** A tiny script instead of the add-on: a form-submit handler that counts its firings, and two lock users. */
const SCRIPT = `
function countSubmission(e) {
  var p = PropertiesService.getDocumentProperties();
  p.setProperty('fired', String(Number(p.getProperty('fired') || 0) + 1));
  p.setProperty('lastNamedValues', JSON.stringify(e.namedValues));
}
function holdLockLong() {
  var lock = LockService.getDocumentLock();
  lock.waitLock(1000);
  for (var i = 0; i < 60; i++) SpreadsheetApp.getActiveSpreadsheet().getName();
  return 'held';
}
function waitBriefly() {
  LockService.getDocumentLock().waitLock(1000);
  return 'got it';
}
`;

function workspaceWithScript(): { ws: Workspace; ssId: string; addon: AddOn } {
  const dir = mkdtempSync(join(tmpdir(), 'rose-forms-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
  const addon = AddOn.load(ws, join(dir, 'Code.js'));
  const ssId = ws.createSpreadsheet('Tracker');
  ws.openInSheets(ssId);
  return { ws, ssId, addon };
}

function formApp(ws: Workspace): GoogleAppsScript.Forms.FormApp {
  return ws.globals().FormApp as GoogleAppsScript.Forms.FormApp;
}

function buildForm(ws: Workspace, ssId: string): string {
  return ws.execute(() => {
    const form = formApp(ws).create('Check-in');
    form.addTextItem().setTitle('Your code').setRequired(true);
    form.addCheckboxItem().setTitle('Topics').setChoiceValues(['First aid, CPR', 'Naloxone']);
    form.addGridItem().setTitle('How often').setRows(['Days', 'Nights']).setColumns(['Never', 'Often']);
    form.addScaleItem().setTitle('Stress').setBounds(1, 5);
    form.setDestination(formApp(ws).DestinationType.SPREADSHEET, ssId);
    return form.getId();
  });
}

describe('FormApp in the local Workspace', () => {
  it('linking a form adds a "Form Responses 1" tab at the front with Timestamp and one column per question (grid rows apart)', () => {
    const { ws, ssId } = workspaceWithScript();
    buildForm(ws, ssId);
    const ss = ws.spreadsheet(ssId);
    expect(ss.sheets[0].name).toBe('Form Responses 1');
    const header = [1, 2, 3, 4, 5, 6].map((c) => ss.sheets[0].cell(1, c)?.value);
    expect(header).toEqual(['Timestamp', 'Your code', 'Topics', 'How often [Days]', 'How often [Nights]', 'Stress']);
  });

  it('a person submitting fires the spreadsheet trigger with Google\'s event: namedValues with Timestamp, checkboxes joined with ", "', () => {
    const { ws, ssId } = workspaceWithScript();
    const formId = buildForm(ws, ssId);
    ws.execute(() => (ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp).newTrigger('countSubmission').forSpreadsheet(ssId).onFormSubmit().create());
    const result = ws.submitForm(formId, { 'Your code': 'AB12', Topics: ['First aid, CPR', 'Naloxone'], 'How often': { Nights: 'Often' }, Stress: '4' });
    expect(result.runs).toEqual([expect.objectContaining({ handlerFunction: 'countSubmission' })]);
    expect(result.runs[0].error).toBeUndefined();
    const named = JSON.parse(ws.properties.store(`document:${ws.scriptId}:${ssId}`).get('lastNamedValues')!);
    expect(named).toEqual({
      Timestamp: ['3/16/2026 10:00:00'], 'Your code': ['AB12'], Topics: ['First aid, CPR, Naloxone'],
      'How often [Days]': [''], 'How often [Nights]': ['Often'], Stress: ['4'],
    });
    expect(result.event!.values).toEqual(['3/16/2026 10:00:00', 'AB12', 'First aid, CPR, Naloxone', '', 'Often', '4']);
  });

  it('a response submitted by script is stored and written to the tab but fires no trigger', () => {
    const { ws, ssId } = workspaceWithScript();
    const formId = buildForm(ws, ssId);
    ws.execute(() => (ws.globals().ScriptApp as GoogleAppsScript.Script.ScriptApp).newTrigger('countSubmission').forSpreadsheet(ssId).onFormSubmit().create());
    ws.execute(() => {
      const form = formApp(ws).openById(formId);
      const code = form.getItems()[0].asTextItem();
      form.createResponse().withItemResponse(code.createResponse('ZZ99')).submit();
    });
    expect(formModel(ws.host, formId).responses).toHaveLength(1);
    expect(ws.spreadsheet(ssId).sheets[0].cell(2, 2)?.value).toBe('ZZ99');
    expect(ws.properties.store(`document:${ws.scriptId}:${ssId}`).get('fired')).toBeUndefined();
  });

  it('a question added later gets a column at the end; a deleted one keeps its column and answers', () => {
    const { ws, ssId } = workspaceWithScript();
    const formId = buildForm(ws, ssId);
    ws.submitForm(formId, { 'Your code': 'AB12' });
    ws.execute(() => {
      const form = formApp(ws).openById(formId);
      form.deleteItem(0);
      form.addParagraphTextItem().setTitle('Anything else?');
      form.moveItem(3, 0);
    });
    const sheet = ws.spreadsheet(ssId).sheets[0];
    expect(sheet.cell(1, 2)?.value).toBe('Your code');
    expect(sheet.cell(2, 2)?.value).toBe('AB12');
    expect(sheet.cell(1, 7)?.value).toBe('Anything else?');
  });

  it('fails loudly on what it does not model', () => {
    const { ws } = workspaceWithScript();
    expect(() => ws.execute(() => (formApp(ws).create('x') as unknown as { setShuffleQuestions(b: boolean): void }).setShuffleQuestions(true)))
      .toThrow('Form.setShuffleQuestions is not implemented by the local Workspace');
    expect(() => ws.execute(() => formApp(ws).openById('nope'))).toThrow(/No item with the given ID could be found/);
  });
});

describe('runConcurrently', () => {
  it('ends a wait with Google\'s lock timeout when the holder keeps the lock longer than the wait allows', () => {
    const { ws } = workspaceWithScript();
    const [holder, waiter] = ws.runConcurrently([{ functionName: 'holdLockLong' }, { functionName: 'waitBriefly' }]);
    expect(holder.value).toBe('held');
    expect(waiter.error).toBe('Lock timeout: another process was holding the lock for too long.');
  });

  it('lets the waiter in once the holder ends within the wait', () => {
    const { ws } = workspaceWithScript();
    const [first, second] = ws.runConcurrently([{ functionName: 'waitBriefly' }, { functionName: 'waitBriefly' }]);
    expect(first.value).toBe('got it');
    expect(second.value).toBe('got it');
  });
});
