// A1 notation: parsing and printing cell references the way Google Sheets reads them.

export interface GridRange {
  /** Sheet name when the notation names one ('My tab'!A1). */
  sheetName?: string;
  /** 1-based first row and column. */
  row: number;
  column: number;
  /** Row/column counts; null means "to the end of the sheet" (A:A, 2:2, A2:C). */
  numRows: number | null;
  numColumns: number | null;
}

export function columnToLetters(column: number): string {
  let letters = '';
  let n = column;
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const CELL = /^\$?([A-Za-z]{1,3})?\$?(\d+)?$/;

function parseRef(ref: string): { column: number | null; row: number | null } | null {
  const match = CELL.exec(ref);
  if (!match || (!match[1] && !match[2])) return null;
  return {
    column: match[1] ? lettersToColumn(match[1]) : null,
    row: match[2] ? Number(match[2]) : null,
  };
}

/** Splits off a sheet name: 'Action Plan'!A1:B2, Staff!A:A. */
export function splitSheetName(notation: string): { sheetName?: string; ref: string } {
  const bang = notation.lastIndexOf('!');
  if (bang < 0) return { ref: notation };
  let name = notation.slice(0, bang);
  if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
  return { sheetName: name, ref: notation.slice(bang + 1) };
}

/** Parses every A1 form Sheets accepts: A1, $A$1, A1:C10, A:A, A:C, 2:2, 2:5, A2:C, C10:A1. */
export function parseA1(notation: string): GridRange | null {
  const { sheetName, ref } = splitSheetName(notation.trim());
  const parts = ref.split(':');
  if (parts.length > 2) return null;
  const start = parseRef(parts[0]);
  if (!start) return null;
  if (parts.length === 1) {
    if (start.column === null || start.row === null) return null;
    return { sheetName, row: start.row, column: start.column, numRows: 1, numColumns: 1 };
  }
  const end = parseRef(parts[1]);
  if (!end) return null;
  // A whole-column or whole-row form needs both ends of the same shape.
  if (start.row === null && end.row !== null && end.column !== null) return null;
  if (start.column === null && end.column !== null) return null;
  if (start.column !== null && end.column === null) return null;
  const firstRow = start.row === null ? 1 : end.row === null ? start.row : Math.min(start.row, end.row);
  const lastRow = start.row === null || end.row === null ? null : Math.max(start.row, end.row);
  const firstColumn = start.column === null ? 1 : Math.min(start.column, end.column ?? start.column);
  const lastColumn = start.column === null ? null : Math.max(start.column, end.column ?? start.column);
  return {
    sheetName,
    row: firstRow,
    column: firstColumn,
    numRows: lastRow === null ? null : lastRow - firstRow + 1,
    numColumns: lastColumn === null ? null : lastColumn - firstColumn + 1,
  };
}

export function toA1(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = `${columnToLetters(column)}${row}`;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnToLetters(column + numColumns - 1)}${row + numRows - 1}`;
}

/** Quotes a sheet name for use in A1 notation when it needs quoting. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
