// Developer metadata and tab colours through the Sheets v4 advanced service: create, look up, update and delete by data filter, atomically with the rest of a batch, and read back by spreadsheets.get.
import { createWorkspace, type Workspace } from '../../workspace';
import { failure, sheetsBatch } from '../support/sheets';

type Request = GoogleAppsScript.Sheets.Schema.Request;

interface Services {
  Sheets: GoogleAppsScript.Sheets;
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
}

const COORDINATOR = 'coordinator@example.org';
const RECORD = { metadataKey: 'rose.trackerTabs', metadataValue: '{"Staff":0}', location: { spreadsheet: true }, visibility: 'DOCUMENT' };

let ws: Workspace;
let id: string;
beforeEach(() => {
  ws = createWorkspace({ user: COORDINATOR, now: '2026-03-16T17:00:00Z' });
  id = ws.createSpreadsheet('Harbour Lights tracker');
});

function api(): Services {
  return ws.globals() as unknown as Services;
}

const batch = (requests: Request[]) => sheetsBatch(ws, id, requests);

function metadataSeenBySpreadsheetApp(): [string, string | null][] {
  return ws.execute(() => api().SpreadsheetApp.openById(id).getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()] as [string, string | null]));
}

describe('developer metadata requests', () => {
  it('creates spreadsheet metadata, replying with its ID, which SpreadsheetApp and spreadsheets.get then see', () => {
    const { replies } = batch([{ createDeveloperMetadata: { developerMetadata: RECORD } }]);
    const created = replies![0].createDeveloperMetadata!.developerMetadata!;
    expect(created).toEqual({ ...RECORD, metadataId: expect.any(Number), location: { locationType: 'SPREADSHEET', spreadsheet: true } });
    expect(metadataSeenBySpreadsheetApp()).toEqual([['rose.trackerTabs', '{"Staff":0}']]);
    const got = ws.execute(() => api().Sheets.Spreadsheets!.get(id, { fields: 'developerMetadata(metadataId,metadataKey,metadataValue)' }));
    expect(got).toEqual({ developerMetadata: [{ metadataId: created.metadataId, metadataKey: 'rose.trackerTabs', metadataValue: '{"Staff":0}' }] });
  });

  it('updates by a developerMetadataLookup, only the fields the mask names, and deletes by one', () => {
    const made = batch([{ createDeveloperMetadata: { developerMetadata: RECORD } }, { createDeveloperMetadata: { developerMetadata: { ...RECORD, metadataKey: 'other.key' } } }]);
    const first = made.replies![0].createDeveloperMetadata!.developerMetadata!.metadataId!;
    const { replies } = batch([{
      updateDeveloperMetadata: { dataFilters: [{ developerMetadataLookup: { metadataId: first } }], developerMetadata: { metadataValue: '{"Staff":7}', metadataKey: 'ignored' }, fields: 'metadataValue' },
    }]);
    expect(replies![0].updateDeveloperMetadata!.developerMetadata!.map((m) => [m.metadataKey, m.metadataValue])).toEqual([['rose.trackerTabs', '{"Staff":7}']]);
    expect(metadataSeenBySpreadsheetApp()).toEqual([['rose.trackerTabs', '{"Staff":7}'], ['other.key', '{"Staff":0}']]);
    batch([{ deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: 'other.key' } } } }]);
    expect(metadataSeenBySpreadsheetApp()).toEqual([['rose.trackerTabs', '{"Staff":7}']]);
  });

  it('is put back with the rest of the batch when a later request fails', () => {
    expect(failure(() => batch([{ createDeveloperMetadata: { developerMetadata: RECORD } }, { addSheet: { properties: { title: 'Sheet1' } } }])))
      .toMatch(/A sheet with the name "Sheet1" already exists/);
    expect(metadataSeenBySpreadsheetApp()).toEqual([]);
  });

  it('refuses what Google refuses: no visibility, no key, no location, a taken ID, an update without a mask or a filter', () => {
    const call = (request: Request) => failure(() => batch([request]));
    expect(call({ createDeveloperMetadata: { developerMetadata: { ...RECORD, visibility: undefined } } })).toMatch(/must always have a visibility specified/);
    expect(call({ createDeveloperMetadata: { developerMetadata: { ...RECORD, metadataKey: '' } } })).toMatch(/must have a metadataKey/);
    expect(call({ createDeveloperMetadata: { developerMetadata: { ...RECORD, location: undefined } } })).toMatch(/must have a location/);
    expect(call({ createDeveloperMetadata: { developerMetadata: { ...RECORD, colour: 'red' } as never } })).toMatch(/Unknown name "colour"/);
    batch([{ createDeveloperMetadata: { developerMetadata: { ...RECORD, metadataId: 41 } } }]);
    expect(call({ createDeveloperMetadata: { developerMetadata: { ...RECORD, metadataId: 41 } } })).toMatch(/id 41 already exists/);
    expect(call({ updateDeveloperMetadata: { dataFilters: [{ developerMetadataLookup: { metadataId: 41 } }], developerMetadata: { metadataValue: 'x' } } })).toMatch(/At least one field must be listed in 'fields'/);
    expect(call({ updateDeveloperMetadata: { dataFilters: [], developerMetadata: { metadataValue: 'x' }, fields: 'metadataValue' } })).toMatch(/At least one data filter/);
    expect(call({ updateDeveloperMetadata: { dataFilters: [{ developerMetadataLookup: { metadataId: 41 } }], developerMetadata: {}, fields: 'metadataId' } })).toMatch(/metadataId cannot be updated/);
    expect(failure(() => batch([{ createDeveloperMetadata: { developerMetadata: { ...RECORD, location: { sheetId: 0 } } } }]))).toMatch(/not implemented by the local Workspace|sheet, row or column/);
  });
});

describe('tab colours by updateSheetProperties', () => {
  it('sets a tab colour by tabColorStyle, as SpreadsheetApp shows it, and clears it when the mask names it without a value', () => {
    batch([{ updateSheetProperties: { properties: { sheetId: 0, tabColorStyle: { rgbColor: { red: 1, green: 0, blue: 1 } } }, fields: 'tabColorStyle' } }]);
    expect(ws.execute(() => api().SpreadsheetApp.openById(id).getSheets()[0].getTabColor())).toBe('#ff00ff');
    const got = ws.execute(() => api().Sheets.Spreadsheets!.get(id, { fields: 'sheets.properties.tabColorStyle' }));
    expect(got.sheets![0].properties!.tabColorStyle).toEqual({ rgbColor: { red: 1, green: 0, blue: 1 } });
    batch([{ updateSheetProperties: { properties: { sheetId: 0 }, fields: 'tabColorStyle' } }]);
    expect(ws.execute(() => api().SpreadsheetApp.openById(id).getSheets()[0].getTabColor())).toBeNull();
  });
});
