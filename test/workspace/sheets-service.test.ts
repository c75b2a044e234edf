// The Sheets v4 advanced service answers as Google does: each batchUpdate request kind, field masks, atomic batches, Apps Script's error texts, a cost that grows with the work, and the same answers as the REST face.
import type { sheets_v4 } from 'googleapis';
import { createWorkspace, type Workspace } from '../../workspace';
import { CALL_COST_MS, SHEETS_WORK_COST_MS } from '../../workspace/ledger';
import { startHarness, type RestHarness } from '../support/rest-harness';
import { failure, sheetsBatch } from '../support/sheets';

type Request = GoogleAppsScript.Sheets.Schema.Request;

interface Services {
  Sheets: GoogleAppsScript.Sheets;
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

const COORDINATOR = 'coordinator@example.org';
const PEER_LEAD = 'peer.lead@example.org';

function services(ws: Workspace): Services {
  return ws.globals() as unknown as Services;
}

/** A tracker with a Staff tab (sheetId 0) of a header and two people, typed in through SpreadsheetApp. */
function tracker(ws: Workspace): string {
  const id = ws.createSpreadsheet('Harbour Lights tracker');
  ws.execute(() => {
    const sheet = services(ws).SpreadsheetApp.openById(id).getSheets()[0];
    sheet.setName('Staff');
    sheet.getRange('A1:C3').setValues([['Name', 'Role', 'Hours'], ['Rowan Ames', 'Peer Worker', 12.5], ['Kai Lee', 'Navigator', 30]]);
  });
  return id;
}

const batch = sheetsBatch;

function staff(ws: Workspace, id: string): GoogleAppsScript.Spreadsheet.Sheet {
  return services(ws).SpreadsheetApp.openById(id).getSheetByName('Staff')!;
}

let ws: Workspace;
beforeEach(() => { ws = createWorkspace({ user: COORDINATOR, now: '2026-03-16T17:00:00Z' }); });

describe('batchUpdate requests, seen through SpreadsheetApp at once', () => {
  it('adds a tab with its properties and renames, freezes and hides by field mask', () => {
    const id = tracker(ws);
    const { replies } = batch(ws, id, [
      { addSheet: { properties: { title: 'Lists', gridProperties: { rowCount: 50, columnCount: 3 } } } },
      { updateSheetProperties: { properties: { sheetId: 0, title: 'People', gridProperties: { frozenRowCount: 1 }, hidden: true }, fields: 'title,gridProperties.frozenRowCount' } },
    ]);
    const added = replies![0].addSheet!.properties!;
    expect(added).toMatchObject({ title: 'Lists', index: 1, sheetType: 'GRID', gridProperties: { rowCount: 50, columnCount: 3 } });
    ws.execute(() => {
      const ss = services(ws).SpreadsheetApp.openById(id);
      const people = ss.getSheetByName('People')!;
      expect(people.getFrozenRows()).toBe(1);
      // hidden was sent but not named in the mask: it does not apply.
      expect(people.isSheetHidden()).toBe(false);
      expect(ss.getSheetByName('Lists')!.getMaxRows()).toBe(50);
    });
  });

  it('appends and inserts rows, the new rows taking the formats of the row they inherit from', () => {
    const id = tracker(ws);
    ws.execute(() => staff(ws, id).getRange('A1:C1').setFontWeight('bold'));
    batch(ws, id, [
      { appendDimension: { sheetId: 0, dimension: 'ROWS', length: 10 } },
      { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 3 }, inheritFromBefore: true } },
      { insertDimension: { range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 } } },
    ]);
    ws.execute(() => {
      const sheet = staff(ws, id);
      expect(sheet.getMaxRows()).toBe(1012);
      expect(sheet.getMaxColumns()).toBe(27);
      expect(sheet.getRange('B1:D5').getValues()).toEqual([
        ['Name', 'Role', 'Hours'], ['', '', ''], ['', '', ''], ['Rowan Ames', 'Peer Worker', 12.5], ['Kai Lee', 'Navigator', 30],
      ]);
      expect(sheet.getRange('B2').getFontWeight()).toBe('bold');
      // The new first column inherits from the column after it (inheritFromBefore false).
      expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
    });
    expect(failure(() => batch(ws, id, [{ insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1 }, inheritFromBefore: true } }])))
      .toBe('API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].insertDimension: inheritFromBefore can only be true when the start index is greater than 0.');
    expect(failure(() => batch(ws, id, [{ insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 4 } } }])))
      .toBe('API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[0].insertDimension: Both the start and end indexes must be bounded.');
  });

  it('sizes columns and hides rows by field mask, and the sizes move with inserted rows', () => {
    const id = tracker(ws);
    batch(ws, id, [
      { updateDimensionProperties: { range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 }, properties: { pixelSize: 180 }, fields: 'pixelSize' } },
      { updateDimensionProperties: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 2, endIndex: 3 }, properties: { hiddenByUser: true, pixelSize: 40 }, fields: 'hiddenByUser' } },
      { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1 } } },
    ]);
    ws.execute(() => {
      const sheet = staff(ws, id);
      expect([sheet.getColumnWidth(1), sheet.getColumnWidth(2), sheet.getColumnWidth(3)]).toEqual([180, 180, 100]);
      expect([sheet.isRowHiddenByUser(3), sheet.isRowHiddenByUser(4)]).toEqual([false, true]);
      expect(sheet.getRowHeight(4)).toBe(21);
    });
    expect(failure(() => batch(ws, id, [{ updateDimensionProperties: { range: { sheetId: 0, dimension: 'ROWS' }, properties: { hiddenByFilter: true }, fields: 'hiddenByFilter' } }])))
      .toContain('Invalid requests[0].updateDimensionProperties: hiddenByFilter is read-only.');
  });

  it('writes values, formats, notes and validation by the updateCells mask and leaves other fields alone', () => {
    const id = tracker(ws);
    ws.execute(() => staff(ws, id).getRange('C2').setNote('Hours this month'));
    batch(ws, id, [
      { repeatCell: { range: { sheetId: 0, startRowIndex: 1, startColumnIndex: 3, endColumnIndex: 4 }, cell: { userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } }, fields: 'userEnteredFormat.numberFormat' } },
      {
        updateCells: {
          start: { sheetId: 0, rowIndex: 0, columnIndex: 2 },
          fields: 'userEnteredValue,userEnteredFormat(backgroundColor,textFormat.bold,wrapStrategy)',
          rows: [
            { values: [{ userEnteredValue: { stringValue: 'Hours' }, userEnteredFormat: { backgroundColor: { red: 1, green: 0.8, blue: 0.8 }, textFormat: { bold: true }, wrapStrategy: 'WRAP' } }, { userEnteredValue: { stringValue: 'Start date' } }] },
            { values: [{ userEnteredValue: { numberValue: 14 } }, { userEnteredValue: { numberValue: 46082 } }] },
            { values: [{ userEnteredValue: { formulaValue: '=HYPERLINK("https://example.org","Rota")' } }] },
          ],
        },
      },
      { updateCells: { range: { sheetId: 0, startRowIndex: 2, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 1 }, rows: [{ values: [{ note: 'Moved to Victoria' }] }], fields: 'note,dataValidation' } },
    ]);
    ws.execute(() => {
      const sheet = staff(ws, id);
      expect(sheet.getRange('C1:D3').getValues()).toEqual([['Hours', 'Start date'], [14, new Date('2026-03-01T08:00:00Z')], ['Rota', '']]);
      expect(sheet.getRange('D2').getDisplayValue()).toBe('2026-03-01');
      expect(sheet.getRange('C1').getBackground()).toBe('#ffcccc');
      expect(sheet.getRange('C1').getFontWeight()).toBe('bold');
      // note was outside the first mask: C2's note stays; A3 gets one.
      expect(sheet.getRange('C2').getNote()).toBe('Hours this month');
      expect(sheet.getRange('A3').getNote()).toBe('Moved to Victoria');
      expect(sheet.getRange('A3').getValue()).toBe('Kai Lee');
    });
  });

  it('clears the masked fields of cells a range covers but the rows do not', () => {
    const id = tracker(ws);
    batch(ws, id, [{ updateCells: { range: { sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 3 }, rows: [{ values: [{ userEnteredValue: { stringValue: 'Robin Ames' } }] }], fields: 'userEnteredValue' } }]);
    expect(ws.execute(() => staff(ws, id).getRange('A2:C3').getValues())).toEqual([['Robin Ames', '', ''], ['', '', '']]);
  });

  it('sets and clears data validation, strict lists showing a dropdown', () => {
    const id = tracker(ws);
    batch(ws, id, [{ setDataValidation: { range: { sheetId: 0, startRowIndex: 1, endRowIndex: 100, startColumnIndex: 1, endColumnIndex: 2 }, rule: { condition: { type: 'ONE_OF_LIST', values: [{ userEnteredValue: 'Peer Worker' }, { userEnteredValue: 'Navigator' }] }, strict: true, showCustomUi: true, inputMessage: 'Pick a role' } } }]);
    ws.execute(() => {
      const rule = staff(ws, id).getRange('B50').getDataValidation()!;
      expect(rule.getCriteriaType()).toBe('VALUE_IN_LIST');
      expect(rule.getCriteriaValues()).toEqual([['Peer Worker', 'Navigator'], true]);
      expect([rule.getAllowInvalid(), rule.getHelpText()]).toEqual([false, 'Pick a role']);
    });
    batch(ws, id, [{ setDataValidation: { range: { sheetId: 0, startRowIndex: 1, endRowIndex: 50, startColumnIndex: 1, endColumnIndex: 2 } } }]);
    ws.execute(() => {
      expect(staff(ws, id).getRange('B50').getDataValidation()).toBeNull();
      expect(staff(ws, id).getRange('B51').getDataValidation()).not.toBeNull();
    });
    expect(failure(() => batch(ws, id, [{ setDataValidation: { range: { sheetId: 0 }, rule: { condition: { type: 'BLANK' } } } }])))
      .toContain('Invalid requests[0].setDataValidation: Condition type BLANK is not supported by data validation.');
  });

  it('adds conditional format rules at an index and deletes one, replying with the rule', () => {
    const id = tracker(ws);
    const rule = (formula: string, red: number, index?: number): Request => ({
      addConditionalFormatRule: { index, rule: { ranges: [{ sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 3 }], booleanRule: { condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: formula }] }, format: { backgroundColor: { red, green: 1, blue: 1 }, textFormat: { bold: true } } } } },
    });
    batch(ws, id, [rule('=$C2>20', 1), rule('=$C2<5', 0, 0)]);
    ws.execute(() => {
      const rules = staff(ws, id).getConditionalFormatRules();
      expect(rules.map((r) => r.getBooleanCondition()!.getCriteriaValues())).toEqual([['=$C2<5'], ['=$C2>20']]);
      expect(rules[1].getBooleanCondition()!.getBackground()).toBe('#ffffff');
      expect(rules[1].getRanges()[0].getA1Notation()).toBe('A2:C3');
    });
    const { replies } = batch(ws, id, [{ deleteConditionalFormatRule: { sheetId: 0, index: 1 } }]);
    expect(replies![0].deleteConditionalFormatRule!.rule).toEqual({
      ranges: [{ sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 3 }],
      booleanRule: {
        condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: '=$C2>20' }] },
        format: { backgroundColor: { red: 1, green: 1, blue: 1 }, backgroundColorStyle: { rgbColor: { red: 1, green: 1, blue: 1 } }, textFormat: { bold: true } },
      },
    });
    expect(ws.execute(() => staff(ws, id).getConditionalFormatRules()).length).toBe(1);
    expect(failure(() => batch(ws, id, [{ deleteConditionalFormatRule: { sheetId: 0, index: 3 } }])))
      .toContain('Invalid requests[0].deleteConditionalFormatRule: No conditional format on sheet 0 at index 3.');
  });

  it('protects a range to named editors, updates it by mask and deletes it', () => {
    const id = tracker(ws);
    ws.share(id, PEER_LEAD);
    const { replies } = batch(ws, id, [{ addProtectedRange: { protectedRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, description: 'Headers', editors: { users: [COORDINATOR] } } } }]);
    const added = replies![0].addProtectedRange!.protectedRange!;
    expect(added).toEqual({
      protectedRangeId: added.protectedRangeId, range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 26 },
      description: 'Headers', requestingUserCanEdit: true, editors: { users: [COORDINATOR] },
    });
    // The peer lead is not an editor of the protection: writing a header fails, through either door.
    expect(() => ws.execute(() => staff(ws, id).getRange('A1').setValue('Nom'), { user: PEER_LEAD })).toThrow('You are trying to edit a protected cell or object.');
    expect(failure(() => ws.execute(() => services(ws).Sheets.Spreadsheets!.batchUpdate({ requests: [{ repeatCell: { range: { sheetId: 0, endRowIndex: 1 }, cell: { note: 'x' }, fields: 'note' } }] }, id), { user: PEER_LEAD })))
      .toBe('API call to sheets.spreadsheets.batchUpdate failed with error: You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.');
    const protectedRangeId = added.protectedRangeId!;
    batch(ws, id, [{ updateProtectedRange: { protectedRange: { protectedRangeId, warningOnly: true, description: 'Header row' }, fields: 'warningOnly,description' } }]);
    ws.execute(() => staff(ws, id).getRange('A1').setValue('Name'), { user: PEER_LEAD });
    // From warning-only back to enforced without naming editors: every editor of the file may edit.
    batch(ws, id, [{ updateProtectedRange: { protectedRange: { protectedRangeId, warningOnly: false }, fields: 'warningOnly' } }]);
    ws.execute(() => {
      const [protection] = staff(ws, id).getProtections(services(ws).SpreadsheetApp.ProtectionType.RANGE);
      expect(protection.getDescription()).toBe('Header row');
      expect(protection.getEditors().map((u) => u.getEmail()).sort()).toEqual([COORDINATOR, PEER_LEAD]);
    });
    batch(ws, id, [{ deleteProtectedRange: { protectedRangeId } }]);
    expect(ws.execute(() => staff(ws, id).getProtections(services(ws).SpreadsheetApp.ProtectionType.RANGE))).toEqual([]);
    expect(failure(() => batch(ws, id, [{ deleteProtectedRange: { protectedRangeId } }])))
      .toContain(`Invalid requests[0].deleteProtectedRange: No protected range with id: ${protectedRangeId}`);
  });

  it('protects a whole sheet with unprotected ranges, which only a sheet protection may have', () => {
    const id = tracker(ws);
    batch(ws, id, [{ addProtectedRange: { protectedRange: { range: { sheetId: 0 }, unprotectedRanges: [{ sheetId: 0, startRowIndex: 1, startColumnIndex: 1, endColumnIndex: 2 }] } } }]);
    ws.execute(() => {
      const [protection] = staff(ws, id).getProtections(services(ws).SpreadsheetApp.ProtectionType.SHEET);
      expect(protection.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['B2:B1000']);
    });
    expect(failure(() => batch(ws, id, [{ addProtectedRange: { protectedRange: { range: { sheetId: 0, endRowIndex: 1 }, unprotectedRanges: [{ sheetId: 0, endRowIndex: 1 }] } } }])))
      .toContain('Invalid requests[0].addProtectedRange: Unprotected ranges are only supported on protected sheets.');
  });
});

