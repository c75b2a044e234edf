// The refresh the installable on-edit trigger runs (as the coordinator who set up, whoever edited), while a person sorts, inserts, deletes or pastes at any moment: every ID and computed value stays on its row.
import { describeSweep, smallTracker, type Scenario } from './sweep';
import { byHand } from '../documents/support';

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

/** A scenario whose edit event's range is `a1` on Staff (or on Staff pay and contacts), made after each restore (Sheets hands every trigger run a range on the sheet as it is). */
function editScenario(name: string, h: ReturnType<typeof smallTracker>, a1: string, typed?: number, tab: 'Staff' | 'Staff pay and contacts' = 'Staff'): Scenario {
  const restore = h.ws.snapshot();
  let range: GoogleAppsScript.Spreadsheet.Range;
  const onPay = tab === 'Staff pay and contacts';
  return {
    name, harness: h, tab, token: onPay ? 'Staff ID' : 'Full name', sortBy: onPay ? 'Staff ID' : undefined,
    written: onPay ? ['Full name', 'Below living wage'] : ['ID'], shared: [],
    paste: onPay ? { header: 'Hourly wage', row: 4, values: [[15, 10], [40, 10], [20, 10]] } : { header: 'Preferred name', row: 4, values: [['Al', 'he/him'], ['Bo', 'she/her'], ['Cy', 'they/them']] },
    prepare: () => {
      restore();
      range = byHand(h, () => h.ws.execute(() => {
        const cell = (h.ws.globals().SpreadsheetApp as SpreadsheetApp).openById(h.spreadsheetId).getSheetByName(tab)!.getRange(a1);
        // The person's edit itself (a script's write fires no trigger; the run below is the trigger's).
        if (typed !== undefined) cell.setValue(typed);
        return cell;
      }));
    },
    // Sheets calls it as Workspace.personEdits does: FULL, as the trigger's owner.
    run: () => { h.addon.call('onTrackerEdit', [{ authMode: 'FULL', range }], { authMode: 'FULL' }); },
  };
}

// A paste over every row, six of them people without an ID (rows 16 to 21): the whole-tab refresh
// gives them IDs. (The event's range is a position: a single row without an ID could hold
// someone with an ID once the person has sorted, and take the edited-rows refresh instead.)
describeSweep('the edit trigger, with a person acting before any of its service calls',
  editScenario('Edit trigger (on-edit trigger on Staff, rows without their IDs)', smallTracker({ withIds: 14, withoutIds: 6 }), 'C2:C21'));

// Row 3's wage (Staff pay and contacts, column E) drops below the living wage: the edited row alone is
// read and its flag written, and when rows move before that write lands, the whole-tab refresh puts every flag on its row.
describeSweep('the edit trigger on one row with its Staff ID, with a person acting before any of its service calls',
  editScenario('Edit trigger (on-edit trigger on Staff pay and contacts, one row with its Staff ID)', smallTracker({ withIds: 20, withoutIds: 0 }), 'E3', 20, 'Staff pay and contacts'));
