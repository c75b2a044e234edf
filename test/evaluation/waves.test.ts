// The follow-up wave: due dates from each site's baseline, its states, answers against the roster, and a closed wave's report that never moves.
import {
  closeWave, closedWaveFromJson, closedWaveToJson, followUpOutcome, followUpState, rosterHeadcount, waveReminders, waveSchedule, waveTiming,
  type ClosedWave, type WaveTiming,
} from '../../addon/evaluation/waves';
import type { EvaluationRow } from '../../addon/surveys/report';
import { readSettings } from '../../addon/tracker/settings';
import { tables } from './tables';

const timing: WaveTiming = { followUpAfterMonths: 12, followUpOpenDays: 60, reminderLeadDays: 30, minGroupSize: 5 };
const scales = [{ id: 'pay', title: 'Fair pay' }];

function answer(site: string, wave: 'baseline' | 'follow-up', code: string, pay: number, submitted: string): EvaluationRow {
  return { site, wave, code, scores: { pay }, submitted };
}

const tracker = tables({
  Sites: [{ ID: 'SITE-0001', Name: 'Harbour' }, { ID: 'SITE-0002', Name: 'Ridge' }, { ID: 'SITE-0003', Name: 'Quiet' }],
  Staff: [
    ...[1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ ID: `STAFF-000${i}`, 'Full name': `Harbour worker ${i}`, Role: 'Peer Worker', Site: 'SITE-0001 · Harbour', Start: '2024-06-01' })),
    { ID: 'STAFF-0009', 'Full name': 'Left early', Role: 'Peer Worker', Site: 'SITE-0001', Start: '2024-06-01', End: '2025-02-01' },
    { ID: 'STAFF-0010', 'Full name': 'Joined later', Role: 'Peer Worker', Site: 'SITE-0001', Start: '2025-09-01' },
    { ID: 'STAFF-0011', 'Full name': 'Ridge worker', Role: 'Peer Worker', Site: 'SITE-0002', Start: '2024-01-01' },
    { ID: 'STAFF-0012', 'Full name': '', Role: 'Peer Worker', Site: 'SITE-0002' },
  ],
});

// Harbour: 6 baseline answers 2025-01-15 to 2025-01-29, 6 follow-ups; Ridge: 2 baseline answers in March.
const harbourBaseline = [0, 1, 2, 3, 4, 5].map((i) => answer('Harbour', 'baseline', `HB0${i}`, 2 + (i % 3), `2025-01-${15 + i * 2}T17:00:00Z`));
const harbourFollowUp = [0, 1, 2, 3, 4, 5].map((i) => answer('Harbour', 'follow-up', `HB0${i}`, 3 + (i % 2) + (i % 3), `2026-01-${20 + i}T17:00:00Z`));
const ridge = [answer('Ridge', 'baseline', 'RG01', 3, '2025-03-03T10:00:00Z'), answer('Ridge', 'baseline', 'RG02', 4, '2025-03-10T10:00:00Z')];
const rows = [...harbourBaseline, ...harbourFollowUp, ...ridge];

