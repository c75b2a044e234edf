// The Sheets v4 advanced service of the local Workspace (Sheets.Spreadsheets, Sheets.Spreadsheets.Values), answered by the same Sheets v4 implementation as the REST face.
//
// "Like all advanced services in Apps Script, the Advanced Sheets service uses the same objects,
// methods, and parameters as the public API" (developers.google.com/apps-script/advanced/sheets):
// methods take the request body first, then the path parameters, then an optionalArgs object of
// query parameters, and return the REST resource as plain objects. A failed call throws
// "API call to sheets.spreadsheets.batchUpdate failed with error: <the API's message>", as the
// Docs and Drive advanced services here do. Scopes are the REST methods' (…/sheets/api/scopes);
// under drive.file only spreadsheets the app created or was given are reachable.
import type { Workspace } from './index';
import type { DriveFile } from './host';
import { apiError, appReaches, requireApiScopes } from './drive';
import { sheetsWorkCostMs } from './ledger';
import { SPREADSHEET_MIME } from './spreadsheet';
import type { SpreadsheetModel } from './spreadsheet-model';
import { SHEETS_SCOPES } from './rest/access';
import { ApiError, applyFieldMask, parseFieldMask } from './rest/http';
import {
  type SheetsCall, appendValues, batchClearValues, batchGetValues, batchUpdateSpreadsheet, batchUpdateValues, clearValues, createSpreadsheet,
  getSpreadsheet, getValues, newWork, updateValues,
} from './rest/sheets-api';

const READ = [...SHEETS_SCOPES.read];
const WRITE = [...SHEETS_SCOPES.write];
const { broadRead: BROAD_READ, broadWrite: BROAD_WRITE } = SHEETS_SCOPES;

type Options = Record<string, unknown>;

const RENDER_OPTIONS = ['majorDimension', 'valueRenderOption', 'dateTimeRenderOption'];
const WRITE_OPTIONS = ['valueInputOption', 'includeValuesInResponse', 'responseValueRenderOption', 'responseDateTimeRenderOption'];

/** optionalArgs of a method: the query parameters it has ('fields' for every method); anything else is named as unmodelled. */
function optionsOf(call: string, value: unknown, allowed: readonly string[]): Options {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw apiError(call, 'Invalid argument: optionalArgs');
  for (const key of Object.keys(value)) {
    if (key !== 'fields' && !allowed.includes(key)) throw new Error(`${call} option "${key}" is not implemented by the local Workspace`);
  }
  return value as Options;
}

/** A repeated parameter: Apps Script takes one string or a list of them. */
function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

class SheetsApiCalls {
  constructor(private readonly _ws: Workspace) {}

  /**
   * Runs one method: checks the manifest's scopes, opens spreadsheets as the running user, charges
   * the ledger for the work done (on top of the call's base cost, ledger.ts) and words failures as
   * Apps Script does.
   */
  _run<T>(call: string, scopes: readonly string[], run: (sheets: SheetsCall) => T, fields?: unknown): T {
    requireApiScopes(this._ws, call, scopes);
    const ws = this._ws;
    const sheets: SheetsCall = {
      host: ws.host,
      open(spreadsheetId, write) {
        const file: DriveFile | undefined = ws.host.files.get(String(spreadsheetId));
        if (!file || file.trashed) throw new ApiError(404, 'Requested entity was not found.');
        if (!ws.host.canRead(file)) throw new ApiError(403, 'The caller does not have permission');
        if (!appReaches(ws, file, write ? BROAD_WRITE : BROAD_READ)) throw new ApiError(404, 'Requested entity was not found.');
        if (file.mimeType !== SPREADSHEET_MIME) throw new ApiError(400, 'This operation is not supported for this document');
        // A viewer or commenter reads but does not write (Drive roles, drive/api/guides/ref-roles).
        if (write && !ws.host.canWrite(file)) throw new ApiError(403, 'The caller does not have permission');
        return { file, ss: file.content as SpreadsheetModel };
      },
      work: newWork(),
    };
    let result: T;
    try {
      result = run(sheets);
      if (typeof fields === 'string' && fields.trim() && !call.endsWith('spreadsheets.get')) result = applyFieldMask(result, parseFieldMask(fields)) as T;
    } catch (error) {
      if (error instanceof ApiError) throw apiError(call, error.message);
      throw error;
    }
    ws.ledger.spend(sheetsWorkCostMs(sheets.work));
    // Plain JSON, as the advanced service hands back: nothing of the model leaks out.
    return JSON.parse(JSON.stringify(result)) as T;
  }
}

