// The tracker opens on the Dashboard: setup puts every tab in working order, the raw form tabs last, and removes an empty default tab nobody used.
import { openAddon } from '../support/addon';
import { asUser } from '../support/tracker';
import { FORM_TIMESTAMP_PX, moveRequests, workingOrder, WORKING_ORDER } from '../../addon/tracker/tab-order';
import { TRACKER_TAB_NAMES } from '../../addon/tracker/tab-ids';
import { DASHBOARD_TAB } from '../../addon/dashboard/layout';
import { REPORT_TAB } from '../../addon/surveys/report-tab';
import { DATA_CHECK_TAB } from '../../addon/tracker/actions';
import { REMINDER_LOG_TAB } from '../../addon/reminders/send';

const tabs = (h: ReturnType<typeof openAddon>) => h.ws.spreadsheet(h.spreadsheetId).sheets.map((s) => s.name);

describe('the order of the tabs', () => {
  it('names every tab of the tracker and the tabs other parts own by their own constants', () => {
    for (const name of [...TRACKER_TAB_NAMES, DASHBOARD_TAB, REPORT_TAB, DATA_CHECK_TAB, REMINDER_LOG_TAB]) expect(WORKING_ORDER).toContain(name);
    expect(WORKING_ORDER[0]).toBe(DASHBOARD_TAB);
  });

  it('puts ours in working order, a person\'s own tabs after them and the form tabs last', () => {
    const order = workingOrder([
      { sheetId: 1, title: 'Form Responses 1' }, { sheetId: 2, title: 'Staff' }, { sheetId: 3, title: 'My notes' },
      { sheetId: 4, title: 'Dashboard' }, { sheetId: 5, title: 'Sites' }, { sheetId: 6, title: 'Form Responses 2' }, { sheetId: 7, title: 'Settings' },
    ]);
    expect(order).toEqual([4, 5, 2, 7, 3, 1, 6]);
  });

  it('moves each tab only to a place at or before its own, so the API\'s "before the move" indexes land where meant', () => {
    const current = [1, 2, 3, 4, 5];
    const requests = moveRequests(current, [4, 1, 2, 5, 3]);
    const order = [...current];
    for (const r of requests as { updateSheetProperties: { properties: { sheetId: number; index: number } } }[]) {
      const { sheetId, index } = r.updateSheetProperties.properties;
      expect(index).toBeLessThanOrEqual(order.indexOf(sheetId));
      order.splice(order.indexOf(sheetId), 1);
      order.splice(index, 0, sheetId);
    }
    expect(order).toEqual([4, 1, 2, 5, 3]);
    expect(moveRequests(current, current)).toEqual([]);
  });

  it('opens on the Dashboard after setup, tabs in working order, the empty "Sheet1" gone', () => {
    const h = openAddon();
    expect(tabs(h)).toEqual(['Sheet1']);
    const setup = h.addon.call<{ lines: string[] }>('setupTracker');
    expect(tabs(h)).toEqual(['Dashboard', 'Sites', 'Action Plan', 'Milestones', 'Budget', 'Expenses', 'Staff', 'Training Topics', 'Training Log', 'Events', 'Support Requests', 'Payments', 'Documents', 'Survey Responses', 'Interview Log', 'Implementation Targets', 'Settings', 'ROSE lists']);
    expect(setup.lines.join('\n')).toContain('Removed the empty tab "Sheet1"');
    const model = h.ws.spreadsheet(h.spreadsheetId);
    expect(model.sheetById(model.activeSheetId)?.name).toBe('Dashboard');
  });

  it.each([
    ['a value', (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => ss.getSheetByName('Sheet1')!.getRange('C7').setValue('call Robin')],
    ['a format', (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => ss.getSheetByName('Sheet1')!.getRange('B2:B9').setNumberFormat('0.00')],
    ['a note', (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => ss.getSheetByName('Sheet1')!.getRange('A1').setNote('keep')],
  ])('keeps a "Sheet1" that holds %s, after the tracker\'s tabs', (_what, touch) => {
    const h = openAddon();
    asUser(h, touch);
    h.addon.call('setupTracker');
    expect(tabs(h)).toContain('Sheet1');
    expect(tabs(h).indexOf('Sheet1')).toBeGreaterThan(tabs(h).indexOf('ROSE lists'));
    expect(tabs(h)[0]).toBe('Dashboard');
  });

  it('places the Reminder log the first digest makes in working order, before Settings and the form tabs', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    h.addon.call('createOrUpdateForms');
    h.addon.call('sendRemindersNow');
    const names = tabs(h);
    expect(names).toContain(REMINDER_LOG_TAB);
    const ours = names.filter((n) => WORKING_ORDER.includes(n));
    expect(ours).toEqual(WORKING_ORDER.filter((n) => names.includes(n)));
    expect(names.indexOf(REMINDER_LOG_TAB)).toBeLessThan(names.findIndex((n) => /^Form Responses/.test(n)));
  });

  it('puts the form tabs last once forms are made', () => {
    const h = openAddon();
    h.addon.call('setupTracker');
    h.addon.call('createOrUpdateForms');
    const names = tabs(h);
    const forms = names.filter((n) => /^Form Responses/.test(n));
    expect(forms.length).toBeGreaterThan(0);
    expect(names.slice(-forms.length)).toEqual(forms);
    expect(names[0]).toBe('Dashboard');
    // Forms' Timestamp column is widened so its date and time show whole.
    for (const name of forms) expect(h.ws.spreadsheet(h.spreadsheetId).sheetByName(name)!.columnWidths.get(1)).toBe(FORM_TIMESTAMP_PX);
  });
});
