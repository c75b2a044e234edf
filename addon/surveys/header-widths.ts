// Question headers that show whole: the form tabs' and Survey Responses' question columns get a width from their text, and long questions wrap.
import { SHEETS_DEFAULT_COLUMN_PX } from '../tracker/format';

type Request = Record<string, unknown>;

/**
 * A question column grows with its header up to this width; a longer question wraps onto more lines
 * there, so the tab stays readable across a screen instead of one question per screen.
 */
export const QUESTION_COLUMN_MAX_PX = 220;
/** As setup estimates a header (format.ts): about 8 px a character at Sheets' 10 pt Arial, 6 px padding a side. */
const HEADER_CHAR_PX = 8;
const CELL_PADDING_PX = 12;

/** The width a header's text asks for on one line, at least Sheets' default and at most QUESTION_COLUMN_MAX_PX. */
export function questionColumnWidth(header: string): number {
  const oneLine = header.trim().length * HEADER_CHAR_PX + CELL_PADDING_PX;
  return Math.min(QUESTION_COLUMN_MAX_PX, Math.max(SHEETS_DEFAULT_COLUMN_PX, oneLine));
}

/**
 * Sheets API requests that let a tab's header row show whole: each header column still at Sheets'
 * default width (nobody sized it) and too narrow for its text gets the width its text asks for, and
 * the header row wraps. A width a person chose stays. No request when every header already fits.
 */
export function headerFitRequests(sheetId: number, headers: readonly string[], widths: readonly (number | undefined)[]): Request[] {
  const requests: Request[] = [];
  headers.forEach((header, index) => {
    if (!header.trim() || (widths[index] ?? SHEETS_DEFAULT_COLUMN_PX) !== SHEETS_DEFAULT_COLUMN_PX) return;
    const pixelSize = questionColumnWidth(header);
    if (pixelSize <= SHEETS_DEFAULT_COLUMN_PX) return;
    requests.push({ updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 }, properties: { pixelSize }, fields: 'pixelSize' } });
  });
  if (!requests.length) return requests;
  // Only the wrap strategy: the header's bold, colour and protection stay as they are.
  requests.push({
    repeatCell: {
      range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: headers.length },
      cell: { userEnteredFormat: { wrapStrategy: 'WRAP' } },
      fields: 'userEnteredFormat.wrapStrategy',
    },
  });
  return requests;
}
