// Pure: setup's plan and what it read, turned into the requests of one Sheets API spreadsheets.batchUpdate.
//
// "Each request is validated before being applied. If any request is not valid then the entire
// request will fail and nothing will be applied", and "it is guaranteed that the updates in the
// request will be applied together atomically"
// (developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/batchUpdate): so
// setup's tabs, headers, formats, dropdowns, highlights, protections and its record of tab IDs land
// together or not at all, and a run cut off at any call leaves nothing half made. Every range below
// row 1 is open-ended (no endRowIndex), so rows a person deletes or inserts meanwhile change nothing.
import type { ColumnSpec } from './schema';
import type { TabPlan } from './plan';
import { SETTING_BOUNDS, type Settings } from './settings';
import { SETTINGS, type SettingKey } from './schema';
import { columnToLetters } from './a1';
import type { Plain } from './table';
import type { ProtectionFacts, SheetFacts } from './setup-io';
import { COMPUTED_PROTECTION, CONFIDENTIAL_PROTECTION, COORDINATORS_ONLY_PROTECTION, HEADER_PROTECTION, SHEETS_DEFAULT_COLUMN_PX, columnWidth, isOurFormula, numberFormatSpec, ruleSpecs, validationRule } from './format';
import { NEW_TAB_GRID } from './limits';
import { LISTS_LAYOUT, LISTS_TAB } from './lists';
import { TRACKER_TAB_NAMES, tabIdsValue } from './tab-ids';
import { METADATA_KEYS } from '../core/keys';
import { moveRequests, workingOrder, type TabPosition } from './tab-order';

export type Request = Record<string, unknown>;

const HEADER_BACKGROUND = { red: 232 / 255, green: 234 / 255, blue: 237 / 255 };

function rgb(hex: string): { red: number; green: number; blue: number } {
  const n = parseInt(hex.replace('#', ''), 16);
  return { red: ((n >> 16) & 255) / 255, green: ((n >> 8) & 255) / 255, blue: (n & 255) / 255 };
}

/** One tracker tab as the batch writes it. */
export interface TabTarget {
  plan: TabPlan;
  /** The sheet's ID: its own, or the one setup gives the tab it creates. */
  sheetId: number;
  /** What spreadsheets.get said of the sheet (null: setup creates it). */
  facts: SheetFacts | null;
  /** The header row with the declared headers written the schema's way, for laying out by header. */
  layout: string[];
  /** 0-based row where seed rows go (the row after the last one holding anything). */
  seedRow: number;
}

/** A cell as the API writes it: text stays text (never a formula), ISO dates become dates, as typing them would. */
export function cellData(value: Plain): Record<string, unknown> {
  if (value === null || value === '') return {};
  if (typeof value === 'number') return { userEnteredValue: { numberValue: value } };
  if (typeof value === 'boolean') return { userEnteredValue: { boolValue: value } };
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    // Sheets keeps a date as days since 1899-12-30 (…/spreadsheets/other#DateTimeRenderOption).
    const serial = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])) / 86400000 + 25569;
    return { userEnteredValue: { numberValue: serial }, userEnteredFormat: { numberFormat: { type: 'DATE', pattern: 'yyyy-mm-dd' } } };
  }
  return { userEnteredValue: { stringValue: value } };
}

function rowsOf(grid: readonly (readonly Plain[])[]): Record<string, unknown>[] {
  return grid.map((row) => ({ values: row.map(cellData) }));
}

function columnRange(sheetId: number, index: number, count = 1): Record<string, number> {
  return { sheetId, startRowIndex: 1, startColumnIndex: index, endColumnIndex: index + count };
}

/** A sheet ID for a new tab that no sheet has (addSheet: "It is an error to specify the ID of a sheet that already exists"). */
export function freeSheetId(name: string, taken: Set<number>): number {
  let id = 0;
  for (const ch of name) id = (id * 31 + ch.charCodeAt(0)) % 2_000_000_000;
  id = Math.max(id, 1);
  while (taken.has(id)) id = (id % 2_000_000_000) + 1;
  taken.add(id);
  return id;
}

