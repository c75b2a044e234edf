// The process half of the evaluation: the implementation survey scored per NPT construct, and the interview log summed up per ROSE strategy.
import { itemWithRole, type ChoiceItem, type SurveyDefinition } from '../surveys/definition';
import { suppress, type Raw, type ReportCell } from '../surveys/report';
import { scoreResponse, type Answers } from '../surveys/scoring';
import { INTERVIEW_ROLES, NPT_CONSTRUCTS, ROSE_STRATEGIES, headerOf } from '../tracker/schema';
import type { Plain, Table } from '../tracker/table';

/** Who answered the implementation survey: those putting ROSE in place, or the peer staff it is for. */
export type RespondentGroup = 'implementer' | 'recipient';
export const RESPONDENT_GROUPS: readonly RespondentGroup[] = ['implementer', 'recipient'];
/** The answer id of the survey's "what is your part in ROSE" question. */
export const RESPONDENT_GROUP_ITEM = 'respondent_group';

/** One scored implementation-survey response. */
export interface ProcessResponse {
  site: string;
  group: RespondentGroup | null;
  /** Per construct scale id: the mean of the answered items, or null with too few answered. */
  scores: Record<string, number | null>;
}

/**
 * Scores one implementation-survey response: each construct is the mean of its answered items, a
 * "not relevant" answer counting as not answered (its option value is null), and a construct with fewer
 * answered items than its minAnswered (half its items, rounded up, in the shipped survey) stays empty.
 */
export function scoreProcessResponse(definition: SurveyDefinition, answers: Answers): ProcessResponse {
  const siteItem = itemWithRole(definition, 'site');
  const groupItem = definition.items.find((item) => item.id === RESPONDENT_GROUP_ITEM);
  if (!groupItem || groupItem.type !== 'choice' || !groupItem.optionKeys) {
    throw new Error(`${definition.id}: the implementation survey needs a "${RESPONDENT_GROUP_ITEM}" choice with optionKeys implementer and recipient.`);
  }
  const site = siteItem ? answerText(answers[siteItem.id]) : '';
  return { site, group: groupOf(groupItem, answers[groupItem.id]), scores: scoreResponse(definition, answers).scores };
}

function answerText(answer: Answers[string] | undefined): string {
  return typeof answer === 'string' ? answer.trim() : typeof answer === 'number' ? String(answer) : '';
}

function groupOf(item: ChoiceItem, answer: Answers[string] | undefined): RespondentGroup | null {
  const text = answerText(answer).toLowerCase();
  const index = item.options.findIndex((option) => option.trim().toLowerCase() === text);
  const key = index >= 0 && item.optionKeys ? item.optionKeys[index] : text;
  return RESPONDENT_GROUPS.indexOf(key as RespondentGroup) >= 0 ? (key as RespondentGroup) : null;
}

export interface ProcessGroupCells {
  /** The site's name; null for all sites together. */
  site: string | null;
  respondents: ReportCell;
  /** Mean construct score per scale id, among respondents with a score for it. */
  constructs: Record<string, ReportCell>;
}

export interface ProcessReport {
  minGroupSize: number;
  constructs: { id: string; title: string }[];
  /** Per respondent group, and 'everyone' for both together (and those who did not say). */
  groups: { group: RespondentGroup | 'everyone'; sites: ProcessGroupCells[]; overall: ProcessGroupCells }[];
}

/**
 * The implementation survey's report: per respondent group (implementers, recipients, everyone) and site,
 * how many answered and each construct's mean score. Cells resting on fewer than minGroupSize people are
 * suppressed, with the complementary suppression the evaluation report uses, per group.
 */
export function processReport(responses: ProcessResponse[], constructs: { id: string; title: string }[], minGroupSize: number): ProcessReport {
  if (!Number.isInteger(minGroupSize) || minGroupSize < 1) {
    throw new Error(`The minimum group size must be a whole number of at least 1 (got ${minGroupSize}).`);
  }
  const siteOf = (r: ProcessResponse): string => r.site || 'Site not given';
  const siteNames = Array.from(new Set(responses.map(siteOf))).sort((a, b) => a.localeCompare(b));
  const groups = (['implementer', 'recipient', 'everyone'] as const).map((group) => {
    const members = responses.filter((r) => group === 'everyone' || r.group === group);
    const bySite = siteNames.map((site) => members.filter((r) => siteOf(r) === site));
    const sites: ProcessGroupCells[] = siteNames.map((site) => ({ site, respondents: 0, constructs: {} }));
    const overall: ProcessGroupCells = { site: null, respondents: 0, constructs: {} };
    const place = (measure: (rows: ProcessResponse[]) => Raw, put: (cells: ProcessGroupCells, cell: ReportCell) => void): void => {
      const cells = suppress(bySite.map(measure), measure(members), minGroupSize);
      sites.forEach((target, i) => put(target, cells.sites[i]));
      put(overall, cells.overall);
    };
    place((rows) => ({ value: rows.length, size: rows.length }), (t, c) => (t.respondents = c));
    for (const construct of constructs) {
      place((rows) => meanRaw(rows, construct.id), (t, c) => (t.constructs[construct.id] = c));
    }
    return { group, sites, overall };
  });
  return { minGroupSize, constructs: constructs.map((c) => ({ id: c.id, title: c.title })), groups };
}