class ValuesImpl extends SheetsApiCalls {
  get(spreadsheetId: string, range: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.values.get';
    const options = optionsOf(call, optionalArgs, RENDER_OPTIONS);
    return this._run(call, READ, (sheets) => getValues(sheets, String(spreadsheetId), String(range), options), options.fields);
  }

  batchGet(spreadsheetId: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.values.batchGet';
    const options = optionsOf(call, optionalArgs, ['ranges', ...RENDER_OPTIONS]);
    return this._run(call, READ, (sheets) => batchGetValues(sheets, String(spreadsheetId), strings(options.ranges), options), options.fields);
  }

  update(resource: unknown, spreadsheetId: string, range: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.values.update';
    const options = optionsOf(call, optionalArgs, WRITE_OPTIONS);
    return this._run(call, WRITE, (sheets) => updateValues(sheets, String(spreadsheetId), String(range), resource, {
      ...options, includeValuesInResponse: options.includeValuesInResponse === true,
    }), options.fields);
  }

  append(resource: unknown, spreadsheetId: string, range: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.values.append';
    const options = optionsOf(call, optionalArgs, [...WRITE_OPTIONS, 'insertDataOption']);
    return this._run(call, WRITE, (sheets) => appendValues(sheets, String(spreadsheetId), String(range), resource, {
      ...options, includeValuesInResponse: options.includeValuesInResponse === true,
    }), options.fields);
  }

  batchUpdate(resource: unknown, spreadsheetId: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.values.batchUpdate';
    const options = optionsOf(call, optionalArgs, []);
    return this._run(call, WRITE, (sheets) => batchUpdateValues(sheets, String(spreadsheetId), resource), options.fields);
  }

  clear(resource: unknown, spreadsheetId: string, range: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.values.clear';
    const options = optionsOf(call, optionalArgs, []);
    return this._run(call, WRITE, (sheets) => clearValues(sheets, String(spreadsheetId), String(range), resource), options.fields);
  }

  batchClear(resource: unknown, spreadsheetId: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.values.batchClear';
    const options = optionsOf(call, optionalArgs, []);
    return this._run(call, WRITE, (sheets) => batchClearValues(sheets, String(spreadsheetId), resource), options.fields);
  }
}

class SpreadsheetsImpl extends SheetsApiCalls {
  constructor(ws: Workspace, readonly Values: unknown) {
    super(ws);
  }

  get(spreadsheetId: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.get';
    const options = optionsOf(call, optionalArgs, ['ranges', 'includeGridData', 'excludeTablesInBandedRanges']);
    if (options.excludeTablesInBandedRanges === true) throw new Error(`${call} option "excludeTablesInBandedRanges" is not implemented by the local Workspace`);
    return this._run(call, READ, (sheets) => getSpreadsheet(sheets, String(spreadsheetId), {
      ranges: strings(options.ranges),
      includeGridData: options.includeGridData === true,
      fields: typeof options.fields === 'string' ? options.fields : undefined,
    }));
  }

  batchUpdate(resource: unknown, spreadsheetId: string, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.batchUpdate';
    const options = optionsOf(call, optionalArgs, []);
    return this._run(call, WRITE, (sheets) => batchUpdateSpreadsheet(sheets, String(spreadsheetId), resource), options.fields);
  }

  create(resource: unknown, optionalArgs?: unknown): unknown {
    const call = 'sheets.spreadsheets.create';
    const options = optionsOf(call, optionalArgs, []);
    return this._run(call, WRITE, (sheets) => createSpreadsheet(sheets, resource), options.fields);
  }
}

/** The global this module adds to a Workspace: Sheets (the advanced service, enabled in appsscript.json). */
export function sheetsServices(ws: Workspace): Record<string, unknown> {
  const host = ws.host;
  const values = host.wrap('Sheets.Spreadsheets.Values', new ValuesImpl(ws));
  return {
    Sheets: host.wrap('Sheets', { Spreadsheets: host.wrap('Sheets.Spreadsheets', new SpreadsheetsImpl(ws, values)) }),
  };
}
