// Where a tracker's survey rows are: its Evaluation workbook once "Set up private workbooks" linked one, else its own Survey Responses tab; read in one batchGet per spreadsheet.
import type { sheets_v4 } from 'googleapis';
import { METADATA_KEYS } from '../../addon/core/keys';
import { readSettings } from '../../addon/tracker/settings';
import { toTable, type Plain } from '../../addon/tracker/table';
import { UserFacingError, explainError } from './errors';
import { spreadsheetIdFrom } from './google';
import { quotedTab, readTrackerTabs, type CellData, type TrackerTabs } from './tracker-read';

export const RESPONSES_TAB = 'Survey Responses';

export interface SurveyRows {
  /** Which file the rows came from, in the words a person knows it by. */
  from: 'Evaluation workbook' | 'tracker';
  spreadsheetId: string;
  /** The Survey Responses values, header row first. */
  grid: CellData[][];
}

export interface EvaluationSources {
  tracker: TrackerTabs;
  rows: SurveyRows;
}

/** The Evaluation workbook the tracker links to: its developer metadata (set by Set up private workbooks), else the Settings row's link. */
export function linkedWorkbook(tracker: Pick<TrackerTabs, 'metadata' | 'tabs'>): string | null {
  const fromMetadata = tracker.metadata.get(METADATA_KEYS.evaluationWorkbook);
  if (fromMetadata) return fromMetadata;
  const grid = tracker.tabs.get('Settings');
  if (!grid?.length) return null;
  const link = readSettings(toTable('Settings', plain(grid[0]), grid.slice(1).map(plain))).evaluationWorkbook;
  return link ? spreadsheetIdFrom(link) : null;
}

/**
 * Reads the tracker's `trackerTabs` and its survey rows: two requests for the tracker (its tab list and
 * metadata, then one batchGet), and one batchGet of the Evaluation workbook's Survey Responses tab when
 * the tracker links one. The tracker's own Survey Responses tab is read only when no workbook is linked
 * by metadata (then the Settings link is looked at, as a coordinator may have typed it).
 */
export async function readEvaluationSources(sheets: sheets_v4.Sheets, idOrLink: string, trackerTabs: readonly string[]): Promise<EvaluationSources> {
  const tracker = await readTrackerTabs(sheets, idOrLink, (metadata) => (
    metadata.get(METADATA_KEYS.evaluationWorkbook) ? trackerTabs : [...new Set([...trackerTabs, RESPONSES_TAB])]
  ));
  if (!tracker.grids.has('Settings')) {
    throw new UserFacingError(`The spreadsheet ${tracker.spreadsheetId} has no Settings tab, so it is not a ROSE tracker (or it was never set up); open it and run ROSE Tracker → Set up tracker`);
  }
  const workbook = linkedWorkbook(tracker);
  if (!workbook) {
    const grid = tracker.tabs.get(RESPONSES_TAB);
    if (!grid) {
      throw new UserFacingError(`The tracker links no Evaluation workbook (Settings → Evaluation workbook is empty) and has no ${RESPONSES_TAB} tab of its own; run ROSE Tracker → Set up private workbooks in it, or check --tracker`);
    }
    return { tracker, rows: { from: 'tracker', spreadsheetId: tracker.spreadsheetId, grid } };
  }
  return { tracker, rows: { from: 'Evaluation workbook', spreadsheetId: workbook, grid: await readLinkedRows(sheets, workbook) } };
}

/** One batchGet of the workbook's Survey Responses tab; a missing tab or a refusal becomes one sentence naming the workbook and the tab. */
export async function readLinkedRows(sheets: sheets_v4.Sheets, spreadsheetId: string): Promise<CellData[][]> {
  try {
    const response = await sheets.spreadsheets.values.batchGet({
      spreadsheetId, ranges: [quotedTab(RESPONSES_TAB)], majorDimension: 'ROWS',
      valueRenderOption: 'UNFORMATTED_VALUE', dateTimeRenderOption: 'FORMATTED_STRING',
    });
    return (response.data.valueRanges?.[0]?.values ?? []) as CellData[][];
  } catch (error) {
    const status = (error as { response?: { status?: number }; status?: number }).response?.status ?? (error as { status?: number }).status;
    // Sheets answers 400 "Unable to parse range" for a range on a tab the spreadsheet does not have.
    if (status === 400) {
      throw new UserFacingError(`The Evaluation workbook ${spreadsheetId} (Settings → Evaluation workbook) has no ${RESPONSES_TAB} tab; open it and run ROSE Tracker → Set up private workbooks there, or restore the tab`);
    }
    if (status === 403 || status === 404) {
      throw new UserFacingError(`The survey answers are in the Evaluation workbook ${spreadsheetId} (Settings → Evaluation workbook), which this Google account cannot open; run the command as a coordinator or the evaluator (Settings → Evaluator emails, then Set up private workbooks)`);
    }
    throw new UserFacingError(`Could not read the ${RESPONSES_TAB} tab of the Evaluation workbook ${spreadsheetId}: ${explainError(error)}`);
  }
}

function plain(row: CellData[]): Plain[] {
  return row.map((cell) => (cell === undefined ? null : cell));
}
