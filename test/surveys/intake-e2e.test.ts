// Intake reliability through the trigger path: repeated deliveries, formula-like text, partial answers, failed runs and the call budget.
import { CEDAR, HARBOUR, asUser, deleteRawRows, documentProperties, evaluationForm, holdDocumentLock, person, rawSheet, responses, titleOf, trackerWithForms } from './forms-support';
import { formIdOf } from '../../scripts/sample/surveys';

describe('repeated deliveries of one submission', () => {
  it('the same event delivered twice stores one row', () => {
    const h = trackerWithForms();
    const first = h.ws.submitForm(evaluationForm(h), person());
    const again = h.ws.fireFormSubmitAgain(first.event!);
    expect(again.error).toBeUndefined();
    expect(responses(h)).toHaveLength(1);
  });

  it('a blank second delivery stores nothing', () => {
    const h = trackerWithForms();
    const first = h.ws.submitForm(evaluationForm(h), person());
    h.ws.fireFormSubmitAgain(first.event!, { blank: true });
    expect(responses(h)).toHaveLength(1);
  });

  it('two people giving identical answers at different times are both kept', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    h.ws.submitForm(formId, person({ code: 'MA12V0' }), { at: new Date('2026-03-16T17:00:00Z') });
    h.ws.submitForm(formId, person({ code: 'MA12V0' }), { at: new Date('2026-03-16T17:05:00Z') });
    expect(responses(h).map((r) => r.ID)).toEqual(['RESP-0001', 'RESP-0002']);
  });

  it('a delivery repeated after more than a hundred other submissions still stores one row', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    const first = h.ws.submitForm(formId, person({ code: 'AA00A0' }), { at: new Date('2026-03-16T08:00:00Z') });
    for (let i = 1; i <= 101; i += 1) {
      h.ws.submitForm(formId, person({ code: `AB${String(i % 100).padStart(2, '0')}B1` }), { at: new Date(Date.UTC(2026, 2, 16, 9, 0, i)) });
    }
    h.ws.fireFormSubmitAgain(first.event!);
    const codes = responses(h).map((r) => r['Participant code']);
    expect(codes).toHaveLength(102);
    expect(codes.filter((c) => c === 'AA00A0')).toHaveLength(1);
  });
});

describe('what people type', () => {
  it('answers that look like formulas are stored as text, never run', () => {
    const h = trackerWithForms();
    const helps = titleOf('rose-evaluation', 'helps_most');
    const change = titleOf('rose-evaluation', 'should_change');
    h.ws.submitForm(evaluationForm(h), { ...person(), [helps]: '=IMPORTRANGE("x","A1")', [change]: '+1 more shift, -2 hours, @everyone' });
    const formulas = asUser(h, (ss) => ss.getSheetByName('Survey Responses')!.getRange(2, 1, 1, ss.getSheetByName('Survey Responses')!.getLastColumn()).getFormulas()[0]);
    expect(formulas.every((f) => f === '')).toBe(true);
    const row = responses(h)[0];
    const helpsHeader = Object.keys(row).find((k) => k.startsWith('helps_most · '))!;
    const changeHeader = Object.keys(row).find((k) => k.startsWith('should_change · '))!;
    expect(row[helpsHeader]).toBe('=IMPORTRANGE("x","A1")');
    expect(row[changeHeader]).toBe('+1 more shift, -2 hours, @everyone');
  });

  it('a missing required answer and an unreadable code are kept and flagged, not dropped', () => {
    const h = trackerWithForms();
    const answers = person({ code: 'my cat!' });
    delete answers[titleOf('rose-evaluation', 'site')];
    h.ws.submitForm(evaluationForm(h), answers);
    const rows = responses(h);
    expect(rows).toHaveLength(1);
    expect(rows[0]['Participant code']).toBe('my cat!');
    expect(String(rows[0].Flags)).toMatch(/required question "Where do you work\?"/);
    expect(String(rows[0].Flags)).toMatch(/participant code "my cat!"/);
    expect(rows[0]['Score: Role clarity [role_clarity]']).toBe(4);
  });
});

