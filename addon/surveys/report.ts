// Evaluation report: baseline vs one-year follow-up per site and overall, with small groups suppressed.
import { ScaleDefinition, SurveyDefinition, WAVES, Wave, itemWithRole } from './definition';
import type { Plain } from '../tracker/table';
import { canonicalParticipantCode, keepAsText } from './normalize';
import { itemIdFromHeader, responseValue, scaleIdFromHeader, type ResponseRecord } from './row';

/** One scored evaluation response, as read back from Survey Responses. */
export interface EvaluationRow {
  site: string;
  wave: Wave;
  /** The self-generated participant code; matched without regard to case, spaces or dashes. */
  code: string;
  scores: Record<string, number | null>;
  /** Self-rated health and mental health: Excellent, Very good, Good, Fair or Poor. */
  health?: string | null;
  mentalHealth?: string | null;
  /** ISO time; when a code answers twice in one wave, the latest counts. Without it, the later row counts. */
  submitted?: string;
}

/**
 * A number, or a group not shown. A suppressed cell never carries its number; `complementary` marks
 * a group large enough that is hidden so a smaller hidden group cannot be worked out from the totals.
 */
export type ReportCell = number | { suppressed: true; complementary?: true };

export interface WaveCells {
  baseline: ReportCell;
  followUp: ReportCell;
}

export interface ScaleCells extends WaveCells {
  /** Mean of (follow-up − baseline) among people who answered both waves at this site. */
  change: ReportCell;
}

export interface ReportGroup {
  /** The site's name; null for all sites together. */
  site: string | null;
  baselineN: ReportCell;
  followUpN: ReportCell;
  matchedN: ReportCell;
  /** Average score per scale id. */
  scales: Record<string, ScaleCells>;
  /** Share (0 to 1) who rate their health very good or excellent, among those who answered. */
  health: WaveCells;
  mentalHealth: WaveCells;
}

export interface EvaluationReport {
  minGroupSize: number;
  scales: { id: string; title: string }[];
  sites: ReportGroup[];
  overall: ReportGroup;
}

const SUPPRESSED: { suppressed: true } = { suppressed: true };
const COMPLEMENTARY: { suppressed: true; complementary: true } = { suppressed: true, complementary: true };
const NO_SITE = 'Site not given';

export function isSuppressed(cell: ReportCell): cell is { suppressed: true; complementary?: true } {
  return typeof cell === 'object' && cell !== null && cell.suppressed === true;
}

/** Members of one site's report: deduplicated responses per wave, and the matched pairs. */
export interface GroupData {
  baseline: EvaluationRow[];
  followUp: EvaluationRow[];
  matched: { baseline: EvaluationRow; followUp: EvaluationRow }[];
}

/** A measure before suppression: its value and how many people it rests on. */
export interface Raw {
  value: number | null;
  size: number;
}

