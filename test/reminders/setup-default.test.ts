// Setup turns the weekly digest on for the coordinator running it, once: Monday at 8:00, and never over a schedule someone chose.
import { COORDINATORS, generate, trackerWith } from '../dashboard/fixtures';
import { openAddon, type Harness } from '../support/addon';
import { setSetting } from '../support/tracker';

interface SetupResult { ok: boolean; lines: string[] }

function savedSchedule(h: Harness): Record<string, unknown> | null {
  const entry = h.ws.spreadsheet(h.spreadsheetId).developerMetadata.find((m) => m.key === 'rose.reminders.schedule');
  return entry && entry.value !== null ? JSON.parse(entry.value) as Record<string, unknown> : null;
}

describe('reminders after setup', () => {
  it('are on for the coordinator who runs setup: weekly, Monday at 8:00 in the tracker\'s time zone, to them', () => {
    // A new tracker: the first setup names no coordinator yet, so reminders wait; the coordinator types the list and sets up again.
    const h = openAddon();
    expect(h.addon.call<SetupResult>('setupTracker').lines.join(' ')).toContain('Reminders are off: Settings does not name you as a coordinator.');
    setSetting(h, 'Coordinator emails', COORDINATORS.join(', '));
    expect(h.ws.triggersFor('CLOCK')).toHaveLength(0);
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.lines.join(' ')).toContain('Reminders are on: every Monday at 8:00 (America/Vancouver)');
    const triggers = h.ws.triggersFor('CLOCK');
    expect(triggers).toHaveLength(1);
    expect(triggers[0]).toMatchObject({ handlerFunction: 'runDailyReminders', owner: COORDINATORS[0], everyWeeks: 1, weekDay: 'MONDAY', atHour: 8, timeZone: 'America/Vancouver' });
    expect(savedSchedule(h)).toMatchObject({ frequency: 'weekly', day: 'MONDAY', hour: 8, recipients: [COORDINATORS[0]], owner: COORDINATORS[0], triggerId: triggers[0].id });
    // Again: the schedule is there, so setup leaves it and its trigger alone.
    h.addon.call('setupTracker');
    expect(h.ws.triggersFor('CLOCK').map((t) => t.id)).toEqual([triggers[0].id]);
  });

  it('stay off when a coordinator turned them off, and are not turned on by someone who is not a coordinator', () => {
    const h = trackerWith(generate(21, 100));
    h.addon.callFromClient('setReminderSchedule', [{ frequency: 'off', hour: 8, day: 'MONDAY', recipients: [] }]);
    h.addon.call('setupTracker');
    expect(h.ws.triggersFor('CLOCK')).toHaveLength(0);
    expect(savedSchedule(h)).toMatchObject({ frequency: 'off' });

    const blank = openAddon();
    const first = blank.addon.call<SetupResult>('setupTracker');
    expect(first.lines.join(' ')).toContain('Reminders are off: Settings does not name you as a coordinator.');
    expect(blank.ws.triggersFor('CLOCK')).toHaveLength(0);
    expect(savedSchedule(blank)).toBeNull();
  });
});
