// The Sheets API v4 fake answers the real googleapis client as Google does: ValueRanges without trailing empties, RAW vs USER_ENTERED, batch replies, errors and access.
import type { GaxiosError } from 'gaxios';
import { localToken } from '../../workspace/rest';
import { COORDINATOR, OUTSIDER, PEER_LEAD, rawRequest, startHarness, type RestHarness } from '../support/rest-harness';

let h: RestHarness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

/** A spreadsheet owned by the coordinator with a small staff table typed in through SpreadsheetApp, the add-on's door. */
function staffSheet(): string {
  const id = h.ws.createSpreadsheet('Harbour Lights tracker');
  h.ws.execute(() => {
    const app = h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const sheet = app.openById(id).getSheets()[0];
    sheet.setName('Staff');
    sheet.getRange('A1:C4').setValues([
      ['Name', 'Role', 'Hours'],
      ['Rowan Ames', '', ''],
      ['', '', ''],
      ['', 'Peer Worker', 12.5],
    ]);
  });
  return id;
}

async function apiError(promise: Promise<unknown>): Promise<{ status: number; message: string; body: unknown }> {
  try {
    await promise;
  } catch (error) {
    const e = error as GaxiosError;
    return { status: e.response?.status ?? 0, message: (e.response?.data as { error: { message: string } }).error.message, body: e.response?.data };
  }
  throw new Error('the call succeeded');
}

describe('reading values', () => {
  it('leaves out trailing empty cells and rows but keeps the empty row in between', async () => {
    const id = staffSheet();
    const { data } = await h.apis().sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Staff' });
    expect(data).toEqual({
      range: 'Staff!A1:Z1000',
      majorDimension: 'ROWS',
      values: [['Name', 'Role', 'Hours'], ['Rowan Ames'], [], ['', 'Peer Worker', '12.5']],
    });
  });

  it('sends no values at all for an empty range, and columns when asked', async () => {
    const id = staffSheet();
    const empty = await h.apis().sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Staff!E1:F9' });
    expect(empty.data).toEqual({ range: 'Staff!E1:F9', majorDimension: 'ROWS' });
    const columns = await h.apis().sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Staff!A1:B4', majorDimension: 'COLUMNS' });
    expect(columns.data.values).toEqual([['Name', 'Rowan Ames'], ['Role', '', '', 'Peer Worker']]);
  });

  it('renders formatted text by default, raw numbers and date serials when unformatted', async () => {
    const id = h.ws.createSpreadsheet('Budget');
    const { sheets } = h.apis();
    await sheets.spreadsheets.values.update({
      spreadsheetId: id, range: 'Sheet1!A1:C1', valueInputOption: 'USER_ENTERED',
      requestBody: { values: [['2026-03-01', '$1,234.50', 'true']] },
    });
    const formatted = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1:C1' });
    expect(formatted.data.values).toEqual([['2026-03-01', '$1,234.50', 'TRUE']]);
    const raw = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1:C1', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(raw.data.values).toEqual([[46082, 1234.5, true]]);
    const dates = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1', valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING' });
    expect(dates.data.values).toEqual([['2026-03-01']]);
  });

  it('reads many ranges in one batchGet, and one bad range fails the whole call', async () => {
    const id = staffSheet();
    const { sheets } = h.apis();
    const { data } = await sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Staff!A1:A2', "'Staff'!C4"] });
    expect(data.valueRanges).toEqual([
      { range: 'Staff!A1:A2', majorDimension: 'ROWS', values: [['Name'], ['Rowan Ames']] },
      { range: 'Staff!C4', majorDimension: 'ROWS', values: [['12.5']] },
    ]);
    const failure = await apiError(sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Staff!A1', 'Volunteers!A1'] }));
    expect(failure).toMatchObject({ status: 400, message: 'Unable to parse range: Volunteers!A1' });
  });
});

