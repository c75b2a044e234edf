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
    // Two of them read and keep the record of what this release counted (surveys/release.ts).
    expect(h.ws.ledger.since(mark).length).toBeLessThan(27);
    const grid = asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getValues().map((r) => r.map(String)));
    const header = grid.find((r) => r[0] === 'Measure')!;
    const harbour = header.indexOf(HARBOUR);
    const cedar = header.indexOf(CEDAR);
    expect(harbour).toBeGreaterThan(0);
    const row = (start: string) => grid.find((r) => r[0].startsWith(start))!;
    expect(row('People who answered the first survey')[harbour]).toBe('6');
    expect(row('People who answered both')[harbour]).toBe('6');
    expect(row('People who answered the first survey')[header.indexOf('All sites')]).toBe('13');
    expect(row('Role clarity: average at baseline')[harbour]).toBe('2.00');
    expect(row('Role clarity: average change')[harbour]).toBe('2.00');
    const cedarCells = grid.filter((r) => header !== r && r[cedar] !== undefined && r[cedar] !== '' && r[0] !== 'Measure' && !/^To protect/.test(r[0])).map((r) => r[cedar]);
    expect(cedarCells.length).toBeGreaterThan(10);
    for (const cell of cedarCells) expect(cell).toBe('suppressed (fewer than 5)');
  });

  it('writes every cell as text, so a suppressed figure never turns back into a number', () => {
    const h = trackerWithForms();
    h.ws.submitForm(evaluationForm(h), person());
    h.addon.call('buildEvaluationReport');
    const formulas = asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getFormulas());
    expect(formulas.flat().every((f) => f === '')).toBe(true);
  });
});
