// Setup's Sheets API edge: one spreadsheets.get for the structure, one values.batchGet for the tabs, and each tab's keyed write through values.batchUpdate.
import { TABS, type ColumnSpec, type TabSpec } from './schema';
import { headerKey, type Plain } from './table';
import type { RowSheet } from './keyed-write';
import { blockToA1 } from './a1';
import { isoDateFromParts } from '../core/dates';

type Api = GoogleAppsScript.Sheets;
type GridRange = GoogleAppsScript.Sheets.Schema.GridRange;

/** A protected range as setup needs it. */
export interface ProtectionFacts {
  id: number;
  description: string;
  /** Only sheetId in the range: the whole sheet is protected. */
  sheetLevel: boolean;
  range: GridRange;
  warningOnly: boolean;
  /** Editors' emails ("editors … only visible to users with edit access"; empty otherwise). */
  editors: string[];
  domainEdit: boolean;
  canEdit: boolean;
}

/** One sheet as setup needs it from spreadsheets.get. */
export interface SheetFacts {
  sheetId: number;
  title: string;
  hidden: boolean;
  tabColored: boolean;
  rows: number;
  columns: number;
  frozenRows: number;
  merges: GridRange[];
  protections: ProtectionFacts[];
  /** The conditional-format rules' formulas (first condition value), in the sheet's order. */
  ruleFormulas: string[];
  /** Each column's width in pixels, left to right (absent: not read). */
  columnWidths?: number[];
}

export interface SpreadsheetFacts {
  timeZone: string;
  locale: string;
  sheets: SheetFacts[];
  metadata: { id: number; key: string; value: string | null }[];
}

/**
 * Everything setup reads about the structure, in one call. The field mask names only what the plan
 * uses ("Use field masks", developers.google.com/workspace/sheets/api/guides/field-masks): no grid data.
 */
export const STRUCTURE_FIELDS = 'properties(timeZone,locale),developerMetadata(metadataId,metadataKey,metadataValue),'
  + 'sheets(properties(sheetId,title,hidden,tabColorStyle,gridProperties(rowCount,columnCount,frozenRowCount)),merges,'
  + 'protectedRanges(protectedRangeId,range,description,warningOnly,requestingUserCanEdit,editors),conditionalFormats(booleanRule(condition)),data(columnMetadata(pixelSize)))';

export function sheetsApi(): Api {
  // The manifest enables the Sheets advanced service; without it Apps Script leaves the global undefined.
  if (!Sheets) throw new Error('The Sheets advanced service is not enabled for ROSE Tracker (appsscript.json).');
  return Sheets;
}

export function readStructure(api: Api, spreadsheetId: string): SpreadsheetFacts {
  const got = api.Spreadsheets.get(spreadsheetId, { fields: STRUCTURE_FIELDS });
  return {
    timeZone: got.properties?.timeZone ?? 'America/Vancouver',
    locale: got.properties?.locale ?? 'en_CA',
    metadata: (got.developerMetadata ?? []).map((m) => ({ id: m.metadataId ?? 0, key: m.metadataKey ?? '', value: m.metadataValue ?? null })),
    sheets: (got.sheets ?? []).map((sheet) => {
      const p = sheet.properties ?? {};
      const grid = p.gridProperties ?? {};
      return {
        sheetId: p.sheetId ?? 0,
        title: p.title ?? '',
        hidden: p.hidden === true,
        tabColored: p.tabColorStyle !== undefined && p.tabColorStyle !== null,
        rows: grid.rowCount ?? 0,
        columns: grid.columnCount ?? 0,
        frozenRows: grid.frozenRowCount ?? 0,
        merges: sheet.merges ?? [],
        protections: (sheet.protectedRanges ?? []).map((r) => {
          const range = r.range ?? {};
          return {
            id: r.protectedRangeId ?? 0,
            description: r.description ?? '',
            sheetLevel: Object.keys(range).every((k) => k === 'sheetId'),
            range,
            warningOnly: r.warningOnly === true,
            editors: r.editors?.users ?? [],
            domainEdit: r.editors?.domainUsersCanEdit === true,
            canEdit: r.requestingUserCanEdit !== false,
          };
        }),
        ruleFormulas: (sheet.conditionalFormats ?? []).map((rule) => String(rule.booleanRule?.condition?.values?.[0]?.userEnteredValue ?? '')),
        columnWidths: (sheet.data?.[0]?.columnMetadata ?? []).map((m) => m.pixelSize ?? 0),
      };
    }),
  };
}