function mean(values: number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

function rated(answer: string | null | undefined): boolean | null {
  const text = (answer || '').trim().toLowerCase();
  if (text === 'excellent' || text === 'very good') return true;
  if (text === 'good' || text === 'fair' || text === 'poor') return false;
  return null; // unanswered or "Prefer not to say": left out of the share
}

function scoreRaw(rows: EvaluationRow[], scaleId: string): Raw {
  const values: number[] = [];
  for (const row of rows) {
    const score = row.scores[scaleId];
    if (typeof score === 'number' && Number.isFinite(score)) values.push(score);
  }
  return { value: mean(values), size: values.length };
}

function shareRaw(rows: EvaluationRow[], pick: (row: EvaluationRow) => string | null | undefined): Raw {
  let yes = 0;
  let size = 0;
  for (const row of rows) {
    const answer = rated(pick(row));
    if (answer === null) continue;
    size++;
    if (answer) yes++;
  }
  return { value: size === 0 ? null : yes / size, size };
}

function changeRaw(group: GroupData, scaleId: string): Raw {
  const changes: number[] = [];
  for (const pair of group.matched) {
    const before = pair.baseline.scores[scaleId];
    const after = pair.followUp.scores[scaleId];
    if (typeof before === 'number' && typeof after === 'number') changes.push(after - before);
  }
  return { value: mean(changes), size: changes.length };
}

/**
 * Keeps one response per participant code, site and wave (the latest), so that someone who sent the
 * form twice counts once. Responses without a code cannot be told apart, so each counts.
 */
export function groupBySite(rows: EvaluationRow[]): Map<string, GroupData> {
  const latest = new Map<string, { row: EvaluationRow; order: number }>();
  const uncoded: EvaluationRow[] = [];
  rows.forEach((row, order) => {
    if (WAVES.indexOf(row.wave) < 0) return;
    const code = canonicalParticipantCode(row.code || '');
    if (code === '') {
      uncoded.push(row);
      return;
    }
    const key = JSON.stringify([siteOf(row), row.wave, code]);
    const seen = latest.get(key);
    if (!seen || isLater(row, order, seen.row, seen.order)) latest.set(key, { row, order });
  });
  const sites = new Map<string, GroupData>();
  const groupFor = (site: string): GroupData => {
    let group = sites.get(site);
    if (!group) sites.set(site, (group = { baseline: [], followUp: [], matched: [] }));
    return group;
  };
  const baselineByCode = new Map<string, EvaluationRow>();
  latest.forEach(({ row }) => {
    const group = groupFor(siteOf(row));
    if (row.wave === 'baseline') {
      group.baseline.push(row);
      baselineByCode.set(JSON.stringify([siteOf(row), canonicalParticipantCode(row.code)]), row);
    } else group.followUp.push(row);
  });
  for (const row of uncoded) {
    const group = groupFor(siteOf(row));
    (row.wave === 'baseline' ? group.baseline : group.followUp).push(row);
  }
  // Matched: the same code at the same site in both waves.
  sites.forEach((group, site) => {
    for (const followUp of group.followUp) {
      if (!followUp.code || canonicalParticipantCode(followUp.code) === '') continue;
      const baseline = baselineByCode.get(JSON.stringify([site, canonicalParticipantCode(followUp.code)]));
      if (baseline) group.matched.push({ baseline, followUp });
    }
  });
  return sites;
}

function siteOf(row: EvaluationRow): string {
  const site = (row.site || '').trim();
  return site === '' ? NO_SITE : site;
}

function isLater(row: EvaluationRow, order: number, other: EvaluationRow, otherOrder: number): boolean {
  if (row.submitted && other.submitted && row.submitted !== other.submitted) return row.submitted > other.submitted;
  return order > otherOrder;
}

/**
 * Turns one measure's values for every site and overall into cells. A cell whose group is smaller than
 * minGroupSize is suppressed. Because the overall figure pools the sites, a lone suppressed site could be
 * worked out by subtracting the shown sites from the overall (for a count directly; for an average via
 * the counts). So when suppressed sites would be recoverable — exactly one of them, or several that
 * together still hold fewer than minGroupSize people — the smallest shown site is suppressed too
 * (complementary suppression). What can then be recovered is a pooled figure of at least minGroupSize
 * people. Groups of nobody are suppressed but protect no one, so they do not trigger this.
 * Suppression is per measure; the sizes behind averages are never published.
 */
export function suppress(siteRaws: Raw[], overallRaw: Raw, minGroupSize: number): { sites: ReportCell[]; overall: ReportCell } {
  const cell = (raw: Raw): ReportCell => (raw.size < minGroupSize || raw.value === null ? SUPPRESSED : raw.value);
  const sites = siteRaws.map(cell);
  const overall = cell(overallRaw);
  if (!isSuppressed(overall)) {
    let hidden = 0;
    let hiddenPeople = 0;
    siteRaws.forEach((raw, i) => {
      if (isSuppressed(sites[i]) && raw.size > 0) {
        hidden++;
        hiddenPeople += raw.size;
      }
    });
    if (hidden > 0 && (hidden === 1 || hiddenPeople < minGroupSize)) {
      let smallest = -1;
      siteRaws.forEach((raw, i) => {
        if (!isSuppressed(sites[i]) && (smallest < 0 || raw.size < siteRaws[smallest].size)) smallest = i;
      });
      if (smallest >= 0) sites[smallest] = COMPLEMENTARY;
    }
  }
  return { sites, overall };
}

/**
 * The rows by site, sites sorted by name, and All sites pooling the sites' deduplicated members (so the
 * overall always equals the sum of the sites), once the minimum group size is checked.
 */
export function sitesAndPool(rows: EvaluationRow[], minGroupSize: number): { siteNames: string[]; siteGroups: GroupData[]; overallGroup: GroupData } {
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
    throw new Error(`The minimum group size must be a whole number of at least 1 (got ${minGroupSize}).`);
  }
  const bySite = groupBySite(rows);
  const siteNames = Array.from(bySite.keys()).sort((a, b) => a.localeCompare(b));
  const siteGroups = siteNames.map((name) => bySite.get(name) as GroupData);
  const overallGroup: GroupData = { baseline: [], followUp: [], matched: [] };
  for (const group of siteGroups) {
    overallGroup.baseline.push(...group.baseline);
    overallGroup.followUp.push(...group.followUp);
    overallGroup.matched.push(...group.matched);
  }
  return { siteNames, siteGroups, overallGroup };
}