describe('a batch applies whole or not at all', () => {
  it('puts back values, formats, tabs, sizes, rules and protections when a later request fails', () => {
    const id = tracker(ws);
    const before = ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id, { includeGridData: true }));
    const message = failure(() => batch(ws, id, [
      { addSheet: { properties: { title: 'Lists' } } },
      { repeatCell: { range: { sheetId: 0 }, cell: { userEnteredValue: { stringValue: 'x' }, userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredValue,userEnteredFormat.textFormat.bold' } },
      { updateDimensionProperties: { range: { sheetId: 0, dimension: 'COLUMNS' }, properties: { pixelSize: 10 }, fields: 'pixelSize' } },
      { addProtectedRange: { protectedRange: { range: { sheetId: 0 } } } },
      { addConditionalFormatRule: { rule: { ranges: [{ sheetId: 0 }], booleanRule: { condition: { type: 'NOT_BLANK' }, format: { textFormat: { bold: true } } } } } },
      { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 5 } } },
      { updateCells: { start: { sheetId: 99 }, rows: [], fields: '*' } },
    ]));
    expect(message).toBe('API call to sheets.spreadsheets.batchUpdate failed with error: Invalid requests[6].updateCells: No grid with id: 99');
    expect(ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id, { includeGridData: true }))).toEqual(before);
    ws.execute(() => {
      const sheet = staff(ws, id);
      expect(sheet.getRange('A1:C2').getValues()).toEqual([['Name', 'Role', 'Hours'], ['Rowan Ames', 'Peer Worker', 12.5]]);
      expect(sheet.getColumnWidth(1)).toBe(100);
      expect(sheet.getParent().getSheets().length).toBe(1);
    });
  });

  it('checks the grid limit on the result of the whole batch', () => {
    const id = tracker(ws);
    expect(failure(() => batch(ws, id, [{ appendDimension: { sheetId: 0, dimension: 'ROWS', length: 500_000 } }])))
      .toContain('This action would increase the number of cells in the workbook above the limit of 10000000 cells.');
    expect(ws.execute(() => staff(ws, id).getMaxRows())).toBe(1000);
  });
});

