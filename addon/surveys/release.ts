// Pure: which survey answers the Evaluation report may count, so that comparing two reports never reveals one person's answers.
//
// Reading a report before and after one new answer gives that person's scores by subtraction
// ("disclosure by differencing": Hundepool et al., Handbook on Statistical Disclosure Control, 2nd
// ed., 2024, ch. 4 and 5 on secondary suppression and on tables released from overlapping data,
// sdctools.github.io/HandbookSDC). The rule kept here: a group's (site × wave) new answers are
// counted only together, once at least the minimum group size of them have come in; until then the
// report counts exactly what it counted before. A batch of follow-up (or baseline) answers that would
// add fewer than the minimum of matched pairs waits too, since the change figure moves with each
// pair. Any figure then moves only by a batch of at least the minimum group size of people. The first
// report counts everything in hand (the usual suppression protects a single report). Answers already
// counted that disappear (a deleted row) count as changes of their group: until that group has at
// least the minimum of changes, the report stays as it was last released.
import { WAVES, type Wave } from './definition';
import { groupBySite, type EvaluationRow } from './report';

/** An evaluation row with the key it is counted by (its RESP- ID, else its submission key). */
export interface KeyedRow {
  key: string;
  row: EvaluationRow;
}

/** What the last report counted, kept in the spreadsheet (developer metadata) between runs. */
export interface ReleaseRecord {
  format: 1;
  /** ISO instant of the release. */
  at: string;
  /** By group ("site|wave"), the keys counted, packed (packKeys). */
  groups: Record<string, string>;
}

export interface ReleaseDecision {
  /** The rows the report counts. */
  rows: EvaluationRow[];
  /** The record to keep for this release; null when the report must stay as last released. */
  record: ReleaseRecord | null;
  /** One sentence per group whose new answers wait, for the report's notes (no counts: a count of fewer than the minimum is itself suppressed). */
  waiting: string[];
  /** Rows that cannot be counted at all: no ID or submission key to follow them by. */
  unkeyed: number;
}

const NO_SITE = 'Site not given';
const siteOf = (row: EvaluationRow): string => ((row.site || '').trim() === '' ? NO_SITE : (row.site || '').trim());
const groupOf = (row: EvaluationRow): string => `${siteOf(row)}|${row.wave}`;

/** The tracker's ID for a response number (tracker/lists.ts writes them so). */
const idOf = (n: number): string => `RESP-${String(n).padStart(4, '0')}`;

/** Keys as compact text: RESP- numbers as ranges ("RESP:1-40,42"), any other key whole after "=". */
export function packKeys(keys: readonly string[]): string {
  const numbers: number[] = [];
  const others: string[] = [];
  for (const key of keys) {
    const m = /^RESP-(\d+)$/.exec(key);
    if (m && idOf(Number(m[1])) === key) numbers.push(Number(m[1]));
    else others.push(key);
  }
  numbers.sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < numbers.length; i += 1) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j += 1;
    ranges.push(i === j ? String(numbers[i]) : `${numbers[i]}-${numbers[j]}`);
    i = j;
  }
  return JSON.stringify([ranges.join(','), ...others]);
}

export function unpackKeys(packed: string): string[] {
  const [ranges, ...others] = JSON.parse(packed) as string[];
  const keys: string[] = [];
  for (const part of (ranges || '').split(',').filter(Boolean)) {
    const [from, to] = part.split('-').map(Number);
    for (let n = from; n <= (to === undefined ? from : to); n += 1) keys.push(idOf(n));
  }
  return [...keys, ...others];
}

export function releaseToJson(record: ReleaseRecord): string {
  return JSON.stringify(record);
}

/** The kept record; refuses text that is not one, naming where it came from. */
export function releaseFromJson(json: string | null | undefined, where: string): ReleaseRecord | null {
  if (!json) return null;
  let raw: Partial<ReleaseRecord> | null;
  try {
    raw = JSON.parse(json) as Partial<ReleaseRecord> | null;
  } catch (error) {
    throw new Error(`${where}: the record of the last released report is not readable (${(error as Error).message}).`);
  }
  if (!raw || raw.format !== 1 || typeof raw.groups !== 'object' || raw.groups === null) throw new Error(`${where}: the record of the last released report is not one ROSE Tracker wrote.`);
  return raw as ReleaseRecord;
}

