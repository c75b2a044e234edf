// The question headers of the raw form tabs and of Survey Responses show whole: Create or update forms sizes their columns and wraps the header row, and a width a person chose stays.
import { openAddon, type Harness } from '../support/addon';
import { asUser } from '../support/tracker';
import { headerFitRequests, questionColumnWidth, QUESTION_COLUMN_MAX_PX } from '../../addon/surveys/header-widths';
import { FORM_TIMESTAMP_PX } from '../../addon/tracker/tab-order';
import { fillSampleOrganization, loadSampleOrganization } from '../../scripts/sample/organization';

const SHEETS_DEFAULT_PX = 100;
/** About what a character of the header takes at 10 pt, bold or not (the check is generous on purpose). */
const CHAR_PX = 7;

function questionTabs(h: Harness) {
  return h.ws.spreadsheet(h.spreadsheetId).sheets.filter((s) => /^Form Responses \d+$/.test(s.name) || s.name === 'Survey Responses');
}

function headersOf(sheet: ReturnType<typeof questionTabs>[number]): string[] {
  const out: string[] = [];
  for (let c = 1; c <= sheet.maxColumns; c += 1) out.push(String(sheet.cell(1, c)?.value ?? ''));
  while (out.length && !out[out.length - 1]) out.pop();
  return out;
}

function withForms(): Harness {
  const h = openAddon();
  h.addon.call('setupTracker');
  // The training form lists the training topics, so the sample's are in place first.
  fillSampleOrganization(h.ws, h.spreadsheetId, loadSampleOrganization({ today: '2026-03-16' }));
  h.addon.call('createOrUpdateForms');
  return h;
}

describe('question headers', () => {
  it('gives a question the width its text needs, between Sheets\' default and a cap where it wraps', () => {
    expect(questionColumnWidth('Age')).toBe(SHEETS_DEFAULT_PX);
    expect(questionColumnWidth('Which training did you take?')).toBeGreaterThan(SHEETS_DEFAULT_PX);
    expect(questionColumnWidth('Which training did you take?')).toBeGreaterThanOrEqual('Which training did you take?'.length * CHAR_PX);
    expect(questionColumnWidth('x'.repeat(200))).toBe(QUESTION_COLUMN_MAX_PX);
  });

  it('sizes only columns still at Sheets\' default width and wraps the header row, in requests for one batchUpdate', () => {
    const requests = headerFitRequests(7, ['Timestamp', 'Which training did you take?', 'Who gave the training?'], [160, 100, 140]);
    expect(requests).toEqual([
      { updateDimensionProperties: { range: { sheetId: 7, dimension: 'COLUMNS', startIndex: 1, endIndex: 2 }, properties: { pixelSize: questionColumnWidth('Which training did you take?') }, fields: 'pixelSize' } },
      { repeatCell: { range: { sheetId: 7, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 3 }, cell: { userEnteredFormat: { wrapStrategy: 'WRAP' } }, fields: 'userEnteredFormat.wrapStrategy' } },
    ]);
    expect(headerFitRequests(7, ['Timestamp', 'Site'], [160, 100])).toEqual([]);
  });

  it('after Create or update forms, no question header of a form tab or of Survey Responses is cut off', () => {
    const h = withForms();
    const tabs = questionTabs(h);
    // The four forms: the outcome survey, support requests, training and the implementation survey.
    expect(tabs.map((t) => t.name).filter((n) => n.startsWith('Form Responses'))).toHaveLength(4);
    let questions = 0;
    for (const sheet of tabs) {
      headersOf(sheet).forEach((header, i) => {
        if (!header) return;
        const width = sheet.columnWidths.get(i + 1) ?? SHEETS_DEFAULT_PX;
        const wraps = sheet.cell(1, i + 1)?.wrap === true;
        // Whole on one line, or wrapped in a column at least as wide as the cap (so no more than a few lines).
        const fits = header.length * CHAR_PX + 12 <= width || (wraps && width >= Math.min(QUESTION_COLUMN_MAX_PX, header.length * CHAR_PX));
        expect({ tab: sheet.name, header, width, wraps, fits }).toEqual({ tab: sheet.name, header, width, wraps, fits: true });
        if (header.length > 20) questions += 1;
      });
      if (sheet.name !== 'Survey Responses') expect(sheet.columnWidths.get(1)).toBe(FORM_TIMESTAMP_PX);
    }
    // The check saw real questions, not only short headers.
    expect(questions).toBeGreaterThan(20);
  });

  it('keeps a width a person chose when forms are updated again', () => {
    const h = withForms();
    const form = questionTabs(h).find((t) => t.name.startsWith('Form Responses'))!;
    asUser(h, (ss) => ss.getSheetByName(form.name)!.setColumnWidth(2, 90));
    h.addon.call('createOrUpdateForms');
    expect(h.ws.spreadsheet(h.spreadsheetId).sheetByName(form.name)!.columnWidths.get(2)).toBe(90);
  });
});