describe('what a request may say', () => {
  it('refuses unknown request kinds, unknown field names and missing masks with Google\'s words', () => {
    const id = tracker(ws);
    const prefix = 'API call to sheets.spreadsheets.batchUpdate failed with error: ';
    expect(failure(() => batch(ws, id, [{ paintItBlue: {} } as Request]))).toBe(`${prefix}Invalid JSON payload received. Unknown name "paintItBlue" at 'requests[0]': Cannot find field.`);
    expect(failure(() => batch(ws, id, [{ repeatCell: { range: { sheetId: 0 }, cell: { userEnteredFormat: { textFormat: { weight: 'bold' } } }, fields: 'userEnteredFormat' } } as unknown as Request])))
      .toBe(`${prefix}Invalid JSON payload received. Unknown name "weight" at 'requests[0].repeat_cell.cell.user_entered_format.text_format': Cannot find field.`);
    expect(failure(() => batch(ws, id, [{ updateCells: { start: { sheetId: 0 }, rows: [{ values: [{}] }], fields: '' } }])))
      .toBe(`${prefix}Invalid requests[0].updateCells: At least one field must be listed in 'fields'. (Use '*' to indicate all fields.)`);
    expect(failure(() => batch(ws, id, [{ addConditionalFormatRule: { rule: { ranges: [{ sheetId: 7 }], booleanRule: { condition: { type: 'BLANK' } } } } }])))
      .toBe(`${prefix}Invalid requests[0].addConditionalFormatRule: No grid with id: 7`);
    expect(failure(() => batch(ws, id, [{ repeatCell: { range: { sheetId: 0, endRowIndex: 2000 }, cell: {}, fields: 'note' } }])))
      .toBe(`${prefix}Invalid requests[0].repeatCell: Range (Staff!A1:Z2000) exceeds grid limits. Max rows: 1000, max columns: 26`);
    expect(failure(() => batch(ws, id, [{ addSheet: { properties: { title: 'staff' } } }])))
      .toBe(`${prefix}Invalid requests[0].addSheet: A sheet with the name "staff" already exists. Please enter another name.`);
    expect(failure(() => batch(ws, id, []))).toBe(`${prefix}Must specify at least one request.`);
  });

  it('names what it does not model instead of leaving it out', () => {
    const id = tracker(ws);
    expect(failure(() => batch(ws, id, [{ autoFill: { useAlternateSeries: false } }]))).toBe('API call to sheets.spreadsheets.batchUpdate failed with error: requests[0].autoFill is not implemented by the local Workspace');
    expect(failure(() => batch(ws, id, [{ repeatCell: { range: { sheetId: 0 }, cell: { userEnteredFormat: { textFormat: { italic: true } } }, fields: 'userEnteredFormat.textFormat' } }])))
      .toContain('requests[0].repeatCell.cell.userEnteredFormat.textFormat.italic is not implemented by the local Workspace');
  });

  it('needs a Sheets scope in the manifest and an authorized add-on', () => {
    const id = tracker(ws);
    ws.scopes = ['https://www.googleapis.com/auth/documents'];
    expect(failure(() => ws.execute(() => services(ws).Sheets.Spreadsheets!.Values!.get(id, 'Staff!A1'))))
      .toBe('API call to sheets.spreadsheets.values.get failed with error: Request had insufficient authentication scopes.');
    ws.scopes = null;
    expect(() => ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id), { authMode: 'NONE' })).toThrow('You do not have permission to call sheets.spreadsheets.get');
  });
});

