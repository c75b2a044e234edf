// The Set up tracker sweep, split over two test files so jest runs its halves side by side (each run is a whole setup).
import { describeSweep, smallTracker, type Scenario } from './sweep';

export function sweepSetup(actionNames: RegExp): void {
  const h = smallTracker({ withIds: 0, withoutIds: 20 });
  const restore = h.ws.snapshot();
  const scenario: Scenario = {
    name: 'Set up tracker (20 rows without IDs)', harness: h, tab: 'Staff', token: 'Full name', written: ['ID'], shared: [],
    paste: { header: 'Preferred name', row: 4, values: [['Al', 'he/him'], ['Bo', 'she/her'], ['Cy', 'they/them']] },
    prepare: restore,
    run: () => { h.addon.call('setupTracker'); },
  };
  describeSweep('set up tracker, with a person acting before any of its service calls', scenario, { only: actionNames });
}
