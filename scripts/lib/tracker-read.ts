// Reading a tracker from outside (export, roll-up, import): its tab list and every wanted tab's values in two requests, whatever its size.
import type { sheets_v4 } from 'googleapis';
import { UsageError } from './errors';
import { spreadsheetIdFrom } from './google';

/** What a cell holds as the scripts see it: dates arrive as the text the cell shows (yyyy-mm-dd in a tracker). */
export type CellData = string | number | boolean;

export interface TrackerTabs {
  spreadsheetId: string;
  title: string;
  timeZone: string;
  /** Rows of each tab that exists, header row first; trailing empty cells and rows are left out, as the API sends them. */
  tabs: Map<string, CellData[][]>;
  /** Wanted tabs the tracker does not have (an older tracker, or one set up without them). */
  missing: string[];
  /** Every tab's grid (rows and columns, empty or not), by name: what Google counts against its cell limit. */
  grids: Map<string, TabGrid>;
  /** The spreadsheet's developer metadata by key (where the tracker links its private workbooks). */
  metadata: Map<string, string>;
}

export interface TabGrid {
  sheetId: number;
  rows: number;
  columns: number;
}

/** A sheet name in A1 notation, always quoted: 'Action Plan', 'Sam''s tab'. */
export function quotedTab(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export function trackerId(text: string): string {
  const id = spreadsheetIdFrom(text);
  if (!id) throw new UsageError(`"${text}" is not a tracker link or ID; copy the spreadsheet's link from the browser's address bar`);
  return id;
}

/**
 * One spreadsheets.get for the tab names, one values.batchGet for all the wanted tabs that exist:
 * requests per tracker stay constant however many rows it holds (the benchmark's
 * rollup.requests_per_tracker). A range naming a missing tab would fail the whole batch, hence the first call.
 */
export async function readTrackerTabs(sheets: sheets_v4.Sheets, idOrLink: string, wanted: readonly string[]): Promise<TrackerTabs> {
  const spreadsheetId = trackerId(idOrLink);
  const meta = await sheets.spreadsheets.get({ spreadsheetId, fields: 'properties(title,timeZone),sheets.properties(sheetId,title,gridProperties(rowCount,columnCount)),developerMetadata(metadataKey,metadataValue)' });
  const existing = new Set((meta.data.sheets ?? []).map((s) => s.properties?.title ?? ''));
  const grids = new Map<string, TabGrid>((meta.data.sheets ?? []).map((s) => [s.properties?.title ?? '', {
    sheetId: s.properties?.sheetId ?? 0, rows: s.properties?.gridProperties?.rowCount ?? 0, columns: s.properties?.gridProperties?.columnCount ?? 0,
  }]));
  const present = wanted.filter((tab) => existing.has(tab));
  const tabs = new Map<string, CellData[][]>();
  if (present.length) {
    const values = await sheets.spreadsheets.values.batchGet({
      spreadsheetId, ranges: present.map(quotedTab), majorDimension: 'ROWS',
      valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING',
    });
    (values.data.valueRanges ?? []).forEach((range, i) => tabs.set(present[i], (range.values ?? []) as CellData[][]));
  }
  return {
    spreadsheetId,
    title: meta.data.properties?.title ?? '',
    timeZone: meta.data.properties?.timeZone ?? '',
    tabs,
    missing: wanted.filter((tab) => !existing.has(tab)),
    grids,
    metadata: new Map((meta.data.developerMetadata ?? []).map((m) => [m.metadataKey ?? '', m.metadataValue ?? ''])),
  };
}
