// The script time zone: while an execution runs, Date's local-time methods read and write the wall clock of the manifest's timeZone, not the machine's.
//
// Apps Script runs a script in its time zone, the manifest's timeZone (developers.google.com/apps-script/manifest:
// "timeZone: The script time zone"; developers.google.com/apps-script/reference/base/session#getScriptTimeZone()):
// new Date(2026, 2, 16), getDate(), getHours() and the other local-time methods use that zone's wall clock.
// The reference pages do not spell out the Date part; it is what a script shows, and a machine in another
// zone would hide it. Node would follow process.env.TZ, but a test runner's process.env is a copy, so the
// methods are replaced for the length of an execution instead and put back when it ends. toString() keeps
// V8's layout without the zone's long name; toLocale*() default to the script's zone.
import { offsetMinutes, wallClock, zonedToInstant } from './time';

type DateMethod = (this: Date, ...args: number[]) => number;

// Kept before any replacement: the instant itself is zone-free and never replaced.
const proto0 = Date.prototype as unknown as Record<'setTime' | 'getTime', (this: Date, ...args: number[]) => number>;
const NATIVE = { setTime: proto0.setTime, getTime: proto0.getTime };

const GETTERS: Record<string, (w: ReturnType<typeof wallClock>) => number> = {
  getFullYear: (w) => w.year,
  getMonth: (w) => w.month - 1,
  getDate: (w) => w.day,
  getDay: (w) => w.weekday,
  getHours: (w) => w.hour,
  getMinutes: (w) => w.minute,
  getSeconds: (w) => w.second,
  getMilliseconds: (w) => w.millisecond,
};

/** Which wall-clock fields each setter takes, in order (as ECMAScript's Date setters take them). */
const SETTERS: Record<string, (keyof Wall)[]> = {
  setFullYear: ['year', 'month', 'day'],
  setMonth: ['month', 'day'],
  setDate: ['day'],
  setHours: ['hour', 'minute', 'second', 'millisecond'],
  setMinutes: ['minute', 'second', 'millisecond'],
  setSeconds: ['second', 'millisecond'],
  setMilliseconds: ['millisecond'],
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** V8's toString layout ("Mon Mar 16 2026 23:30:00 GMT-0700"), on the script zone's clock; the zone's long name is left out. */
function shown(date: Date, zone: string, part: 'both' | 'date' | 'time'): string {
  if (Number.isNaN(NATIVE.getTime.call(date))) return 'Invalid Date';
  const w = wallClock(date, zone);
  const offset = offsetMinutes(date, zone);
  const sign = offset < 0 ? '-' : '+';
  const day = `${WEEKDAYS[w.weekday]} ${MONTHS[w.month - 1]} ${two(w.day)} ${String(w.year).padStart(4, '0')}`;
  const time = `${two(w.hour)}:${two(w.minute)}:${two(w.second)} GMT${sign}${two(Math.floor(Math.abs(offset) / 60))}${two(Math.abs(offset) % 60)}`;
  return part === 'date' ? day : part === 'time' ? time : `${day} ${time}`;
}

interface Wall { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number }

/** The instant whose wall clock in `zone` shows these fields, overflowing as Date's own arithmetic does (month 12 is next January). */
export function instantOf(zone: string, wall: Wall): number {
  const normal = new Date(Date.UTC(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond));
  if (wall.year >= 0 && wall.year < 100) normal.setUTCFullYear(wall.year);
  const at = zonedToInstant(zone, normal.getUTCFullYear(), normal.getUTCMonth() + 1, normal.getUTCDate(), normal.getUTCHours(), normal.getUTCMinutes(), normal.getUTCSeconds());
  return NATIVE.getTime.call(at) + normal.getUTCMilliseconds();
}

function wallOf(date: Date, zone: string): Wall {
  const w = wallClock(date, zone);
  return { year: w.year, month: w.month - 1, day: w.day, hour: w.hour, minute: w.minute, second: w.second, millisecond: w.millisecond };
}

/**
 * Makes Date.prototype's local-time methods follow `zone` until the returned function is called.
 * Nested executions share one replacement.
 */
export function enterScriptTimeZone(zone: string | null): () => void {
  if (!zone || active) return () => undefined;
  const proto = Date.prototype as unknown as Record<string, DateMethod>;
  const saved = new Map<string, DateMethod>();
  const replace = (name: string, method: DateMethod) => { saved.set(name, proto[name]); proto[name] = method; };
  for (const [name, read] of Object.entries(GETTERS)) {
    replace(name, function (this: Date) {
      const time = NATIVE.getTime.call(this);
      return Number.isNaN(time) ? NaN : read(wallClock(this, zone));
    });
  }
  replace('getTimezoneOffset', function (this: Date) {
    return Number.isNaN(NATIVE.getTime.call(this)) ? NaN : -offsetMinutes(this, zone);
  });
  for (const [name, fields] of Object.entries(SETTERS)) {
    replace(name, function (this: Date, ...args: number[]) {
      const time = NATIVE.getTime.call(this);
      // setFullYear on an invalid date starts from +0 (ECMAScript); the others stay invalid.
      const wall = Number.isNaN(time) ? (name === 'setFullYear' ? wallOf(new Date(0), zone) : null) : wallOf(this, zone);
      if (!wall) return NaN;
      fields.forEach((field, i) => { if (i < Math.max(args.length, 1)) wall[field] = Number(args[i]); });
      if (Object.values(wall).some((v) => !Number.isFinite(v))) return NATIVE.setTime.call(this, NaN);
      return NATIVE.setTime.call(this, instantOf(zone, wall));
    });
  }
  const text = proto as unknown as Record<string, (this: Date, ...args: unknown[]) => string>;
  const savedText = new Map<string, (this: Date, ...args: unknown[]) => string>();
  const replaceText = (name: string, method: (this: Date, ...args: unknown[]) => string) => { savedText.set(name, text[name]); text[name] = method; };
  replaceText('toString', function (this: Date) { return shown(this, zone, 'both'); });
  replaceText('toDateString', function (this: Date) { return shown(this, zone, 'date'); });
  replaceText('toTimeString', function (this: Date) { return shown(this, zone, 'time'); });
  for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
    const native = text[name];
    replaceText(name, function (this: Date, locales?: unknown, options?: unknown) {
      return native.call(this, locales, { timeZone: zone, ...(options as object | undefined) });
    });
  }
  active = true;
  return () => {
    for (const [name, method] of saved) proto[name] = method;
    for (const [name, method] of savedText) text[name] = method;
    active = false;
  };
}