describe('intake forms land in their tabs', () => {
  it('a training sign-in links the named person to their Staff row and keeps an unknown name, flagged', () => {
    const h = trackerWithForms();
    const formId = formIdOf(h.ws, h.spreadsheetId, 'training-feedback');
    const t = (id: string) => titleOf('training-feedback', id);
    const base = { [t('topic')]: 'Naloxone administration', [t('training_date')]: '2026-03-10', [t('usefulness')]: '5' };
    h.ws.submitForm(formId, { ...base, [t('staff_name')]: 'alex' }, { at: new Date('2026-03-10T20:00:00Z') });
    h.ws.submitForm(formId, { ...base, [t('staff_name')]: 'Jordan Example' }, { at: new Date('2026-03-10T21:00:00Z') });
    const log = asUser(h, (ss) => {
      const values = ss.getSheetByName('Training Log')!.getDataRange().getValues();
      return values.slice(1).map((r) => Object.fromEntries(values[0].map((hd, i) => [String(hd), r[i]])));
    });
    expect(log).toHaveLength(2);
    expect(log[0].Staff).toMatch(/^STAFF-\d{4} · Alex Moreno$/);
    expect(log[0].Topic).toBe('Naloxone administration');
    expect(log[0].Date).toBeInstanceOf(Date);
    expect(log[0].Flags).toBe('');
    expect(log[1].Staff).toBe('Jordan Example');
    expect(String(log[1].Flags)).toMatch(/No one on the Staff tab is called "Jordan Example"/);
  });

  it('a support request lands in Support Requests with Status New', () => {
    const h = trackerWithForms();
    const formId = formIdOf(h.ws, h.spreadsheetId, 'support-request');
    const s = (id: string) => titleOf('support-request', id);
    h.ws.submitForm(formId, { [s('request_for')]: 'Peer Supporter', [s('request_type')]: 'A reference letter', [s('urgency')]: 'This week', [s('contact')]: '@ the drop-in, Tuesdays' });
    const rows = asUser(h, (ss) => ss.getSheetByName('Support Requests')!.getDataRange().getValues());
    const header = rows[0].map(String);
    expect(rows).toHaveLength(2);
    expect(rows[1][header.indexOf('Status')]).toBe('New');
    expect(rows[1][header.indexOf('Contact')]).toBe('@ the drop-in, Tuesdays');
    expect(rows[1][header.indexOf('Date')]).toBeInstanceOf(Date);
  });
});

describe('a failed run of the trigger', () => {
  it('leaves the response in the responses tab, counts it, and Process missed form responses stores it exactly once', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    h.ws.submitForm(formId, person({ code: 'AA01B1' }), { at: new Date('2026-03-16T17:00:00Z') });
    h.ws.ledger.failOn('Sheet.appendRow', { error: 'Service Spreadsheets timed out while accessing document' });
    const failed = h.ws.submitForm(formId, person({ code: 'AA02B2', site: CEDAR }), { at: new Date('2026-03-16T17:01:00Z') });
    expect(failed.runs[0].error).toMatch(/timed out/);
    h.ws.submitForm(formId, person({ code: 'AA03B3' }), { at: new Date('2026-03-16T17:02:00Z') });
    expect(responses(h).map((r) => r['Participant code'])).toEqual(['AA01B1', 'AA03B3']);
    expect(rawSheet(h, formId).lastRow()).toBe(4);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('1');

    h.addon.call('reprocessMissedResponses');
    h.addon.call('reprocessMissedResponses');
    const rows = responses(h);
    expect(rows.map((r) => r['Participant code'])).toEqual(['AA01B1', 'AA03B3', 'AA02B2']);
    expect(new Set(rows.map((r) => r.ID)).size).toBe(3);
    expect(rows[2].Site).toBe(CEDAR);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('0');
  });

  it('a row a coordinator deleted after it was settled does not come back', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    h.ws.submitForm(formId, person({ code: 'AA01B1' }));
    h.addon.call('reprocessMissedResponses');
    asUser(h, (ss) => ss.getSheetByName('Survey Responses')!.deleteRow(2));
    h.addon.call('reprocessMissedResponses');
    expect(responses(h)).toHaveLength(0);
  });
});

