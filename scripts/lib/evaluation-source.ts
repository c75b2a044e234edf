// Where a tracker's survey rows are: its Evaluation workbook once "Set up private workbooks" linked one, else its own Survey Responses tab; read in one batchGet per spreadsheet.
import type { sheets_v4 } from 'googleapis';
import { METADATA_KEYS } from '../../addon/core/keys';
import { readSettings } from '../../addon/tracker/settings';
import { toTable, type Plain } from '../../addon/tracker/table';
import { UserFacingError, explainError } from './errors';
import { spreadsheetIdFrom } from './google';
import { quotedTab, readLinkedTabs, readTrackerTabs, type CellData, type TrackerTabs, type UnreadableTab } from './tracker-read';

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
  /** Wanted tabs in a private workbook (Staff pay and contacts) that this account could not read there. */
  unreadable: UnreadableTab[];
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
 * metadata, then one batchGet), one batchGet of the Evaluation workbook's Survey Responses tab when
 * the tracker links one, and one of its Staff records workbook when a wanted tab moved there (the
 * index's Staff pay and contacts); a workbook this account cannot read is in `unreadable`. The tracker's own Survey Responses tab is read only when no workbook is linked
 * by metadata (then the Settings link is looked at, as a coordinator may have typed it).
 *
 * The spreadsheet given may also be the Evaluation workbook itself (its developer metadata names the
 * tracker that made it): the evaluator can open that file and not the tracker. Its rows are read in two
 * requests; the tracker is read only for what is needed beyond them (Settings for the minimum group
 * size unless the command was given one, the index's tabs), and one sentence says so when it cannot be.
 */
export async function readEvaluationSources(
  sheets: sheets_v4.Sheets,
  idOrLink: string,
  trackerTabs: readonly string[],
  options: { minGroupSizeGiven?: boolean } = {},
): Promise<EvaluationSources> {
  const sources = await readSources(sheets, idOrLink, trackerTabs, options);
  // Wanted tabs the tracker's Staff records workbook holds now: one more batchGet, after the survey rows.
  return { ...sources, unreadable: await readLinkedTabs(sheets, sources.tracker, trackerTabs) };
}

async function readSources(sheets: sheets_v4.Sheets, idOrLink: string, trackerTabs: readonly string[], options: { minGroupSizeGiven?: boolean }): Promise<Omit<EvaluationSources, 'unreadable'>> {
  const first = await readTrackerTabs(sheets, idOrLink, (metadata) => {
    if (metadata.get(METADATA_KEYS.companionOf)) return [RESPONSES_TAB];
    return metadata.get(METADATA_KEYS.evaluationWorkbook) ? trackerTabs : [...new Set([...trackerTabs, RESPONSES_TAB])];
  });
  const owner = first.metadata.get(METADATA_KEYS.companionOf);
  if (owner) return fromWorkbook(sheets, first, owner, trackerTabs, options.minGroupSizeGiven === true);
  const tracker = first;
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

/** The Evaluation workbook was given: its rows, and the tracker it belongs to only as far as the command needs it. */
async function fromWorkbook(sheets: sheets_v4.Sheets, workbook: TrackerTabs, trackerId: string, trackerTabs: readonly string[], minGroupSizeGiven: boolean): Promise<Omit<EvaluationSources, 'unreadable'>> {
  const grid = workbook.tabs.get(RESPONSES_TAB);
  if (!grid) {
    throw new UserFacingError(`The spreadsheet ${workbook.spreadsheetId} is a private workbook of the tracker ${trackerId} but has no ${RESPONSES_TAB} tab (is it the Support requests workbook?); give the tracker or its Evaluation workbook`);
  }
  const rows: SurveyRows = { from: 'Evaluation workbook', spreadsheetId: workbook.spreadsheetId, grid };
  const needsIndexTabs = trackerTabs.some((tab) => tab !== 'Settings');
  if (!needsIndexTabs && minGroupSizeGiven) {
    // Nothing of the tracker is needed: its tabs stay unread (the evaluator may not open it).
    return { tracker: { ...workbook, spreadsheetId: trackerId, title: '', tabs: new Map(), missing: [...trackerTabs], grids: new Map(), metadata: new Map() }, rows };
  }
  try {
    return { tracker: await readTrackerTabs(sheets, trackerId, trackerTabs), rows };
  } catch (error) {
    const reason = explainError(error).replace(/\.$/, '');
    if (needsIndexTabs) {
      throw new UserFacingError(`The implementation index is computed from the tracker's tabs, and the tracker ${trackerId} this Evaluation workbook belongs to could not be read (${reason}); run --index with --tracker <the tracker> as a coordinator`);
    }
    throw new UserFacingError(`The tracker ${trackerId} this Evaluation workbook belongs to could not be read (${reason}), so its minimum group size is unknown; give --min-group-size (the tracker's Settings → Minimum group size for reports)`);
  }
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