/**
 * Computes the evaluation report from scored responses: per site and for all sites, how many people
 * answered each wave and both, the average of each scale at each wave, the average change among matched
 * people, and the share rating their health and mental health very good or excellent.
 */
export function evaluationReport(
  rows: EvaluationRow[],
  scales: Pick<ScaleDefinition, 'id' | 'title'>[],
  minGroupSize: number,
): EvaluationReport {
  const { siteNames, siteGroups, overallGroup } = sitesAndPool(rows, minGroupSize);

  const emptyGroup = (site: string | null): ReportGroup => ({
    site,
    baselineN: SUPPRESSED,
    followUpN: SUPPRESSED,
    matchedN: SUPPRESSED,
    scales: {},
    health: { baseline: SUPPRESSED, followUp: SUPPRESSED },
    mentalHealth: { baseline: SUPPRESSED, followUp: SUPPRESSED },
  });
  const sites = siteNames.map((name) => emptyGroup(name));
  const overall = emptyGroup(null);
  const place = (measure: (group: GroupData) => Raw, put: (target: ReportGroup, cell: ReportCell) => void): void => {
    const cells = suppress(siteGroups.map(measure), measure(overallGroup), minGroupSize);
    sites.forEach((target, i) => put(target, cells.sites[i]));
    put(overall, cells.overall);
  };
  const count = (pick: (group: GroupData) => unknown[]) => (group: GroupData): Raw => {
    const size = pick(group).length;
    return { value: size, size };
  };

  place(count((g) => g.baseline), (t, c) => (t.baselineN = c));
  place(count((g) => g.followUp), (t, c) => (t.followUpN = c));
  place(count((g) => g.matched), (t, c) => (t.matchedN = c));
  for (const scale of scales) {
    for (const target of [...sites, overall]) target.scales[scale.id] = { baseline: SUPPRESSED, followUp: SUPPRESSED, change: SUPPRESSED };
    place((g) => scoreRaw(g.baseline, scale.id), (t, c) => (t.scales[scale.id].baseline = c));
    place((g) => scoreRaw(g.followUp, scale.id), (t, c) => (t.scales[scale.id].followUp = c));
    place((g) => changeRaw(g, scale.id), (t, c) => (t.scales[scale.id].change = c));
  }
  place((g) => shareRaw(g.baseline, (r) => r.health), (t, c) => (t.health.baseline = c));
  place((g) => shareRaw(g.followUp, (r) => r.health), (t, c) => (t.health.followUp = c));
  place((g) => shareRaw(g.baseline, (r) => r.mentalHealth), (t, c) => (t.mentalHealth.baseline = c));
  place((g) => shareRaw(g.followUp, (r) => r.mentalHealth), (t, c) => (t.mentalHealth.followUp = c));

  return { minGroupSize, scales: scales.map((s) => ({ id: s.id, title: s.title })), sites, overall };
}

/** Why a cell is not shown, in the words the report uses. */
export function suppressedText(cell: { complementary?: true }, minGroupSize: number): string {
  return cell.complementary
    ? 'hidden so a smaller group cannot be worked out (complementary suppression)'
    : `suppressed (fewer than ${minGroupSize} people)`;
}

