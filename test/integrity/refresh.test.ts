// A refresh from the menu while a person sorts, inserts, deletes or pastes at any moment: every ID and computed value stays on its row.
import { personActions, report, smallTracker, sweep, type Scenario, type SweepResult } from './sweep';

const h = smallTracker({ withIds: 14, withoutIds: 6 });
const restore = h.ws.snapshot();
const scenario: Scenario = {
  name: 'Refresh (menu)', harness: h, tab: 'Staff', token: 'Full name', written: ['ID', 'Below living wage'], shared: [],
  paste: { header: 'Hourly wage', row: 4, values: [[15, 10], [40, 10], [20, 10]] },
  prepare: restore,
  run: () => { h.addon.call('refreshComputed'); },
};
const results: SweepResult[] = [];
afterAll(() => console.log(report(scenario, results)));

describe('refresh from the menu, with a person acting before any of its service calls', () => {
  for (const action of personActions(scenario.paste)) {
    test(`${action.name}: no value moved to another row, none lost`, () => {
      const result = sweep(scenario, action);
      results.push(result);
      expect(result.tried).toBe(result.calls);
      expect({ moved: result.moved, lost: result.lost, failed: result.failed }).toEqual({ moved: 0, lost: 0, failed: 0 });
    });
  }
});