function meanRaw(rows: ProcessResponse[], id: string): Raw {
  let total = 0;
  let size = 0;
  for (const row of rows) {
    const score = row.scores[id];
    if (typeof score === 'number' && Number.isFinite(score)) {
      total += score;
      size++;
    }
  }
  return { value: size ? total / size : null, size };
}

/** What the interviews say about one ROSE strategy. */
export interface StrategySummary {
  strategy: string;
  interviews: number;
  works: number;
  doesNotWork: number;
  mixed: number;
  /** Interviews per role (implementers, recipients). */
  byRole: Record<string, number>;
  /** How often each NPT construct was coded. */
  constructs: Record<string, number>;
  /** The short notes, by what was said: only for the evaluator's own copy (includeNotes). */
  notes?: { works: string[]; doesNotWork: string[]; mixed: string[]; notSaid: string[] };
}

export interface InterviewSummary {
  strategies: StrategySummary[];
  /** Rows left out because consent is not recorded as Yes. */
  withoutConsent: number[];
  /** What a coordinator should fix, naming the tab, row and column. */
  problems: string[];
}

const TAB = 'Interview Log';

/**
 * Sums up the interview log per ROSE strategy: how many interviews touched it, how many said it works,
 * does not work, or both, by role and NPT construct. Only rows with consent recorded as Yes count. Notes
 * are copied only when asked for, for the evaluator; a summary for others carries counts alone.
 */
export function interviewSummary(table: Table<'Interview Log'> | undefined, options: { includeNotes?: boolean } = {}): InterviewSummary {
  const byStrategy = new Map<string, StrategySummary>();
  const withoutConsent: number[] = [];
  const problems: string[] = [];
  const where = (row: number, key: 'consentRecorded' | 'strategy' | 'constructs' | 'view' | 'role'): string =>
    `${TAB}, row ${row}, column ${headerOf(TAB, key)}`;
  for (const record of table?.records ?? []) {
    const values = record.values;
    if (!text(values.strategy) && !text(values.date) && !text(values.notes)) continue; // an empty row
    if (text(values.consentRecorded).toLowerCase() !== 'yes') {
      withoutConsent.push(record.row);
      continue;
    }
    const strategy = canonical(text(values.strategy), ROSE_STRATEGIES);
    if (!strategy) {
      problems.push(`${where(record.row, 'strategy')}: name the ROSE strategy the interview was about.`);
      continue;
    }
    let summary = byStrategy.get(strategy);
    if (!summary) {
      summary = { strategy, interviews: 0, works: 0, doesNotWork: 0, mixed: 0, byRole: {}, constructs: {} };
      if (options.includeNotes) summary.notes = { works: [], doesNotWork: [], mixed: [], notSaid: [] };
      byStrategy.set(strategy, summary);
    }
    summary.interviews++;
    const role = canonical(text(values.role), INTERVIEW_ROLES);
    if (!role) problems.push(`${where(record.row, 'role')}: pick ${INTERVIEW_ROLES.join(' or ')}.`);
    else summary.byRole[role] = (summary.byRole[role] ?? 0) + 1;
    for (const code of text(values.constructs).split(/[,;]/).map((c) => c.trim()).filter(Boolean)) {
      const construct = canonical(code, NPT_CONSTRUCTS);
      if (!construct) {
        problems.push(`${where(record.row, 'constructs')}: "${code}" is not an NPT construct (${NPT_CONSTRUCTS.join(', ')}).`);
        continue;
      }
      summary.constructs[construct] = (summary.constructs[construct] ?? 0) + 1;
    }
    const view = text(values.view).toLowerCase();
    const bucket = view === 'works' ? 'works' : view === 'does not work' ? 'doesNotWork' : view === 'mixed' ? 'mixed' : 'notSaid';
    if (bucket === 'works') summary.works++;
    else if (bucket === 'doesNotWork') summary.doesNotWork++;
    else if (bucket === 'mixed') summary.mixed++;
    else if (view !== '' && view !== 'not said') problems.push(`${where(record.row, 'view')}: "${text(values.view)}" is not Works, Does not work, Mixed or Not said.`);
    const note = text(values.notes);
    if (summary.notes && note) summary.notes[bucket].push(note);
  }
  const strategies = Array.from(byStrategy.values()).sort((a, b) => b.interviews - a.interviews || a.strategy.localeCompare(b.strategy));
  return { strategies, withoutConsent, problems };
}

function text(value: Plain | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** The declared spelling of a value typed in any case; a value outside the list is kept as typed when free text is allowed. */
function canonical(value: string, known: readonly string[]): string {
  if (!value) return '';
  const found = known.find((k) => k.toLowerCase() === value.toLowerCase());
  if (found) return found;
  return known === (ROSE_STRATEGIES as readonly string[]) ? value : '';
}
