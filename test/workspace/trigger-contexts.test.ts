// Where a time-driven trigger runs: an Editor add-on's run has no active spreadsheet, no document properties and no document lock; a script bound to the Sheet runs in its container.
import { createWorkspace, type Workspace } from '../../workspace';
import type { TriggerData } from '../../workspace/script';

interface Services {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  LockService: GoogleAppsScript.Lock.LockService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  Session: GoogleAppsScript.Base.Session;
}

interface Seen {
  active: string | null;
  documentProperties: boolean;
  documentLock: boolean;
  scriptLock: boolean;
  userLock: boolean;
  user: string;
  opened: string;
}

const OWNER = 'coordinator@example.org';

let ws: Workspace;
let id: string;

function services(): Services {
  return ws.globals() as unknown as Services;
}

/** A script with one handler, `probe`, that reports what its run can reach. */
function loadProbe(): void {
  const probe = (): Seen => {
    const s = services();
    const active = s.SpreadsheetApp.getActiveSpreadsheet();
    return {
      active: active ? active.getId() : null,
      documentProperties: s.PropertiesService.getDocumentProperties() !== null,
      documentLock: s.LockService.getDocumentLock() !== null,
      scriptLock: s.LockService.getScriptLock().tryLock(0),
      userLock: s.LockService.getUserLock().tryLock(0),
      user: s.Session.getEffectiveUser().getEmail(),
      opened: s.SpreadsheetApp.openById(id).getName(),
    };
  };
  ws.addon = { source: '', has: (name: string) => name === 'probe', call: <T>(name: string, _args?: unknown[], options?: { user?: string }) => {
    if (name !== 'probe') throw new Error(`Script function not found: ${name}`);
    return ws.execute(() => probe() as T, options);
  } };
}

function dailyTrigger(): TriggerData {
  ws.execute(() => services().ScriptApp.newTrigger('probe').timeBased().everyDays(1).atHour(8).create());
  return ws.triggersFor('CLOCK')[0];
}

beforeEach(() => {
  ws = createWorkspace({ user: OWNER, now: '2026-03-16T15:00:00Z' });
  id = ws.createSpreadsheet('Harbour Lights tracker');
  ws.openInSheets(id);
  loadProbe();
});

describe('time-driven runs', () => {
  it('of an Editor add-on have no active spreadsheet, no document properties and no document lock, but reach the file by ID and take the script and user locks', () => {
    const trigger = dailyTrigger();
    // The trigger was made in the tracker, yet its run carries no document.
    expect(trigger.documentId).toBe(id);
    const seen = ws.fireTimeTrigger(trigger) as Seen;
    expect(seen).toEqual({ active: null, documentProperties: false, documentLock: false, scriptLock: true, userLock: true, user: OWNER, opened: 'Harbour Lights tracker' });
  });

  it('of a script bound to the Sheet run in their container, with its document properties and lock', () => {
    ws.bindScriptTo(id);
    const trigger = dailyTrigger();
    const seen = ws.fireTimeTrigger(trigger) as Seen;
    expect(seen).toMatchObject({ active: id, documentProperties: true, documentLock: true });
  });

  it('run as the person who made the trigger, whoever has the Sheet open', () => {
    const trigger = dailyTrigger();
    ws.host.activeUser = 'second.coordinator@example.org';
    ws.share(id, 'second.coordinator@example.org');
    expect((ws.fireTimeTrigger(trigger) as Seen).user).toBe(OWNER);
  });

  it('an add-on may make one time-driven trigger per user per document; a bound script is not held to that', () => {
    dailyTrigger();
    expect(() => dailyTrigger()).toThrow('This add-on has created too many time-based triggers in this document for this Google Account user.');
    ws.bindScriptTo(id);
    dailyTrigger();
    expect(ws.triggersFor('CLOCK')).toHaveLength(2);
  });
});