export function quotedName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The spreadsheet's wall-clock milliseconds as an instant in `timeZone`. */
function wallToInstant(wall: number, timeZone: string): Date {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hour12: false, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const offset = (at: number): number => {
    const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second) - Math.floor(at / 1000) * 1000;
  };
  let instant = wall - offset(wall);
  instant = wall - offset(instant);
  return new Date(instant);
}

/**
 * A cell of values.batchGet (UNFORMATTED_VALUE, SERIAL_NUMBER) as the tracker's readers see it: a
 * date column's serial number as its ISO date, a date-time column's as an ISO instant (Sheets keeps
 * dates as "the number of days since December 30, 1899", …/spreadsheets/other#DateTimeRenderOption).
 */
function plainOf(value: unknown, column: ColumnSpec | undefined, timeZone: string): Plain {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number' && column && (column.type === 'date' || column.type === 'datetime')) {
    const wall = Math.round((value - 25569) * 86400000);
    if (column.type === 'datetime') return wallToInstant(wall, timeZone).toISOString();
    const day = new Date(wall);
    return isoDateFromParts(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()) ?? value;
  }
  return value as Plain;
}

/** A value range as a rectangle (the API drops trailing empty cells and rows), dates read by the header's column types. */
export function gridOf(values: unknown[][] | undefined, spec: TabSpec | undefined, timeZone: string): Plain[][] {
  const lines = values ?? [];
  const width = Math.max(0, ...lines.map((line) => line.length));
  const header = lines[0] ?? [];
  const columns = Array.from({ length: width }, (_, i) => spec?.columns.find((c) => headerKey(c.header) === headerKey(header[i] as Plain)));
  return lines.map((line, r) => Array.from({ length: width }, (_, i) => (r === 0 ? plainOf(line[i], undefined, timeZone) : plainOf(line[i], columns[i], timeZone))));
}

/** Whole tabs by name in one values.batchGet, each as a rectangle. */
export function readGrids(api: Api, spreadsheetId: string, names: readonly string[], timeZone: string, specOf: (name: string) => TabSpec | undefined): Map<string, Plain[][]> {
  const grids = new Map<string, Plain[][]>();
  if (!names.length) return grids;
  const read = api.Spreadsheets.Values.batchGet(spreadsheetId, {
    ranges: names.map(quotedName), valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'SERIAL_NUMBER', majorDimension: 'ROWS',
  }).valueRanges ?? [];
  names.forEach((name, i) => grids.set(name, gridOf(read[i]?.values as unknown[][] | undefined, specOf(name), timeZone)));
  return grids;
}

/** The tracker's declaration of a tab by the tracker name. */
export function specNamed(name: string): TabSpec | undefined {
  return TABS.find((t) => t.name === name);
}

/**
 * One tab as the keyed write sees it (keyed-write.ts), through the Sheets API: the first read is the
 * grid setup already holds (with the header setup just wrote), writes wait for the next read and go
 * out together in one values.batchUpdate (USER_ENTERED, so they are read as if typed, as
 * Range.setValues does), and each later read is one values.batchGet of the tab.
 */
export class ApiTab implements RowSheet {
  private pending: GoogleAppsScript.Sheets.Schema.ValueRange[] = [];
  private held: Plain[][] | null;

  constructor(
    private readonly api: Api, private readonly spreadsheetId: string, private readonly name: string, private readonly sheetId: number,
    grid: Plain[][], private maxRows: number, private readonly timeZone: string,
  ) {
    this.held = grid;
  }

