// Evaluation report: baseline and follow-up matched by code per site, with small groups never shown or recoverable.
import { normalizeSubmission } from '../../addon/surveys/normalize';
import { surveyRecord } from '../../addon/surveys/row';
import { scoreResponse } from '../../addon/surveys/scoring';
import { EvaluationRow, ReportCell, evaluationReport, evaluationRowFromRecord, reportTable } from '../../addon/surveys/report';
import { evaluation } from './fixtures';

/** A written record as Sheets holds it: a leading apostrophe only says "text" and is not stored. */
function asStored<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v])) as T;
}

const scales = [{ id: 'pay', title: 'Fair pay' }];
const HIDDEN = { suppressed: true };

function row(site: string, wave: 'baseline' | 'follow-up', code: string, pay: number | null, extra: Partial<EvaluationRow> = {}): EvaluationRow {
  return { site, wave, code, scores: { pay }, ...extra };
}

/** n people at a site in one wave, with codes P<site><i> so the same i matches across waves. */
function people(site: string, wave: 'baseline' | 'follow-up', n: number, pay = 3): EvaluationRow[] {
  const rows: EvaluationRow[] = [];
  for (let i = 0; i < n; i++) rows.push(row(site, wave, `P${site}${i}`, pay));
  return rows;
}

describe('evaluationReport: counting and matching', () => {
  const rows: EvaluationRow[] = [
    row('Harbour', 'baseline', 'AB01', 2, { submitted: '2025-01-10T10:00:00Z', health: 'Fair' }),
    row('Harbour', 'baseline', 'ab 01', 3, { submitted: '2025-01-12T10:00:00Z', health: 'Very good' }), // same person, later: counts
    row('Harbour', 'baseline', 'CD02', 4, { health: 'Fair', mentalHealth: 'Excellent' }),
    row('Harbour', 'baseline', 'GH04', null, { health: 'Prefer not to say' }),
    row('Harbour', 'follow-up', 'AB01', 4, { health: 'Excellent' }),
    row('Harbour', 'follow-up', 'EF03', 5),
    row('Main', 'baseline', 'AB01', 1), // same code at another site: a different match group
  ];
  const report = evaluationReport(rows, scales, 1);
  const harbour = report.sites.find((group) => group.site === 'Harbour');

  it('counts a code that answered twice in one wave once, and uses the latest answer', () => {
    expect(harbour?.baselineN).toBe(3);
    expect(harbour?.scales.pay.baseline).toBe(3.5); // (3 + 4) / 2: the later AB01, CD02; GH04 has no score
  });

  it('matches the same code at the same site across waves, ignoring case and spaces', () => {
    expect(harbour?.matchedN).toBe(1);
    expect(harbour?.scales.pay.change).toBe(1); // AB01: 4 at follow-up − 3 at baseline
    expect(report.overall.matchedN).toBe(1); // Main's AB01 is not Harbour's AB01
  });

  it('pools the sites for all sites together', () => {
    expect(report.overall.baselineN).toBe(4);
    expect(report.overall.followUpN).toBe(2);
    expect(report.overall.scales.pay.baseline).toBeCloseTo((3 + 4 + 1) / 3);
    expect(report.overall.scales.pay.followUp).toBe(4.5);
  });

  it('reports the share with very good or excellent health among those who answered', () => {
    expect(harbour?.health.baseline).toBe(0.5); // Very good, Fair; "Prefer not to say" left out
    expect(harbour?.health.followUp).toBe(1);
    expect(harbour?.mentalHealth.baseline).toBe(1);
  });

  it('rejects a minimum group size below 1', () => {
    expect(() => evaluationReport(rows, scales, 0)).toThrow('minimum group size');
  });
});