describe('spreadsheets.get', () => {
  it('returns only the fields the mask names', () => {
    const id = tracker(ws);
    const got = ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id, { fields: 'properties.title,sheets.properties(sheetId,title)' }));
    expect(got).toEqual({ properties: { title: 'Harbour Lights tracker' }, sheets: [{ properties: { sheetId: 0, title: 'Staff' } }] });
    expect(failure(() => ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id, { fields: 'properties, sheets.properties' }))))
      .toBe("API call to sheets.spreadsheets.get failed with error: Error expanding 'fields' parameter. Cannot find matching fields for path ' sheets.properties'.");
    expect(failure(() => ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id, { fields: 'sheets.propertys' }))))
      .toContain("Cannot find matching fields for path 'sheets.propertys'.");
  });

  it('returns grid data for the ranges asked, when the mask names it or includeGridData is set', () => {
    const id = tracker(ws);
    batch(ws, id, [{ repeatCell: { range: { sheetId: 0, endRowIndex: 1 }, cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' } }]);
    const masked = ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id, { ranges: 'Staff!B1:C2', includeGridData: false, fields: 'sheets.data(startColumn,rowData.values(userEnteredValue,userEnteredFormat.textFormat))' }));
    expect(masked).toEqual({
      sheets: [{
        data: [{
          startColumn: 1,
          rowData: [
            { values: [{ userEnteredValue: { stringValue: 'Role' }, userEnteredFormat: { textFormat: { bold: true } } }, { userEnteredValue: { stringValue: 'Hours' }, userEnteredFormat: { textFormat: { bold: true } } }] },
            { values: [{ userEnteredValue: { stringValue: 'Peer Worker' } }, { userEnteredValue: { numberValue: 12.5 } }] },
          ],
        }],
      }],
    });
    const whole = ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id, { ranges: ['Staff!A3'], includeGridData: true }));
    expect(whole.sheets![0].data).toEqual([{
      startRow: 2,
      rowData: [{ values: [{ userEnteredValue: { stringValue: 'Kai Lee' }, effectiveValue: { stringValue: 'Kai Lee' }, formattedValue: 'Kai Lee' }] }],
      rowMetadata: [{ pixelSize: 21 }],
      columnMetadata: [{ pixelSize: 100 }],
    }]);
    expect(ws.execute(() => services(ws).Sheets.Spreadsheets!.get(id)).sheets![0].data).toBeUndefined();
  });
});