describe('writing values', () => {
  const typed = [['=1+2', '0012', '2026-03-01', "'007", 'TRUE']];

  it('stores RAW input exactly as sent: no formulas, numbers or dates made from text', async () => {
    const id = h.ws.createSpreadsheet('Raw');
    const { data } = await h.apis().sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1:E1', valueInputOption: 'RAW', requestBody: { values: typed } });
    expect(data).toMatchObject({ updatedRange: 'Sheet1!A1:E1', updatedRows: 1, updatedColumns: 5, updatedCells: 5 });
    const cells = h.ws.spreadsheet(id).sheets[0].rows[0];
    expect(cells.map((c) => c?.value)).toEqual(['=1+2', '0012', '2026-03-01', "'007", 'TRUE']);
    expect(cells[0]?.formula).toBeUndefined();
  });

  it('parses USER_ENTERED input as if typed: formula, number, date, quoted text, boolean', async () => {
    const id = h.ws.createSpreadsheet('Typed');
    await h.apis().sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1:E1', valueInputOption: 'USER_ENTERED', requestBody: { values: typed } });
    const cells = h.ws.spreadsheet(id).sheets[0].rows[0];
    expect(cells[0]?.formula).toBe('=1+2');
    expect(cells[1]?.value).toBe(12);
    expect(cells[2]?.value).toBeInstanceOf(Date);
    expect(cells[3]?.value).toBe('007');
    expect(cells[4]?.value).toBe(true);
    const formulas = await h.apis().sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1', valueRenderOption: 'FORMULA' });
    expect(formulas.data.values).toEqual([['=1+2']]);
  });

  it('leaves a cell alone for null and clears it for an empty string', async () => {
    const id = staffSheet();
    await h.apis().sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Staff!A2:B2', valueInputOption: 'RAW', requestBody: { values: [[null, 'Coordinator']] } });
    await h.apis().sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Staff!C4', valueInputOption: 'RAW', requestBody: { values: [['']] } });
    const { data } = await h.apis().sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Staff!A2:C4' });
    expect(data.values).toEqual([['Rowan Ames', 'Coordinator'], [], ['', 'Peer Worker']]);
  });

  it('refuses data larger than the range, past the grid, or without a valueInputOption', async () => {
    const id = staffSheet();
    const { sheets } = h.apis();
    const tooWide = await apiError(sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Staff!A1:B1', valueInputOption: 'RAW', requestBody: { values: [['a', 'b', 'c']] } }));
    expect(tooWide).toMatchObject({ status: 400, message: 'Requested writing within range [Staff!A1:B1], but tried writing to column [C]' });
    const pastGrid = await apiError(sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Staff!A1000:A1001', valueInputOption: 'RAW', requestBody: { values: [['a'], ['b']] } }));
    expect(pastGrid.status).toBe(400);
    expect(pastGrid.message).toBe('Range (Staff!A1000:A1001) exceeds grid limits. Max rows: 1000, max columns: 26');
    const noOption = await rawRequest(h.server, 'PUT', `/v4/spreadsheets/${id}/values/Staff!A1`, { body: { values: [['x']] } });
    expect(noOption).toMatchObject({ status: 400, body: { error: { code: 400, status: 'INVALID_ARGUMENT', message: "'valueInputOption' is required but not specified" } } });
  });

  it('appends below the table found in the range, from its first column', async () => {
    const id = staffSheet();
    const { data } = await h.apis().sheets.spreadsheets.values.append({
      spreadsheetId: id, range: 'Staff!A:C', valueInputOption: 'RAW', requestBody: { values: [['Jesse Kwan', 'Systems Navigator', 20]] },
    });
    expect(data).toMatchObject({ tableRange: 'Staff!A1:C2', updates: { updatedRange: 'Staff!A3:C3', updatedCells: 3 } });
    const rows = await h.apis().sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Staff!A1:C5', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(rows.data.values).toEqual([['Name', 'Role', 'Hours'], ['Rowan Ames'], ['Jesse Kwan', 'Systems Navigator', 20], ['', 'Peer Worker', 12.5]]);
  });

  it('applies a values.batchUpdate whole or not at all', async () => {
    const id = staffSheet();
    const { sheets } = h.apis();
    const failure = await apiError(sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: id,
      requestBody: { valueInputOption: 'RAW', data: [{ range: 'Staff!A2', values: [['Changed']] }, { range: 'Nowhere!A1', values: [['x']] }] },
    }));
    expect(failure.status).toBe(400);
    expect(h.ws.spreadsheet(id).sheets[0].cell(2, 1)?.value).toBe('Rowan Ames');
    const { data } = await sheets.spreadsheets.values.batchUpdate({
      spreadsheetId: id,
      requestBody: { valueInputOption: 'RAW', data: [{ range: 'Staff!A2', values: [['Changed']] }, { range: 'Staff!D1:D2', values: [['Site'], ['Downtown']] }] },
    });
    expect(data).toMatchObject({ totalUpdatedCells: 3, totalUpdatedSheets: 1, responses: [{ updatedRange: 'Staff!A2' }, { updatedRange: 'Staff!D1:D2' }] });
  });

  it('refuses to write into a range protected from the caller, as Sheets does', async () => {
    const id = staffSheet();
    h.ws.share(id, PEER_LEAD);
    h.ws.execute(() => {
      const app = h.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
      const protection = app.openById(id).getSheetByName('Staff')!.getRange('A1:C1').protect();
      protection.removeEditors(protection.getEditors());
    });
    const failure = await apiError(h.apis(PEER_LEAD).sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Staff!A1', valueInputOption: 'RAW', requestBody: { values: [['x']] } }));
    expect(failure.message).toMatch(/^You are trying to edit a protected cell or object/);
    await h.apis(PEER_LEAD).sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Staff!A9', valueInputOption: 'RAW', requestBody: { values: [['allowed']] } });
    expect(h.ws.spreadsheet(id).sheets[0].cell(9, 1)?.value).toBe('allowed');
  });
});

describe('spreadsheets', () => {
  it('creates a spreadsheet owned by the caller and describes its sheets', async () => {
    const { data } = await h.apis(PEER_LEAD).sheets.spreadsheets.create({
      requestBody: { properties: { title: 'Peer programme', timeZone: 'America/Edmonton' }, sheets: [{ properties: { title: 'Staff', gridProperties: { frozenRowCount: 1 } } }] },
    });
    expect(h.ws.host.files.get(data.spreadsheetId!)?.owner).toBe(PEER_LEAD);
    expect(data.properties).toMatchObject({ title: 'Peer programme', timeZone: 'America/Edmonton' });
    expect(data.sheets).toEqual([{ properties: { sheetId: 0, title: 'Staff', index: 0, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26, frozenRowCount: 1 } } }]);
    const got = await h.apis(PEER_LEAD).sheets.spreadsheets.get({ spreadsheetId: data.spreadsheetId!, fields: 'sheets.properties(title,sheetId)' });
    expect(got.data).toEqual({ sheets: [{ properties: { sheetId: 0, title: 'Staff' } }] });
  });

  it('answers batchUpdate with one reply per request and applies it atomically', async () => {
    const id = h.ws.createSpreadsheet('Tracker');
    const { sheets } = h.apis();
    const { data } = await sheets.spreadsheets.batchUpdate({
      spreadsheetId: id,
      requestBody: { requests: [
        { addSheet: { properties: { title: 'Action Plan', gridProperties: { rowCount: 200, columnCount: 12 } } } },
        { updateSheetProperties: { properties: { sheetId: 0, title: 'Settings', gridProperties: { frozenRowCount: 1 } }, fields: 'title,gridProperties.frozenRowCount' } },
      ] },
    });
    expect(data.replies).toEqual([
      { addSheet: { properties: expect.objectContaining({ title: 'Action Plan', index: 1, gridProperties: { rowCount: 200, columnCount: 12 } }) } },
      {},
    ]);
    expect(h.ws.spreadsheet(id).sheets.map((s) => [s.name, s.frozenRows])).toEqual([['Settings', 1], ['Action Plan', 0]]);

    const unknown = await apiError(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'Budget' } } }, { paintItBlue: {} } as object] } }));
    expect(unknown).toMatchObject({ status: 400, message: 'Invalid JSON payload received. Unknown name "paintItBlue" at \'requests[1]\': Cannot find field.' });
    const unmodelled = await apiError(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'Budget' } } }, { autoFill: {} }] } }));
    expect(unmodelled).toMatchObject({ status: 501, message: 'requests[1].autoFill is not implemented by the local Workspace' });
    expect(h.ws.spreadsheet(id).sheets.map((s) => s.name)).toEqual(['Settings', 'Action Plan']);
  });
});

