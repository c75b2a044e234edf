// Which row is which when a run writes back: rows as they stand now matched to rows as they were read, by ID, then by content; pure.
import type { TabSpec } from './schema';
import { plainCell, refId, type Plain } from './table';

type Values = Partial<Record<string, Plain>>;

/** What a person typed in a row (its declared columns that ROSE Tracker does not fill): how a row without an ID is recognised. */
export function fingerprint(values: Values, spec: TabSpec): string {
  return JSON.stringify(spec.columns.filter((c) => !c.computed && c.type !== 'id').map((c) => plainCell(values[c.key] ?? null)));
}

/**
 * For each row as it stands now, the index of the row as read that it is (or -1: a row someone
 * inserted, or one that cannot be told apart). People sort, insert, delete and paste while a run
 * goes on, so positions prove nothing; in order of trust:
 *
 * 1. the same ID and the same content;
 * 2. the same content, when as many rows have it now as had it then (rows that cannot be told apart
 *    are interchangeable). This comes before the ID so that an ID a run wrote on the wrong row, when
 *    rows moved between its read and its write, is recognised as misplaced and put right;
 * 3. the same ID, one row each side (a person edited the row since);
 * 4. the same position, only while every row recognised above is still where it was and the tab
 *    has as many rows: nothing moved, so a row edited since is still the same row.
 */
export function matchRows(spec: TabSpec, then: readonly Values[], now: readonly Values[]): number[] {
  const key = (values: Values): { id: string; print: string } => ({ id: refId(values.id ?? null), print: fingerprint(values, spec) });
  const thenKeys = then.map(key);
  const nowKeys = now.map(key);
  const match = now.map(() => -1);
  const taken = then.map(() => false);
  const pair = (q: number, j: number): void => { match[q] = j; taken[j] = true; };

  const byBoth = groups(thenKeys.map((k) => `${k.id}\n${k.print}`));
  nowKeys.forEach((k, q) => {
    const j = (byBoth.get(`${k.id}\n${k.print}`) ?? []).find((candidate) => !taken[candidate]);
    if (j !== undefined) pair(q, j);
  });

  const thenByPrint = groups(thenKeys.map((k, j) => (taken[j] ? null : k.print)));
  const nowByPrint = groups(nowKeys.map((k, q) => (match[q] >= 0 ? null : k.print)));
  for (const [print, rows] of nowByPrint) {
    const records = thenByPrint.get(print) ?? [];
    if (records.length === rows.length) rows.forEach((q, i) => pair(q, records[i]));
  }

  const thenById = groups(thenKeys.map((k, j) => (taken[j] || !k.id ? null : k.id)));
  const nowById = groups(nowKeys.map((k, q) => (match[q] >= 0 || !k.id ? null : k.id)));
  for (const [id, rows] of nowById) {
    const records = thenById.get(id) ?? [];
    if (rows.length === 1 && records.length === 1) pair(rows[0], records[0]);
  }

  const stable = now.length === then.length && match.every((j, q) => j < 0 || j === q);
  if (stable) match.forEach((j, q) => { if (j < 0 && !taken[q]) pair(q, q); });
  return match;
}

function groups(keys: readonly (string | null)[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  keys.forEach((k, i) => { if (k !== null) out.set(k, [...(out.get(k) ?? []), i]); });
  return out;
}
