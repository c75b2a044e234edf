// ROSE Tracker → Evaluation report on real submissions: per site and overall, with groups below the minimum size suppressed.
import { CEDAR, HARBOUR, asUser, evaluationForm, person, trackerWithForms } from './forms-support';

const RIVERSIDE = 'Riverside Hub';

describe('Evaluation report tab', () => {
  it('shows counts, averages and change for a large enough site and only "suppressed" for a small one', () => {
    const h = trackerWithForms();
    // A third site: with one small site suppressed, the report also hides the smallest other site,
    // so that the small one cannot be worked out from the total.
    asUser(h, (ss) => { const s = ss.getSheetByName('Sites')!; s.getRange(s.getLastRow() + 1, 2).setValue(RIVERSIDE); });
    h.addon.call('createOrUpdateForms');
    const formId = evaluationForm(h);
    const codes = ['AA01B1', 'AA02B2', 'AA03B3', 'AA04B4', 'AA05B5', 'AA06B6'];
    codes.forEach((code, i) => h.ws.submitForm(formId, person({ code, mood: 2, site: HARBOUR }), { at: new Date(Date.UTC(2025, 2, 1 + i, 18)) }));
    codes.forEach((code, i) => h.ws.submitForm(formId, person({ code, mood: 4, wave: 'follow-up', site: HARBOUR }), { at: new Date(Date.UTC(2026, 2, 1 + i, 18)) }));
    codes.slice(0, 5).forEach((code, i) => h.ws.submitForm(formId, person({ code, mood: 3, site: RIVERSIDE }), { at: new Date(Date.UTC(2025, 2, 10 + i, 18)) }));
    ['CC01D1', 'CC02D2'].forEach((code, i) => h.ws.submitForm(formId, person({ code, mood: 3, site: CEDAR }), { at: new Date(Date.UTC(2025, 3, 1 + i, 18)) }));

    const mark = h.ws.ledger.mark();
    h.addon.call('buildEvaluationReport');
    // Two of them read and keep the record of what this release counted (surveys/release.ts); the tab is still written
    // through SpreadsheetApp, one call per format and width (moving it to one Sheets batchUpdate is left to do).
    expect(h.ws.ledger.since(mark).length).toBeLessThanOrEqual(32);
    const grid = asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getValues().map((r) => r.map(String)));
    const header = grid.find((r) => r[0] === 'Measure')!;
    const harbour = header.indexOf(HARBOUR);
    const cedar = header.indexOf(CEDAR);
    expect(harbour).toBeGreaterThan(0);
    const row = (start: string) => grid.find((r) => r[0].startsWith(start))!;
    expect(row('People who answered the first survey')[harbour]).toBe('6');
    expect(row('People who answered both')[harbour]).toBe('6');
    expect(row('People who answered the first survey')[header.indexOf('All sites')]).toBe('13');
    expect(row('Role clarity: average at baseline')[harbour]).toBe('2');
    expect(row('Role clarity: average change')[harbour]).toBe('2');
    const shown = asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getDisplayValues());
    expect(shown.find((r) => r[0].startsWith('Role clarity: average change'))![harbour]).toBe('2.00');
    const raw = asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getValues());
    expect(raw.find((r) => String(r[0]).startsWith('People who answered both'))![harbour]).toBe(6);
    expect(grid.some((r) => /from 1 \(lowest\) to 5 \(highest\); higher is better/.test(r[0]))).toBe(true);
    // The outcome table, before the follow-up wave block (which dates each site's waves, suppressed or not).
    const table = grid.slice(0, grid.findIndex((r) => r[0] === 'Follow-up wave by site'));
    const cedarCells = table.filter((r) => header !== r && r[cedar] !== undefined && r[cedar] !== '' && r[0] !== 'Measure' && !/^To protect/.test(r[0])).map((r) => r[cedar]);
    expect(cedarCells.length).toBeGreaterThan(10);
    for (const cell of cedarCells) expect(cell).toBe('suppressed (fewer than 5 people)');
  });

  it('writes figures as numbers and every other cell as text, never a formula', () => {
    const h = trackerWithForms();
    h.ws.submitForm(evaluationForm(h), person());
    h.addon.call('buildEvaluationReport');
    const formulas = asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getFormulas());
    expect(formulas.flat().every((f) => f === '')).toBe(true);
    const values = asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getValues());
    expect(values.flat().filter((v) => String(v).startsWith('suppressed')).every((v) => typeof v === 'string')).toBe(true);
    const sheet = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Evaluation report')!;
    const hidden = sheet.rows.flatMap((r) => r ?? []).filter((c) => c && String(c.value).startsWith('suppressed'));
    expect(hidden.length).toBeGreaterThan(0);
    expect(hidden.every((c) => c!.wrap === true)).toBe(true);
    expect(sheet.columnWidths.get(1)).toBe(440);
  });
});
