// A refresh from the menu while a person sorts, inserts, deletes or pastes at any moment: every ID and computed value stays on its row.
import { describeSweep, smallTracker, type Scenario } from './sweep';

const h = smallTracker({ withIds: 14, withoutIds: 6 });
const restore = h.ws.snapshot();
const scenario: Scenario = {
  name: 'Refresh (menu)', harness: h, tab: 'Staff', token: 'Full name', written: ['ID'], shared: [],
  paste: { header: 'Preferred name', row: 4, values: [['Al', 'he/him'], ['Bo', 'she/her'], ['Cy', 'they/them']] },
  prepare: restore,
  run: () => { h.addon.call('refreshComputed'); },
};

describeSweep('refresh from the menu, with a person acting before any of its service calls', scenario);

// The same on Staff pay and contacts, whose names and living-wage flags the refresh writes by Staff ID.
const p = smallTracker({ withIds: 20, withoutIds: 0 });
const restorePay = p.ws.snapshot();
describeSweep('refresh from the menu, with a person acting in Staff pay and contacts before any of its service calls', {
  name: 'Refresh (menu), Staff pay and contacts', harness: p, tab: 'Staff pay and contacts', token: 'Staff ID', sortBy: 'Staff ID',
  written: ['Full name', 'Below living wage'], shared: [],
  paste: { header: 'Hourly wage', row: 4, values: [[15, 10], [40, 10], [20, 10]] },
  prepare: restorePay,
  run: () => { p.addon.call('refreshComputed'); },
});
