// CSV in and out for the scripts: RFC 4180 quoting, a formula guard on every file, an optional BOM for Excel, and a parser that keeps line numbers.

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** For Excel: a UTF-8 byte order mark (without it Excel reads UTF-8 as the local code page and mangles accents). */
  excel?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]/;
// OWASP, CSV Injection (https://owasp.org/www-community/attacks/CSV_Injection): a cell that begins
// with = + - @, a tab (0x09) or a carriage return (0x0D) may be run as a formula by the spreadsheet
// that opens the file; the recommended guard is a leading single quote. Spaces before a trigger are
// guarded too, as some spreadsheets trim them first.
const FORMULA_START = /^[\t\r]|^ *[=+\-@]/;
const NUMBER = /^ *[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Text as it is safe to hand to a spreadsheet: formula-like text behind an apostrophe. A number, or
 * text that is only a number ("-2" as a cell held it), is left alone: -2 is a value, not a formula,
 * and R and SPSS must read it as a number.
 */
function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !NUMBER.test(text) ? `'${text}` : text;
}

/** One field: formula-guarded, quoted when it holds a comma, quote or line break, quotes doubled (RFC 4180 §2.6–2.7). */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : guardFormula(String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: CRLF line ends as RFC 4180 says, a final line break, and the BOM when for Excel. */
export function toCsv(rows: CsvCell[][], options: CsvOptions = {}): string {
  const body = rows.map((row) => row.map((cell) => csvField(cell)).join(',')).join('\r\n');
  return `${options.excel ? '\uFEFF' : ''}${body}\r\n`;
}

export interface CsvLine {
  /** Line number in the file where the record starts (1 = the header), for messages. */
  line: number;
  cells: string[];
}

/**
 * Parses CSV text (RFC 4180, also accepting LF line ends, a BOM and a last line without a break).
 * Quoted fields may span lines; records keep the line they start on. Blank lines are skipped.
 */
export function parseCsv(text: string): CsvLine[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvLine[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => { cells.push(field); field = ''; fieldStarted = false; };
  const endRecord = () => {
    endField();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') { field += '"'; i += 1; } else quoted = false;
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted && field === '') { quoted = true; fieldStarted = true; continue; }
    if (ch === ',') { endField(); continue; }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
      continue;
    }
    fieldStarted = true;
    field += ch;
  }
  if (quoted) throw new Error(`a quoted value that starts on line ${recordLine} is never closed`);
  if (field !== '' || cells.length) endRecord();
  return records;
}
