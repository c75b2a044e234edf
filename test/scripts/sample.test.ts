// The sample organization tells its story on any day: every date moves by the same number of days, so what was overdue stays overdue by as much.
import { loadSampleOrganization, shiftSampleDate } from '../../scripts/sample/organization';
import { join } from 'node:path';
import { definitionById, evaluationAnswers, sampleLean, submitSampleResponses } from '../../scripts/sample/surveys';
import { fillSampleOrganization } from '../../scripts/sample/organization';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';

describe('the sample organization', () => {
  const written = loadSampleOrganization();

  it('is dated as written when no day is asked for, so tests keep a fixed date', () => {
    expect(written.today).toBe('2026-03-16');
    expect(written.shiftDays).toBe(0);
  });

  it('moves every date by the same number of days to tell its story on the day asked for', () => {
    const later = loadSampleOrganization({ today: '2027-01-10' });
    expect(later.today).toBe('2027-01-10');
    expect(later.shiftDays).toBe(300);
    let dates = 0;
    for (const [tab, rows] of Object.entries(written.tabs)) {
      rows.forEach((row, index) => {
        for (const [column, value] of Object.entries(row)) {
          const moved = later.tabs[tab][index][column];
          if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
            dates += 1;
            const days = (Date.parse(String(moved)) - Date.parse(value)) / 86_400_000;
            expect([tab, column, days]).toEqual([tab, column, 300]);
          } else expect(moved).toEqual(value);
        }
      });
    }
    expect(dates).toBeGreaterThan(50);
  });

  it('moves date-times by whole days, across month and year ends, keeping the time of day', () => {
    expect(shiftSampleDate('2026-03-13T20:00:00Z', 300)).toBe('2027-01-07T20:00:00Z');
    expect(shiftSampleDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(shiftSampleDate('2026-12-31', -365)).toBe('2025-12-31');
    expect(shiftSampleDate('not a date', 5)).toBe('not a date');
  });

  it('refuses a day not written YYYY-MM-DD', () => {
    expect(() => loadSampleOrganization({ today: '10/01/2027' })).toThrow('The sample\'s day must be written YYYY-MM-DD, not "10/01/2027"');
  });

  it('has everyone who answers the baseline survey on the roster that day, at each site', () => {
    // The sample's first baseline answers (scripts/sample/surveys.ts): Harbour Lights six on 2025-03-03, Cedar House five on 2025-02-10.
    const onRoster = (site: string, day: string) => written.tabs.Staff.filter((p) => String(p.Site).endsWith(site) && String(p.Start) <= day && !(p.End && String(p.End) < day)).length;
    expect(onRoster('Harbour Lights Drop-in', '2025-03-03')).toBeGreaterThanOrEqual(6);
    expect(onRoster('Cedar House', '2025-02-10')).toBeGreaterThanOrEqual(5);
  });

  it('gives each person their own lean per scale, the same on every run', () => {
    const lean = sampleLean('RO07K2', 'baseline');
    expect(sampleLean('RO07K2', 'baseline')).toEqual(lean);
    expect(Object.keys(lean)).toHaveLength(8);
    expect(new Set(Object.values(lean)).size).toBeGreaterThan(3);
    expect(sampleLean('MA12V0', 'baseline')).not.toEqual(lean);
    const evaluation = definitionById('rose-evaluation');
    const person = { wave: 'baseline' as const, site: 'Cedar House', code: 'RO07K2', mood: 3 };
    const flat = evaluationAnswers(evaluation, person);
    const leaning = evaluationAnswers(evaluation, { ...person, lean });
    const firsts = evaluation.scales.map((scale) => evaluation.items.find((i) => i.id === scale.items[0])!.title);
    expect(new Set(firsts.map((title) => flat[title])).size).toBe(1);
    expect(new Set(firsts.map((title) => leaning[title])).size).toBeGreaterThan(1);
  });

  it('stops rather than submit a sample answer dated after the sample\'s day', () => {
    // The story's last answers come on 2026-03-13; told on 2026-03-11, they would be from the future.
    const ws = createWorkspace({ now: '2026-03-11T17:00:00Z', user: 'coordinator@example.org' });
    const addon = AddOn.load(ws, join(__dirname, '..', '..', 'dist', 'Code.js'));
    const id = ws.createSpreadsheet('Sample told too early');
    ws.openInSheets(id);
    addon.call('setupTracker');
    fillSampleOrganization(ws, id, written);
    expect(() => submitSampleResponses(ws, addon, id, 0)).toThrow(/^A sample answer is dated 2026-03-1[23]T.*, after the sample's day \(2026-03-11T17:00:00\.000Z\): date it in the sample's past\.$/);
  });
});
