// Pure setup planning: what to create, rename, add and seed, and what must stop setup before anything is written.
import { SEED_TOPICS, SETTINGS, TABS, type TabSpec } from './schema';
import { declaredHeaders, headerKey, isBlank, type Plain } from './table';

export interface TabState {
  /** The sheet's actual name, when a sheet for this tab exists (or existed under a former name). */
  sheetName: string | null;
  /** Found by the sheet ID setup recorded, under a name a person gave it. */
  followed?: boolean;
  headerRow: Plain[];
  rows: Plain[][];
  /** Whether any cell of row 1 is part of a merge. */
  mergedHeader: boolean;
  /** A protection on this sheet the user cannot edit, described for the message. */
  blockedBy: string | null;
}

export interface TabPlan {
  spec: TabSpec;
  create: boolean;
  renameFrom: string | null;
  /** The tab was found by its recorded sheet ID under a person's name (renameFrom) rather than by a former name. */
  followed: boolean;
  /** The header row after setup: the user's columns in the user's order, renames applied, missing columns appended. */
  header: string[];
  headerChanged: boolean;
  renamedColumns: [string, string][];
  /** Headers a person typed with other case, spacing or line breaks, read as the declared one: [as typed, declared]. */
  readAs: [string, string][];
  addedColumns: string[];
  /** Rows to append (seed topics, missing settings), as full rows in `header` order. */
  appendRows: Plain[][];
}

export interface SetupPlan {
  tabs: TabPlan[];
  problems: string[];
}

function headerText(row: Plain[]): string[] {
  return row.map((h) => (h === null ? '' : String(h).trim()));
}

/** Every header a version of this tab has ever had, compared by headerKey. */
function knownHeaders(spec: TabSpec): Set<string> {
  const set = new Set<string>();
  for (const c of spec.columns) { set.add(headerKey(c.header)); (c.formerly ?? []).forEach((f) => set.add(headerKey(f))); }
  return set;
}

/** Values a new Settings tab starts with that come from the Sheet itself rather than the schema. */
export interface SheetDefaults {
  timeZone?: string;
  /** Spreadsheet locale as Sheets names it (en_CA). */
  locale?: string;
}

export function planSetup(states: Map<string, TabState>, defaults: SheetDefaults = {}, elsewhere: ReadonlySet<string> = new Set()): SetupPlan {
  const problems: string[] = [];
  const tabs: TabPlan[] = [];
  for (const spec of TABS) {
    // A tab Set up private workbooks moved into a private workbook is not made again in the tracker.
    if (elsewhere.has(spec.name)) continue;
    const state = states.get(spec.name) ?? { sheetName: null, headerRow: [], rows: [], mergedHeader: false, blockedBy: null };
    const headers = headerText(state.headerRow);
    // The person's header text is written back as they typed it (spaces and line breaks included).
    const typed = state.headerRow.map((h) => (h === null ? '' : String(h)));
    const keys = headers.map(headerKey);
    const nonEmpty = headers.filter(Boolean);
    const hasRows = state.rows.some((r) => r.some((v) => !isBlank(v)));
    if (state.sheetName !== null) {
      const label = `The tab "${state.sheetName}"`;
      if (state.blockedBy) problems.push(`${label} is protected (${state.blockedBy}) and you are not allowed to edit it. Ask the person who protected it to add you as an editor, then run Set up tracker again.`);
      if (state.mergedHeader) problems.push(`${label} has merged cells in row 1. ROSE Tracker needs one header per column: select row 1, choose Format → Merge cells → Unmerge, then run Set up tracker again.`);
      const seen = new Map<string, number>();
      keys.forEach((k, i) => {
        if (!k) return;
        if (seen.has(k)) problems.push(`${label} has two columns named "${headers[seen.get(k)!]}" (columns ${seen.get(k)! + 1} and ${i + 1}). Rename one of them, then run Set up tracker again.`);
        else seen.set(k, i);
      });
      const known = knownHeaders(spec);
      if ((nonEmpty.length > 0 || hasRows) && !keys.some((k) => known.has(k))) {
        problems.push(`${label} already holds something else (row 1 starts with ${nonEmpty.slice(0, 3).map((h) => `"${h}"`).join(', ') || 'no headers'}). Rename that tab, for example to "${spec.name} (old)", then run Set up tracker again; nothing was changed.`);
      }
    }
    const renamedColumns: [string, string][] = [];
    const readAs: [string, string][] = [];
    const header = [...typed];
    const at = (wanted: string) => header.findIndex((h) => headerKey(h) === headerKey(wanted));
    for (const column of spec.columns) {
      const index = at(column.header);
      if (index >= 0) {
        if (header[index] !== column.header) readAs.push([header[index], column.header]);
        continue;
      }
      const former = (column.formerly ?? []).find((f) => at(f) >= 0);
      if (former) {
        const place = at(former);
        renamedColumns.push([headers[place], column.header]);
        header[place] = column.header;
      }
    }
    // Added columns go after the last column holding anything, so a column of data without a header is never taken over.
    const lastUsed = Math.max(
      header.reduce((last, h, i) => (h.trim() ? i + 1 : last), 0),
      ...state.rows.map((r) => r.reduce<number>((last, v, i) => (isBlank(v) ? last : i + 1), 0)),
    );
    header.length = lastUsed;
    for (let i = 0; i < lastUsed; i += 1) if (header[i] === undefined) header[i] = '';
    const addedColumns = spec.columns.filter((c) => at(c.header) < 0).map((c) => c.header);
    const finalHeader = [...header, ...addedColumns];
    const appendRows = seedRows(spec, declaredHeaders(spec, finalHeader), state, hasRows, defaults);
    tabs.push({
      spec,
      create: state.sheetName === null,
      renameFrom: state.sheetName !== null && state.sheetName !== spec.name ? state.sheetName : null,
      followed: state.followed === true,
      header: finalHeader,
      headerChanged: renamedColumns.length > 0 || addedColumns.length > 0,
      renamedColumns,
      readAs,
      addedColumns,
      appendRows,
    });
  }
  return { tabs, problems };
}

