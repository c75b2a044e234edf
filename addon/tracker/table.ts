// Pure table logic: finding columns by header, turning sheet rows into records, references and IDs.
import type { TabSpec } from './schema';

/** A cell as the edge hands it over: Dates are already ISO strings in the tracker's time zone. */
export type Plain = string | number | boolean | null;

export interface TrackerRecord {
  /** 1-based row number in the sheet (for messages only; rows are linked by ID). */
  row: number;
  values: Record<string, Plain>;
}

export interface Table {
  tab: string;
  /** Header text of every column, in the user's order (user columns included). */
  headers: string[];
  /** 0-based column index by header. */
  columnOf: Record<string, number>;
  records: TrackerRecord[];
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

/** Builds a table from a header row and data rows; `firstRow` is the sheet row of rows[0]. */
export function toTable(tab: string, headerRow: Plain[], rows: Plain[][], firstRow = 2): Table {
  const headers = headerRow.map((h) => (h === null ? '' : String(h).trim()));
  const columnOf: Record<string, number> = {};
  headers.forEach((h, i) => { if (h && columnOf[h] === undefined) columnOf[h] = i; });
  const records: TrackerRecord[] = [];
  rows.forEach((row, i) => {
    const values: Record<string, Plain> = {};
    headers.forEach((h, c) => { if (h) values[h] = normalize(row[c]); });
    records.push({ row: firstRow + i, values });
  });
  return { tab, headers, columnOf, records };
}

function normalize(value: Plain | undefined): Plain {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return value;
}

/** Whether a row holds anything the tracker cares about (its own, non-computed columns). */
export function hasTrackerData(record: TrackerRecord, spec: TabSpec): boolean {
  return spec.columns.some((c) => !c.computed && c.type !== 'id' && !isBlank(record.values[c.header] ?? null));
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

export function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

/**
 * IDs for rows that have data but no ID yet, numbered after the highest ever seen.
 * `floor` is the highest number issued before (kept in document properties) so deleted rows' IDs are not reissued.
 */
export function assignIds(table: Table, spec: TabSpec, floor = 0): { row: number; id: string }[] {
  if (!spec.idPrefix) return [];
  let next = Math.max(floor, highestIdNumber(table.records.map((r) => r.values.ID ?? null), spec.idPrefix)) + 1;
  const assigned: { row: number; id: string }[] = [];
  for (const record of table.records) {
    if (!isBlank(record.values.ID ?? null) || !hasTrackerData(record, spec)) continue;
    const id = formatId(spec.idPrefix, next);
    next += 1;
    record.values.ID = id;
    assigned.push({ row: record.row, id });
  }
  return assigned;
}

/** Name shown for a row in references: the label column, else its ID. */
export function rowName(record: TrackerRecord, spec: TabSpec): string {
  return spec.labelColumn ? String(record.values[spec.labelColumn] ?? '') : '';
}

/** Lookup of a tab's rows by ID, for references from other tabs. */
export function indexById(table: Table | undefined): Map<string, TrackerRecord> {
  const index = new Map<string, TrackerRecord>();
  for (const record of table?.records ?? []) {
    const id = refId(record.values.ID ?? null);
    if (id && !index.has(id)) index.set(id, record);
  }
  return index;
}

export function num(value: Plain): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.replace(/[$,\s]/g, ''))) return Number(value.replace(/[$,\s]/g, ''));
  return null;
}