describe('values through the advanced service', () => {
  it('reads many ranges and writes many in one call each, RAW or as typed', () => {
    const id = tracker(ws);
    const { Values } = services(ws).Sheets.Spreadsheets!;
    const written = ws.execute(() => Values!.batchUpdate({ valueInputOption: 'USER_ENTERED', data: [{ range: 'Staff!D1:D2', values: [['Start'], ['2026-03-01']] }, { range: 'Staff!E1', values: [['=1+1']] }] }, id));
    expect(written).toMatchObject({ totalUpdatedCells: 3, totalUpdatedSheets: 1 });
    ws.execute(() => Values!.update({ values: [['=not a formula']] }, id, 'Staff!F1', { valueInputOption: 'RAW' }));
    const read = ws.execute(() => Values!.batchGet(id, { ranges: ['Staff!A1:A3', 'Staff!D2', 'Staff!F1'], valueRenderOption: 'UNFORMATTED_VALUE', majorDimension: 'COLUMNS' }));
    expect(read.valueRanges).toEqual([
      { range: 'Staff!A1:A3', majorDimension: 'COLUMNS', values: [['Name', 'Rowan Ames', 'Kai Lee']] },
      { range: 'Staff!D2', majorDimension: 'COLUMNS', values: [[46082]] },
      { range: 'Staff!F1', majorDimension: 'COLUMNS', values: [['=not a formula']] },
    ]);
    const appended = ws.execute(() => Values!.append({ values: [['Sam Ortiz', 'Peer Worker', 8]] }, id, 'Staff!A1:C1', { valueInputOption: 'RAW' }));
    expect(appended).toMatchObject({ tableRange: 'Staff!A1:C3', updates: { updatedRange: 'Staff!A4:C4', updatedCells: 3 } });
    expect(ws.execute(() => staff(ws, id).getRange('A4').getValue())).toBe('Sam Ortiz');
    expect(failure(() => ws.execute(() => Values!.get(id, 'Staff!A1', { valueRenderOption: 'PLAIN' }))))
      .toBe('API call to sheets.spreadsheets.values.get failed with error: Invalid value at \'valueRenderOption\', "PLAIN"');
  });
});

