// The script's Date local-time methods follow the manifest's time zone, whatever the machine's zone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';

const SCRIPT = `
function localParts() {
  var now = new Date();
  var made = new Date(2026, 2, 16, 23, 30);
  return { day: now.getDate(), hours: now.getHours(), made: made.toISOString(), zone: Session.getScriptTimeZone() };
}
`;

function load(manifestZone: string): AddOn {
  const dir = mkdtempSync(join(tmpdir(), 'rose-tz-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: manifestZone, runtimeVersion: 'V8' }));
  // 23:30 on March 16 in Vancouver is 06:30 on March 17 in UTC and 15:30 on March 17 in Tokyo.
  const ws = createWorkspace({ now: '2026-03-17T06:30:00Z' });
  return AddOn.load(ws, join(dir, 'Code.js'));
}

describe('a script on a machine in another zone', () => {
  it('whose manifest says America/Vancouver sees 23:30 on the 16th', () => {
    const parts = load('America/Vancouver').call<{ day: number; hours: number; made: string; zone: string }>('localParts');
    expect(parts).toEqual({ day: 16, hours: 23, made: '2026-03-17T06:30:00.000Z', zone: 'America/Vancouver' });
    // The machine's own Date methods are back once the execution ends.
    expect(new Date(2026, 2, 16).getTimezoneOffset()).toBe(new Date(2026, 2, 16).getTimezoneOffset());
    expect(Date.prototype.toString.call(new Date(0))).toMatch(/1970|1969/);
  });

  it('shows a date as text on the script zone clock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rose-tz-'));
    writeFileSync(join(dir, 'Code.js'), 'function shown() { var d = new Date(); return [String(d), d.toDateString(), d.toLocaleTimeString("en-CA", { hour12: false })]; }');
    writeFileSync(join(dir, 'appsscript.json'), JSON.stringify({ timeZone: 'America/Vancouver' }));
    const addon = AddOn.load(createWorkspace({ now: '2026-03-17T06:30:00Z' }), join(dir, 'Code.js'));
    expect(addon.call('shown')).toEqual(['Mon Mar 16 2026 23:30:00 GMT-0700', 'Mon Mar 16 2026', '23:30:00']);
  });

  it('whose manifest says Asia/Tokyo sees 15:30 on the 17th', () => {
    const parts = load('Asia/Tokyo').call<{ day: number; hours: number }>('localParts');
    expect(parts.day).toBe(17);
    expect(parts.hours).toBe(15);
  });
});
