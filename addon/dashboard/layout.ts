// Lays the dashboard model out as one rectangular grid with formats and chart ranges, so the edge can write it in one call.
import { numberFormat } from '../tracker/format';
import { column, headerOf } from '../tracker/schema';
import type { Settings } from '../tracker/settings';
import type { Plain } from '../tracker/table';
import { ALL_SITES, type DashboardModel, type MoneyLine } from './compute';

export const DASHBOARD_TAB = 'Dashboard';

export interface GridBounds {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface ChartSpec {
  /** Names our charts so a refresh replaces them and leaves the user's own. */
  title: string;
  type: 'COLUMN' | 'BAR';
  stacked: boolean;
  range: GridBounds;
  anchor: { row: number; column: number };
}

export interface DashboardLayout {
  /** Every row has `width` cells; 1-based sheet row r is rows[r - 1]. */
  rows: Plain[][];
  formats: string[][];
  /** A cell's fill as '#rrggbb', or '' for none: the scorecard's and matrices' colours and their legends. */
  fills: string[][];
  /** A cell's horizontal alignment, '' for Sheets' default (text left, numbers right). */
  aligns: ('' | 'RIGHT' | 'CENTER')[][];
  /** Cells whose text wraps (table headers over figures, timeline labels). */
  wraps: boolean[][];
  width: number;
  /** Sheet rows of section titles and of table header rows, for bold text. */
  titleRows: number[];
  headerRows: number[];
  /** The sheet row where the coordinators' part (names of individuals) begins. */
  coordinatorsRow: number;
  charts: ChartSpec[];
}

export const CHART_BUDGET = 'Budget by ROSE component';
export const CHART_ACTIVITY = 'Activity status by site';
export const CHART_MONTHS = 'Budget by month: planned and spent';
export const CHART_MILESTONES = 'Milestones by site';
/** Every chart the Dashboard draws: a refresh replaces these and leaves any other. */
export const DASHBOARD_CHARTS: readonly string[] = [CHART_BUDGET, CHART_ACTIVITY, CHART_MONTHS, CHART_MILESTONES];
export const SCORECARD = 'ROSE scorecard';
export const TIMELINE = 'Action Plan timeline';
export const NEEDS_ATTENTION = 'Needs attention (coordinators)';
export const SITE_SUMMARY = 'Site summary';

const GENERAL = 'General';
const PERCENT = '0%';
const COUNT = '0';
const AVERAGE = '0.00';
const DATE = '@';
// Columns showing a tracker column carry its header, so the Dashboard names things as the tabs do.
const SITE = headerOf('Staff', 'site');
const COMPONENT = headerOf('Action Plan', 'roseComponent');

/** Fills: light enough to print in greyscale with the text still readable. */
export const FILLS = {
  good: '#d9ead3', fair: '#fff2cc', poor: '#f4cccc',
  Done: '#93c47d', 'On track': '#6fa8dc', Planned: '#cfe2f3', Late: '#f6b26b', Blocked: '#e06666', Cancelled: '#d9d9d9',
  Valid: '#d9ead3', Expiring: '#fff2cc', Expired: '#ea9999', Missing: '#f4cccc',
} as const;
/** A share at or above GOOD is green, at or above FAIR amber, below it red. */
export const GOOD = 0.9;
export const FAIR = 0.6;

export function shareFill(value: number | null): string {
  if (value === null) return '';
  return value >= GOOD - 1e-9 ? FILLS.good : value >= FAIR - 1e-9 ? FILLS.fair : FILLS.poor;
}

type Kind = 'text' | 'count' | 'average' | 'money' | 'percent' | 'date';
interface Cell { value: Plain; kind: Kind; fill?: string; align?: 'RIGHT' | 'CENTER'; wrap?: boolean }

const t = (value: Plain, fill?: string): Cell => ({ value, kind: 'text', fill });
const n = (value: number): Cell => ({ value, kind: 'count' });
const m = (value: number): Cell => ({ value, kind: 'money' });
const p = (value: number | null): Cell => (value === null ? t('–') : { value, kind: 'percent' });
/** A share coloured by how far it is from complete. */
const ps = (value: number | null): Cell => ({ ...p(value), fill: shareFill(value) });
const d = (value: string): Cell => ({ value: value || '–', kind: 'date' });

/** 'YYYY-MM' as the month's short name, with the year where it starts or changes. */
export function monthLabel(month: string, first: boolean): string {
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const index = Number(month.slice(5, 7)) - 1;
  return first || index === 0 ? `${names[index]} ${month.slice(0, 4)}` : names[index];
}

export function layoutDashboard(model: DashboardModel): DashboardLayout {
  const lines: Cell[][] = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const charts: ChartSpec[] = [];
  const push = (...cells: Cell[]): number => { lines.push(cells); return lines.length; };
  const blank = (): void => { lines.push([]); };
  const title = (text: string): void => { titleRows.push(push(t(text))); };
  const header = (...texts: string[]): number => { const row = push(...texts.map((x) => t(x))); headerRows.push(row); return row; };
  const none = (text: string): void => { push(t(text)); };
  const chart = (name: string, type: ChartSpec['type'], stacked: boolean, top: number, numRows: number, numColumns: number): void => {
    charts.push({ title: name, type, stacked, range: { row: top, column: 1, numRows, numColumns }, anchor: { row: 0, column: 0 } });
  };
  const lead = `${model.leadDays} day${model.leadDays === 1 ? '' : 's'}`;

  title(`ROSE Tracker dashboard${model.organizationName ? ` — ${model.organizationName}` : ''}`);
  push(t(`As of ${model.today}. "Due soon" and "expiring" mean within ${lead} (Settings: Reminder lead days). Refresh: ROSE Tracker → Refresh dashboard.`));

  // The board's page: headline figures per site before anything else.
  blank();
  title(SCORECARD);
  header(SITE, 'Staff', 'Paid at or above the living wage', 'Contracts signed', 'Job descriptions in place', 'Required training held',
    'Open support requests', 'Action Plan done', 'Milestones overdue');
  for (const s of model.scorecard) {
    push(t(s.site), n(s.staff), ps(s.livingWage), ps(s.contracts), ps(s.jobDescriptions), ps(s.training), typeof s.openSupport === 'number' ? n(s.openSupport) : t(s.openSupport), p(s.actionPlan), n(s.milestonesOverdue));
  }
  push(t('Key (shares)'), ...shareKey());
  push(t('– means nothing to count. Action Plan done: activities done of those not cancelled.'));
  push(t('Open support requests: by the site of the person who asked; All sites also counts requests made without a name.'));
  if (model.unprocessedSubmissions !== null) push(t('Form submissions waiting to be processed'), n(model.unprocessedSubmissions));
  if (model.notes.length) {
    blank();
    title('What is missing or needs a look');
    for (const note of model.notes) push(t(note));
  }

  blank();
  title(CHART_ACTIVITY);
  const statusHeader = header(SITE, 'Done', 'In progress', 'Not started', 'Blocked');
  const bySite = model.sites.map((site) => {
    const parts = model.activities.filter((l) => l.site === site);
    const sum = (pick: (l: (typeof parts)[number]) => number): number => parts.reduce((s, l) => s + pick(l), 0);
    return [t(site), n(sum((l) => l.done)), n(sum((l) => l.inProgress)), n(sum((l) => l.notStarted)), n(sum((l) => l.blocked))];
  }).filter((row) => row.slice(1).some((c) => c.value !== 0));
  for (const row of bySite) push(...row);
  if (bySite.length) chart(CHART_ACTIVITY, 'BAR', true, statusHeader, bySite.length + 1, 5);
  else none('No activities yet.');

  blank();
  title(CHART_MILESTONES);
  const milestoneHeader = header(SITE, 'Done', 'Overdue', `Due within ${lead}`, 'Later');
  for (const c of model.milestonesBySite) push(t(c.site), n(c.done), n(c.overdue), n(c.dueSoon), n(c.upcoming));
  if (model.milestonesBySite.length) chart(CHART_MILESTONES, 'BAR', true, milestoneHeader, model.milestonesBySite.length + 1, 5);
  else none('No milestones with a due date yet.');

  blank();
  title(TIMELINE);
  const timeline = model.timeline;
  if (timeline.rows.length) {
    const top = header('Activity', headerOf('Action Plan', 'status'), ...timeline.months.map((month, i) => monthLabel(month, i === 0)));
    lines[top - 1].slice(2).forEach((cell) => { cell.align = 'CENTER'; });
    for (const r of timeline.rows) {
      push({ ...t(`${r.activity} (${r.site})`), wrap: true }, t(r.status), ...r.cells.map((c) => ({ ...t(c.milestone, c.mark ? FILLS[c.mark] : ''), align: 'CENTER' as const })));
    }
    push(t('Each coloured month is planned (Start to End on the Action Plan tab); the colour says how it went. ◆ milestone due, ✓ milestone completed.'));
    push(t('Key'), ...timelineKey());
  } else none('No activity has both a Start and an End date yet.');
  if (timeline.more) none(`${timeline.more} more dated activit${timeline.more === 1 ? 'y is' : 'ies are'} outside this view: see the Action Plan tab.`);
  if (timeline.undated) none(`${timeline.undated} activit${timeline.undated === 1 ? 'y has' : 'ies have'} no Start or End date and ${timeline.undated === 1 ? 'is' : 'are'} not shown.`);

  const moneyTable = (heading: string, first: string, rows: MoneyLine[], label: (l: MoneyLine) => string): number => {
    blank();
    title(heading);
    const top = header(first, headerOf('Budget', 'allocated'), headerOf('Budget', 'spent'), headerOf('Budget', 'remaining'), headerOf('Budget', 'percentUsed'));
    for (const l of rows) push(t(label(l)), m(l.allocated), m(l.spent), m(l.remaining), p(l.used));
    if (rows.length) {
      const total = rows.reduce((s, l) => ({ allocated: s.allocated + l.allocated, spent: s.spent + l.spent }), { allocated: 0, spent: 0 });
      push(t('Total'), m(round2(total.allocated)), m(round2(total.spent)), m(round2(total.allocated - total.spent)), p(total.allocated > 0 ? total.spent / total.allocated : null));
    } else none('No budget lines yet.');
    return top;
  };
  const budgetTop = moneyTable(CHART_BUDGET, COMPONENT, model.budgetByComponent, (l) => l.component);
  if (model.budgetByComponent.length) chart(CHART_BUDGET, 'COLUMN', false, budgetTop, model.budgetByComponent.length + 1, 3);
  moneyTable('Budget by site', SITE, model.budgetBySite, (l) => l.site);

  blank();
  title(CHART_MONTHS);
  const months = model.budgetByMonth.months;
  const monthTop = header('Month', 'Planned', headerOf('Budget', 'spent'), 'Planned to date', 'Spent to date');
  let plannedSoFar = 0;
  let spentSoFar = 0;
  for (const month of months) {
    plannedSoFar += month.planned; spentSoFar += month.spent;
    push(t(monthLabel(month.month, true)), m(month.planned), m(month.spent), m(round2(plannedSoFar)), m(round2(spentSoFar)));
  }
  if (months.length) chart(CHART_MONTHS, 'COLUMN', false, monthTop, months.length + 1, 3);
  else none('No dated activities with budget lines, and no spending yet.');
  push(t('Planned: each budget line\'s allocation spread evenly over its activity\'s months. Spent: expenses and training costs on budget lines, by date.'));
  if (model.budgetByMonth.unplaced > 0) push(t('Allocated on lines whose activity has no Start and End dates (not in any month)'), m(model.budgetByMonth.unplaced));

  blank();
  title('Activities by site and ROSE component');
  header(SITE, COMPONENT, 'Done', 'In progress', 'Not started', 'Blocked', 'Cancelled', 'Milestones overdue', 'Milestones due soon');
  if (!model.activities.length) none('No activities or milestones yet.');
  for (const l of model.activities) {
    push(t(l.site), t(l.component), n(l.done), n(l.inProgress), n(l.notStarted), n(l.blocked), n(l.cancelled), n(l.milestonesOverdue), n(l.milestonesDueSoon));
  }

  blank();
  title('Overspent budget lines');
  if (model.overspent.length) {
    header(headerOf('Budget', 'id'), headerOf('Budget', 'description'), SITE, headerOf('Budget', 'allocated'), headerOf('Budget', 'spent'), 'Over by');
    for (const l of model.overspent) push(t(l.id), t(l.description), t(l.site), m(l.allocated), m(l.spent), m(round2(l.spent - l.allocated)));
  } else none('None: every budget line is within its allocation.');

  blank();
  title('People (current staff)');
  header(SITE, 'Headcount', ...model.roles, 'Paid at or above the living wage', headerOf('Staff', 'photoIdIssued'), headerOf('Staff', 'businessCardsIssued'));
  for (const s of model.people) {
    push(t(s.site), n(s.total), ...model.roles.map((r) => n(s.byRole[r] ?? 0)),
      model.livingWage === null || !s.withWage ? t('–') : p(s.atOrAboveLivingWage / s.withWage), n(s.photoIdIssued), n(s.businessCardsIssued));
  }
  if (model.people.length) {
    const all = model.people.reduce((a, s) => ({ total: a.total + s.total, withWage: a.withWage + s.withWage, above: a.above + s.atOrAboveLivingWage, photo: a.photo + s.photoIdIssued, cards: a.cards + s.businessCardsIssued }), { total: 0, withWage: 0, above: 0, photo: 0, cards: 0 });
    push(t(ALL_SITES), n(all.total), ...model.roles.map((r) => n(model.people.reduce((sum, s) => sum + (s.byRole[r] ?? 0), 0))),
      model.livingWage === null || !all.withWage ? t('–') : p(all.above / all.withWage), n(all.photo), n(all.cards));
  } else none('No current staff yet.');

  blank();
  title('Training coverage by site (share of staff who need a topic and hold it)');
  if (model.coverageBySite.length) {
    header(SITE, ...model.coverageTopics);
    for (const c of model.coverageBySite) push(t(c.site), ...model.coverageTopics.map((topic) => (c.topics[topic] === null ? t('') : ps(c.topics[topic]))));
    blank();
    push(t('Key'), ...shareKey());
    push(t('Blank: no one at the site holds a role that needs the topic (Training Topics → Required for roles).'));
  } else none(model.coverageTopics.length ? 'No current staff hold a role that requires training.' : 'No topic on Training Topics says which roles need it.');

  blank();
  title('Events');
  if (model.events.length) {
    header(SITE, 'Last teambuilding day', 'Teambuilding', `Meet-and-greets in ${model.today.slice(0, 4)}`);
    for (const e of model.events) {
      push(t(e.site), d(e.lastTeambuilding), t(e.teambuildingOverdue ? (e.lastTeambuilding ? 'Over six months ago: plan one' : 'None yet: plan one') : 'Within six months'), n(e.meetAndGreetsThisYear));
    }
  } else none('No sites yet.');

  blank();
  title('Evaluation (all sites)');
  header('Measure', 'Value');
  for (const l of model.evaluation) push({ ...t(l.measure), wrap: true }, typeof l.value === 'number' ? { value: l.value, kind: l.digits ? 'average' : 'count' } : t(l.value));
  // No lines: the Evaluation workbook could not be read (the notes at the top say so).
  if (!model.evaluation.length) none('Not shown: see "What is missing or needs a look" above.');
  blank();
  push(t('Each scale is the average of its questions, from 1 (lowest) to 5 (highest); higher is better, so a positive change is an improvement.'));
  push(t(`Figures about fewer than ${model.minimumGroupSize} people are not shown, to protect anonymity.`));

  // One block per site that prints on one page: its scorecard, money, work and timeline.
  for (const score of model.scorecard.filter((x) => x.site !== ALL_SITES)) {
    blank();
    title(`${SITE_SUMMARY}: ${score.site}`);
    push(t(`As of ${model.today}. To print this site alone: select from this title to the key below, then File → Print → Selected cells.`));
    header('Figure', 'Value');
    push(t('Staff'), n(score.staff));
    push(t('Paid at or above the living wage'), ps(score.livingWage));
    push(t('Contracts signed'), ps(score.contracts));
    push(t('Job descriptions in place'), ps(score.jobDescriptions));
    push(t('Required training held'), ps(score.training));
    push(t('Open support requests'), typeof score.openSupport === 'number' ? n(score.openSupport) : t(score.openSupport));
    const work = model.activities.filter((l) => l.site === score.site);
    const count = (pick: (l: (typeof work)[number]) => number): number => work.reduce((sum, l) => sum + pick(l), 0);
    push(t('Activities done'), n(count((l) => l.done)));
    push(t('Activities in progress'), n(count((l) => l.inProgress)));
    push(t('Activities blocked'), n(count((l) => l.blocked)));
    push(t('Action Plan done'), p(score.actionPlan));
    push(t('Milestones overdue'), n(score.milestonesOverdue));
    const money = model.budgetBySite.find((l) => l.site === score.site);
    push(t('Budget allocated'), money ? m(money.allocated) : t('–'));
    push(t('Spent'), money ? m(money.spent) : t('–'));
    push(t('Share of budget used'), p(money ? money.used : null));
    const planned = timeline.rows.filter((r) => r.site === score.site);
    if (planned.length) {
      blank();
      const top = header('Activity', headerOf('Action Plan', 'status'), ...timeline.months.map((month, i) => monthLabel(month, i === 0)));
      lines[top - 1].slice(2).forEach((cell) => { cell.align = 'CENTER'; });
      for (const r of planned) push({ ...t(r.activity), wrap: true }, t(r.status), ...r.cells.map((c) => ({ ...t(c.milestone, c.mark ? FILLS[c.mark] : ''), align: 'CENTER' as const })));
      push(t('Key'), ...timelineKey());
    }
  }

  // Names of individuals: only here, for coordinators, after everything a board sees.
  blank();
  const coordinatorsRow = lines.length + 1;
  title(NEEDS_ATTENTION);
  push(t('Names of staff: for coordinators only. Print or share the pages above this section.'));
  blank();
  title('Contracts not signed');
  if (model.contractsMissing.length) {
    header(headerOf('Staff', 'id'), 'Name', SITE);
    for (const i of model.contractsMissing) push(t(i.id), t(i.name), t(i.site));
  } else none('None: every current staff member has a signed contract.');
  blank();
  title(`Contracts ending within ${lead}`);
  if (model.contractsEnding.length) {
    header(headerOf('Staff', 'id'), 'Name', SITE, headerOf('Staff', 'contractEnd'));
    for (const i of model.contractsEnding) push(t(i.id), t(i.name), t(i.site), d(i.date));
  } else none('None.');
  blank();
  title('Paid below the living wage');
  if (model.livingWage === null) none('No living wage in Settings.');
  else if (model.belowLivingWage.length) {
    // Everyone the tracker is shared with reads the Dashboard, so it names no one: a count per site,
    // and the people are on Staff pay and contacts (Below living wage), which only coordinators read.
    header(SITE, 'People paid below the living wage');
    const bySite = new Map<string, number>();
    for (const i of model.belowLivingWage) bySite.set(i.site, (bySite.get(i.site) ?? 0) + 1);
    for (const [site, count] of bySite) push(t(site), n(count));
    none(`Who they are: ${headerOf('Staff pay and contacts', 'belowLivingWage')} on the Staff pay and contacts tab (in the Staff records workbook once Set up private workbooks has run), and the coordinators' reminder email.`);
  } else none('None.');

  blank();
  title('Training coverage (topics required for each role)');
  if (model.coverage.length) {
    header('Name', SITE, headerOf('Staff', 'role'), ...model.coverageTopics);
    for (const r of model.coverage) {
      push(t(r.name), t(r.site), t(r.role), ...model.coverageTopics.map((topic) => { const s = r.topics[topic]; return t(s, s ? FILLS[s] : ''); }));
    }
    blank();
    push(t('Key'), t('Valid', FILLS.Valid), t('Expiring', FILLS.Expiring), t('Expired', FILLS.Expired), t('Missing', FILLS.Missing));
    push(t(`Expiring: within ${lead}. Missing: never trained, or not certified. Blank: the topic is not required for this person's role.`));
  } else none(model.coverageTopics.length ? 'No current staff hold a role that requires training.' : 'No topic on Training Topics says which roles need it.');
  blank();
  title(`Certifications expiring within ${lead}`);
  if (model.expiring.length) {
    header('Name', SITE, headerOf('Training Log', 'topic'), headerOf('Training Log', 'validUntil'));
    for (const i of model.expiring) push(t(i.name), t(i.site), t(i.topic), d(i.date));
  } else none('None.');

  // A header over figures lines up with them (right); over text it stays left. Headers wrap within their column.
  for (const row of headerRows) {
    lines[row - 1].forEach((cell, c) => {
      if (c === 0) return;
      const below = lines[row]?.[c];
      cell.wrap = true;
      if (!cell.align && below && below.kind !== 'text') cell.align = 'RIGHT';
    });
  }
  const width = Math.max(2, ...lines.map((l) => l.length));
  const money = numberFormat(column('Budget', 'allocated'), { currency: model.currency } as Settings) ?? GENERAL;
  const patterns: Record<Kind, string> = { money, percent: PERCENT, date: DATE, count: COUNT, average: AVERAGE, text: GENERAL };
  const padded = <T>(l: Cell[], pick: (c: Cell) => T, empty: T): T[] => { const row = l.map(pick); while (row.length < width) row.push(empty); return row; };
  const rows = lines.map((l) => padded<Plain>(l, (c) => c.value, ''));
  const formats = lines.map((l) => padded(l, (c) => patterns[c.kind], GENERAL));
  const fills = lines.map((l) => padded(l, (c) => c.fill ?? '', ''));
  const aligns = lines.map((l) => padded<'' | 'RIGHT' | 'CENTER'>(l, (c) => c.align ?? '', ''));
  const wraps = lines.map((l) => padded(l, (c) => c.wrap === true, false));
  // Charts sit to the right of the tables, one under the other.
  charts.forEach((c, i) => { c.anchor = { row: 1 + i * 20, column: width + 2 }; });
  return { rows, formats, fills, aligns, wraps, width, titleRows, headerRows, coordinatorsRow, charts };
}

/** The timeline's legend: one cell per colour, and the milestone marks. */
function timelineKey(): Cell[] {
  const marks = ['Done', 'On track', 'Planned', 'Late', 'Blocked', 'Cancelled'] as const;
  return [...marks.map((mark) => t(mark, FILLS[mark])), t('◆ due'), t('✓ completed')];
}

/** The legend of a coloured share: one cell per colour. */
function shareKey(): Cell[] {
  return [t(`${pct(GOOD)} or more`, FILLS.good), t(`${pct(FAIR)}–${pct(GOOD - 0.01)}`, FILLS.fair), t(`below ${pct(FAIR)}`, FILLS.poor)];
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