describe('follow-up schedule', () => {
  it("dates each site's baseline window and its follow-up a setting's months later", () => {
    const schedule = waveSchedule(rows, tracker, [], timing, '2025-06-01');
    const harbour = schedule.find((w) => w.site === 'Harbour')!;
    expect(harbour).toMatchObject({ baselineFirst: '2025-01-15', baselineLast: '2025-01-25', followUpDue: '2026-01-15', followUpEnds: '2026-03-15' });
    const sixMonths = waveSchedule(rows, tracker, [], { ...timing, followUpAfterMonths: 6 }, '2025-06-01');
    expect(sixMonths.find((w) => w.site === 'Ridge')!.followUpDue).toBe('2025-09-03');
  });

  it('moves a site through not due, opens soon, open, overdue and closed', () => {
    const due = '2026-01-15';
    expect(followUpState(due, false, '2025-12-15', timing)).toBe('not due');
    expect(followUpState(due, false, '2025-12-16', timing)).toBe('opens soon'); // 30 lead days before
    expect(followUpState(due, false, '2026-01-14', timing)).toBe('opens soon');
    expect(followUpState(due, false, '2026-01-15', timing)).toBe('open');
    expect(followUpState(due, false, '2026-03-15', timing)).toBe('open'); // the 60th open day
    expect(followUpState(due, false, '2026-03-16', timing)).toBe('overdue');
    expect(followUpState(due, true, '2026-03-16', timing)).toBe('closed');
    expect(followUpState(null, false, '2026-03-16', timing)).toBe('no baseline');
    const schedule = waveSchedule(rows, tracker, [], timing, '2026-02-01');
    expect(schedule.map((w) => [w.site, w.state])).toEqual([['Harbour', 'open'], ['Ridge', 'opens soon'], ['Quiet', 'no baseline']]);
  });

  it("counts answers against the roster at each wave's date and suppresses small groups", () => {
    const schedule = waveSchedule(rows, tracker, [], timing, '2026-02-01');
    const harbour = schedule.find((w) => w.site === 'Harbour')!;
    // Baseline day 2025-01-15: workers 1-8 and the one who left in February; follow-up day 2026-01-15: 1-8 and the one who joined.
    expect(harbour.headcountAtBaseline).toBe(9);
    expect(harbour.headcountAtFollowUp).toBe(9);
    const ridgeWave = schedule.find((w) => w.site === 'Ridge')!;
    expect(ridgeWave.baselineResponses).toEqual({ suppressed: true });
    expect(ridgeWave.baselineResponseRate).toEqual({ suppressed: true });
    // The evaluation report publishes the all-sites count, so Ridge = all − Harbour: Harbour is hidden with it.
    expect(harbour.baselineResponses).toEqual({ suppressed: true, complementary: true });
    // With five answers at Ridge both sites show, and the rate is answers over the roster.
    const more = [...rows, ...[3, 4, 5].map((i) => answer('Ridge', 'baseline', `RG0${i}`, 3, '2025-03-12T10:00:00Z'))];
    const shown = waveSchedule(more, tracker, [], timing, '2026-02-01');
    expect(shown.find((w) => w.site === 'Harbour')!.baselineResponses).toBe(6);
    expect(shown.find((w) => w.site === 'Harbour')!.baselineResponseRate).toBeCloseTo(6 / 9, 12);
    expect(shown.find((w) => w.site === 'Ridge')!).toMatchObject({ baselineResponses: 5, headcountAtBaseline: 1, baselineResponseRate: 5 });
    expect(rosterHeadcount(tracker, '2025-03-01').get('Ridge')).toBe(1);
  });

  it('reminds the evaluator before the follow-up opens, while it runs and when it is overdue', () => {
    const reminders = waveReminders(waveSchedule(rows, tracker, [], timing, '2026-02-14'), '2026-02-14');
    expect(reminders).toEqual([
      { site: 'Harbour', state: 'open', message: 'Harbour: the follow-up survey is open until 2026-03-15 (30 days left), 6 answers so far of 9 on the roster.' },
      { site: 'Ridge', state: 'opens soon', message: 'Ridge: the follow-up survey opens on 2026-03-03 (in 17 days).' },
    ]);
    const later = waveReminders(waveSchedule(rows, tracker, [], timing, '2026-03-20'), '2026-03-20');
    expect(later[0]).toMatchObject({ site: 'Harbour', state: 'overdue' });
    const closed = closeWave(rows, 'Harbour', scales, '2026-03-16', 5);
    expect(waveReminders(waveSchedule(rows, tracker, [closed], timing, '2026-03-20'), '2026-03-20').map((r) => r.site)).toEqual(['Ridge']);
  });

  it('takes its timing from Settings: 12 months and 60 open days unless the tracker says otherwise', () => {
    expect(waveTiming(readSettings(undefined))).toEqual(timing);
    const settings = tables({ Settings: [{ Setting: 'Follow-up after months', Value: 6 }, { Setting: 'Follow-up open days', Value: '2.5' }] }).Settings;
    const read = readSettings(settings);
    expect(waveTiming(read)).toMatchObject({ followUpAfterMonths: 6, followUpOpenDays: 60 });
    expect(read.problems.map((p) => p.message)).toEqual(['"Follow-up open days" should be a whole number of at least 1; using 60 until it is fixed.']);
  });

  it('refuses timing settings that calendar arithmetic cannot use', () => {
    expect(() => waveSchedule(rows, tracker, [], { ...timing, followUpAfterMonths: 0 }, '2026-01-01')).toThrow('Follow-up after months');
    expect(() => waveSchedule(rows, tracker, [], { ...timing, followUpOpenDays: 1.5 }, '2026-01-01')).toThrow('Follow-up open days');
  });
});

