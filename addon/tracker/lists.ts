// The one owner of the hidden "ROSE lists" tab (dropdown labels, highest ID issued) and the one issuer of row IDs: pure; lists-tab.ts is its edge.
//
// Every ID (SITE-0001, STAFF-0007, RESP-0123, DOC-0042) is issued by IdIssuer, after the highest number
// ever issued for its prefix, so the ID of a deleted row is never handed to someone else. The highest
// numbers are kept on the lists tab, found by their headers, never by a column position.
import { TABS, type TabName, type TabSpec } from './schema';
import { hasTrackerData, highestIdNumber, isBlank, label, rowName, type AnyTable, type Plain, type Tables } from './table';

export const LISTS_TAB = 'ROSE lists';

/**
 * The dropdown sources, in the lists tab's column order (A, B, …): dropdowns already set up point at
 * these columns, so a new source is appended, never inserted.
 */
export const REFERENCE_LISTS: readonly { tab: TabName; title: string }[] = [
  { tab: 'Sites', title: 'Sites' },
  { tab: 'Staff', title: 'Staff' },
  { tab: 'Action Plan', title: 'Activities' },
  { tab: 'Budget', title: 'Budget lines' },
  { tab: 'Training Topics', title: 'Training topics' },
];

const PREFIX_HEADER = 'ID prefix';
const HIGHEST_HEADER = 'Highest ID issued';
/** The block of highest IDs sits one blank column after the lists (G:H today). */
const ISSUED_COLUMN = REFERENCE_LISTS.length + 2;

/** The tabs whose rows feed a dropdown; an edit on them rewrites the lists. */
export const LABEL_SOURCES: readonly TabName[] = REFERENCE_LISTS.map((l) => l.tab);

/** The column letter of a tab's dropdown list, or null when no dropdown offers that tab. */
export function listColumnLetter(tab: TabName): string | null {
  const index = LABEL_SOURCES.indexOf(tab);
  return index < 0 ? null : String.fromCharCode(65 + index);
}

/** Whether a first cell is the one ROSE Tracker writes on its lists tab (a person's own tab of the name is left alone). */
export function isListsSignature(firstCell: unknown): boolean {
  return firstCell === REFERENCE_LISTS[0].title;
}

/** The highest number issued per prefix, read from the lists tab's grid by its headers. */
export function readIssuedGrid(grid: readonly (readonly unknown[])[]): Map<string, number> {
  const issued = new Map<string, number>();
  const header = grid[0] ?? [];
  const prefixAt = header.findIndex((h) => String(h).trim() === PREFIX_HEADER);
  const highestAt = header.findIndex((h) => String(h).trim() === HIGHEST_HEADER);
  if (prefixAt < 0 || highestAt < 0) return issued;
  for (const row of grid.slice(1)) {
    const prefix = row[prefixAt];
    const n = typeof row[highestAt] === 'number' ? row[highestAt] as number : Number(row[highestAt]);
    if (typeof prefix === 'string' && prefix && Number.isFinite(n)) issued.set(prefix, Math.max(issued.get(prefix) ?? 0, n));
  }
  return issued;
}

/** Issues IDs after the highest ever issued, and remembers what it issued for the lists tab. */
export class IdIssuer {
  private readonly highest: Map<string, number>;

  constructor(issued: ReadonlyMap<string, number> = new Map()) {
    this.highest = new Map(issued);
  }

  /** Takes the IDs a tab holds into account (a tracker set up before IDs were recorded, or a pasted row). */
  observe(prefix: string, ids: readonly Plain[]): void {
    this.highest.set(prefix, Math.max(this.highest.get(prefix) ?? 0, highestIdNumber([...ids], prefix)));
  }

  /** The next ID for a prefix: SITE-0013 after SITE-0012, never one issued before. */
  issue(prefix: string, ids: readonly Plain[] = []): string {
    this.observe(prefix, ids);
    const next = (this.highest.get(prefix) ?? 0) + 1;
    this.highest.set(prefix, next);
    return formatId(prefix, next);
  }

  /** Gives every row that has data but no ID its ID (in the record too); returns what it gave. */
  issueForTable(table: AnyTable, spec: TabSpec): { row: number; id: string }[] {
    if (!spec.idPrefix) return [];
    this.observe(spec.idPrefix, table.records.map((r) => r.values.id ?? null));
    const assigned: { row: number; id: string }[] = [];
    for (const record of table.records) {
      if (!isBlank(record.values.id ?? null) || !hasTrackerData(record, spec)) continue;
      const id = this.issue(spec.idPrefix);
      record.values.id = id;
      assigned.push({ row: record.row, id });
    }
    return assigned;
  }

  /** The highest number for a prefix so far. */
  highestFor(prefix: string): number {
    return this.highest.get(prefix) ?? 0;
  }

  /** The block the lists tab keeps: a header row, then one row per prefix of the schema (and any other seen). */
  issuedGrid(): Plain[][] {
    const prefixes = TABS.filter((t) => t.idPrefix).map((t) => t.idPrefix!);
    for (const prefix of this.highest.keys()) if (prefixes.indexOf(prefix) < 0) prefixes.push(prefix);
    return [[PREFIX_HEADER, HIGHEST_HEADER], ...prefixes.map((p) => [p, this.highestFor(p)])];
  }
}

export function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

/** The labels a dropdown offers for a tab: "ID · name", or the name for tabs without IDs (Training Topics). */
function labels(tables: Tables, name: TabName): string[] {
  const spec = TABS.find((t) => t.name === name)!;
  const table: AnyTable | undefined = tables[name];
  const out: string[] = [];
  for (const record of table?.records ?? []) {
    const id = record.values.id;
    if (spec.idPrefix) {
      if (typeof id === 'string' && id) out.push(label(id, rowName(record, spec)));
    } else {
      const text = rowName(record, spec);
      if (text) out.push(text);
    }
  }
  return out;
}

/** The whole lists tab as a grid: the dropdown columns, a blank column, the highest-ID block. */
export function listsGrid(tables: Tables, issuer: IdIssuer): Plain[][] {
  const columns = REFERENCE_LISTS.map((l) => [l.title, ...labels(tables, l.tab)]);
  const issued = issuer.issuedGrid();
  const height = Math.max(...columns.map((c) => c.length), issued.length);
  const grid: Plain[][] = [];
  for (let r = 0; r < height; r += 1) {
    const row: Plain[] = columns.map((c) => c[r] ?? '');
    row.push('');
    row.push(...(issued[r] ?? ['', '']));
    grid.push(row);
  }
  return grid;
}

/** The lists tab's width and where its highest-ID block starts (1-based), for writers outside the add-on. */
export const LISTS_LAYOUT = { width: ISSUED_COLUMN + 1, issuedColumn: ISSUED_COLUMN } as const;