/** addSheet for a tab setup creates, with its grid, frozen header and colour. */
export function addSheetRequest(target: TabTarget, rows: number): Request {
  const spec = target.plan.spec;
  return {
    addSheet: {
      properties: {
        sheetId: target.sheetId, title: spec.name, tabColorStyle: { rgbColor: rgb(spec.tabColor) },
        gridProperties: { rowCount: Math.max(NEW_TAB_GRID.rows, rows), columnCount: Math.max(NEW_TAB_GRID.columns, target.plan.header.length), frozenRowCount: 1 },
      },
    },
  };
}

/** Headers (new ones with their help as a note), seed rows, grid growth, frozen row and tab colour of one tab. */
export function structureRequests(target: TabTarget): Request[] {
  const { plan, sheetId, facts } = target;
  const spec = plan.spec;
  const width = plan.header.length;
  const requests: Request[] = [];
  const helpOf = (header: string) => spec.columns.find((c) => c.header === header)?.help;
  if (facts) {
    if (width > facts.columns) requests.push({ appendDimension: { sheetId, dimension: 'COLUMNS', length: width - facts.columns } });
    const needed = plan.appendRows.length ? target.seedRow + plan.appendRows.length : 0;
    if (needed > facts.rows) requests.push({ appendDimension: { sheetId, dimension: 'ROWS', length: needed - facts.rows } });
    const properties: Record<string, unknown> = { sheetId };
    const fields: string[] = [];
    if (plan.renameFrom) { properties.title = spec.name; fields.push('title'); }
    if (facts.frozenRows < 1) { properties.gridProperties = { frozenRowCount: 1 }; fields.push('gridProperties.frozenRowCount'); }
    // A colour a person chose for the tab stays.
    if (!facts.tabColored) { properties.tabColorStyle = { rgbColor: rgb(spec.tabColor) }; fields.push('tabColorStyle'); }
    if (fields.length) requests.push({ updateSheetProperties: { properties, fields: fields.join(',') } });
  }
  const headerCells = plan.header.map((h) => ({ userEnteredValue: { stringValue: h } }));
  if (!facts) {
    // A new tab's headers carry their help as a note.
    const cells = plan.header.map((h) => ({ ...(h ? { userEnteredValue: { stringValue: h } } : {}), ...(helpOf(h) ? { note: helpOf(h) } : {}) }));
    requests.push({ updateCells: { range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: width }, rows: [{ values: cells }], fields: 'userEnteredValue,note' } });
  } else if (plan.headerChanged) {
    requests.push({ updateCells: { range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: width }, rows: [{ values: headerCells }], fields: 'userEnteredValue' } });
    // Only the columns setup adds get a note: a note a person left on any header is kept.
    const added = new Set(plan.addedColumns);
    plan.header.forEach((h, i) => {
      const help = helpOf(h);
      if (added.has(h) && help) requests.push({ updateCells: { range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: i, endColumnIndex: i + 1 }, rows: [{ values: [{ note: help }] }], fields: 'note' } });
    });
  }
  requests.push({
    repeatCell: {
      range: { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: width },
      cell: { userEnteredFormat: { backgroundColor: HEADER_BACKGROUND, wrapStrategy: 'WRAP', textFormat: { bold: true } } },
      fields: 'userEnteredFormat(backgroundColor,wrapStrategy,textFormat.bold)',
    },
  });
  if (plan.appendRows.length) {
    requests.push({ updateCells: { start: { sheetId, rowIndex: target.seedRow, columnIndex: 0 }, rows: rowsOf(plan.appendRows), fields: 'userEnteredValue,userEnteredFormat.numberFormat' } });
  }
  // Each column's width by its type (or as declared), on the columns setup creates and on ours nobody
  // has sized yet (Sheets' default width): a width a person set stays.
  const created = new Set(facts ? plan.addedColumns : plan.header);
  target.layout.forEach((h, i) => {
    const column = spec.columns.find((c) => c.header === h);
    if (!column) return;
    const unsized = facts?.columnWidths !== undefined && facts.columnWidths[i] === SHEETS_DEFAULT_COLUMN_PX;
    if (created.has(plan.header[i]) || unsized) requests.push(columnWidthRequest(sheetId, i, columnWidth(column)));
  });
  return requests;
}

