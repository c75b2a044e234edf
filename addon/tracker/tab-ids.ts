// Follows tracker tabs a person renamed: each tab's sheet ID, recorded by setup in the spreadsheet's developer metadata (Apps Script edge).
import { TABS } from './schema';
import { LISTS_TAB } from './lists';
import { METADATA_KEYS } from '../core/keys';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Every tab ROSE Tracker keeps by name: the schema's tabs and the hidden lists tab. */
export const TRACKER_TAB_NAMES: readonly string[] = [...TABS.map((t) => t.name), LISTS_TAB];

function recordEntry(ss: Spreadsheet): GoogleAppsScript.Spreadsheet.DeveloperMetadata | undefined {
  return ss.getDeveloperMetadata().filter((m) => m.getKey() === METADATA_KEYS.trackerTabs)[0];
}

/** The sheet ID recorded for each tracker tab (empty before setup first ran). */
export function recordedTabIds(ss: Spreadsheet): Map<string, number> {
  return parseTabIds(recordEntry(ss)?.getValue() ?? null);
}

/** The record's value read as tracker tab → sheet ID (pure: setup reads it through the Sheets API). */
export function parseTabIds(raw: string | null): Map<string, number> {
  const ids = new Map<string, number>();
  if (!raw) return ids;
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    for (const name of TRACKER_TAB_NAMES) if (typeof parsed[name] === 'number') ids.set(name, parsed[name] as number);
  } catch {
    // A record someone edited into something else is ignored: tabs are then found by name, as before setup recorded them.
  }
  return ids;
}

/**
 * Moves tracker tabs found under another name to their tracker name in `sheets` (sheets by name) and
 * returns tracker name → the name a person gave it. Only read when a tracker tab is missing by name,
 * so a tracker whose tabs have their names costs no extra call.
 */
export function followRenamedTabs(ss: Spreadsheet, sheets: Map<string, Sheet>): Map<string, string> {
  const followed = new Map<string, string>();
  const missing = TRACKER_TAB_NAMES.filter((name) => !sheets.has(name));
  if (!missing.length) return followed;
  const recorded = recordedTabIds(ss);
  if (!missing.some((name) => recorded.has(name))) return followed;
  const ids = new Map<string, number>();
  for (const [name, sheet] of sheets) if (TRACKER_TAB_NAMES.indexOf(name) < 0) ids.set(name, sheet.getSheetId());
  for (const [tracker, own] of followByIds(ids, missing, recorded)) {
    const sheet = sheets.get(own)!;
    sheets.delete(own);
    sheets.set(tracker, sheet);
    followed.set(tracker, own);
  }
  return followed;
}

/**
 * Pure: which of the `missing` tracker tabs sit under another name, by their recorded sheet ID.
 * `others` are the sheets whose names are not tracker names, with their sheet IDs. Returns tracker
 * name → the name a person gave it.
 */
export function followByIds(others: ReadonlyMap<string, number>, missing: readonly string[], recorded: ReadonlyMap<string, number>): Map<string, string> {
  const byId = new Map<number, string>();
  for (const [name, id] of others) byId.set(id, name);
  const followed = new Map<string, string>();
  for (const name of missing) {
    const id = recorded.get(name);
    const own = id === undefined ? undefined : byId.get(id);
    if (own !== undefined) followed.set(name, own);
  }
  return followed;
}

/** The record's value for these sheet IDs: what setup writes in the developer metadata. */
export function tabIdsValue(ids: ReadonlyMap<string, number>): string {
  const record: Record<string, number> = {};
  for (const name of TRACKER_TAB_NAMES) if (ids.has(name)) record[name] = ids.get(name)!;
  return JSON.stringify(record);
}

/** The tracker tab a sheet is, by the record, when it has another name (for the edit trigger), or null. */
export function trackerTabOf(ss: Spreadsheet, sheet: Sheet): string | null {
  const id = sheet.getSheetId();
  for (const [name, recorded] of recordedTabIds(ss)) if (recorded === id) return name;
  return null;
}