describe('closing a wave', () => {
  const closed = closeWave(rows, 'Harbour', scales, '2026-02-28', 5);

  it('freezes the counts and the paired change of the site on the closing day', () => {
    expect(closed).toMatchObject({ format: 1, site: 'Harbour', closedOn: '2026-02-28', answersThrough: '2026-01-25', baselineResponses: 6, followUpResponses: 6, matchedPairs: 6 });
    const pay = closed.outcome.scales.pay;
    if ('suppressed' in pay) throw new Error('suppressed');
    expect(pay.n).toBe(6);
  });

  it('keeps the report of a closed wave the same when a late answer arrives, while an open site moves', () => {
    const frozenBefore = JSON.stringify(followUpOutcome(rows, scales, [closed], 5).find((g) => g.site === 'Harbour'));
    const late = [
      ...rows,
      answer('Harbour', 'follow-up', 'HB00', 1, '2026-03-02T09:00:00Z'), // the same person answering again, later
      answer('Harbour', 'follow-up', 'HB09', 5, '2026-03-03T09:00:00Z'),
    ];
    const after = followUpOutcome(late, scales, [closed], 5);
    expect(JSON.stringify(after.find((g) => g.site === 'Harbour'))).toBe(frozenBefore);
    expect(after.find((g) => g.site === 'Harbour')!.final).toBe(true);
    // The same late answers do move the figures of a site that is not closed.
    const open = followUpOutcome(late, scales, [], 5).find((g) => g.site === 'Harbour')!;
    expect(JSON.stringify(open.outcome)).not.toBe(JSON.stringify(closed.outcome));
    // And closing on a day after they came in counts them, so the freeze is what holds the figures still.
    expect(JSON.stringify(closeWave(late, 'Harbour', scales, '2026-03-05', 5).outcome)).not.toBe(JSON.stringify(closed.outcome));
  });

  it('leaves out answers submitted after the closing day even when closed later from the same rows', () => {
    const late = [...rows, answer('Harbour', 'follow-up', 'HB00', 1, '2026-03-02T09:00:00Z')];
    expect(closeWave(late, 'Harbour', scales, '2026-02-28', 5)).toEqual(closed);
  });

  it('does not close a wave twice, and suppresses a closed site too small to show', () => {
    expect(() => closeWave(rows, 'Harbour', scales, '2026-03-01', 5, [closed])).toThrow('already closed');
    const ridgeClosed = closeWave(rows, 'Ridge', scales, '2026-04-01', 5);
    expect(ridgeClosed).toMatchObject({ baselineResponses: { suppressed: true }, followUpResponses: { suppressed: true }, outcome: { scales: { pay: { suppressed: true } } } });
  });

  it('is kept as text and read back whole, and a damaged record is refused with where it came from', () => {
    const kept: ClosedWave = closedWaveFromJson(closedWaveToJson(closed), 'Closed waves row 2');
    expect(kept).toEqual(closed);
    expect(() => closedWaveFromJson('{"format":1,"site":"Harbour"}', 'Closed waves row 3')).toThrow('Closed waves row 3: the closed wave has no closing date.');
    expect(() => closedWaveFromJson('not json', 'Closed waves row 4')).toThrow('Closed waves row 4: the closed wave is not readable');
  });
});