describe('the ledger', () => {
  it('records one entry per call and charges more for more requests and more cells', () => {
    const id = tracker(ws);
    const cost = (run: () => unknown) => ws.execute(() => {
      const mark = ws.ledger.mark();
      run();
      return { calls: ws.ledger.since(mark), ms: ws.ledger.elapsedMs };
    });
    const { Spreadsheets } = services(ws).Sheets;
    const bold = (endRowIndex: number): Request => ({ repeatCell: { range: { sheetId: 0, endRowIndex }, cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: 'userEnteredFormat.textFormat.bold' } });
    const one = cost(() => Spreadsheets!.batchUpdate({ requests: [bold(1)] }, id));
    expect(one).toEqual({ calls: ['Sheets.Spreadsheets.batchUpdate'], ms: CALL_COST_MS['Sheets.Spreadsheets.batchUpdate'] + SHEETS_WORK_COST_MS.perRequest + 26 * SHEETS_WORK_COST_MS.perCell });
    const wide = cost(() => Spreadsheets!.batchUpdate({ requests: [bold(1000)] }, id));
    const many = cost(() => Spreadsheets!.batchUpdate({ requests: Array.from({ length: 40 }, () => bold(1)) }, id));
    expect(wide.calls).toHaveLength(1);
    expect(many.calls).toHaveLength(1);
    expect(wide.ms - one.ms).toBeCloseTo(999 * 26 * SHEETS_WORK_COST_MS.perCell);
    expect(many.ms - one.ms).toBeCloseTo(39 * (SHEETS_WORK_COST_MS.perRequest + 26 * SHEETS_WORK_COST_MS.perCell));
    const small = cost(() => Spreadsheets!.Values!.batchGet(id, { ranges: ['Staff!A1'] }));
    const large = cost(() => Spreadsheets!.Values!.batchGet(id, { ranges: ['Staff!A1:C3'] }));
    expect(small.calls).toEqual(['Sheets.Spreadsheets.Values.batchGet']);
    expect(large.ms - small.ms).toBeCloseTo(8 * SHEETS_WORK_COST_MS.perCell);
  });
});

