// Pure table logic: finding columns by header, turning sheet rows into records typed by the schema, references.
import { tabSpec, type AnyColumnKey, type ColumnKey, type ColumnSpec, type TabName, type TabSpec } from './schema';

/** A cell as the edge hands it over: Dates are already ISO strings in the tracker's time zone. */
export type Plain = string | number | boolean | null;

/** A row's values by column key; a key the schema does not declare for the tab does not compile. */
export type RowValues<N extends TabName> = { [K in ColumnKey<N>]: Plain };

export interface TrackerRecord<N extends TabName> {
  /** 1-based row number in the sheet (for messages only; rows are linked by ID). */
  row: number;
  values: RowValues<N>;
}

export interface Table<N extends TabName> {
  tab: N;
  /** Header text of every column, in the user's order (user columns included). */
  headers: string[];
  /** 0-based column index by column key, for the schema's columns present on the sheet (the first, when a header appears twice). */
  columnOf: Partial<Record<ColumnKey<N>, number>>;
  /** Declared columns whose header appears more than once, with every place it appears: nothing is written into them. */
  ambiguous: Partial<Record<ColumnKey<N>, number[]>>;
  records: TrackerRecord<N>[];
}

/** What code that walks every tab sees of a table: values by any declared key. */
export interface AnyTable {
  tab: TabName;
  headers: string[];
  columnOf: Partial<Record<AnyColumnKey, number>>;
  ambiguous: Partial<Record<AnyColumnKey, number[]>>;
  records: { row: number; values: Partial<Record<AnyColumnKey, Plain>> }[];
}

/** Every table of the tracker that was read, typed per tab. */
export type Tables = { [N in TabName]?: Table<N> };

/** A value by its declaration, for code that walks a tab's columns. */
export function cell(record: AnyTable['records'][number], column: ColumnSpec): Plain {
  return (record.values as Record<string, Plain>)[column.key] ?? null;
}

/** Where a declared column sits on the sheet (0-based), or undefined when it is missing. */
export function columnIndex(table: AnyTable | undefined, column: ColumnSpec): number | undefined {
  return (table?.columnOf as Record<string, number> | undefined)?.[column.key];
}

/** Separates an ID from the name shown next to it in reference cells: "SITE-0001 · Harbour Lights". */
export const LABEL_SEPARATOR = ' · ';

export function label(id: string, name: string): string {
  return name ? `${id}${LABEL_SEPARATOR}${name}` : id;
}

/** The ID in a reference cell: "SITE-0001 · Harbour Lights" → "SITE-0001"; a bare ID stays itself. */
export function refId(value: Plain): string {
  if (value === null || value === '') return '';
  const text = String(value).trim();
  const cut = text.indexOf(LABEL_SEPARATOR.trim());
  return (cut >= 0 ? text.slice(0, cut) : text).trim();
}

export function isBlank(value: Plain): boolean {
  return value === null || value === '' || (typeof value === 'string' && value.trim() === '');
}

/**
 * What a header is compared by: case, spaces and line breaks do not count ("full name", "Hourly\nwage"
 * and " Site " are Full name, Hourly wage and Site), since people type headers and Sheets wraps them.
 */
export function headerKey(header: Plain | undefined): string {
  return header === null || header === undefined ? '' : String(header).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Every place (0-based) a header appears in a row, compared by headerKey. */
export function headerPlaces(headers: readonly Plain[], header: string): number[] {
  const wanted = headerKey(header);
  const places: number[] = [];
  headers.forEach((h, i) => { if (wanted && headerKey(h) === wanted) places.push(i); });
  return places;
}

/** The header row with each declared column's header written the schema's way (a person's own columns as they are), for code that lays out by header. */
export function declaredHeaders(spec: TabSpec, headers: readonly Plain[]): string[] {
  return headers.map((h) => spec.columns.find((c) => headerKey(c.header) === headerKey(h))?.header ?? (h === null ? '' : String(h).trim()));
}

/** Builds a table from a header row and data rows; `firstRow` is the sheet row of rows[0]. Columns the schema does not declare are kept in `headers` only. */
export function toTable<N extends TabName>(tab: N, headerRow: Plain[], rows: Plain[][], firstRow = 2): Table<N> {
  const spec: TabSpec = tabSpec(tab);
  const headers = headerRow.map((h) => (h === null ? '' : String(h).trim()));
  const columnOf: Partial<Record<string, number>> = {};
  const ambiguous: Partial<Record<string, number[]>> = {};
  for (const column of spec.columns) {
    const places = headerPlaces(headers, column.header);
    if (places.length) columnOf[column.key] = places[0];
    if (places.length > 1) ambiguous[column.key] = places;
  }
  const present = Object.entries(columnOf) as [string, number][];
  const records = rows.map((row, i) => {
    const values: Record<string, Plain> = {};
    for (const column of spec.columns) values[column.key] = null;
    for (const [key, index] of present) values[key] = plainCell(row[index]);
    return { row: firstRow + i, values: values as RowValues<N> };
  });
  return { tab, headers, columnOf: columnOf as Table<N>['columnOf'], ambiguous: ambiguous as Table<N>['ambiguous'], records };
}

/** A cell as records hold it: trimmed text, blank as null. */
export function plainCell(value: Plain | undefined): Plain {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return value;
}

/** Whether a row holds anything the tracker cares about (its own, non-computed columns). */
export function hasTrackerData(record: AnyTable['records'][number], spec: TabSpec): boolean {
  return spec.columns.some((c) => !c.computed && c.type !== 'id' && !isBlank(cell(record, c)));
}

/** Highest number used by IDs with this prefix (SITE-0012 → 12), so new IDs never reuse an old one. */
export function highestIdNumber(values: Plain[], prefix: string): number {
  let highest = 0;
  const pattern = new RegExp(`^${prefix}-(\\d+)$`);
  for (const v of values) {
    const match = pattern.exec(refId(v));
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}


/** Name shown for a row in references: the label column, else its ID. */
export function rowName(record: AnyTable['records'][number], spec: TabSpec): string {
  return spec.labelColumn ? String((record.values as Record<string, Plain>)[spec.labelColumn] ?? '') : '';
}

/** Lookup of a tab's rows by ID, for references from other tabs. */
export function indexById<N extends TabName>(table: Table<N> | undefined): Map<string, TrackerRecord<N>> {
  const index = new Map<string, TrackerRecord<N>>();
  for (const record of table?.records ?? []) {
    const id = refId((record.values as AnyTable['records'][number]['values']).id ?? null);
    if (id && !index.has(id)) index.set(id, record);
  }
  return index;
}

export function num(value: Plain): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.replace(/[$,\s]/g, ''))) return Number(value.replace(/[$,\s]/g, ''));
  return null;
}

/** Tables from whole-tab grids (header row first), as the scripts read them through the Sheets API. */
export function tablesFromGrids(grids: ReadonlyMap<string, Plain[][]>, names: readonly TabName[]): Tables {
  const tables: Record<string, AnyTable> = {};
  for (const name of names) {
    const grid = grids.get(name);
    if (grid) tables[name] = toTable(name, grid[0] ?? [], grid.slice(1));
  }
  return tables as Tables;
}