export function columnWidthRequest(sheetId: number, index: number, pixels: number): Request {
  return { updateDimensionProperties: { range: { sheetId, dimension: 'COLUMNS', startIndex: index, endIndex: index + 1 }, properties: { pixelSize: pixels }, fields: 'pixelSize' } };
}

/** Number formats (adjacent columns of one format in one request), dropdowns and our highlight rules of one tab. */
export function formatRequests(target: TabTarget, settings: Settings, rows: number): Request[] {
  const { plan, sheetId, facts, layout } = target;
  const spec = plan.spec;
  if (rows < 2) return [];
  const requests: Request[] = [];
  const present = spec.columns.map((column) => ({ column, index: layout.indexOf(column.header) })).filter((c) => c.index >= 0).sort((a, b) => a.index - b.index);
  let run: { index: number; count: number; format: { type: string; pattern: string } } | null = null;
  const flush = () => {
    if (run) requests.push({ repeatCell: { range: columnRange(sheetId, run.index, run.count), cell: { userEnteredFormat: { numberFormat: run.format } }, fields: 'userEnteredFormat.numberFormat' } });
    run = null;
  };
  for (const { column, index } of present) {
    const format = numberFormatSpec(column, settings);
    if (run && format && run.index + run.count === index && run.format.pattern === format.pattern) { run.count += 1; continue; }
    flush();
    if (format) run = { index, count: 1, format };
  }
  flush();
  for (const { column, index } of present) {
    const rule = validationRule(column);
    if (rule) requests.push({ setDataValidation: { range: columnRange(sheetId, index), rule } });
  }
  // Our highlight rules are replaced, a person's own are kept ahead of them.
  const formulas = facts?.ruleFormulas ?? [];
  const ours = formulas.map((f, i) => (isOurFormula(f) ? i : -1)).filter((i) => i >= 0);
  const wanted = ruleSpecs(spec, layout, settings);
  if (!ours.length && !wanted.length) return requests;
  for (const index of [...ours].reverse()) requests.push({ deleteConditionalFormatRule: { sheetId, index } });
  const kept = formulas.length - ours.length;
  wanted.forEach((rule, i) => {
    const index = layout.indexOf(rule.column);
    requests.push({
      addConditionalFormatRule: {
        index: kept + i,
        rule: {
          ranges: [columnRange(sheetId, index)],
          booleanRule: { condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: rule.formula }] }, format: { backgroundColor: rgb(rule.background) } },
        },
      },
    });
  });
  return requests;
}

/** Long text wraps at its column's width below the header, rewritten each run as the number formats are. */
export function wrapRequests(target: TabTarget, rows: number): Request[] {
  const { plan, sheetId, layout } = target;
  if (rows < 2) return [];
  return plan.spec.columns.filter((c) => c.type === 'longText' && layout.indexOf(c.header) >= 0).map((c) => ({
    repeatCell: { range: columnRange(sheetId, layout.indexOf(c.header)), cell: { userEnteredFormat: { wrapStrategy: 'WRAP' } }, fields: 'userEnteredFormat.wrapStrategy' },
  }));
}

/**
 * A check on each numeric Settings value, in its own cell (Settings is one setting a row):
 * the living wage a number of at least 0, the reminder lead days a whole number from 0 to 90.
 * Rejects other input, since a wrong figure there changes every flag. The time zone is checked by
 * Check data (a list of every zone is longer than a dropdown should be).
 */