describe('a run that cannot finish its writes', () => {
  it('a failure saving document properties never duplicates a row or reuses a RESP- ID', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    h.ws.ledger.failOn('Properties.setProperties', { error: 'Service error: Properties' });
    const failed = h.ws.submitForm(formId, person({ code: 'AA01B1' }), { at: new Date('2026-03-16T17:00:00Z') });
    expect(failed.runs[0].error).toMatch(/Properties/);
    h.ws.fireFormSubmitAgain(failed.event!);
    h.ws.submitForm(formId, person({ code: 'AA02B2' }), { at: new Date('2026-03-16T17:01:00Z') });
    h.addon.call('reprocessMissedResponses');
    const rows = responses(h);
    expect(rows.map((r) => r['Participant code'])).toEqual(['AA01B1', 'AA02B2']);
    expect(rows.map((r) => r.ID)).toEqual(['RESP-0001', 'RESP-0002']);
    expect(new Set(rows.map((r) => r['Submission key'])).size).toBe(2);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('0');
  });

  it('a submission that waited too long for the lock is counted and stored by Process missed form responses', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    const release = holdDocumentLock(h);
    const waited = h.ws.submitForm(formId, person({ code: 'AA01B1' }), { at: new Date('2026-03-16T17:00:00Z') });
    release();
    expect(waited.runs[0].error).toMatch(/Process missed form responses/);
    expect(responses(h)).toHaveLength(0);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('1');
    h.addon.call('reprocessMissedResponses');
    expect(responses(h).map((r) => r['Participant code'])).toEqual(['AA01B1']);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('0');
  });
});

