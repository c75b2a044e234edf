// The one tracker store: every feature reads tables and settings and finds its tabs through it (Apps Script edge).
import { TABS, type TabName } from './schema';
import { readSettings, type Settings } from './settings';
import { toTable, type AnyTable, type Table, type Tables } from './table';
import { readSheet, type Sheet, type Spreadsheet, type TrackerFile } from './sheets';
import { writeByRow, type RowWrite } from './keyed-write';
import { claimOwnedTab } from '../core/owned-tabs';
import { followRenamedTabs } from './tab-ids';
import { READ_THROUGH_TABS } from '../privacy/specs';

/**
 * One open tracker: its sheets by name, and each tab read at most once per execution (a read is one
 * `getDataRange().getValues()` call). Writes go through the feature that owns them; the store only
 * forgets a table it has been told changed.
 */
export class TrackerStore {
  readonly ss: Spreadsheet;
  readonly timeZone: string;
  /** Sheets by their current name, tracker tabs by their tracker name (the file the older edge functions take). */
  readonly file: TrackerFile;
  private readonly read = new Map<TabName, AnyTable | null>();
  private settingsRead: Settings | null = null;
  /** Tabs kept in a private workbook this person cannot open: tab → why (what reads them says so). */
  readonly unreadable = new Map<string, string>();
  /** Tabs found in a private workbook rather than the tracker (Staff pay and contacts once moved). */
  readonly linked = new Set<string>();

  private constructor(ss: Spreadsheet, only?: Map<string, Sheet>) {
    this.ss = ss;
    let sheets = only;
    let followed = new Map<string, string>();
    if (!sheets) {
      sheets = new Map<string, Sheet>();
      for (const sheet of ss.getSheets()) sheets.set(sheet.getName(), sheet);
      // A tracker tab a person renamed is found by the sheet ID setup recorded, so every feature keeps working.
      // A moved tab is found first, so following renamed tabs does not look for it among this file's sheets.
      this.followLinkedTabs(ss, sheets);
      followed = followRenamedTabs(ss, sheets);
    }
    this.timeZone = ss.getSpreadsheetTimeZone();
    this.file = { ss, timeZone: this.timeZone, sheets, followed, linked: this.linked };
  }

  /**
   * A tab Set up private workbooks moved out of the tracker (Staff pay and contacts) is found in its
   * workbook by the tracker's link: one developer-metadata read, and only when such a tab is missing.
   */
  private followLinkedTabs(ss: Spreadsheet, sheets: Map<string, Sheet>): void {
    const missing = [...READ_THROUGH_TABS.keys()].filter((tab) => !sheets.has(tab));
    if (!missing.length) return;
    const entries = ss.getDeveloperMetadata();
    const keys = entries.map((m) => m.getKey());
    const opened = new Map<string, Spreadsheet>();
    for (const tab of missing) {
      const link = READ_THROUGH_TABS.get(tab)!;
      const at = keys.indexOf(link.metadataKey);
      const id = at < 0 ? null : entries[at].getValue();
      if (!id) continue;
      try {
        if (!opened.has(id)) opened.set(id, SpreadsheetApp.openById(id));
        const sheet = opened.get(id)!.getSheetByName(tab);
        if (sheet) { sheets.set(tab, sheet); this.linked.add(tab); }
        else this.unreadable.set(tab, `The ${link.workbook} workbook (Settings → ${link.workbook} workbook) has no "${tab}" tab.`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.unreadable.set(tab, `${tab} is in the ${link.workbook} workbook (Settings → ${link.workbook} workbook), which you cannot open (${message}); only the coordinators can.`);
      }
    }
  }

  /** The tracker the add-on runs in, or the one given (a trigger's or a form event's spreadsheet). */
  static open(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): TrackerStore {
    return new TrackerStore(ss);
  }

  /**
   * The tracker with only the named tabs, each found by its name in one call (`known` ones cost
   * none): an edit needs a few tabs, and naming every sheet costs a call per sheet. When one is
   * missing by that name (renamed, or not made yet) it opens the whole tracker, which follows renamed
   * tabs by their recorded IDs.
   */
  static openTabs(ss: Spreadsheet, names: readonly string[], known: ReadonlyMap<string, Sheet> = new Map()): TrackerStore {
    const sheets = new Map<string, Sheet>();
    for (const name of new Set(names)) {
      const sheet = known.get(name) ?? ss.getSheetByName(name);
      if (!sheet) return new TrackerStore(ss);
      sheets.set(name, sheet);
    }
    return new TrackerStore(ss, sheets);
  }

  sheet(name: string): Sheet | undefined {
    return this.file.sheets.get(name);
  }

  /** A tracker tab as a typed table, or undefined when the tab is missing. */
  table<N extends TabName>(name: N): Table<N> | undefined {
    if (!this.read.has(name)) {
      const sheet = this.sheet(name);
      const spec = TABS.find((t) => t.name === name);
      if (!sheet) this.read.set(name, null);
      else {
        const { headerRow, rows } = readSheet(sheet, this.timeZone, spec);
        this.read.set(name, toTable(name, headerRow, rows) as AnyTable);
      }
    }
    return (this.read.get(name) ?? undefined) as Table<N> | undefined;
  }

  /** Several tabs at once (every tab when none are named). */
  tables(names: readonly TabName[] = TABS.map((t) => t.name)): Tables {
    const tables: Record<string, AnyTable> = {};
    for (const name of names) {
      const table = this.table(name);
      if (table) tables[name] = table;
    }
    return tables as Tables;
  }

  /** Settings with their defaults, read from the Settings tab once. */
  settings(): Settings {
    if (!this.settingsRead) this.settingsRead = readSettings(this.table('Settings'));
    return this.settingsRead;
  }

  /** Forget what was read of a tab, after a write that changed it. */
  changed(name: TabName): void {
    this.read.delete(name);
    if (name === 'Settings') this.settingsRead = null;
  }

  /** Writes cells to rows of a tab as it was read, wherever those rows are now (keyed-write.ts). */
  writeRows(name: TabName, writes: readonly RowWrite[]): void {
    const table = this.table(name);
    const sheet = this.sheet(name);
    const spec = TABS.find((t) => t.name === name);
    if (table && sheet && spec) writeByRow(sheet, spec, table, writes, this.timeZone);
  }

  /** A tab ROSE Tracker writes whole (Dashboard, reports, logs): created when missing, refused when a person made it. */
  ownedTab(name: string, signature: string, index?: number): Sheet {
    const sheet = claimOwnedTab(this.ss, this.sheet(name), name, signature, index);
    this.file.sheets.set(name, sheet);
    return sheet;
  }
}