export function settingsValidation(sheetId: number, valueColumn: number, rows: ReadonlyMap<SettingKey, number>): Request[] {
  const requests: Request[] = [];
  for (const [key, row] of rows) {
    const spec = SETTINGS.find((s) => s.key === key);
    const bounds = SETTING_BOUNDS[key];
    if (!spec || !bounds) continue;
    const cell = `${columnToLetters(valueColumn + 1)}${row}`;
    const whole = spec.type === 'integer';
    const tests = [`ISNUMBER(${cell})`, ...(whole ? [`${cell}=INT(${cell})`] : []), `${cell}>=${bounds.min}`, ...(bounds.max !== undefined ? [`${cell}<=${bounds.max}`] : [])];
    const kind = whole ? 'A whole number' : 'A number';
    const inputMessage = bounds.max !== undefined ? `${kind} from ${bounds.min} to ${bounds.max}.` : `${kind}, at least ${bounds.min}.`;
    requests.push({
      setDataValidation: {
        range: { sheetId, startRowIndex: row - 1, endRowIndex: row, startColumnIndex: valueColumn, endColumnIndex: valueColumn + 1 },
        rule: { condition: { type: 'CUSTOM_FORMULA', values: [{ userEnteredValue: `=AND(${tests.join(',')})` }] }, strict: true, inputMessage },
      },
    });
  }
  return requests;
}

function sameRange(a: Record<string, unknown>, b: Record<string, unknown>, rows: number): boolean {
  const end = (r: Record<string, unknown>) => (r.endRowIndex === undefined ? rows : r.endRowIndex);
  return a.startRowIndex === b.startRowIndex && a.startColumnIndex === b.startColumnIndex && a.endColumnIndex === b.endColumnIndex && end(a) === end(b);
}

/**
 * Protections of one tab: the header row and computed columns warn (warningOnly), a confidential tab
 * is limited to `editors`, with domain editing off. Each protection is made with its description in
 * one request, so there is never one without it; a second protection of ours with the same
 * description (an older version's cut-off run) goes. A person's own protections are never touched.
 */
export function protectionRequests(target: TabTarget, rows: number, editors: readonly string[]): { requests: Request[]; lines: string[] } {
  const { plan, sheetId, facts, layout } = target;
  const spec = plan.spec;
  const requests: Request[] = [];
  const lines: string[] = [];
  const existing = facts?.protections ?? [];
  const wanted = new Map<string, Record<string, unknown>>();
  wanted.set(`${HEADER_PROTECTION} (${spec.name})`, { sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: layout.length });
  if (rows > 1) {
    for (const column of spec.columns.filter((c: ColumnSpec) => c.computed && c.type !== 'id' && layout.indexOf(c.header) >= 0)) {
      wanted.set(`${COMPUTED_PROTECTION} (${spec.name}: ${column.header})`, columnRange(sheetId, layout.indexOf(column.header)));
    }
  }
  const found = new Set<string>();
  for (const protection of existing.filter((p) => !p.sheetLevel)) {
    const range = wanted.get(protection.description);
    if (!range) continue;
    if (found.has(protection.description)) { requests.push({ deleteProtectedRange: { protectedRangeId: protection.id } }); continue; }
    found.add(protection.description);
    if (!sameRange(protection.range as Record<string, unknown>, range, rows)) {
      requests.push({ updateProtectedRange: { protectedRange: { protectedRangeId: protection.id, range }, fields: 'range' } });
    }
  }
  for (const [description, range] of wanted) {
    if (!found.has(description)) requests.push({ addProtectedRange: { protectedRange: { range, description, warningOnly: true } } });
  }
  if (!spec.confidential) return { requests, lines };
  const description = `${CONFIDENTIAL_PROTECTION} (${spec.name})`;
  const sheetProtection: ProtectionFacts | undefined = existing.find((p) => p.sheetLevel);
  const users = [...new Set(editors)].sort();
  if (!sheetProtection) {
    requests.push({ addProtectedRange: { protectedRange: { range: { sheetId }, description, editors: { users, domainUsersCanEdit: false } } } });
  } else if (sheetProtection.description === description) {
    const now = [...sheetProtection.editors].sort();
    if (sheetProtection.domainEdit || now.join('\n') !== users.join('\n')) {
      requests.push({ updateProtectedRange: { protectedRange: { protectedRangeId: sheetProtection.id, editors: { users, domainUsersCanEdit: false } }, fields: 'editors' } });
    }
  } else {
    const own = sheetProtection.description;
    lines.push(`The tab "${spec.name}" already has a protection of your own${own ? ` ("${own}")` : ''}, so ROSE Tracker left it as it is: check that only coordinators can edit "${spec.name}".`);
  }
  return { requests, lines };
}

