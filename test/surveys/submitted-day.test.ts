// An anonymous answer sent at 23:30 in Vancouver keeps that day, whatever the zone of the machine the Workspace runs on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TSX = join(__dirname, '..', '..', 'node_modules', 'tsx', 'dist', 'cli.mjs');
const RUN = join(__dirname, 'submitted-day.run.ts');

// The machine's zone is the process's TZ, read once at start: each case runs in its own process.
describe.each(['UTC', 'Asia/Tokyo', 'Pacific/Kiritimati'])('on a machine in %s', (zone) => {
  it('the Submitted day is March 16, the day in the tracker\'s time zone', () => {
    const out = execFileSync(process.execPath, [TSX, RUN], { env: { ...process.env, TZ: zone }, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ machineZone: zone, submitted: '2026-03-16' });
  });
});

describe('the add-on reads days without the local-time methods of Date', () => {
  it('the built bundle calls none of them: days come from core/dates (Intl with the spreadsheet\'s zone) or Utilities.formatDate', () => {
    const code = readFileSync(join(__dirname, '..', '..', 'dist', 'Code.js'), 'utf8');
    const local = code.match(/\.(getDate|getDay|getHours|getMinutes|getSeconds|getFullYear|getMonth|getTimezoneOffset|setDate|setHours|setMinutes|setMonth|setFullYear|toDateString|toTimeString|toLocaleDateString|toLocaleTimeString)\(/g);
    expect(local).toBeNull();
  });
});
