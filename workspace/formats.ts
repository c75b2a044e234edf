// Formatting as Google does it: Java date patterns (Utilities.formatDate) and Sheets number formats (display values).
import { wallClock, offsetMinutes } from './time';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function zoneOffset(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${colon ? ':' : ''}${pad(abs % 60, 2)}`;
}

/** Utilities.formatDate: java.text.SimpleDateFormat letters, '' quoting, in the given zone. */
export function formatJavaDate(date: Date, timeZone: string, pattern: string): string {
  const w = wallClock(date, timeZone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) { out += "'"; i += 2; continue; }
      if (end < 0) throw new Error(`Invalid argument: pattern (unterminated quote in "${pattern}")`);
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) { out += ch; i += 1; continue; }
    let n = 1;
    while (pattern[i + n] === ch) n += 1;
    i += n;
    switch (ch) {
      case 'y': out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n); break;
      case 'M': out += n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n); break;
      case 'd': out += pad(w.day, n); break;
      case 'E': out += n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3); break;
      case 'u': out += String(w.weekday === 0 ? 7 : w.weekday); break;
      case 'H': out += pad(w.hour, n); break;
      case 'k': out += pad(w.hour === 0 ? 24 : w.hour, n); break;
      case 'h': out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n); break;
      case 'K': out += pad(w.hour % 12, n); break;
      case 'm': out += pad(w.minute, n); break;
      case 's': out += pad(w.second, n); break;
      case 'S': out += pad(w.millisecond, 3).slice(0, Math.max(n, 3)); break;
      case 'a': out += w.hour < 12 ? 'AM' : 'PM'; break;
      case 'Z': out += zoneOffset(offsetMinutes(date, timeZone), false); break;
      case 'X': {
        const offset = offsetMinutes(date, timeZone);
        out += offset === 0 ? 'Z' : zoneOffset(offset, n >= 3);
        break;
      }
      case 'z': out += shortZoneName(date, timeZone); break;
      default:
        throw new Error(`Invalid argument: pattern (letter '${ch}' in "${pattern}" is not implemented by the local Workspace)`);
    }
  }
  return out;
}

function shortZoneName(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part ? part.value : timeZone;
}

/** The date formats a spreadsheet shows when a cell has no explicit number format. */
export function defaultDateFormat(locale: string, hasTime: boolean): string {
  const base = locale === 'en_US' ? 'M/d/yyyy' : 'yyyy-MM-dd';
  return hasTime ? `${base} H:mm:ss` : base;
}

/** Turns a Sheets date format (mm is minutes after h or before s, months elsewhere) into a Java pattern. */
function sheetsDateToJava(format: string): string {
  const tokens = format.match(/"[^"]*"|\\.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am\/pm|a\/p|[^a-z"\\]+|./gi) ?? [];
  const out: string[] = [];
  tokens.forEach((token, index) => {
    const lower = token.toLowerCase();
    const previous = tokens.slice(0, index).reverse().find((t) => /^[a-z]/i.test(t))?.toLowerCase() ?? '';
    const next = tokens.slice(index + 1).find((t) => /^[a-z]/i.test(t))?.toLowerCase() ?? '';
    const isMinute = (lower === 'mm' || lower === 'm') && (previous.startsWith('h') || next.startsWith('s'));
    if (token.startsWith('"')) out.push(`'${token.slice(1, -1).replace(/'/g, "''")}'`);
    else if (token.startsWith('\\')) out.push(`'${token.slice(1)}'`);
    else if (lower === 'yyyy') out.push('yyyy');
    else if (lower === 'yy') out.push('yy');
    else if (lower === 'mmmm' || lower === 'mmmmm') out.push('MMMM');
    else if (lower === 'mmm') out.push('MMM');
    else if (lower === 'mm') out.push(isMinute ? 'mm' : 'MM');
    else if (lower === 'm') out.push(isMinute ? 'm' : 'M');
    else if (lower === 'dddd') out.push('EEEE');
    else if (lower === 'ddd') out.push('EEE');
    else if (lower === 'dd') out.push('dd');
    else if (lower === 'd') out.push('d');
    else if (lower === 'hh') out.push(format.toLowerCase().includes('am/pm') ? 'hh' : 'HH');
    else if (lower === 'h') out.push(format.toLowerCase().includes('am/pm') ? 'h' : 'H');
    else if (lower === 'ss') out.push('ss');
    else if (lower === 's') out.push('s');
    else if (lower === 'am/pm' || lower === 'a/p') out.push('a');
    else if (/^[a-z]/i.test(token)) throw new Error(`The local Workspace does not implement the date format token "${token}" in "${format}"`);
    else out.push(token.replace(/'/g, "''").replace(/[A-Za-z]+/g, (m) => `'${m}'`));
  });
  return out.join('');
}

export function isDateFormat(format: string): boolean {
  return /[ymdhs]/i.test(format.replace(/"[^"]*"/g, '')) && !/[#0]/.test(format);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats a number with a Sheets number format such as #,##0.00, "$"#,##0.00, 0%, 0.0. */
function formatNumber(value: number, format: string): string {
  const sections = format.split(';');
  let section = sections[0];
  let negativeSection = false;
  if (value < 0 && sections.length > 1) { section = sections[1]; negativeSection = true; }
  else if (value === 0 && sections.length > 2) section = sections[2];
  const literal = (s: string) => s.replace(/"([^"]*)"/g, '$1').replace(/\\(.)/g, '$1');
  const match = /^(.*?)([#0,]*0|#[#,]*)(\.(0+|#+))?(%?)(.*)$/.exec(section.replace(/\[[^\]]*\]/g, ''));
  if (!match) throw new Error(`The local Workspace does not implement the number format "${format}"`);
  const [, prefix, integerPart, , decimals = '', percent, suffix] = match;
  let n = Math.abs(value) * (percent ? 100 : 1);
  const places = decimals.length;
  n = Math.round(n * 10 ** places) / 10 ** places;
  let [whole, fraction = ''] = n.toFixed(places).split('.');
  if (integerPart.includes(',')) whole = groupThousands(whole);
  if (decimals.startsWith('#')) fraction = fraction.replace(/0+$/, '');
  const sign = value < 0 && !negativeSection && n !== 0 ? '-' : '';
  return `${sign}${literal(prefix)}${whole}${fraction ? `.${fraction}` : ''}${percent}${literal(suffix)}`;
}

/** What Sheets shows for a value in a cell with the given number format. */
export function displayValue(value: unknown, format: string, timeZone: string, locale: string): string {
  if (value === '' || value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const plain = format === '' || format === 'General' || format === '@';
  if (value instanceof Date) {
    if (plain || !isDateFormat(format)) {
      const w = wallClock(value, timeZone);
      const hasTime = w.hour !== 0 || w.minute !== 0 || w.second !== 0;
      return formatJavaDate(value, timeZone, defaultDateFormat(locale, hasTime));
    }
    return formatJavaDate(value, timeZone, sheetsDateToJava(format));
  }
  if (typeof value === 'number') {
    if (plain) {
      if (Number.isInteger(value)) return String(value);
      return String(Number(value.toPrecision(10)));
    }
    if (isDateFormat(format)) throw new Error(`The local Workspace does not show numbers with the date format "${format}"`);
    return formatNumber(value, format);
  }
  throw new Error(`Unexpected cell value ${String(value)}`);
}