/** A Settings row only coordinators may change: its 0-based row in the tab and the setting it holds. */
export interface CoordinatorRow {
  setting: string;
  row: number;
}

/**
 * The protection of each Settings row that widens access (schema: coordinatorsOnly), limited to
 * `editors` with domain editing off, as the confidential tabs are. A row a person moved since the
 * last run is followed by its setting's name: the protection's range moves with it. A person's own
 * protections are never touched.
 */
export function coordinatorRowRequests(target: TabTarget, rows: readonly CoordinatorRow[], editors: readonly string[]): Request[] {
  const { sheetId, facts, layout } = target;
  const requests: Request[] = [];
  const existing = (facts?.protections ?? []).filter((p) => !p.sheetLevel);
  const users = [...new Set(editors)].sort();
  for (const { setting, row } of rows) {
    const description = `${COORDINATORS_ONLY_PROTECTION} (Settings: ${setting})`;
    const range = { sheetId, startRowIndex: row, endRowIndex: row + 1, startColumnIndex: 0, endColumnIndex: Math.max(1, layout.length) };
    const ours = existing.filter((p) => p.description === description);
    ours.slice(1).forEach((p) => requests.push({ deleteProtectedRange: { protectedRangeId: p.id } }));
    const found = ours[0];
    if (!found) {
      requests.push({ addProtectedRange: { protectedRange: { range, description, editors: { users, domainUsersCanEdit: false } } } });
      continue;
    }
    const fields: string[] = [];
    const protectedRange: Record<string, unknown> = { protectedRangeId: found.id };
    if (!sameRange(found.range as Record<string, unknown>, range, row + 1)) { protectedRange.range = range; fields.push('range'); }
    if (found.warningOnly) { protectedRange.warningOnly = false; fields.push('warningOnly'); }
    if (found.domainEdit || [...found.editors].sort().join('\n') !== users.join('\n')) { protectedRange.editors = { users, domainUsersCanEdit: false }; fields.push('editors'); }
    if (fields.length) requests.push({ updateProtectedRange: { protectedRange, fields: fields.join(',') } });
  }
  return requests;
}

/** The lists tab's whole content (ours alone): written over its columns, so what was below the new lists is cleared. */
export function listsRequests(sheetId: number, facts: SheetFacts | null, grid: readonly (readonly Plain[])[], width: number): Request[] {
  const requests: Request[] = [];
  if (facts && grid.length > facts.rows) requests.push({ appendDimension: { sheetId, dimension: 'ROWS', length: grid.length - facts.rows } });
  if (facts && width > facts.columns) requests.push({ appendDimension: { sheetId, dimension: 'COLUMNS', length: width - facts.columns } });
  requests.push({ updateCells: { range: { sheetId, startRowIndex: 0, startColumnIndex: 0, endColumnIndex: width }, rows: rowsOf(grid), fields: 'userEnteredValue' } });
  return requests;
}

