// The Set up tracker sweep, split over two test files so jest runs its halves side by side (each run is a whole setup).
import { personActions, report, smallTracker, sweep, type Scenario, type SweepResult } from './sweep';

export function sweepSetup(actionNames: RegExp): void {
  const h = smallTracker({ withIds: 0, withoutIds: 20 });
  const restore = h.ws.snapshot();
  const scenario: Scenario = {
    name: 'Set up tracker (20 rows without IDs)', harness: h, tab: 'Staff', token: 'Full name', written: ['ID', 'Below living wage'], shared: [],
    paste: { header: 'Hourly wage', row: 4, values: [[15, 10], [40, 10], [20, 10]] },
    prepare: restore,
    run: () => { h.addon.call('setupTracker'); },
  };
  const results: SweepResult[] = [];
  afterAll(() => console.log(report(scenario, results)));

  describe('set up tracker, with a person acting before any of its service calls', () => {
    for (const action of personActions(scenario.paste).filter((a) => actionNames.test(a.name))) {
      test(`${action.name}: no value moved to another row, none lost`, () => {
        const result = sweep(scenario, action);
        results.push(result);
        expect(result.tried).toBe(result.calls);
        expect({ moved: result.moved, lost: result.lost, failed: result.failed }).toEqual({ moved: 0, lost: 0, failed: 0 });
      });
    }
  });
}
