// The refresh the installable on-edit trigger runs (as the coordinator who set up, whoever edited), while a person sorts, inserts, deletes or pastes at any moment: every ID and computed value stays on its row.
import { describeSweep, smallTracker, type Scenario } from './sweep';
import { byHand } from '../documents/support';

const h = smallTracker({ withIds: 14, withoutIds: 6 });
const restore = h.ws.snapshot();
/** The edit event's range, made after each restore: Sheets hands every trigger run a range on the sheet as it is. */
let range: GoogleAppsScript.Spreadsheet.Range;
const prepare = (): void => {
  restore();
  range = byHand(h, () => h.ws.execute(() => (h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp)
    .openById(h.spreadsheetId).getSheetByName('Staff')!.getRange('L3')));
};
const scenario: Scenario = {
  name: 'Edit trigger (on-edit trigger on Staff)', harness: h, tab: 'Staff', token: 'Full name', written: ['ID', 'Below living wage'], shared: [],
  paste: { header: 'Hourly wage', row: 4, values: [[15, 10], [40, 10], [20, 10]] },
  prepare,
  // Sheets calls it as Workspace.personEdits does: FULL, as the trigger's owner.
  run: () => { h.addon.call('onTrackerEdit', [{ authMode: 'FULL', range }], { authMode: 'FULL' }); },
};

describeSweep('the edit trigger, with a person acting before any of its service calls', scenario);