/** The addSheet of a missing lists tab: hidden when it is made. */
export function addListsSheet(sheetId: number, title: string, rows: number): Request {
  return { addSheet: { properties: { sheetId, title, hidden: true, gridProperties: { rowCount: Math.max(NEW_TAB_GRID.rows, rows), columnCount: NEW_TAB_GRID.columns } } } };
}

/** The tab-ID record in the spreadsheet's developer metadata: created once, then updated when it changes. */
export function tabRecordRequest(record: { id: number; value: string | null } | undefined, key: string, value: string, visibility: 'DOCUMENT' | 'PROJECT' = 'DOCUMENT'): Request | null {
  if (!record) {
    return { createDeveloperMetadata: { developerMetadata: { metadataKey: key, metadataValue: value, location: { spreadsheet: true }, visibility } } };
  }
  if (record.value === value) return null;
  return { updateDeveloperMetadata: { dataFilters: [{ developerMetadataLookup: { metadataId: record.id } }], developerMetadata: { metadataValue: value }, fields: 'metadataValue' } };
}

/** The rows a tab's grid has once the batch has run (a new tab starts with Sheets' default grid). */
export function rowsAfter(target: TabTarget): number {
  const seeds = target.plan.appendRows.length ? target.seedRow + target.plan.appendRows.length : 0;
  return Math.max(target.facts ? target.facts.rows : NEW_TAB_GRID.rows, seeds);
}

export interface BatchInput {
  targets: readonly TabTarget[];
  settings: Settings;
  /** The spreadsheet's time zone and locale now (Settings may name others). */
  timeZone: string;
  locale: string;
  /** Who may edit the confidential tabs: the coordinators and the person running setup. */
  editors: readonly string[];
  lists: { sheetId: number; facts: SheetFacts | null; renamed: boolean; grid: readonly (readonly Plain[])[] };
  /** The tab-ID record as the spreadsheet holds it, if any. */
  record: { id: number; value: string | null } | undefined;
  /** The sheet row of each setting on the Settings tab once the batch has run (absent: no checks on its values). */
  settingRows?: ReadonlyMap<SettingKey, number>;
  /** Every tab as spreadsheets.get listed them, in order (absent: the order is left as it is). */
  sheets?: readonly TabPosition[];
  /** Empty default tabs nobody has used (setup-io untouchedTabs): deleted once the tracker's tabs exist. */
  unused?: readonly number[];
  /** The Settings rows only coordinators may change (protected to `editors`). */
  coordinatorRows?: readonly CoordinatorRow[];
  /** The coordinator list a coordinator confirmed in this run, and the record the spreadsheet holds now. */
  confirmed?: { value: string; record: { id: number; value: string | null } | undefined };
  /** The other access-widening Settings values (Documents folder) as confirmed in this run, and the record held now. */
  confirmedSettings?: { value: string; record: { id: number; value: string | null } | undefined };
}

/**
 * Deletes the unused default tabs and puts every tab in working order (tab-order.ts). New tabs were
 * added at the end (addSheet: "if this field is excluded then the sheet is added … to the end").
 */
export function orderRequests(input: BatchInput): { requests: Request[]; lines: string[] } {
  if (!input.sheets) return { requests: [], lines: [] };
  const unused = new Set(input.unused ?? []);
  const titles = new Map(input.sheets.map((s) => [s.sheetId, s.title]));
  for (const t of input.targets) titles.set(t.sheetId, t.plan.spec.name);
  titles.set(input.lists.sheetId, LISTS_TAB);
  const current = [
    ...input.sheets.map((s) => s.sheetId),
    ...input.targets.filter((t) => !t.facts).map((t) => t.sheetId),
    ...(input.lists.facts ? [] : [input.lists.sheetId]),
  ].filter((id) => !unused.has(id));
  const requests: Request[] = [...unused].map((sheetId) => ({ deleteSheet: { sheetId } }));
  const moves = moveRequests(current, workingOrder(current.map((sheetId) => ({ sheetId, title: titles.get(sheetId) ?? '' }))));
  requests.push(...moves);
  const lines = unused.size ? [`Removed the empty tab${unused.size === 1 ? '' : 's'} ${input.sheets.filter((s) => unused.has(s.sheetId)).map((s) => `"${s.title}"`).join(', ')} (nothing had been typed or formatted there).`] : [];
  return { requests, lines };
}