/**
 * The report as rows for a tab: a header row (Measure, All sites, then each site), one row per measure,
 * and a closing note. Every row has the same length, as Sheets needs for one write.
 */
export function reportTable(report: EvaluationReport): string[][] {
  const groups = [report.overall, ...report.sites];
  const format = (cell: ReportCell, kind: 'count' | 'average' | 'share'): string => {
    if (isSuppressed(cell)) return suppressedText(cell, report.minGroupSize);
    if (kind === 'count') return String(cell);
    if (kind === 'share') return `${Math.round(cell * 100)}%`;
    return cell.toFixed(2);
  };
  const line = (label: string, pick: (group: ReportGroup) => ReportCell, kind: 'count' | 'average' | 'share'): string[] => [
    label,
    ...groups.map((group) => format(pick(group), kind)),
  ];
  const rows: string[][] = [
    // Site names come from form answers: guard them again, since reading them back from a Sheet drops the guard.
    ['Measure', 'All sites', ...report.sites.map((group) => keepAsText(group.site as string))],
    line('People who answered the first survey (baseline)', (g) => g.baselineN, 'count'),
    line('People who answered the follow-up survey', (g) => g.followUpN, 'count'),
    line('People who answered both (matched by their code)', (g) => g.matchedN, 'count'),
  ];
  for (const scale of report.scales) {
    rows.push(line(`${scale.title}: average at baseline`, (g) => g.scales[scale.id].baseline, 'average'));
    rows.push(line(`${scale.title}: average at follow-up`, (g) => g.scales[scale.id].followUp, 'average'));
    rows.push(line(`${scale.title}: average change for matched people`, (g) => g.scales[scale.id].change, 'average'));
  }
  rows.push(line('Health very good or excellent, baseline', (g) => g.health.baseline, 'share'));
  rows.push(line('Health very good or excellent, follow-up', (g) => g.health.followUp, 'share'));
  rows.push(line('Mental health very good or excellent, baseline', (g) => g.mentalHealth.baseline, 'share'));
  rows.push(line('Mental health very good or excellent, follow-up', (g) => g.mentalHealth.followUp, 'share'));
  const note = [
    `To protect people's privacy, a figure about fewer than ${report.minGroupSize} people is not shown. ` +
      'Some larger groups are hidden too, so that a hidden figure cannot be worked out from the others.',
  ];
  while (note.length < rows[0].length) note.push('');
  rows.push(note);
  return rows;
}

/**
 * Reads one Survey Responses row (header → cell value, as responseRecords gives it) into an
 * EvaluationRow, using the leading wave, site, participant code and submitted columns, the Score
 * columns, and the self-rated health items. Returns null for a row without a readable wave.
 */
export function evaluationRowFromRecord(definition: SurveyDefinition, record: ResponseRecord): EvaluationRow | null {
  const wave = textOf(responseValue(record, 'wave')).toLowerCase() as Wave;
  if (WAVES.indexOf(wave) < 0) return null;
  const submittedCell = responseValue(record, 'submitted');
  const row: EvaluationRow = {
    site: textOf(responseValue(record, 'site')),
    wave,
    code: textOf(responseValue(record, 'participantCode')),
    scores: {},
  };
  if (typeof submittedCell === 'string' && submittedCell !== '') row.submitted = submittedCell;
  for (const scale of definition.scales) row.scores[scale.id] = null;
  const healthItem = itemWithRole(definition, 'selfRatedHealth');
  const mentalHealthItem = itemWithRole(definition, 'selfRatedMentalHealth');
  for (const header of Object.keys(record)) {
    const scale = scaleIdFromHeader(header);
    if (scale && scale.kind === 'score' && scale.scaleId in row.scores) {
      const value = record[header];
      const number = typeof value === 'number' ? value : value === '' || value === null || value === undefined ? NaN : Number(value);
      row.scores[scale.scaleId] = Number.isFinite(number) ? number : null;
      continue;
    }
    const itemId = itemIdFromHeader(header);
    if (itemId === null) continue;
    if (healthItem && itemId === healthItem.id) row.health = textOf(record[header]);
    if (mentalHealthItem && itemId === mentalHealthItem.id) row.mentalHealth = textOf(record[header]);
  }
  return row;
}

function textOf(value: Plain | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}