function rowFor(header: string[], values: Record<string, Plain>): Plain[] {
  return header.map((h) => (values[h] === undefined ? '' : values[h]));
}

/** Settings gains rows for settings it lacks; Training Topics is seeded only when it has no topics yet. */
function seedRows(spec: TabSpec, header: string[], state: TabState, hasRows: boolean, defaults: SheetDefaults): Plain[][] {
  if (spec.name === 'Settings') {
    const keyIndex = state.headerRow.findIndex((h) => headerKey(h) === headerKey('Setting'));
    const present = new Set(state.rows.map((r) => (keyIndex >= 0 ? String(r[keyIndex] ?? '').trim() : '')));
    // A new tracker keeps the time zone and locale its Sheet already has, rather than the schema's defaults.
    const fromSheet: Partial<Record<string, string>> = {
      'Time zone': defaults.timeZone, Locale: defaults.locale ? defaults.locale.replace('_', '-') : undefined,
    };
    return SETTINGS.filter((s) => !present.has(s.key))
      .map((s) => rowFor(header, { Setting: s.key, Value: fromSheet[s.key] ?? (s.defaultValue === '' ? '' : s.defaultValue), 'About this setting': s.about }));
  }
  if (spec.name === 'Training Topics' && !hasRows) {
    return SEED_TOPICS.map(([topic, component, months, roles, source]) => rowFor(header, {
      Topic: topic, 'ROSE component': component, 'Validity (months)': months, 'Required for roles': roles, 'Source of validity': source,
    }));
  }
  return [];
}

/** A header as a message shows it: a line break a person typed is named, since a toast cannot show it. */
function shown(header: string): string {
  return header.replace(/\s*[\r\n]+\s*/g, ' (line break) ');
}

/** A short account of what setup did, for the coordinator. */
export function describePlan(plan: SetupPlan, idsAssigned: number): string[] {
  const lines: string[] = [];
  const created = plan.tabs.filter((t) => t.create).map((t) => t.spec.name);
  if (created.length) lines.push(`Created ${created.length} tab${created.length === 1 ? '' : 's'}: ${created.join(', ')}.`);
  for (const t of plan.tabs) {
    if (t.renameFrom && t.followed) lines.push(`The tab "${t.renameFrom}" is ROSE Tracker's ${t.spec.name} tab: renamed it back to "${t.spec.name}", the name forms, documents and the command-line scripts look for.`);
    else if (t.renameFrom) lines.push(`Renamed the tab "${t.renameFrom}" to "${t.spec.name}".`);
    for (const [from, to] of t.renamedColumns) lines.push(`${t.spec.name}: renamed the column "${from}" to "${to}".`);
    if (t.readAs.length) lines.push(`${t.spec.name}: reading ${t.readAs.map(([typed, declared]) => `"${shown(typed)}" as "${declared}"`).join(', ')}. Your headers were kept.`);
    if (!t.create && t.addedColumns.length) lines.push(`${t.spec.name}: added ${t.addedColumns.map((c) => `"${c}"`).join(', ')} after your last column.`);
    if (t.appendRows.length && !t.create) lines.push(`${t.spec.name}: added ${t.appendRows.length} row${t.appendRows.length === 1 ? '' : 's'}.`);
  }
  if (idsAssigned) lines.push(`Gave IDs to ${idsAssigned} new row${idsAssigned === 1 ? '' : 's'}.`);
  if (!lines.length) lines.push('Everything was already in place; computed columns, formats and dropdowns were refreshed.');
  return lines;
}
