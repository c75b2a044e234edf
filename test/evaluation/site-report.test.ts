// A site's one page: the implementation index beside the follow-up and the matched change, small groups never shown.
import { implementationIndex } from '../../addon/evaluation/implementation';
import { siteReportRows } from '../../addon/evaluation/site-report';
import { closeWave, followUpOutcome, waveSchedule } from '../../addon/evaluation/waves';
import type { EvaluationRow } from '../../addon/surveys/report';
import { readSettings } from '../../addon/tracker/settings';
import { tables } from './tables';

const settings = readSettings(undefined);
const scales = [{ id: 'pay', title: 'Fair pay' }, { id: 'respect', title: 'Respect at work' }];
const tracker = tables({
  Sites: [{ ID: 'SITE-0001', Name: 'Harbour' }],
  Staff: [1, 2, 3, 4, 5, 6].map((i) => ({ ID: `STAFF-000${i}`, 'Full name': `Worker ${i}`, Role: i === 1 ? 'Peer Supporter' : 'Peer Worker', Site: 'SITE-0001', Start: '2024-01-01', 'Photo ID issued': i <= 3 ? '2025-06-01' : '' })),
  Events: [{ ID: 'EVT-0001', Site: 'SITE-0001', Type: 'Teambuilding day', Date: '2025-09-01' }],
});
// Pay: 6 matched people, changes 1, 2, 3, 1, 2, 3. Respect: only 2 scored both times.
const rows: EvaluationRow[] = [];
[1, 2, 3, 1, 2, 3].forEach((change, i) => {
  rows.push({ site: 'Harbour', wave: 'baseline', code: `HB${i}`, scores: { pay: 2, respect: i < 2 ? 3 : null }, submitted: `2025-01-1${i}` });
  rows.push({ site: 'Harbour', wave: 'follow-up', code: `HB${i}`, scores: { pay: 2 + change, respect: 4 }, submitted: `2026-01-2${i}` });
});

describe('siteReportRows', () => {
  const closed = closeWave(rows, 'Harbour', scales, '2026-03-01', 5);
  const [wave] = waveSchedule(rows, tracker, [closed], { followUpAfterMonths: 12, followUpOpenDays: 60, reminderLeadDays: 30, minGroupSize: 5 }, '2026-03-31');
  // The index's baseline is taken on the day the site's baseline survey opened.
  const baselineDates = new Map([[wave.site, wave.baselineFirst as string]]);
  const index = implementationIndex(tracker, settings, { periodEnds: ['2025-12-31', '2026-03-31'], baselineDates }).sites[0];
  const [outcome] = followUpOutcome(rows, scales, [closed], 5);
  const page = siteReportRows({ index, wave, outcome, scales, minGroupSize: 5 });
  const line = (start: string): string[] => page.find((r) => r[0].startsWith(start))!;

  it('puts the index, the wave and the change on one page of four columns', () => {
    expect(page.every((r) => r.length === 4)).toBe(true);
    expect(line('Photo ID issued')).toEqual(['Photo ID issued', '0%', '100%', '50% · Halfway or more']);
    expect(line('Peer Supporter role filled')).toEqual(['Peer Supporter role filled', 'Yes', 'Yes', 'Yes · Met']);
    expect(line('Contract signed')[0]).toBe('Contract signed (as the Staff tab stands today)');
    // Wages and required training have no figure here (no wages typed, no topic required), so 1 met of 8: the Peer Supporter role.
    expect(line('Share of the model in place')[3]).toBe('13%');
    expect(line('Paid at or above the living wage')[3]).toBe('— · No figure');
    expect(line('When')).toEqual(['When', '2025-01-10 to 2025-01-15', 'from 2026-01-10', 'closed 2026-03-01']);
    expect(line('People who answered')).toEqual(['People who answered', '6', '6', '']);
  });

  it("shows the matched change with its interval and d_z, final once the wave is closed, and hides a small scale", () => {
    // Changes 1, 2, 3, 1, 2, 3: mean 2, SD √0.8, t(0.975, 5) = 2.5705818356363146 (scipy).
    const margin = (2.5705818356363146 * Math.sqrt(0.8)) / Math.sqrt(6);
    expect(line('Change for people who answered both')[0]).toContain('(final)');
    expect(line('Fair pay')).toEqual(['Fair pay (n = 6)', '+2.00', `+${(2 - margin).toFixed(2)} to +${(2 + margin).toFixed(2)}`, (2 / Math.sqrt(0.8)).toFixed(2)]);
    expect(line('Respect at work')).toEqual(['Respect at work', 'fewer than 5', '', '']);
  });
});