/**
 * Every request of setup's one batch, in the order they must apply: the spreadsheet's time zone and
 * locale, each tab's sheet and structure, the lists tab (before the dropdowns that point at it), each
 * tab's formats and protections, then the record of tab IDs. Returns the messages for the coordinator too.
 */
export function setupBatch(input: BatchInput): { requests: Request[]; lines: string[] } {
  const { targets, settings, lists } = input;
  const requests: Request[] = [];
  const lines: string[] = [];
  const properties: Record<string, string> = {};
  if (input.timeZone !== settings.timeZone) properties.timeZone = settings.timeZone;
  const locale = settings.locale.replace('-', '_');
  if (input.locale !== locale) properties.locale = locale;
  if (Object.keys(properties).length) requests.push({ updateSpreadsheetProperties: { properties, fields: Object.keys(properties).join(',') } });
  for (const target of targets) {
    if (!target.facts) requests.push(addSheetRequest(target, rowsAfter(target)));
    requests.push(...structureRequests(target));
  }
  if (!lists.facts) requests.push(addListsSheet(lists.sheetId, LISTS_TAB, lists.grid.length));
  else {
    // The lists tab is hidden when it is made; a person may have shown it since, or renamed it.
    const fields = [...(lists.renamed ? ['title'] : []), ...(lists.facts.hidden ? [] : ['hidden'])];
    if (fields.length) requests.push({ updateSheetProperties: { properties: { sheetId: lists.sheetId, title: LISTS_TAB, hidden: true }, fields: fields.join(',') } });
  }
  requests.push(...listsRequests(lists.sheetId, lists.facts, lists.grid, LISTS_LAYOUT.width));
  for (const target of targets) {
    requests.push(...formatRequests(target, settings, rowsAfter(target)));
    requests.push(...wrapRequests(target, rowsAfter(target)));
    const protections = protectionRequests(target, rowsAfter(target), input.editors);
    requests.push(...protections.requests);
    lines.push(...protections.lines);
    if (target.plan.spec.name === 'Settings' && input.coordinatorRows) requests.push(...coordinatorRowRequests(target, input.coordinatorRows, input.editors));
  }
  const settingsTarget = targets.find((t) => t.plan.spec.name === 'Settings');
  const valueColumn = settingsTarget ? settingsTarget.layout.indexOf('Value') : -1;
  if (settingsTarget && valueColumn >= 0 && input.settingRows) requests.push(...settingsValidation(settingsTarget.sheetId, valueColumn, input.settingRows));
  const order = orderRequests(input);
  requests.push(...order.requests);
  lines.push(...order.lines);
  const ids = new Map<string, number>(targets.map((t) => [t.plan.spec.name, t.sheetId]));
  ids.set(LISTS_TAB, lists.sheetId);
  const record = tabRecordRequest(input.record, METADATA_KEYS.trackerTabs, tabIdsValue(new Map(TRACKER_TAB_NAMES.filter((n) => ids.has(n)).map((n) => [n, ids.get(n)!]))));
  if (record) requests.push(record);
  const confirmed = input.confirmed ? tabRecordRequest(input.confirmed.record, METADATA_KEYS.confirmedCoordinators, input.confirmed.value, 'PROJECT') : null;
  if (confirmed) requests.push(confirmed);
  const values = input.confirmedSettings ? tabRecordRequest(input.confirmedSettings.record, METADATA_KEYS.confirmedSettings, input.confirmedSettings.value, 'PROJECT') : null;
  if (values) requests.push(values);
  return { requests, lines };
}
