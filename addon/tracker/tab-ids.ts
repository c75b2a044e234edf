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
  return tabIdsFrom(recordEntry(ss)?.getValue() ?? null);
}

/** The record's value read (pure): tracker tab name → sheet ID. */
export function tabIdsFrom(raw: string | null): Map<string, number> {
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
  const wanted = missing.filter((name) => recorded.has(name));
  if (!wanted.length) return followed;
  const byId = new Map<number, [string, Sheet]>();
  for (const [name, sheet] of sheets) if (TRACKER_TAB_NAMES.indexOf(name) < 0) byId.set(sheet.getSheetId(), [name, sheet]);
  for (const name of wanted) {
    const found = byId.get(recorded.get(name)!);
    if (!found) continue;
    sheets.delete(found[0]);
    sheets.set(name, found[1]);
    followed.set(name, found[0]);
  }
  return followed;
}

/** The tracker tab a sheet is, by the record, when it has another name (for the edit trigger), or null. */
export function trackerTabOf(ss: Spreadsheet, sheet: Sheet): string | null {
  const id = sheet.getSheetId();
  for (const [name, recorded] of recordedTabIds(ss)) if (recorded === id) return name;
  return null;
}

/** Records every tracker tab's sheet ID (one write, only when it changed). */
export function recordTabIds(ss: Spreadsheet, sheets: ReadonlyMap<string, Sheet>): void {
  const ids: Record<string, number> = {};
  for (const name of TRACKER_TAB_NAMES) {
    const sheet = sheets.get(name);
    if (sheet) ids[name] = sheet.getSheetId();
  }
  const value = JSON.stringify(ids);
  const entry = recordEntry(ss);
  if (!entry) ss.addDeveloperMetadata(METADATA_KEYS.trackerTabs, value);
  else if (entry.getValue() !== value) entry.setValue(value);
}
