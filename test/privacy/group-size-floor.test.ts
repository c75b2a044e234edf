// A minimum group size below 5 is ignored where it is used: the Dashboard and the Evaluation report still hide a group of 3, and each says which Settings row was not followed.
import { confirmedTracker, removeRowProtection, settingAs, SITE_LEAD } from './at-use-support';
import { dashboardGrid } from '../dashboard/fixtures';
import { formIdOf } from '../../scripts/sample/surveys';
import { person } from '../surveys/forms-support';
import { readSettings } from '../../addon/tracker/settings';
import { toTable } from '../../addon/tracker/table';
import type { Harness } from '../support/addon';

function threeAnswered(): Harness {
  const h = confirmedTracker();
  h.addon.call('createOrUpdateForms');
  const form = formIdOf(h.ws, h.spreadsheetId, 'rose-evaluation');
  for (const code of ['RO07K2', 'TE22N4', 'MA15P9']) h.ws.submitForm(form, person({ code, site: 'Harbour Lights Drop-in' }));
  removeRowProtection(h, 'Minimum group size for reports');
  settingAs(h, 'Minimum group size for reports', 2, SITE_LEAD);
  return h;
}

function dashboardValue(h: Harness, measure: string): unknown {
  return dashboardGrid(h).find((row) => row[0] === measure)?.[1];
}

describe('the minimum group size has a floor of 5', () => {
  it('the Dashboard hides a group of 3 when Settings says 2, and names the row', () => {
    const h = threeAnswered();
    h.addon.call('refreshDashboard');
    expect(String(dashboardValue(h, 'People who answered the baseline survey'))).toMatch(/suppressed \(fewer than 5 people\)/);
    const notes = dashboardGrid(h).map((row) => String(row[0] ?? ''));
    expect(notes.some((line) => line.startsWith('Settings, Minimum group size for reports: "Minimum group size for reports" should be a whole number of at least 5; using 5'))).toBe(true);
    expect(notes).toContain('Figures about fewer than 5 people are not shown, to protect anonymity.');
  });

  it('the Evaluation report hides a group of 3 and says which row it did not follow', () => {
    const h = threeAnswered();
    h.addon.call('buildEvaluationReport');
    const report = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Evaluation report')!;
    const cells = report.rows.flatMap((row) => (row ?? []).map((c) => String(c?.value ?? '')));
    expect(cells.some((v) => /suppressed/.test(v))).toBe(true);
    expect(cells).not.toContain('3');
    const toasts = h.ws.host.uiLog.filter((u) => u.kind === 'toast').map((u) => String(u.content));
    expect(toasts.some((t) => /^Settings, row \d+: "Minimum group size for reports" should be a whole number of at least 5/.test(t))).toBe(true);
  });

  it('Settings reads a value below 5 as 5 with the reason, and keeps a larger one', () => {
    const settings = (value: number) => readSettings(toTable('Settings', ['Setting', 'Value'], [['Minimum group size for reports', value]]));
    expect(settings(3).minimumGroupSize).toBe(5);
    expect(settings(3).problems[0].message).toContain('A figure about fewer than 5 people can point to one of them');
    expect(settings(8).minimumGroupSize).toBe(8);
    expect(settings(8).problems).toEqual([]);
  });
});
