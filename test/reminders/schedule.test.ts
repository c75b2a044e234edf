// The scheduled digest where Apps Script runs it: a time-driven run of the add-on has no active spreadsheet, no document properties and no document lock, yet it keeps the chosen recipients, and a schedule passes from a coordinator who left to the next one.
import { COORDINATORS, generate, trackerWith } from '../dashboard/fixtures';
import type { Harness } from '../support/addon';
import type { TriggerData } from '../../workspace/script';

interface SendResult { outcome: string; recipients: string[]; items: number; text: string }
interface Settings { schedule: { frequency: string; recipients: string[] }; scheduleOwner: string; ownerNote: string }

const [FIRST, SECOND] = COORDINATORS;

function schedule(h: Harness, recipients: string[], user = FIRST): void {
  const saved = h.addon.callFromClient('setReminderSchedule', [{ frequency: 'daily', hour: 8, recipients }], { user }) as { ok: boolean; problems: string[] };
  if (!saved.ok) throw new Error(saved.problems.join('\n'));
}

function clockTriggers(h: Harness, owner?: string): TriggerData[] {
  return h.ws.triggersFor('CLOCK').filter((t) => owner === undefined || t.owner === owner);
}

function logResults(h: Harness): string[] {
  const sheet = h.ws.spreadsheet(h.spreadsheetId).sheetByName('Reminder log');
  return sheet ? sheet.rows.slice(1).map((r) => String(r?.[1]?.value ?? '')) : [];
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the run succeeded');
}

describe('the scheduled digest', () => {
  it('goes only to the coordinator chosen, though its run has no document properties', () => {
    const h = trackerWith(generate(21, 200));
    schedule(h, [SECOND]);
    const [trigger] = clockTriggers(h);
    const result = h.ws.fireTimeTrigger(trigger) as SendResult;
    expect(result.outcome).toBe('sent');
    expect(result.recipients).toEqual([SECOND]);
    expect(h.ws.outbox.map((m) => m.to)).toEqual([SECOND]);
    expect(logResults(h)).toEqual(['Sent']);
  });

  it('opens the tracker by ID, touches no UI, and takes no document lock in its run', () => {
    const h = trackerWith(generate(21, 200));
    schedule(h, []);
    const mark = h.ws.ledger.mark();
    h.ws.fireTimeTrigger(clockTriggers(h)[0]);
    const calls = h.ws.ledger.since(mark);
    expect(calls).toContain('SpreadsheetApp.openById');
    expect(calls.filter((c) => /getUi|toast|showModalDialog|showSidebar/.test(c))).toEqual([]);
    expect(calls).toContain('LockService.getUserLock');
    expect(h.ws.outbox.map((m) => m.to).sort()).toEqual([...COORDINATORS].sort());
  });

  it('works the same in a script bound to the Sheet, where the run has the spreadsheet', () => {
    const h = trackerWith(generate(21, 200));
    h.ws.bindScriptTo(h.spreadsheetId);
    schedule(h, [FIRST]);
    const mark = h.ws.ledger.mark();
    const result = h.ws.fireTimeTrigger(clockTriggers(h)[0]) as SendResult;
    expect(result.outcome).toBe('sent');
    expect(h.ws.outbox.map((m) => m.to)).toEqual([FIRST]);
    // The container is the active spreadsheet: nothing is opened by ID.
    expect(h.ws.ledger.since(mark)).not.toContain('SpreadsheetApp.openById');
  });

  it('saved by an older version in document properties, sends nothing from a trigger and says to save it again', () => {
    const h = trackerWith(generate(21, 200));
    schedule(h, [SECOND]);
    // As older versions kept it: in document properties only, which a time-driven run cannot read.
    const model = h.ws.spreadsheet(h.spreadsheetId);
    const stored = model.developerMetadata.find((m) => m.key === 'rose.reminders.schedule')!;
    model.developerMetadata = model.developerMetadata.filter((m) => m !== stored);
    h.ws.execute(() => (h.ws.globals().PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties()
      .setProperty('rose.reminders', JSON.stringify({ frequency: 'daily', hour: 8, recipients: [SECOND] })));
    const result = h.ws.fireTimeTrigger(clockTriggers(h)[0]) as SendResult;
    expect(result.outcome).toBe('no schedule');
    expect(h.ws.outbox).toHaveLength(0);
    expect(logResults(h)[0]).toContain('Save it again under ROSE Tracker → Reminders');
    const settings = h.addon.callFromClient('getReminderSettings', []) as Settings;
    expect(settings.schedule.recipients).toEqual([SECOND]);
    expect(settings.ownerNote).toContain('save it again here');
  });
});

describe('a schedule whose trigger belongs to a coordinator who left', () => {
  function handedOver(): Harness {
    const h = trackerWith(generate(21, 200));
    h.ws.share(h.spreadsheetId, SECOND);
    // Setup again now that Settings names both coordinators: its protections let the second edit the confidential tabs.
    h.addon.call('setupTracker');
    schedule(h, [FIRST], FIRST);
    return h;
  }

  it('the dialog says whose trigger sends it and how to take it over', () => {
    const h = handedOver();
    const mine = h.addon.callFromClient('getReminderSettings', [], { user: FIRST }) as Settings;
    expect(mine.scheduleOwner).toBe(FIRST);
    expect(mine.ownerNote).toBe(`The digest is sent from your account (${FIRST}) by your schedule trigger.`);
    const theirs = h.addon.callFromClient('getReminderSettings', [], { user: SECOND }) as Settings;
    expect(theirs.scheduleOwner).toBe(FIRST);
    expect(theirs.ownerNote).toContain(`sent from ${FIRST}'s account`);
    expect(theirs.ownerNote).toContain('turn the schedule off and on again here');
  });

  it('turned off and on by the next coordinator runs on their trigger; the old trigger sends nothing and removes itself', () => {
    const h = handedOver();
    const [old] = clockTriggers(h, FIRST);
    h.addon.callFromClient('setReminderSchedule', [{ frequency: 'off', hour: 8, recipients: [] }], { user: SECOND });
    schedule(h, [SECOND], SECOND);
    const [next] = clockTriggers(h, SECOND);
    expect(next).toBeDefined();
    const stale = h.ws.fireTimeTrigger(old) as SendResult;
    expect(stale.outcome).toBe('schedule handed over');
    expect(h.ws.outbox).toHaveLength(0);
    expect(clockTriggers(h, FIRST)).toHaveLength(0);
    const sent = h.ws.fireTimeTrigger(next) as SendResult;
    expect(sent.outcome).toBe('sent');
    expect(h.ws.outbox.map((m) => m.to)).toEqual([SECOND]);
    const settings = h.addon.callFromClient('getReminderSettings', [], { user: SECOND }) as Settings;
    expect(settings.scheduleOwner).toBe(SECOND);
  });

  it('whose owner lost access to the tracker removes itself and says who and what to do', () => {
    const h = handedOver();
    const [old] = clockTriggers(h, FIRST);
    // The file changes hands: the first coordinator is no longer an owner or editor.
    const file = h.ws.host.files.get(h.spreadsheetId)!;
    file.owner = SECOND;
    file.editors.delete(FIRST);
    const message = failure(() => h.ws.fireTimeTrigger(old));
    expect(message).toContain(`${FIRST} can no longer open the tracker`);
    expect(message).toContain('turn the schedule on again under ROSE Tracker → Reminders');
    expect(clockTriggers(h, FIRST)).toHaveLength(0);
    expect(h.ws.outbox).toHaveLength(0);
  });
});
