// The evaluation's report sections as rows: a closed site's frozen figures never give away a group the outcome table hides, and follow-up reminders go only to confirmed evaluators.
import { followUpSection, overallShown, shownInReport, asFigure, CHANGE } from '../../addon/evaluation/report-rows';
import { closeWave, closedWavesFromJson, closedWavesToJson, waveSchedule, withoutLateAnswers, type WaveTiming } from '../../addon/evaluation/waves';
import { evaluatorRecipients, followUpReminders, followUpScheduleRecord, followUpScheduleFromJson } from '../../addon/evaluation/reminders';
import type { EvaluationRow } from '../../addon/surveys/report';
import { tables } from './tables';

const timing: WaveTiming = { followUpAfterMonths: 12, followUpOpenDays: 60, reminderLeadDays: 30, minGroupSize: 5 };
const scales = [{ id: 'pay', title: 'Fair pay' }];
const row = (site: string, wave: 'baseline' | 'follow-up', code: string, pay: number, submitted: string): EvaluationRow => ({ site, wave, code, scores: { pay }, submitted });
const tracker = tables({ Sites: [{ ID: 'SITE-0001', Name: 'Harbour' }, { ID: 'SITE-0002', Name: 'Ridge' }] });

// Harbour: 6 matched pairs; Ridge: 4 baseline answers and 3 follow-ups, a group below the minimum.
const harbour = [0, 1, 2, 3, 4, 5].flatMap((i) => [row('Harbour', 'baseline', `H${i}`, 2, '2025-01-10'), row('Harbour', 'follow-up', `H${i}`, 3 + (i % 2), '2026-01-20')]);
const ridge = [0, 1, 2, 3].map((i) => row('Ridge', 'baseline', `R${i}`, 3, '2025-01-12')).concat([0, 1, 2].map((i) => row('Ridge', 'follow-up', `R${i}`, 4, '2026-01-25')));
const rows = [...harbour, ...ridge];

describe('the follow-up block beside the outcome table', () => {
  it('hides a closed site\'s frozen change when the outcome table hides it to protect a smaller site', () => {
    // The outcome table shows all sites' follow-up and hides Harbour too (complementary), since Ridge alone is small.
    const shown = shownInReport(rows, scales, 5);
    expect(shown.get('Harbour')).toMatchObject({ followUp: false, matched: false, change: { pay: false } });
    const closed = [closeWave(rows, 'Harbour', scales, '2026-02-01', 5)];
    expect(closed[0].outcome.scales.pay).toMatchObject({ n: 6 }); // the snapshot itself holds the figure…
    const block = followUpSection({ rows, tables: tracker, closed, timing, today: '2026-02-10', scales, scaleNote: '' });
    const column = block[0].indexOf('Harbour');
    const cell = (label: string) => block.find((r) => r[0] === label)![column];
    // …but the report does not show it, or Ridge's three answers could be worked out from the table's All sites.
    expect(cell('Fair pay: average change (follow-up − baseline)')).toBe('hidden so a smaller group cannot be worked out (complementary suppression)');
    expect(cell('People who answered both (matched pairs)')).toBe('hidden so a smaller group cannot be worked out (complementary suppression)');
    expect(block.find((r) => r[0] === 'Follow-up state')![column]).toBe('closed on 2026-02-01: final');
  });

  it('shows the closed site once the other sites are large enough, as a number with a sign', () => {
    const more = [...rows, ...[3, 4].map((i) => row('Ridge', 'baseline', `R${i}`, 3, '2025-01-12')), ...[3, 4].map((i) => row('Ridge', 'follow-up', `R${i}`, 4, '2026-01-25'))];
    const closed = [closeWave(more, 'Harbour', scales, '2026-02-01', 5)];
    const block = followUpSection({ rows: more, tables: tracker, closed, timing, today: '2026-02-10', scales, scaleNote: '' });
    const column = block[0].indexOf('Harbour');
    expect(block.find((r) => r[0] === 'Fair pay: average change (follow-up − baseline)')![column]).toEqual({ number: 1.5, format: CHANGE });
  });

  it('never shows an all-sites figure from which one hidden site can be subtracted', () => {
    expect(overallShown([6, 3], [true, false], 5)).toBe(false);
    expect(overallShown([6, 3, 3], [true, false, false], 5)).toBe(true);
    expect(overallShown([6, 0], [true, false], 5)).toBe(true);
    expect(overallShown([6, 2, 2], [true, false, false], 5)).toBe(false);
  });

  it('leaves out answers a closed site received after its closing day, and only those', () => {
    const closed = [closeWave(rows, 'Harbour', scales, '2026-01-20', 5)];
    const late = [row('Harbour', 'follow-up', 'L1', 5, '2026-01-21'), row('Ridge', 'follow-up', 'L2', 5, '2026-03-01')];
    expect(withoutLateAnswers([...rows, ...late], closed)).toEqual([...rows, late[1]]);
  });

  it('reads figures written as text back as numbers: counts, shares and signed changes', () => {
    expect([asFigure('12'), asFigure('80%'), asFigure('+0.52'), asFigure('-0.10'), asFigure('2.92'), asFigure('Yes · Met')]).toEqual([
      { number: 12, format: '0' }, { number: 0.8, format: '0%' }, { number: 0.52, format: CHANGE }, { number: -0.1, format: CHANGE }, { number: 2.92, format: '0.00' }, 'Yes · Met',
    ]);
  });
});

describe('closed waves kept as one record', () => {
  it('round-trip through text and refuse text that is not a list of them, naming where it came from', () => {
    const closed = [closeWave(rows, 'Harbour', scales, '2026-02-01', 5)];
    expect(closedWavesFromJson(closedWavesToJson(closed), 'Closed survey waves')).toEqual(closed);
    expect(closedWavesFromJson(null, 'x')).toEqual([]);
    expect(() => closedWavesFromJson('{"site":"Harbour"}', 'Closed survey waves')).toThrow('Closed survey waves: the record of closed survey waves is not a list.');
    expect(() => closedWavesFromJson('[{"format":2}]', 'Closed survey waves')).toThrow('Closed survey waves, closed wave 1: the closed wave has an unknown format (2).');
  });
});

describe('follow-up reminders', () => {
  const schedule = waveSchedule(rows, tracker, [], timing, '2026-01-01');
  const record = followUpScheduleRecord(schedule, ['Evaluator@Example.org'], 'coordinator@example.org', new Date('2026-01-01T12:00:00Z'));

  it('keep dates and shown counts only, and remind before the follow-up opens and while it runs', () => {
    expect(JSON.stringify(record)).not.toMatch(/H\d|R\d/);
    expect(followUpReminders(followUpScheduleFromJson(JSON.stringify(record)), '2025-12-20', timing).map((r) => r.state)).toEqual(['opens soon', 'opens soon']);
    expect(followUpReminders(record, '2026-02-01', timing).map((r) => [r.site, r.state])).toEqual([['Harbour', 'open'], ['Ridge', 'open']]);
    expect(followUpReminders(record, '2025-10-01', timing)).toEqual([]);
  });

  it('go to an evaluator only when a confirmed coordinator built the report with that address listed', () => {
    expect(evaluatorRecipients(record, ['evaluator@example.org', 'new@example.org'], ['coordinator@example.org'])).toEqual({ recipients: ['evaluator@example.org'], refused: ['new@example.org'] });
    expect(evaluatorRecipients(record, ['evaluator@example.org'], ['someone.else@example.org']).recipients).toEqual([]);
    expect(evaluatorRecipients(null, ['evaluator@example.org'], ['coordinator@example.org']).recipients).toEqual([]);
  });
});
