// A refresh from the menu while a person sorts, inserts, deletes or pastes at any moment: every ID and computed value stays on its row.
import { describeSweep, smallTracker, type Scenario } from './sweep';

const h = smallTracker({ withIds: 14, withoutIds: 6 });
const restore = h.ws.snapshot();
const scenario: Scenario = {
  name: 'Refresh (menu)', harness: h, tab: 'Staff', token: 'Full name', written: ['ID', 'Below living wage'], shared: [],
  paste: { header: 'Hourly wage', row: 4, values: [[15, 10], [40, 10], [20, 10]] },
  prepare: restore,
  run: () => { h.addon.call('refreshComputed'); },
};

describeSweep('refresh from the menu, with a person acting before any of its service calls', scenario);