let active = false;

/** Whether a date string without a zone is read as local time (date-time forms) rather than UTC (ISO date-only forms). */
function readsAsLocal(text: string): boolean {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(trimmed)) return false;
  return !/(Z|[+-]\d{2}:?\d{2}|GMT|UTC)\s*$/i.test(trimmed) && !/\b(GMT|UTC)[+-]\d/i.test(trimmed);
}

/**
 * new Date(...) in the script: year-month-day parts and zone-less date-time strings are the script
 * zone's wall clock; an instant (a number, a Date, a string with a zone) is that instant.
 */
export function constructInZone(zone: string | null, args: unknown[]): Date {
  if (!zone) return new Date(...(args as [number]));
  if (args.length >= 2) {
    const n = (i: number, fallback: number) => (args.length > i ? Number(args[i]) : fallback);
    const wall: Wall = { year: n(0, NaN), month: n(1, 0), day: n(2, 1), hour: n(3, 0), minute: n(4, 0), second: n(5, 0), millisecond: n(6, 0) };
    if (Object.values(wall).some((v) => !Number.isFinite(v))) return new Date(NaN);
    return new Date(instantOf(zone, wall));
  }
  if (args.length === 1 && typeof args[0] === 'string') return new Date(parseInZone(zone, args[0]));
  return new Date(...(args as [number]));
}

/** Date.parse in the script: a zone-less date-time string is read on the script zone's wall clock. */
export function parseInZone(zone: string | null, text: string): number {
  const parsed = Date.parse(text);
  if (!zone || Number.isNaN(parsed) || !readsAsLocal(text)) return parsed;
  // The machine read it on its own wall clock; read the same wall clock in the script's zone.
  const machineZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return instantOf(zone, wallOf(new Date(parsed), machineZone));
}
