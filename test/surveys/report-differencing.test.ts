// Differencing: reading the Evaluation report before and after new answers reveals nobody's answers, because new answers are counted only in batches of at least the minimum group size.
import { HARBOUR, asUser, evaluationForm, person, trackerWithForms } from './forms-support';
import type { Harness } from '../support/addon';
import { decideRelease, packKeys, unpackKeys, type KeyedRow } from '../../addon/surveys/release';
import type { EvaluationRow } from '../../addon/surveys/report';

function report(h: Harness): string[][] {
  h.addon.call('buildEvaluationReport');
  return asUser(h, (ss) => ss.getSheetByName('Evaluation report')!.getDataRange().getDisplayValues());
}

function figures(grid: string[][]): string[][] {
  // The measures, without the notes under them (which say what waits).
  const end = grid.findIndex((r) => r[0].startsWith('To protect'));
  return grid.slice(0, end);
}

function cell(grid: string[][], measure: string, column: string): string {
  const header = grid.find((r) => r[0] === 'Measure')!;
  return grid.find((r) => r[0].startsWith(measure))![header.indexOf(column)];
}

let day = 0;
function answer(h: Harness, code: string, mood: number): void {
  day += 1;
  h.ws.submitForm(evaluationForm(h), person({ code, mood, site: HARBOUR }), { at: new Date(Date.UTC(2025, 2, day, 18)) });
}

describe('Evaluation report against differencing', () => {
  it('one new answer moves no figure; the report moves only when five new answers are counted together', () => {
    const h = trackerWithForms();
    ['AA01B1', 'AA02B2', 'AA03B3', 'AA04B4', 'AA05B5', 'AA06B6'].forEach((code) => answer(h, code, 2));
    const before = report(h);
    expect(cell(before, 'People who answered the first survey', HARBOUR)).toBe('6');
    expect(cell(before, 'Role clarity: average at baseline', HARBOUR)).toBe('2.00');

    // One person answers: the attack of the issue compares the two reports. Nothing moved.
    answer(h, 'ZZ09Y9', 5);
    const afterOne = report(h);
    expect(figures(afterOne)).toEqual(figures(before));
    expect(afterOne.map((r) => r[0]).join('\n')).toContain(`${HARBOUR} (first survey): new answers wait until at least 5 have come in.`);

    // Three more: still the same figures.
    ['ZZ10Y1', 'ZZ11Y2', 'ZZ12Y3'].forEach((code) => answer(h, code, 4));
    expect(figures(report(h))).toEqual(figures(before));

    // The fifth new answer releases the batch: the figures move by five people at once.
    answer(h, 'ZZ13Y4', 4);
    const after = report(h);
    expect(cell(after, 'People who answered the first survey', HARBOUR)).toBe('11');
    // What differencing gives now is the batch's average (2.00 → 2.91 over 6 → 11 people): (11 × 2.91 − 6 × 2) / 5 ≈ 4.0, five people's mean, not one person's score.
    const avg = Number(cell(after, 'Role clarity: average at baseline', HARBOUR));
    const batchMean = (11 * avg - 6 * 2) / 5;
    expect(batchMean).toBeCloseTo((5 + 4 + 4 + 4 + 4) / 5, 1);
    expect(batchMean).not.toBeCloseTo(5, 1);
  });
});

function row(site: string, wave: 'baseline' | 'follow-up', code: string, score: number): EvaluationRow {
  return { site, wave, code, scores: { s: score } };
}
const keyed = (rows: EvaluationRow[], from = 1): KeyedRow[] => rows.map((r, i) => ({ key: `RESP-${String(from + i).padStart(4, '0')}`, row: r }));
const NOW = new Date('2026-03-16T17:00:00Z');

describe('the release rule', () => {
  it('keeps the answers it counted as compact ranges', () => {
    const keys = ['RESP-0001', 'RESP-0002', 'RESP-0003', 'RESP-0007', 'RESP-12345', 'ab:cd'];
    expect(unpackKeys(packKeys(keys)).sort()).toEqual([...keys].sort());
    expect(packKeys(['RESP-0001', 'RESP-0002', 'RESP-0003'])).toBe('["1-3"]');
  });

  it('holds back follow-up answers that would add fewer than five matched pairs, since the change figure would move by one person', () => {
    const baseline = keyed(['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((c) => row('Harbour', 'baseline', c, 2)));
    const first = decideRelease(baseline, null, 5, NOW);
    // Five follow-ups, one of which pairs with a baseline: the matched change would reveal that person's change.
    const followUps = keyed([row('Harbour', 'follow-up', 'A1', 5), ...['F1', 'F2', 'F3', 'F4'].map((c) => row('Harbour', 'follow-up', c, 3))], 7);
    const second = decideRelease([...baseline, ...followUps], first.record, 5, NOW);
    expect(second.rows).toHaveLength(6);
    expect(second.waiting).toEqual(['Harbour (follow-up): new answers wait until they add at least 5 people answering both surveys.']);
    // Once five pairs come together, all are counted.
    const more = keyed(['A2', 'A3', 'A4', 'A5'].map((c) => row('Harbour', 'follow-up', c, 4)), 12);
    const third = decideRelease([...baseline, ...followUps, ...more], second.record, 5, NOW);
    expect(third.rows).toHaveLength(15);
    expect(third.waiting).toEqual([]);
  });

  it('keeps the report as released when a counted answer is deleted and too few changed since', () => {
    const all = keyed(['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((c) => row('Harbour', 'baseline', c, 2)));
    const first = decideRelease(all, null, 5, NOW);
    const afterDelete = decideRelease(all.slice(1), first.record, 5, NOW);
    expect(afterDelete.record).toBeNull();
    expect(afterDelete.waiting[0]).toContain('the report stays as last released');
  });
});
