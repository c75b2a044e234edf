// Sheets API v4 on loopback: the REST routes, each parsing its URL and body and calling the one Sheets v4 implementation (sheets-api.ts).
import { SPREADSHEET_MIME } from '../spreadsheet';
import type { SpreadsheetModel } from '../spreadsheet-model';
import { SHEETS_SCOPES, editorFile } from './access';
import { booleanParam, type RestRequest, type Route } from './http';
import {
  type SheetsCall, appendValues, batchClearValues, batchGetValues, batchUpdateSpreadsheet, batchUpdateValues, clearValues, createSpreadsheet,
  getSpreadsheet, getValues, newWork, updateValues,
} from './sheets-api';

const READ_SCOPES = [...SHEETS_SCOPES.read];
const WRITE_SCOPES = [...SHEETS_SCOPES.write];
const { broadRead: BROAD_READ, broadWrite: BROAD_WRITE } = SHEETS_SCOPES;

/** A call as the bearer token's user, reaching the files its scopes reach. */
function restCall(request: RestRequest): SheetsCall {
  return {
    host: request.ws.host,
    open(spreadsheetId, write) {
      const file = editorFile(request.ws, request.caller, spreadsheetId, SPREADSHEET_MIME, write ? BROAD_WRITE : BROAD_READ);
      return { file, ss: file.content as SpreadsheetModel };
    },
    work: newWork(),
  };
}

const optional = (query: URLSearchParams, name: string): string | undefined => query.get(name) ?? undefined;

function renderParams(query: URLSearchParams) {
  return {
    majorDimension: optional(query, 'majorDimension'),
    valueRenderOption: optional(query, 'valueRenderOption'),
    dateTimeRenderOption: optional(query, 'dateTimeRenderOption'),
  };
}

function writeParams(query: URLSearchParams) {
  return {
    valueInputOption: optional(query, 'valueInputOption'),
    includeValuesInResponse: booleanParam(query, 'includeValuesInResponse', false),
    responseValueRenderOption: optional(query, 'responseValueRenderOption'),
    responseDateTimeRenderOption: optional(query, 'responseDateTimeRenderOption'),
  };
}

const RESPONSE_PARAMS = ['includeValuesInResponse', 'responseValueRenderOption', 'responseDateTimeRenderOption'];

export const sheetsRoutes: Route[] = [
  {
    method: 'POST', path: '/v4/spreadsheets', name: 'sheets.spreadsheets.create', scopes: WRITE_SCOPES,
    handle: (request) => createSpreadsheet(restCall(request), request.body),
  },
  {
    method: 'GET', path: '/v4/spreadsheets/{spreadsheetId}', name: 'sheets.spreadsheets.get', scopes: READ_SCOPES,
    query: ['ranges', 'includeGridData', 'excludeTablesInBandedRanges'],
    handle: (request) => getSpreadsheet(restCall(request), request.params.spreadsheetId, {
      ranges: request.query.getAll('ranges'),
      includeGridData: booleanParam(request.query, 'includeGridData', false),
      fields: optional(request.query, 'fields'),
    }),
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}:batchUpdate', name: 'sheets.spreadsheets.batchUpdate', scopes: WRITE_SCOPES,
    handle: (request) => batchUpdateSpreadsheet(restCall(request), request.params.spreadsheetId, request.body),
  },
  {
    method: 'GET', path: '/v4/spreadsheets/{spreadsheetId}/values/{range}', name: 'sheets.spreadsheets.values.get', scopes: READ_SCOPES,
    query: ['majorDimension', 'valueRenderOption', 'dateTimeRenderOption'],
    handle: (request) => getValues(restCall(request), request.params.spreadsheetId, request.params.range, renderParams(request.query)),
  },
  {
    method: 'GET', path: '/v4/spreadsheets/{spreadsheetId}/values:batchGet', name: 'sheets.spreadsheets.values.batchGet', scopes: READ_SCOPES,
    query: ['ranges', 'majorDimension', 'valueRenderOption', 'dateTimeRenderOption'],
    handle: (request) => batchGetValues(restCall(request), request.params.spreadsheetId, request.query.getAll('ranges'), renderParams(request.query)),
  },
  {
    method: 'PUT', path: '/v4/spreadsheets/{spreadsheetId}/values/{range}', name: 'sheets.spreadsheets.values.update', scopes: WRITE_SCOPES,
    query: ['valueInputOption', ...RESPONSE_PARAMS],
    handle: (request) => updateValues(restCall(request), request.params.spreadsheetId, request.params.range, request.body, writeParams(request.query)),
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}/values/{range}:append', name: 'sheets.spreadsheets.values.append', scopes: WRITE_SCOPES,
    query: ['valueInputOption', 'insertDataOption', ...RESPONSE_PARAMS],
    handle: (request) => appendValues(restCall(request), request.params.spreadsheetId, request.params.range, request.body, {
      ...writeParams(request.query), insertDataOption: optional(request.query, 'insertDataOption'),
    }),
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}/values:batchUpdate', name: 'sheets.spreadsheets.values.batchUpdate', scopes: WRITE_SCOPES,
    handle: (request) => batchUpdateValues(restCall(request), request.params.spreadsheetId, request.body),
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}/values/{range}:clear', name: 'sheets.spreadsheets.values.clear', scopes: WRITE_SCOPES,
    handle: (request) => clearValues(restCall(request), request.params.spreadsheetId, request.params.range, request.body),
  },
  {
    method: 'POST', path: '/v4/spreadsheets/{spreadsheetId}/values:batchClear', name: 'sheets.spreadsheets.values.batchClear', scopes: WRITE_SCOPES,
    handle: (request) => batchClearValues(restCall(request), request.params.spreadsheetId, request.body),
  },
];
