// The local Workspace holds Google's grid limits: 10 million cells a spreadsheet, 18,278 columns a tab, in Apps Script and over REST.
import { createWorkspace } from '../../workspace';
import { startHarness } from '../support/rest-harness';

function spreadsheetApp() {
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z' });
  const id = ws.createSpreadsheet('Limits');
  const app = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return { ws, id, run: <T>(fn: (ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => T) => ws.execute(() => fn(app.openById(id))) };
}

describe('grid limits in SpreadsheetApp', () => {
  it('a tab grows to column ZZZ and no further', () => {
    const { run, ws, id } = spreadsheetApp();
    run((ss) => { const s = ss.getSheets()[0]; s.deleteRows(2, 999); s.insertColumnsAfter(26, 18_278 - 26); });
    expect(ws.spreadsheet(id).sheets[0].maxColumns).toBe(18_278);
    expect(() => run((ss) => ss.getSheets()[0].insertColumnsAfter(18_278, 1))).toThrow('This action would increase the number of columns in the sheet above the limit of 18278 columns.');
    expect(ws.spreadsheet(id).sheets[0].maxColumns).toBe(18_278);
  });

  it('rows, columns and new tabs past 10 million cells fail with Google\'s text and change nothing', () => {
    const { run, ws, id } = spreadsheetApp();
    run((ss) => ss.getSheets()[0].insertRowsAfter(1000, 384_000 - 1000));
    expect(ws.spreadsheet(id).cellCount()).toBe(9_984_000);
    const text = 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.';
    expect(() => run((ss) => ss.insertSheet('More'))).toThrow(text);
    expect(() => run((ss) => ss.getSheets()[0].insertRowsAfter(10, 1000))).toThrow(text);
    expect(() => run((ss) => ss.getSheets()[0].insertColumnsAfter(26, 1))).toThrow(text);
    expect(ws.spreadsheet(id).sheets.map((s) => [s.name, s.maxRows, s.maxColumns])).toEqual([['Sheet1', 384_000, 26]]);
    run((ss) => ss.getSheets()[0].insertRowsAfter(10, 615));
    expect(ws.spreadsheet(id).cellCount()).toBe(9_999_990);
  });
});

describe('grid limits over REST', () => {
  it('appendDimension grows a sheet; past 10 million cells the whole batch fails and nothing is applied', async () => {
    const h = await startHarness();
    try {
      const id = h.ws.createSpreadsheet('Limits');
      const { sheets } = h.apis();
      await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 9000 } }] } });
      expect(h.ws.spreadsheet(id).sheets[0].maxRows).toBe(10_000);
      const failed = await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
        { appendDimension: { sheetId: 0, dimension: 'COLUMNS', length: 10 } },
        { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 300_000 } },
      ] } }).then(() => null, (error: { code?: number; message?: string }) => error);
      expect(failed?.code).toBe(400);
      expect(failed?.message).toBe('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
      expect([h.ws.spreadsheet(id).sheets[0].maxRows, h.ws.spreadsheet(id).sheets[0].maxColumns]).toEqual([10_000, 26]);
    } finally {
      await h.close();
    }
  });
});
