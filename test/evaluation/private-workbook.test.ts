// With the Evaluation workbook set up, the implementation survey's answers land there with the outcome survey's, and the tracker's evaluation reports read them there.
import { openAddon } from '../support/addon';
import { appendRecords, setSetting } from '../support/tracker';
import { definitionById, evaluationAnswers, formIdOf, processAnswers } from '../../scripts/sample/surveys';
import { formModel } from '../../workspace/forms';
import type { PrivateWorkbooksResult } from '../../addon/privacy/workbooks';

const COORDINATOR = 'coordinator@example.org';
const EVALUATOR = 'evaluator@example.org';
const HARBOUR = 'Harbour Lights Drop-in';

describe('the implementation survey with an Evaluation workbook', () => {
  it('sends its answers to the workbook, and the Process evaluation report in the tracker reads them from there', () => {
    const h = openAddon({ user: COORDINATOR });
    const tracker = h.spreadsheetId;
    h.addon.call('setupTracker');
    setSetting(h, 'Coordinator emails', COORDINATOR);
    setSetting(h, 'Evaluator emails', EVALUATOR);
    appendRecords(h, 'Sites', [{ Name: HARBOUR, Active: 'Yes' }]);
    h.addon.call('refreshComputed');
    h.addon.call('createOrUpdateForms');
    const result = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    const workbook = result.workbooks.find((w) => w.name === 'Evaluation')!.workbookId;
    const processForm = formIdOf(h.ws, tracker, 'rose-process');
    expect(formModel(h.ws.host, processForm).destinationId).toBe(workbook);
    h.ws.openInSheets(workbook);
    h.addon.call('setUpPrivateWorkbooks');

    const process = definitionById('rose-process');
    [4, 4, 5, 3, 4].forEach((agreement, i) => {
      const sent = h.ws.submitForm(processForm, processAnswers(process, { group: 'recipient', site: HARBOUR, agreement }), { at: new Date(Date.UTC(2026, 2, 2 + i, 18)) });
      expect(sent.runs.map((r) => r.error)).toEqual([undefined]);
    });
    const outcome = definitionById('rose-evaluation');
    h.ws.submitForm(formIdOf(h.ws, tracker, 'rose-evaluation'), evaluationAnswers(outcome, { wave: 'baseline', site: HARBOUR, code: 'RO07K2', mood: 3 }), { at: new Date(Date.UTC(2025, 2, 3, 18)) });
    const rows = h.ws.spreadsheet(workbook).sheetByName('Survey Responses')!;
    expect(rows.lastRow()).toBe(7);
    expect(h.ws.spreadsheet(tracker).sheetByName('Survey Responses')!.lastRow()).toBeLessThanOrEqual(1);

    h.ws.openInSheets(tracker);
    h.addon.call('buildProcessEvaluationReport');
    const report = h.ws.spreadsheet(tracker).sheetByName('Process evaluation report')!;
    const cells = report.rows.map((r) => (r ?? []).map((c) => c?.value));
    const recipients = cells.findIndex((r) => String(r[0]).startsWith('Recipients'));
    expect(cells[recipients + 1].slice(0, 3)).toEqual(['People who answered', 5, 5]);
    expect(cells[recipients + 2][1]).toBeCloseTo(4, 10);
    // The site report finds the baseline answer there too.
    h.addon.call('buildSiteReportPage');
    const page = h.ws.spreadsheet(tracker).sheetByName('Site report')!.rows.map((r) => (r ?? []).map((c) => String(c?.value ?? '')));
    expect(page.find((r) => r[0] === 'When')![1]).toBe('2025-03-03 to 2025-03-03');
  });
});

describe('a tracker whose Evaluation workbook was set up before the implementation survey existed', () => {
  it('is told that the new form answers into the tracker until Set up private workbooks moves it, which it then does', () => {
    const h = openAddon({ user: COORDINATOR });
    const tracker = h.spreadsheetId;
    h.addon.call('setupTracker');
    setSetting(h, 'Coordinator emails', COORDINATOR);
    appendRecords(h, 'Sites', [{ Name: HARBOUR, Active: 'Yes' }]);
    h.addon.call('refreshComputed');
    h.addon.call('createOrUpdateForms');
    h.addon.call('setUpPrivateWorkbooks');
    // As an older version left it: no implementation survey form yet.
    const properties = h.ws.properties.store(`document:${h.ws.scriptId}:${tracker}`);
    const processForm = formIdOf(h.ws, tracker, 'rose-process');
    properties.delete('rose.form.rose-process');
    const again = h.addon.call<{ problems: string[] }>('createOrUpdateForms');
    expect(again.problems.join(' ')).toContain('"How ROSE is working at your site" sends its answers to this tracker');
    const made = formIdOf(h.ws, tracker, 'rose-process');
    expect(made).not.toBe(processForm);
    const result = h.addon.call<PrivateWorkbooksResult>('setUpPrivateWorkbooks');
    expect(formModel(h.ws.host, made).destinationId).toBe(result.workbooks.find((w) => w.name === 'Evaluation')!.workbookId);
  });
});