describe('errors and access', () => {
  it('answers a request without a token with 401 and Google\'s error body', async () => {
    const id = staffSheet();
    const { status, body } = await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}`, { token: null });
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it('says not found for an unknown spreadsheet and no permission for one not shared', async () => {
    const id = staffSheet();
    const missing = await rawRequest(h.server, 'GET', '/v4/spreadsheets/1NoSuchSpreadsheet0000000000/values/A1');
    expect(missing).toEqual({ status: 404, body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } } });
    const outsider = await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}`, { token: localToken(OUTSIDER) });
    expect(outsider).toEqual({ status: 403, body: { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } } });
    h.ws.share(id, OUTSIDER);
    expect((await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}`, { token: localToken(OUTSIDER) })).status).toBe(200);
  });

  it('refuses a token without a Sheets scope, and a parameter the method does not define', async () => {
    const id = staffSheet();
    h.server.tokens.issue('ya29.forms-only', { user: COORDINATOR, scopes: ['https://www.googleapis.com/auth/forms.body'] });
    const scoped = await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}`, { token: 'ya29.forms-only' });
    expect(scoped).toMatchObject({ status: 403, body: { error: { message: 'Request had insufficient authentication scopes.' } } });
    const typo = await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}/values/A1?valueRender=FORMULA`);
    expect(typo.status).toBe(400);
    expect(JSON.stringify(typo.body)).toContain('Unknown name \\"valueRender\\"');
  });

  it('fails loudly on what it does not model instead of inventing an answer', async () => {
    const id = staffSheet();
    const gridData = await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}?fields=sheets.data.rowData.values.effectiveFormat`);
    expect(gridData).toMatchObject({ status: 501, body: { error: { status: 'UNIMPLEMENTED', message: 'sheets.data.rowData.values.effectiveFormat is not implemented by the local Workspace' } } });
    const method = await rawRequest(h.server, 'POST', `/v4/spreadsheets/${id}:getByDataFilter`, { body: {} });
    expect(method.status).toBe(501);
  });

  it('keeps a log of requests and can fail the nth call of a method', async () => {
    const id = staffSheet();
    h.server.failOn('sheets.spreadsheets.values.get', { nth: 2, code: 429, message: 'Quota exceeded for quota metric \'Read requests\'' });
    const { sheets } = h.apis();
    await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Staff!A1' });
    const limited = await rawRequest(h.server, 'GET', `/v4/spreadsheets/${id}/values/Staff!A1`);
    expect(limited).toMatchObject({ status: 429, body: { error: { status: 'RESOURCE_EXHAUSTED' } } });
    expect(h.server.requests.map((r) => [r.name, r.status])).toEqual([['sheets.spreadsheets.values.get', 200], ['sheets.spreadsheets.values.get', 429]]);
  });
});
