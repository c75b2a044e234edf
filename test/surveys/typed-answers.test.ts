// What people type into a form stays what they typed in the tracker, whatever the spreadsheet's locale would make of it; dates meant as dates stay dates.
import { formIdOf } from '../../scripts/sample/surveys';
import { evaluationForm, person, titleOf, trackerWithForms } from './forms-support';
import type { Harness } from '../support/addon';

/** The stored cell values of a tab's last row, by header (read from the model: what Sheets holds, not what it shows). */
function lastRowCells(h: Harness, tab: string): Record<string, unknown> {
  const sheet = h.ws.spreadsheet(h.spreadsheetId).sheetByName(tab)!;
  const width = sheet.lastColumn();
  const row = sheet.lastRow();
  const out: Record<string, unknown> = {};
  for (let c = 1; c <= width; c += 1) out[String(sheet.cell(1, c)?.value ?? '')] = sheet.cell(row, c)?.value ?? '';
  return out;
}

describe('free-text answers Sheets would read as values', () => {
  it('a support request with 3/4, 10:30 and March 4 keeps each as text', () => {
    const h = trackerWithForms();
    const formId = formIdOf(h.ws, h.spreadsheetId, 'support-request');
    const s = (id: string) => titleOf('support-request', id);
    h.ws.submitForm(formId, {
      [s('request_for')]: 'Peer Supporter', [s('request_type')]: 'A reference letter', [s('urgency')]: 'This week',
      [s('contact')]: '10:30', [s('requester_name')]: 'March 4', [s('details')]: '3/4',
    });
    const cells = lastRowCells(h, 'Support Requests');
    expect(cells.Contact).toBe('10:30');
    expect(cells.Name).toBe('March 4');
    expect(cells.Details).toBe('3/4');
    // The submission time is meant as a date and lands as one.
    expect(cells.Date).toBeInstanceOf(Date);
  });

  it('in a French-Canadian spreadsheet an answer of 1,5 or TRUE stays text in Survey Responses', () => {
    const h = trackerWithForms();
    h.ws.spreadsheet(h.spreadsheetId).locale = 'fr_CA';
    const helps = titleOf('rose-evaluation', 'helps_most');
    const change = titleOf('rose-evaluation', 'should_change');
    h.ws.submitForm(evaluationForm(h), { ...person(), [helps]: '1,5', [change]: 'TRUE' });
    const cells = lastRowCells(h, 'Survey Responses');
    const header = (id: string) => Object.keys(cells).find((k) => k.startsWith(`${id} · `))!;
    expect(cells[header('helps_most')]).toBe('1,5');
    expect(cells[header('should_change')]).toBe('TRUE');
    // The anonymous row's day is a date cell, as intended.
    expect(cells.Submitted).toBeInstanceOf(Date);
  });

  it('a training date answer lands as a date and a provider typed as 3/4 as text', () => {
    const h = trackerWithForms();
    const formId = formIdOf(h.ws, h.spreadsheetId, 'training-feedback');
    const t = (id: string) => titleOf('training-feedback', id);
    h.ws.submitForm(formId, {
      [t('staff_name')]: 'Alex Moreno', [t('topic')]: h.ws.spreadsheet(h.spreadsheetId).sheetByName('Training Topics')!.cell(2, 2)?.value as string,
      [t('training_date')]: '2026-03-04', [t('provider')]: '3/4', [t('usefulness')]: '4',
    });
    const cells = lastRowCells(h, 'Training Log');
    expect(cells.Date).toBeInstanceOf(Date);
    expect(cells.Provider).toBe('3/4');
    expect(cells.Usefulness).toBe(4);
  });
});

describe('Process missed form responses', () => {
  it('stores a missed answer of 3/4 as text too', () => {
    const h = trackerWithForms();
    const helps = titleOf('rose-evaluation', 'helps_most');
    h.ws.ledger.failOn('Sheet.appendRow', { error: 'Service Spreadsheets timed out while accessing document' });
    const failed = h.ws.submitForm(evaluationForm(h), { ...person(), [helps]: '3/4' });
    expect(failed.runs[0].error).toMatch(/timed out/);
    h.addon.call('reprocessMissedResponses');
    const cells = lastRowCells(h, 'Survey Responses');
    expect(cells[Object.keys(cells).find((k) => k.startsWith('helps_most · '))!]).toBe('3/4');
  });
});
