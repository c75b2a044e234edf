// Reading a tracker from outside (export, roll-up, import): its tab list and every wanted tab's values in two requests, whatever its size.
import type { sheets_v4 } from 'googleapis';
import { READ_THROUGH_TABS } from '../../addon/privacy/specs';
import { UsageError, explainError } from './errors';
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
  /** The spreadsheet's own developer metadata, key → value (the first of a key): where the add-on links its private workbooks. */
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
 * `wanted` may depend on the spreadsheet's developer metadata (which the first call brings), so a tab
 * that lives elsewhere once a private workbook is linked is not read here at all.
 */
export async function readTrackerTabs(
  sheets: sheets_v4.Sheets,
  idOrLink: string,
  wantedTabs: readonly string[] | ((metadata: ReadonlyMap<string, string>) => readonly string[]),
): Promise<TrackerTabs> {
  const spreadsheetId = trackerId(idOrLink);
  const meta = await sheets.spreadsheets.get({
    spreadsheetId,
    fields: 'properties(title,timeZone),sheets.properties(sheetId,title,gridProperties(rowCount,columnCount)),developerMetadata(metadataKey,metadataValue)',
  });
  const metadata = new Map<string, string>();
  for (const entry of meta.data.developerMetadata ?? []) {
    if (entry.metadataKey && !metadata.has(entry.metadataKey)) metadata.set(entry.metadataKey, entry.metadataValue ?? '');
  }
  const wanted = typeof wantedTabs === 'function' ? wantedTabs(metadata) : wantedTabs;
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
    metadata,
  };
}

/** A wanted tab that lives in a private workbook and could not be read there: the tab and one sentence saying why. */
export interface UnreadableTab {
  tab: string;
  workbook: string;
  reason: string;
}

/**
 * Tabs Set up private workbooks moved out of the tracker (Staff pay and contacts, Payments: the
 * add-on's READ_THROUGH_TABS) are read in the workbook the tracker's developer metadata links, as the
 * add-on reads them (addon/dashboard/read.ts): one values.batchGet per linked workbook for the wanted
 * tabs the tracker no longer has, none when nothing is linked. The rows join `tracker.tabs` (and leave
 * `missing`); a workbook this account cannot open, or one without the tab, is reported per tab instead.
 */
export async function readLinkedTabs(sheets: sheets_v4.Sheets, tracker: TrackerTabs, wanted: readonly string[]): Promise<UnreadableTab[]> {
  const byWorkbook = new Map<string, string[]>();
  for (const tab of wanted) {
    const link = READ_THROUGH_TABS.get(tab);
    const id = link && !tracker.tabs.has(tab) ? tracker.metadata.get(link.metadataKey) : undefined;
    if (id) byWorkbook.set(id, [...(byWorkbook.get(id) ?? []), tab]);
  }
  const unreadable: UnreadableTab[] = [];
  for (const [spreadsheetId, tabs] of byWorkbook) {
    const workbook = READ_THROUGH_TABS.get(tabs[0])!.workbook;
    try {
      const values = await sheets.spreadsheets.values.batchGet({
        spreadsheetId, ranges: tabs.map(quotedTab), majorDimension: 'ROWS',
        valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING',
      });
      (values.data.valueRanges ?? []).forEach((range, i) => tracker.tabs.set(tabs[i], (range.values ?? []) as CellData[][]));
      tracker.missing = tracker.missing.filter((tab) => !tabs.includes(tab));
    } catch (error) {
      const status = (error as { response?: { status?: number }; status?: number }).response?.status ?? (error as { status?: number }).status;
      // Sheets answers 400 "Unable to parse range" for a range on a tab the spreadsheet does not have.
      const reason = status === 400
        ? `the ${workbook} workbook ${spreadsheetId} (Settings → ${workbook} workbook) has no ${tabs.map((t) => `"${t}"`).join(' or ')} tab; open it and run ROSE Tracker → Set up private workbooks in the tracker`
        : status === 403 || status === 404
          ? `${tabs.join(' and ')} ${tabs.length === 1 ? 'is' : 'are'} in the ${workbook} workbook ${spreadsheetId} (Settings → ${workbook} workbook), which this Google account cannot open; only the coordinators can`
          : `could not read the ${workbook} workbook ${spreadsheetId}: ${explainError(error).replace(/\.$/, '')}`;
      for (const tab of tabs) unreadable.push({ tab, workbook, reason });
    }
  }
  return unreadable;
}
