// Simple and installable edit triggers as Google runs them: LIMITED as the person editing for 30 s, FULL as the trigger's creator; protections apply to whoever the run is.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace, type Workspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';

const OWNER = 'coordinator@example.org';
const SITE_LEAD = 'site.lead@example.net';

/** A script of its own (no manifest scopes: only the auth mode limits it) loaded into a Workspace with one shared spreadsheet. */
function load(code: string): { ws: Workspace; addon: AddOn; id: string } {
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z', user: OWNER });
  const dir = mkdtempSync(join(tmpdir(), 'rose-triggers-'));
  writeFileSync(join(dir, 'Code.js'), code);
  const addon = AddOn.load(ws, join(dir, 'Code.js'));
  const id = ws.createSpreadsheet('Tracker');
  ws.openInSheets(id);
  ws.share(id, SITE_LEAD);
  return { ws, addon, id };
}

/** Calls each service the way a simple trigger might and reports what it was told. */
const PROBE = `
function attempt(run) { try { run(); return 'ok'; } catch (e) { return String(e.message || e); } }
function probe() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  return {
    readWriteBoundFile: attempt(function () { ss.getSheets()[0].getRange('A1').setValue('x'); ss.getSheets()[0].getRange('A1').getValue(); }),
    toast: attempt(function () { ss.toast('hello'); }),
    documentProperties: attempt(function () { PropertiesService.getDocumentProperties().setProperty('k', 'v'); }),
    userProperties: attempt(function () { PropertiesService.getUserProperties(); }),
    scriptProperties: attempt(function () { PropertiesService.getScriptProperties(); }),
    documentLock: attempt(function () { LockService.getDocumentLock(); }),
    cache: attempt(function () { CacheService.getDocumentCache(); }),
    openById: attempt(function () { SpreadsheetApp.openById(ss.getId()); }),
    drive: attempt(function () { DriveApp.getRootFolder(); }),
    mail: attempt(function () { MailApp.sendEmail('someone@example.org', 's', 'b'); }),
    newTrigger: attempt(function () { ScriptApp.newTrigger('probe').forSpreadsheet(ss).onEdit().create(); }),
    alert: attempt(function () { SpreadsheetApp.getUi().alert('hi'); }),
    email: Session.getActiveUser().getEmail(),
    effectiveEmail: Session.getEffectiveUser().getEmail(),
  };
}
function onEdit(e) { return probe(); }
`;

describe('a simple trigger in AuthMode.LIMITED', () => {
  const { ws, addon } = load(PROBE);
  const limited = addon.call<Record<string, string>>('probe', [], { authMode: 'LIMITED', user: SITE_LEAD });
  const refused = (answer: string) => expect(answer).toMatch(/^You do not have permission to call .*AuthMode\.LIMITED/);

  it('reads and writes the bound spreadsheet, shows a toast and uses its document properties', () => {
    expect([limited.readWriteBoundFile, limited.toast, limited.documentProperties]).toEqual(['ok', 'ok', 'ok']);
  });

  it('cannot use services that need authorization: other files, Drive, mail, triggers, dialogs', () => {
    for (const answer of [limited.openById, limited.drive, limited.mail, limited.newTrigger, limited.alert]) refused(answer);
  });

  it('cannot take a lock, use the cache or user and script properties (Google is silent: the stricter model)', () => {
    for (const answer of [limited.documentLock, limited.cache, limited.userProperties, limited.scriptProperties]) refused(answer);
  });

  it('does not learn who the person is: the email is blank', () => {
    expect([limited.email, limited.effectiveEmail]).toEqual(['', '']);
  });

  it('learns the email of a person of the developer\'s own Workspace domain', () => {
    ws.host.workspaceDomain = 'example.net';
    try {
      expect(addon.call<Record<string, string>>('probe', [], { authMode: 'LIMITED', user: SITE_LEAD }).email).toBe(SITE_LEAD);
    } finally {
      ws.host.workspaceDomain = null;
    }
  });

  it('while the same calls all work in AuthMode.FULL', () => {
    const full = addon.call<Record<string, string>>('probe', [], { authMode: 'FULL', user: OWNER });
    expect(Object.entries(full).filter(([, answer]) => answer !== 'ok' && answer !== OWNER)).toEqual([]);
  });
});

describe('a person\'s edit fires the edit triggers', () => {
  const CODE = `
function onEdit(e) { return { mode: e.authMode, user: Session.getActiveUser().getEmail(), sheet: e.range.getSheet().getName() }; }
function onEditInstalled(e) { return { mode: e.authMode, user: Session.getActiveUser().getEmail(), uid: e.triggerUid }; }
function install() { ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(SpreadsheetApp.getActiveSpreadsheet()).onEdit().create(); }
function slowOnEdit(e) { Utilities.sleep(31000); }
function writeProtected(e) { e.range.getSheet().getRange('B1').setValue('written'); return 'written'; }
function protectB1() { var p = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('B1').protect(); p.removeEditors(p.getEditors()); p.addEditor('${OWNER}'); }
`;

  it('runs the simple onEdit as the person in LIMITED, and an installable one as its creator in FULL, for anyone\'s edit', () => {
    const { ws, addon, id } = load(CODE);
    addon.call('install');
    const firing = ws.personEdits(id, SITE_LEAD, (ss) => { const r = ss.getSheets()[0].getRange('A2'); r.setValue('typed'); return r; });
    expect(firing.simple).toMatchObject({ ok: true, result: { mode: 'LIMITED', user: '', sheet: 'Sheet1' } });
    expect(firing.installable).toHaveLength(1);
    expect(firing.installable[0]).toMatchObject({ ok: true, result: { mode: 'FULL', user: OWNER, uid: firing.installable[0].trigger.id } });
  });

  it('stops a simple trigger after 30 seconds', () => {
    const { ws, id } = load(CODE.replace('function onEdit(', 'function unusedOnEdit(').replace('function slowOnEdit(', 'function onEdit('));
    const firing = ws.personEdits(id, SITE_LEAD, (ss) => ss.getSheets()[0].getRange('A2'));
    expect(firing.simple).toMatchObject({ ok: false, error: 'Exceeded maximum execution time' });
  });

  it('refuses the simple trigger\'s write to a cell protected from the person, and lets the creator\'s installable trigger write it', () => {
    const { ws, addon, id } = load(CODE.replace('function onEdit(', 'function unusedOnEdit(').replace('function writeProtected(', 'function onEdit(')
      .replace("ScriptApp.newTrigger('onEditInstalled')", "ScriptApp.newTrigger('onEdit')"));
    addon.call('protectB1');
    addon.call('install');
    const firing = ws.personEdits(id, SITE_LEAD, (ss) => ss.getSheets()[0].getRange('A2'));
    expect(firing.simple).toMatchObject({ ok: false, error: expect.stringContaining('You are trying to edit a protected cell or object') });
    expect(firing.installable[0]).toMatchObject({ ok: true, result: 'written' });
  });

  it('needs the person to be able to edit the file: someone it is not shared with fires nothing', () => {
    const { ws, id } = load(CODE);
    expect(() => ws.personEdits(id, 'stranger@example.com', (ss) => ss.getSheets()[0].getRange('A2'))).toThrow('You do not have permission to access the requested document.');
  });
});
