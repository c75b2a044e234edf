// Settings values are checked where they are typed and by Check data; the Action Plan shows blocked and past-due activities.
import { openAddon } from '../support/addon';
import { setSetting, tabValues } from '../support/tracker';

type Found = { tab: string; row: number; message: string };

describe('Settings', () => {
  it('checks the living wage and the reminder lead days in their own cells, and rejects other input', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    const settings = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Settings')!;
    const rows = tabValues(h, 'Settings');
    const rowOf = (key: string) => rows.findIndex((r) => r[0] === key) + 1;
    const rule = (key: string) => settings.cell(rowOf(key), 2)?.validation;
    expect(rule('Reminder lead days')).toMatchObject({ criteria: 'CUSTOM_FORMULA', allowInvalid: false, helpText: 'A whole number from 0 to 90.' });
    const lead = `B${rowOf('Reminder lead days')}`;
    expect(rule('Reminder lead days')?.args[0]).toBe(`=AND(ISNUMBER(${lead}),${lead}=INT(${lead}),${lead}>=0,${lead}<=90)`);
    const wage = `B${rowOf('Living wage per hour')}`;
    expect(rule('Living wage per hour')?.args[0]).toBe(`=AND(ISNUMBER(${wage}),${wage}>=0)`);
    expect(rule('Organization name')).toBeUndefined();
  });

  it.each([
    ['Reminder lead days', 120, '"Reminder lead days" should be a whole number from 0 to 90; using 30 until it is fixed.'],
    ['Reminder lead days', 7.5, '"Reminder lead days" should be a whole number from 0 to 90; using 30 until it is fixed.'],
    ['Living wage per hour', -2, '"Living wage per hour" should be a number of at least 0; using 27.85 until it is fixed.'],
    ['Time zone', 'Vancouver', '"Vancouver" is not a time zone name such as America/Vancouver.'],
  ])('Check data says when %s is %p', (key, value, message) => {
    const h = openAddon();
    h.addon.call('setupTracker');
    setSetting(h, key, value);
    const problems = h.addon.call<{ problems: Found[] }>('checkData').problems.filter((p) => p.tab === 'Settings');
    expect(problems.map((p) => p.message)).toContain(`${key}: ${message}`);
  });
});

describe('the Action Plan', () => {
  it('highlights a Blocked activity and one past its End that is neither done nor cancelled, with rules evaluated against TODAY()', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    const plan = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Action Plan')!;
    const header = tabValues(h, 'Action Plan')[0];
    const letter = (name: string) => String.fromCharCode(65 + header.indexOf(name));
    const status = `$${letter('Status')}2`;
    const end = `$${letter('End')}2`;
    const formulas = plan.conditionalRules.map((r) => [r.args[0], r.ranges[0].bounds.column, r.background]);
    expect(formulas).toEqual(expect.arrayContaining([
      [`=AND(${status}="Blocked",N("ROSE Tracker")=0)`, header.indexOf('Status') + 1, '#f4c7c3'],
      [`=AND(${end}<>"",${end}<TODAY(),${status}<>"Done",${status}<>"Cancelled",N("ROSE Tracker")=0)`, header.indexOf('End') + 1, '#f4c7c3'],
    ]));
  });
});