/** Whether the release counted a row: its key under the group (site and wave) it sits in now. */
export function releasedBy(record: ReleaseRecord): (key: string, row: EvaluationRow) => boolean {
  const counted = new Map(Object.entries(record.groups).map(([group, packed]) => [group, new Set(unpackKeys(packed))]));
  return (key, row) => key !== '' && counted.get(groupOf(row))?.has(key) === true;
}

function matchedCount(rows: EvaluationRow[]): number {
  let n = 0;
  groupBySite(rows).forEach((group) => { n += group.matched.length; });
  return n;
}

/**
 * Decides what the report counts now, from every keyed row and the last release. Groups are taken
 * baseline before follow-up and site by site, so the result does not depend on the rows' order.
 */
export function decideRelease(all: readonly KeyedRow[], previous: ReleaseRecord | null, minGroupSize: number, now: Date): ReleaseDecision {
  const keyed = all.filter((k) => k.key !== '' && WAVES.indexOf(k.row.wave) >= 0);
  const unkeyed = all.length - keyed.length;
  if (!previous) {
    const groups: Record<string, string[]> = {};
    for (const k of keyed) (groups[groupOf(k.row)] = groups[groupOf(k.row)] ?? []).push(k.key);
    return { rows: keyed.map((k) => k.row), record: recordOf(groups, now), waiting: [], unkeyed };
  }
  const counted = new Map<string, Set<string>>();
  for (const [group, packed] of Object.entries(previous.groups)) counted.set(group, new Set(unpackKeys(packed)));
  const groupNow = new Map(keyed.map((k) => [k.key, groupOf(k.row)]));
  const isCounted = (k: KeyedRow): boolean => counted.get(groupOf(k.row))?.has(k.key) === true;
  const included = keyed.filter(isCounted);
  const pending = new Map<string, KeyedRow[]>();
  for (const k of keyed.filter((r) => !isCounted(r))) {
    const list = pending.get(groupOf(k.row)) ?? [];
    list.push(k);
    pending.set(groupOf(k.row), list);
  }
  // A counted answer that is gone, or now sits in another group (its site or wave was edited), changed its group.
  const gone = new Map<string, number>();
  counted.forEach((keys, group) => keys.forEach((key) => { if (groupNow.get(key) !== group) gone.set(group, (gone.get(group) ?? 0) + 1); }));
  const names = [...new Set([...pending.keys(), ...gone.keys()])].sort((a, b) => {
    const [sa, wa] = a.split('|');
    const [sb, wb] = b.split('|');
    return WAVES.indexOf(wa as Wave) - WAVES.indexOf(wb as Wave) || sa.localeCompare(sb);
  });
  const waiting: string[] = [];
  let stale = false;
  let rows = included.map((k) => k.row);
  const taken: KeyedRow[] = [...included];
  for (const group of names) {
    const batch = pending.get(group) ?? [];
    const removed = gone.get(group) ?? 0;
    const [site, wave] = group.split('|');
    const label = `${site} (${wave === 'baseline' ? 'first survey' : 'follow-up'})`;
    const pairsAdded = matchedCount([...rows, ...batch.map((k) => k.row)]) - matchedCount(rows);
    const enough = batch.length + removed >= minGroupSize && (pairsAdded === 0 || pairsAdded >= minGroupSize);
    if (!enough) {
      if (removed > 0) stale = true;
      waiting.push(pairsAdded > 0 && pairsAdded < minGroupSize && batch.length + removed >= minGroupSize
        ? `${label}: new answers wait until they add at least ${minGroupSize} people answering both surveys.`
        : `${label}: new answers wait until at least ${minGroupSize} have come in.`);
      continue;
    }
    rows = [...rows, ...batch.map((k) => k.row)];
    taken.push(...batch);
  }
  if (stale) {
    waiting.unshift(`Survey Responses no longer holds answers the last report counted, and too few have changed since: the report stays as last released.`);
    return { rows: [], record: null, waiting, unkeyed };
  }
  // Removed rows leave the record: their group released with enough changes.
  const groups: Record<string, string[]> = {};
  for (const k of taken) (groups[groupOf(k.row)] = groups[groupOf(k.row)] ?? []).push(k.key);
  return { rows, record: recordOf(groups, now), waiting, unkeyed };
}

function recordOf(groups: Record<string, string[]>, now: Date): ReleaseRecord {
  const packed: Record<string, string> = {};
  for (const [group, keys] of Object.entries(groups)) packed[group] = packKeys(keys);
  return { format: 1, at: now.toISOString(), groups: packed };
}
