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
  width: number;
  /** Sheet rows of section titles and of table header rows, for bold text. */
  titleRows: number[];
  headerRows: number[];
  charts: ChartSpec[];
}

export const CHART_BUDGET = 'Budget by ROSE component';
export const CHART_ACTIVITY = 'Activity status by site';

const GENERAL = 'General';
const PERCENT = '0%';
const DATE = '@';
// Columns showing a tracker column carry its header, so the Dashboard names things as the tabs do.
const SITE = headerOf('Staff', 'site');
const COMPONENT = headerOf('Action Plan', 'roseComponent');

type Kind = 'text' | 'number' | 'money' | 'percent' | 'date';
interface Cell { value: Plain; kind: Kind }

const t = (value: Plain): Cell => ({ value, kind: 'text' });
const n = (value: number): Cell => ({ value, kind: 'number' });
const m = (value: number): Cell => ({ value, kind: 'money' });
const p = (value: number | null): Cell => (value === null ? t('–') : { value, kind: 'percent' });
const d = (value: string): Cell => ({ value: value || '–', kind: 'date' });

export function layoutDashboard(model: DashboardModel): DashboardLayout {
  const lines: Cell[][] = [];
  const titleRows: number[] = [];
  const headerRows: number[] = [];
  const charts: ChartSpec[] = [];
  const push = (...cells: Cell[]): number => { lines.push(cells); return lines.length; };
  const blank = (): void => { lines.push([]); };
  const title = (text: string): void => { titleRows.push(push(t(text))); };
  const header = (...texts: string[]): number => { const row = push(...texts.map(t)); headerRows.push(row); return row; };
  const none = (text: string): void => { push(t(text)); };
  const lead = `${model.leadDays} day${model.leadDays === 1 ? '' : 's'}`;

  title(`ROSE Tracker dashboard${model.organizationName ? ` — ${model.organizationName}` : ''}`);
  push(t(`As of ${model.today}. "Due soon" and "expiring" mean within ${lead} (Settings: Reminder lead days). Refresh: ROSE Tracker → Refresh dashboard.`));
  if (model.unprocessedSubmissions !== null) push(t('Form submissions waiting to be processed'), n(model.unprocessedSubmissions));
  if (model.notes.length) {
    blank();
    title('What is missing or needs a look');
    for (const note of model.notes) push(t(note));
  }

  blank();
  title('Activities by site and ROSE component');
  header(SITE, COMPONENT, 'Done', 'In progress', 'Not started', 'Blocked', 'Cancelled', 'Milestones overdue', 'Milestones due soon');
  if (!model.activities.length) none('No activities or milestones yet.');
  for (const l of model.activities) {
    push(t(l.site), t(l.component), n(l.done), n(l.inProgress), n(l.notStarted), n(l.blocked), n(l.cancelled), n(l.milestonesOverdue), n(l.milestonesDueSoon));
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
  if (bySite.length) {
    charts.push({ title: CHART_ACTIVITY, type: 'BAR', stacked: true, range: { row: statusHeader, column: 1, numRows: bySite.length + 1, numColumns: 5 }, anchor: { row: 0, column: 0 } });
  } else none('No activities yet.');

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
  if (model.budgetByComponent.length) {
    charts.push({ title: CHART_BUDGET, type: 'COLUMN', stacked: false, range: { row: budgetTop, column: 1, numRows: model.budgetByComponent.length + 1, numColumns: 3 }, anchor: { row: 0, column: 0 } });
  }
  moneyTable('Budget by site', SITE, model.budgetBySite, (l) => l.site);

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
    header(headerOf('Staff', 'id'), 'Name', SITE);
    for (const i of model.belowLivingWage) push(t(i.id), t(i.name), t(i.site));
  } else none('None.');

  blank();
  title('Training coverage (topics required for each role)');
  if (model.coverage.length) {
    header('Name', SITE, headerOf('Staff', 'role'), ...model.coverageTopics);
    for (const r of model.coverage) push(t(r.name), t(r.site), t(r.role), ...model.coverageTopics.map((topic) => t(r.topics[topic] || '')));
  } else none(model.coverageTopics.length ? 'No current staff hold a role that requires training.' : 'No topic on Training Topics says which roles need it.');
  blank();
  title(`Certifications expiring within ${lead}`);
  if (model.expiring.length) {
    header('Name', SITE, headerOf('Training Log', 'topic'), headerOf('Training Log', 'validUntil'));
    for (const i of model.expiring) push(t(i.name), t(i.site), t(i.topic), d(i.date));
  } else none('None.');

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
  for (const l of model.evaluation) push(t(l.measure), typeof l.value === 'number' ? n(l.value) : t(l.value));
  push(t(`Figures about fewer than ${model.minimumGroupSize} people are not shown, to protect anonymity.`));

  const width = Math.max(2, ...lines.map((l) => l.length));
  const money = numberFormat(column('Budget', 'allocated'), { currency: model.currency } as Settings) ?? GENERAL;
  const rows = lines.map((l) => { const row: Plain[] = l.map((c) => c.value); while (row.length < width) row.push(''); return row; });
  const formats = lines.map((l) => {
    const row = l.map((c) => (c.kind === 'money' ? money : c.kind === 'percent' ? PERCENT : c.kind === 'date' ? DATE : c.kind === 'number' ? '0' : GENERAL));
    while (row.length < width) row.push(GENERAL);
    return row;
  });
  // Charts sit to the right of the tables, one under the other.
  charts.forEach((chart, i) => { chart.anchor = { row: 1 + i * 20, column: width + 2 }; });
  return { rows, formats, width, titleRows, headerRows, charts };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