  /** The whole tab (the keyed write always reads it whole). */
  getSheetValues(): unknown[][] {
    if (this.held) {
      const grid = this.held;
      this.held = null;
      return grid;
    }
    this.flush();
    return readGrids(this.api, this.spreadsheetId, [this.name], this.timeZone, specNamed).get(this.name) ?? [];
  }

  getMaxRows(): number {
    return this.maxRows;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    this.flush();
    const request = { insertDimension: { range: { sheetId: this.sheetId, dimension: 'ROWS', startIndex: afterPosition, endIndex: afterPosition + howMany }, inheritFromBefore: afterPosition > 0 } };
    this.api.Spreadsheets.batchUpdate({ requests: [request] } as GoogleAppsScript.Sheets.Schema.BatchUpdateSpreadsheetRequest, this.spreadsheetId);
    this.maxRows += howMany;
    return this;
  }

  getRange(row: number, column: number, numRows = 1, numColumns = 1): { setValues(values: unknown[][]): unknown } {
    return {
      setValues: (values: unknown[][]) => {
        this.pending.push({ range: `${quotedName(this.name)}!${blockToA1(row, column, numRows, numColumns)}`, values });
      },
    };
  }

  getRangeList(a1Notations: string[]): { setValue(value: unknown): unknown } {
    return {
      setValue: (value: unknown) => {
        for (const a1 of a1Notations) this.pending.push({ range: `${quotedName(this.name)}!${a1}`, values: [[value]] });
      },
    };
  }

  /** Sends the waiting writes (one call), if any. */
  flush(): void {
    if (!this.pending.length) return;
    const data = this.pending;
    this.pending = [];
    this.api.Spreadsheets.Values.batchUpdate({ valueInputOption: 'USER_ENTERED', data } as GoogleAppsScript.Sheets.Schema.BatchUpdateValuesRequest, this.spreadsheetId);
  }
}


/** A new spreadsheet's first tab is "Sheet1" (later ones Sheet2, …, in English): a tab by such a name may be one nobody has used. */
const DEFAULT_TAB_NAME = /^Sheet\d+$/;

/** The tabs that could be an untouched default tab from what setup has read: a default name, not ours, no merges, protections or highlights. */
export function defaultTabCandidates(facts: SpreadsheetFacts, ours: ReadonlySet<number>): SheetFacts[] {
  return facts.sheets.filter((s) => DEFAULT_TAB_NAME.test(s.title) && !ours.has(s.sheetId)
    && !s.merges.length && !s.protections.length && !s.ruleFormulas.length);
}

/**
 * Of the candidate tabs whose values setup read as empty, those with nothing else in them either:
 * no cell format, note or dropdown, no chart, banding or filter. One spreadsheets.get of only those
 * tabs' grids (ranges), so a tab holding anything a person made is never deleted.
 */
export function untouchedTabs(api: Api, spreadsheetId: string, candidates: readonly SheetFacts[]): number[] {
  if (!candidates.length) return [];
  const got = api.Spreadsheets.get(spreadsheetId, {
    ranges: candidates.map((c) => quotedName(c.title)),
    fields: 'sheets(properties(sheetId),data(rowData(values(userEnteredValue,userEnteredFormat,note,dataValidation))),charts(chartId),bandedRanges(bandedRangeId),filterViews(filterViewId),basicFilter(range))',
  });
  return (got.sheets ?? []).filter((sheet) => {
    const cells = (sheet.data ?? []).flatMap((d) => d.rowData ?? []).flatMap((r) => r.values ?? []);
    return !cells.some((c) => Object.keys(c).length > 0) && !(sheet.charts ?? []).length && !(sheet.bandedRanges ?? []).length
      && !(sheet.filterViews ?? []).length && !sheet.basicFilter;
  }).map((sheet) => sheet.properties?.sheetId ?? -1);
}