describe('Process missed form responses reads the form itself', () => {
  function storedTestRows() {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    ['TT01T1', 'TT02T2', 'TT03T3'].forEach((code, i) => h.ws.submitForm(formId, person({ code }), { at: new Date(Date.UTC(2026, 2, 16, 16, i)) }));
    h.addon.call('reprocessMissedResponses');
    return { h, formId };
  }
  function failedSubmission(h: ReturnType<typeof storedTestRows>['h'], formId: string, code: string) {
    h.ws.ledger.failOn('Sheet.appendRow', { error: 'Service Spreadsheets timed out while accessing document' });
    const failed = h.ws.submitForm(formId, person({ code }), { at: new Date('2026-03-16T17:00:00Z') });
    expect(failed.runs[0].error).toMatch(/timed out/);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('1');
  }

  it('stores a failed response after a coordinator deleted test rows from the responses tab', () => {
    const { h, formId } = storedTestRows();
    deleteRawRows(h, formId, 2, 2);
    failedSubmission(h, formId, 'AA01B1');
    h.addon.call('reprocessMissedResponses');
    expect(responses(h).map((r) => r['Participant code'])).toEqual(['TT01T1', 'TT02T2', 'TT03T3', 'AA01B1']);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('0');
  });

  it('stores a failed response whose row was deleted from the responses tab, from the form', () => {
    const { h, formId } = storedTestRows();
    failedSubmission(h, formId, 'AA01B1');
    deleteRawRows(h, formId, 2, 4);
    h.addon.call('reprocessMissedResponses');
    const rows = responses(h);
    expect(rows.map((r) => r['Participant code'])).toEqual(['TT01T1', 'TT02T2', 'TT03T3', 'AA01B1']);
    expect(rows[3].Site).toBe(HARBOUR);
    expect(rows[3]['Score: Role clarity [role_clarity]']).toBe(rows[0]['Score: Role clarity [role_clarity]']);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('0');
    h.addon.call('reprocessMissedResponses');
    expect(responses(h)).toHaveLength(4);
  });

  it('does not store again a response whose row was deleted from the responses tab after the trigger stored it', () => {
    const h = trackerWithForms();
    const formId = evaluationForm(h);
    h.ws.submitForm(formId, person({ code: 'AA01B1', mood: 2 }), { at: new Date('2026-03-16T17:00:00Z') });
    deleteRawRows(h, formId, 2, 1);
    const result = h.addon.call<{ processed: number; alreadyStored: number }>('reprocessMissedResponses');
    expect(result).toMatchObject({ processed: 0, alreadyStored: 1 });
    expect(responses(h)).toHaveLength(1);
  });

  it('reads a training sign-in from the form with its date as the responses tab shows it', () => {
    const h = trackerWithForms();
    const formId = formIdOf(h.ws, h.spreadsheetId, 'training-feedback');
    const t = (id: string) => titleOf('training-feedback', id);
    const answers = (name: string) => ({ [t('topic')]: 'Naloxone administration', [t('training_date')]: '2026-03-10', [t('usefulness')]: '5', [t('staff_name')]: name });
    h.ws.submitForm(formId, answers('Alex'), { at: new Date('2026-03-10T20:00:00Z') });
    h.ws.ledger.failOn('Sheet.appendRow', { error: 'Service Spreadsheets timed out while accessing document' });
    h.ws.submitForm(formId, answers('Jordan Example'), { at: new Date('2026-03-10T21:00:00Z') });
    deleteRawRows(h, formId, 2, 2);
    const result = h.addon.call<{ processed: number; alreadyStored: number }>('reprocessMissedResponses');
    expect(result).toMatchObject({ processed: 1, alreadyStored: 1 });
    const log = asUser(h, (ss) => ss.getSheetByName('Training Log')!.getDataRange().getValues());
    const header = log[0].map(String);
    expect(log.slice(1).map((r) => String(r[header.indexOf('Staff')]))).toEqual([expect.stringMatching(/Alex Moreno$/), 'Jordan Example']);
    expect((log[2][header.indexOf('Date')] as Date).toISOString().slice(0, 10)).toBe('2026-03-10');
  });

  it('keeps the count when the form cannot be read and the response is not stored', () => {
    const { h, formId } = storedTestRows();
    failedSubmission(h, formId, 'AA01B1');
    deleteRawRows(h, formId, 5, 1);
    h.ws.ledger.failOn('FormApp.openById', { error: 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.' });
    const result = h.addon.call<{ problems: string[] }>('reprocessMissedResponses');
    expect(responses(h)).toHaveLength(3);
    expect(result.problems.join(' ')).toMatch(/form/i);
    expect(documentProperties(h).get('rose.unprocessedSubmissions')).toBe('1');
  });
});

describe('service calls per submission', () => {
  function callsForOneSubmission(existingRows: number): number {
    const h = trackerWithForms();
    if (existingRows) {
      asUser(h, (ss) => {
        const sheet = ss.getSheetByName('Survey Responses')!;
        sheet.insertRowsAfter(sheet.getMaxRows(), existingRows);
        const grid = Array.from({ length: existingRows }, (_, i) => [`RESP-${String(i + 1).padStart(4, '0')}`, '2025-03-01', 'rose-evaluation', 'baseline', HARBOUR, `ZZ${String(i % 28 + 1).padStart(2, '0')}A1`, '', `k1-old${i}`]);
        sheet.getRange(2, 1, existingRows, 8).setValues(grid);
      });
    }
    const mark = h.ws.ledger.mark();
    const result = h.ws.submitForm(evaluationForm(h), person({ code: 'QQ09Z9' }));
    const calls = h.ws.ledger.since(mark).length;
    expect(result.runs[0].error).toBeUndefined();
    expect(responses(h)).toHaveLength(existingRows + 1);
    return calls;
  }

  // The lock (2), the properties (2), the response's time (1), the spreadsheet's ID and one values.batchGet
  // of the header row and the Submission key column (2: the durable check against a repeated delivery),
  // the target tab (1), the RESP- ID reserved (1), the row (1).
  it('stays at 10 or fewer with 10 rows in the tab and with 5,000', () => {
    const small = callsForOneSubmission(10);
    const large = callsForOneSubmission(5000);
    expect(small).toBeLessThanOrEqual(10);
    expect(large).toBe(small);
  });
});