describe('one implementation behind both doors', () => {
  let h: RestHarness;
  beforeEach(async () => { h = await startHarness(); });
  afterEach(async () => { await h.close(); });

  const requests: Request[] = [
    { addSheet: { properties: { sheetId: 42, title: 'Lists', gridProperties: { rowCount: 20, columnCount: 2 } } } },
    { updateCells: { start: { sheetId: 42 }, fields: 'userEnteredValue,note', rows: [{ values: [{ userEnteredValue: { stringValue: 'Roles' }, note: 'Kept by setup' }] }, { values: [{ userEnteredValue: { stringValue: 'Peer Worker' } }] }] } },
    { setDataValidation: { range: { sheetId: 0, startRowIndex: 1, startColumnIndex: 1, endColumnIndex: 2 }, rule: { condition: { type: 'ONE_OF_RANGE', values: [{ userEnteredValue: '=Lists!A2:A' }] }, showCustomUi: true } } },
    { addConditionalFormatRule: { rule: { ranges: [{ sheetId: 0, startRowIndex: 1 }], booleanRule: { condition: { type: 'NUMBER_GREATER', values: [{ userEnteredValue: '20' }] }, format: { backgroundColor: { red: 1, green: 0.9, blue: 0.6 } } } } } },
    { addProtectedRange: { protectedRange: { protectedRangeId: 7, range: { sheetId: 42 }, description: 'Lists', warningOnly: true } } },
    { updateDimensionProperties: { range: { sheetId: 42, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }, properties: { pixelSize: 160 }, fields: 'pixelSize' } },
  ];
  const fields = 'sheets(properties(title,index,gridProperties),data.rowData.values(userEnteredValue,note,dataValidation),data.columnMetadata,conditionalFormats,protectedRanges)';
  const withoutIds = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/"spreadsheetId":"[^"]+"/g, '"spreadsheetId":"…"')) as unknown;

  it('answers the same batchUpdate and get over googleapis and through the advanced service', async () => {
    const overRest = tracker(h.ws);
    const inScript = tracker(h.ws);
    const { sheets } = h.apis(COORDINATOR);
    const rest = await sheets.spreadsheets.batchUpdate({ spreadsheetId: overRest, requestBody: { requests: requests as unknown as sheets_v4.Schema$Request[] } });
    const advanced = h.ws.execute(() => services(h.ws).Sheets.Spreadsheets!.batchUpdate({ requests }, inScript));
    expect(withoutIds(advanced)).toEqual(withoutIds(rest.data));
    expect(advanced.replies![4].addProtectedRange!.protectedRange).toMatchObject({ protectedRangeId: 7, warningOnly: true });

    const restGet = await sheets.spreadsheets.get({ spreadsheetId: overRest, ranges: ['Lists!A1:B3', 'Staff!B1:B2'], fields });
    const scriptGet = h.ws.execute(() => services(h.ws).Sheets.Spreadsheets!.get(inScript, { ranges: ['Lists!A1:B3', 'Staff!B1:B2'], fields }));
    expect(scriptGet).toEqual(restGet.data);
    expect(scriptGet.sheets![1].data![0].rowData![0].values![0]).toEqual({ userEnteredValue: { stringValue: 'Roles' }, note: 'Kept by setup' });

    const bad: Request[] = [{ addSheet: { properties: { title: 'Budget' } } }, { deleteProtectedRange: { protectedRangeId: 99 } }];
    const restError = await sheets.spreadsheets.batchUpdate({ spreadsheetId: overRest, requestBody: { requests: bad as unknown as sheets_v4.Schema$Request[] } }).then(() => null, (e: { response?: { status: number; data: { error: { message: string } } } }) => e.response);
    const scriptError = failure(() => h.ws.execute(() => services(h.ws).Sheets.Spreadsheets!.batchUpdate({ requests: bad }, inScript)));
    expect(restError!.status).toBe(400);
    expect(scriptError).toBe(`API call to sheets.spreadsheets.batchUpdate failed with error: ${restError!.data.error.message}`);
    expect(restError!.data.error.message).toBe('Invalid requests[1].deleteProtectedRange: No protected range with id: 99');
  });
});