describe('evaluationReport: suppression', () => {
  function cellsOf(cells: ReportCell[]): (number | string)[] {
    return cells.map((cell) => (typeof cell === 'number' ? cell : 'hidden'));
  }

  it('never shows a number for a group smaller than the minimum', () => {
    const report = evaluationReport([...people('A', 'baseline', 8), ...people('B', 'baseline', 6), ...people('C', 'baseline', 2, 1)], scales, 5);
    const c = report.sites.find((group) => group.site === 'C');
    expect(c?.baselineN).toEqual(HIDDEN);
    expect(c?.scales.pay.baseline).toEqual(HIDDEN);
    expect(c?.baselineN).not.toHaveProperty('value');
  });

  it('hides the next-smallest site too when only one site is hidden, so it cannot be found by subtraction', () => {
    const report = evaluationReport([...people('A', 'baseline', 8), ...people('B', 'baseline', 6), ...people('C', 'baseline', 2, 1)], scales, 5);
    expect(report.overall.baselineN).toBe(16);
    expect(cellsOf(report.sites.map((group) => group.baselineN))).toEqual([8, 'hidden', 'hidden']);
    expect(cellsOf(report.sites.map((group) => group.scales.pay.baseline))).toEqual([3, 'hidden', 'hidden']);
  });

  it('says why each cell is hidden: too few people, or so that a smaller group cannot be worked out', () => {
    const report = evaluationReport([...people('A', 'baseline', 8), ...people('B', 'baseline', 6), ...people('C', 'baseline', 2, 1)], scales, 5);
    const counts = reportTable(report).find((line) => line[0].startsWith('People who answered the first survey'))!;
    expect(counts).toEqual([
      'People who answered the first survey (baseline)', '16', '8',
      'hidden so a smaller group cannot be worked out (complementary suppression)', 'suppressed (fewer than 5 people)',
    ]);
  });

  it('needs no extra hiding when the hidden sites together hold at least the minimum', () => {
    const rows = [...people('A', 'baseline', 8), ...people('B', 'baseline', 6), ...people('C', 'baseline', 2), ...people('D', 'baseline', 4)];
    const report = evaluationReport(rows, scales, 5);
    expect(cellsOf(report.sites.map((group) => group.baselineN))).toEqual([8, 6, 'hidden', 'hidden']);
  });

  it('hides one more site when the hidden sites together still hold fewer than the minimum', () => {
    const rows = [...people('A', 'baseline', 8), ...people('B', 'baseline', 6), ...people('C', 'baseline', 1), ...people('D', 'baseline', 2)];
    const report = evaluationReport(rows, scales, 5);
    expect(cellsOf(report.sites.map((group) => group.baselineN))).toEqual([8, 'hidden', 'hidden', 'hidden']);
  });

  it('does not hide other sites because of a site where nobody answered', () => {
    const rows = [...people('A', 'baseline', 6), ...people('A', 'follow-up', 6), ...people('B', 'baseline', 7), ...people('B', 'follow-up', 7), ...people('C', 'baseline', 5)];
    const report = evaluationReport(rows, scales, 5);
    expect(cellsOf(report.sites.map((group) => group.followUpN))).toEqual([6, 7, 'hidden']);
    expect(report.sites[2].baselineN).toBe(5);
  });

  it('hides all sites together when the whole group is too small', () => {
    const report = evaluationReport(people('A', 'baseline', 3), scales, 5);
    expect(report.overall.baselineN).toEqual(HIDDEN);
    expect(report.sites[0].baselineN).toEqual(HIDDEN);
  });

  it('hides an average change when fewer matched people than the minimum have both scores', () => {
    const rows = [...people('A', 'baseline', 6, 2), ...people('A', 'follow-up', 6, 4)];
    rows[0].scores.pay = null;
    rows[1].scores.pay = null;
    const report = evaluationReport(rows, scales, 5);
    expect(report.sites[0].matchedN).toBe(6);
    expect(report.sites[0].scales.pay.change).toEqual(HIDDEN); // only 4 pairs have both scores
  });
});

describe('reportTable', () => {
  const report = evaluationReport([...people('A', 'baseline', 8, 3), ...people('A', 'follow-up', 8, 4), ...people('B', 'baseline', 6), ...people('C', 'baseline', 2, 1)], scales, 5);
  const table = reportTable(report);

  it('writes a header, one row per measure and a note, all the same width', () => {
    expect(table[0]).toEqual(['Measure', 'All sites', 'A', 'B', 'C']);
    expect(new Set(table.map((line) => line.length))).toEqual(new Set([5]));
    expect(table[table.length - 1][0]).toContain('fewer than 5 people is not shown');
  });

  it('writes a site name that looks like a formula as text', () => {
    const risky = reportTable(evaluationReport(people('=HYPERLINK("x")', 'baseline', 5), scales, 5));
    expect(risky[0][2]).toBe('\'=HYPERLINK("x")');
  });

  it('shows counts, averages with 2 decimals, and suppressed cells as text', () => {
    const baseline = table.find((line) => line[0].startsWith('People who answered the first survey'));
    // The site of 6 is hidden only so the site of 2 cannot be found by subtraction, and says so.
    expect(baseline).toEqual(['People who answered the first survey (baseline)', '16', '8', 'hidden so a smaller group cannot be worked out (complementary suppression)', 'suppressed (fewer than 5 people)']);
    const change = table.find((line) => line[0] === 'Fair pay: average change for matched people');
    expect(change?.slice(1, 3)).toEqual(['1.00', '1.00']);
  });
});

describe('evaluationRowFromRecord', () => {
  it('reads a stored Survey Responses row back into a report row', () => {
    const definition = evaluation();
    const normalized = normalizeSubmission(definition, {
      namedValues: {
        'Which survey is this?': ['Follow-up'], 'Where do you work?': ['Harbour'], 'Your code': ['ro07'], 'Your health': ['Good'],
        'Pay is fair.': ['Agree'], 'Pay is on time.': ['Agree'], 'Pay is worse than elsewhere.': ['Agree'],
      },
      timestamp: new Date('2026-03-01T12:00:00Z'),
    });
    const record = surveyRecord(definition, normalized, scoreResponse(definition, normalized.answers), { id: 'SR-9', timeZone: 'America/Vancouver' });
    expect(evaluationRowFromRecord(definition, asStored(record))).toEqual({
      site: 'Harbour', wave: 'follow-up', code: 'RO07', submitted: record.Submitted, health: 'Good',
      scores: { pay: 3.33, pay_sum: 13.33, workload: null },
    });
    expect(record.Submitted).toMatch(/^2026-03-0[12]$/); // the day only, in the tracker's time zone
    expect(evaluationRowFromRecord(definition, { ...record, Wave: '' })).toBeNull();
  });
});
