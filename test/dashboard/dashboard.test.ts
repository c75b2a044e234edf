// The Dashboard tab agrees with a plain recount of the raw rows, survives bad input, and costs the same number of calls at any size.
import { COORDINATORS, SCORE_HEADER, TODAY, dashboardGrid, generate, section, trackerWith, type Generated } from './fixtures';
import { openAddon, type Harness } from '../support/addon';

const LEAD = 30;
const LIVING_WAGE = 27.85;

function plusDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
function plusMonths(isoDay: string, months: number): string {
  const [y, m, day] = isoDay.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  const d = new Date(Date.UTC(y, m - 1 + months, Math.min(day, last)));
  return d.toISOString().slice(0, 10);
}

/** The independent recount: straightforward loops over the generated rows, not the add-on's code. */
function recount(g: Generated) {
  const siteName: Record<string, string> = {};
  for (const s of g.sites) siteName[s.ID as string] = s.Name as string;
  const planById: Record<string, (typeof g.plan)[number]> = {};
  for (const a of g.plan) planById[a.ID as string] = a;

  const status: Record<string, { Done: number; 'In progress': number; 'Not started': number; Blocked: number }> = {};
  for (const a of g.plan) {
    const site = siteName[a.Site as string];
    status[site] = status[site] || { Done: 0, 'In progress': 0, 'Not started': 0, Blocked: 0 };
    if (a.Status === 'Done' || a.Status === 'In progress' || a.Status === 'Blocked') status[site][a.Status] += 1;
    else if (a.Status !== 'Cancelled') status[site]['Not started'] += 1;
  }
  for (const site of Object.keys(status)) {
    const s = status[site];
    if (s.Done + s['In progress'] + s['Not started'] + s.Blocked === 0) delete status[site];
  }

  let overdue = 0;
  for (const m of g.milestones) if (!m.Completed && (m.Due as string) < TODAY) overdue += 1;

  const spentByLine: Record<string, number> = {};
  for (const e of g.expenses) spentByLine[e['Budget line'] as string] = (spentByLine[e['Budget line'] as string] || 0) + (e.Amount as number);
  const byComponent: Record<string, { allocated: number; spent: number }> = {};
  let overspent = 0;
  for (const b of g.budget) {
    const component = (b['ROSE component'] as string) || (planById[b.Activity as string]['ROSE component'] as string);
    byComponent[component] = byComponent[component] || { allocated: 0, spent: 0 };
    byComponent[component].allocated += b.Allocated as number;
    byComponent[component].spent += spentByLine[b.ID as string] || 0;
    if ((spentByLine[b.ID as string] || 0) > (b.Allocated as number)) overspent += 1;
  }

  const headcount: Record<string, number> = {};
  let withWage = 0;
  let atOrAbove = 0;
  const current = new Set<string>();
  for (const p of g.staff) {
    if (p.End && (p.End as string) < TODAY) continue;
    current.add(p.ID as string);
    const site = siteName[p.Site as string];
    headcount[site] = (headcount[site] || 0) + 1;
    withWage += 1;
    if ((p['Hourly wage'] as number) >= LIVING_WAGE) atOrAbove += 1;
  }

  const months: Record<string, number> = { 'First aid and CPR': 36, 'CPR/AED refresher': 12 };
  const bestUntil: Record<string, string> = {};
  for (const t of g.training) {
    if (t.Certified === 'No' || (t.Date as string) > TODAY || !current.has(t.Staff as string)) continue;
    let until = '';
    if (t.Expiry) until = t.Expiry as string;
    else if (months[t.Topic as string]) until = plusMonths(t.Date as string, months[t.Topic as string]);
    const key = `${t.Staff}|${t.Topic}`;
    if (!(key in bestUntil)) bestUntil[key] = until;
    else if (bestUntil[key] !== '' && (until === '' || until > bestUntil[key])) bestUntil[key] = until;
  }
  let expiring = 0;
  for (const key of Object.keys(bestUntil)) {
    const until = bestUntil[key];
    if (until && until >= TODAY && until <= plusDays(TODAY, LEAD)) expiring += 1;
  }

  const lastTeambuilding: Record<string, string> = {};
  for (const e of g.events) {
    if (e.Type !== 'Teambuilding day' || (e.Date as string) > TODAY) continue;
    const site = siteName[e.Site as string];
    if (!lastTeambuilding[site] || (e.Date as string) > lastTeambuilding[site]) lastTeambuilding[site] = e.Date as string;
  }

  const baseline = new Set<string>();
  const followUp = new Set<string>();
  for (const s of g.survey) (s.Wave === 'baseline' ? baseline : followUp).add(`${s.Site}|${s['Participant code']}`);
  let matched = 0;
  followUp.forEach((key) => { if (baseline.has(key)) matched += 1; });

  return { status, overdue, byComponent, overspent, headcount, share: atOrAbove / withWage, expiring, lastTeambuilding, baseline: baseline.size, followUp: followUp.size, matched };
}

function refresh(harness: Harness): void {
  harness.addon.call('refreshDashboard');
}

const money = (n: number): number => Math.round(n * 100) / 100;

describe('the Dashboard tab', () => {
  it.each([[11, 200], [29, 400]])('matches a plain recount of a generated tracker (seed %i, %i rows)', (seed, size) => {
    const g = generate(seed, size);
    const harness = trackerWith(g);
    refresh(harness);
    const grid = dashboardGrid(harness);
    const expected = recount(g);

    const status: Record<string, unknown> = {};
    for (const row of section(grid, 'Activity status by site')) {
      status[row.Site as string] = { Done: row.Done, 'In progress': row['In progress'], 'Not started': row['Not started'], Blocked: row.Blocked };
    }
    expect(status).toEqual(expected.status);

    const activities = section(grid, 'Activities by site and ROSE component');
    const overdueAll = activities.filter((r) => r.Site === 'All sites').reduce((n, r) => n + (r['Milestones overdue'] as number), 0);
    expect(overdueAll).toBe(expected.overdue);

    const budget = section(grid, 'Budget by ROSE component').filter((r) => r['ROSE component'] !== 'Total');
    const byComponent: Record<string, unknown> = {};
    for (const row of budget) byComponent[row['ROSE component'] as string] = { allocated: row.Allocated, spent: row.Spent };
    const expectedBudget: Record<string, unknown> = {};
    for (const [c, v] of Object.entries(expected.byComponent)) expectedBudget[c] = { allocated: money(v.allocated), spent: money(v.spent) };
    expect(byComponent).toEqual(expectedBudget);

    const overspentRows = grid.findIndex((r) => r[0] === 'Overspent budget lines');
    const overspent = expected.overspent ? section(grid, 'Overspent budget lines').length : 0;
    expect(overspent).toBe(expected.overspent);
    if (!expected.overspent) expect(grid[overspentRows + 1][0]).toMatch(/^None/);

    const people = section(grid, 'People (current staff)');
    const headcount: Record<string, unknown> = {};
    for (const row of people.filter((r) => r.Site !== 'All sites')) headcount[row.Site as string] = row.Headcount;
    expect(headcount).toEqual(expected.headcount);
    const all = people.find((r) => r.Site === 'All sites')!;
    expect(all['Paid at or above the living wage'] as number).toBeCloseTo(expected.share, 10);

    const expiringTitle = `Certifications expiring within ${LEAD} days`;
    const expiring = expected.expiring ? section(grid, expiringTitle).length : 0;
    expect(expiring).toBe(expected.expiring);

    for (const row of section(grid, 'Events')) {
      expect(row['Last teambuilding day']).toBe(expected.lastTeambuilding[row.Site as string] ?? '–');
    }

    const evaluation = section(grid, 'Evaluation (all sites)');
    const value = (measure: string): unknown => evaluation.find((r) => r.Measure === measure)!.Value;
    const shown = (n: number): unknown => (n < 5 ? 'suppressed (fewer than 5 people)' : n);
    expect(value('People who answered the baseline survey')).toBe(shown(expected.baseline));
    expect(value('People who answered the follow-up survey')).toBe(shown(expected.followUp));
    expect(value('People who answered both (matched)')).toBe(shown(expected.matched));
  });

  it('says that a site has no staff, and a future teambuilding day does not count as held', () => {
    const g = generate(5, 100);
    g.events = [{ ID: 'EVT-0001', Site: 'SITE-0001', Type: 'Teambuilding day', Date: '2026-05-01' }];
    const harness = trackerWith(g);
    refresh(harness);
    const grid = dashboardGrid(harness);
    const flat = grid.map((r) => r.join(' ')).join('\n');
    expect(flat).toContain('Site D has no current staff on the Staff tab.');
    const siteA = section(grid, 'Events').find((r) => r.Site === 'Site A')!;
    expect(siteA['Last teambuilding day']).toBe('–');
    expect(siteA.Teambuilding).toBe('None yet: plan one');
  });

  it('renders an empty tracker and says what is missing, with no error values', () => {
    const harness = openAddon();
    harness.addon.call('setupTracker');
    refresh(harness);
    const grid = dashboardGrid(harness);
    const flat = grid.map((r) => r.join(' ')).join('\n');
    expect(flat).toContain('No sites yet: add them on the Sites tab.');
    expect(flat).toContain('No budget lines yet.');
    expect(flat).toContain('suppressed (fewer than 5 people)');
    expect(flat).not.toMatch(/#(ERROR|REF|VALUE|N\/A|DIV\/0|NUM)!?/);
    expect(flat).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('still renders when Settings and other tabs are gone, and names them', () => {
    const harness = openAddon();
    harness.addon.call('setupTracker');
    harness.ws.execute(() => {
      const ss = (harness.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
      ss.deleteSheet(ss.getSheetByName('Settings')!);
      ss.deleteSheet(ss.getSheetByName('Events')!);
    });
    refresh(harness);
    const flat = dashboardGrid(harness).map((r) => r.join(' ')).join('\n');
    expect(flat).toContain('The Settings tab is missing');
    expect(flat).toContain('The Events tab is missing');
    expect(flat).not.toMatch(/NaN|undefined/);
  });

  it('keeps a site name that looks like a formula as plain text', () => {
    const g = generate(3, 50);
    g.sites[0].Name = "'=1+1"; // typed with an apostrophe, as Sheets needs for text starting with =
    const harness = trackerWith(g);
    refresh(harness);
    const sheet = harness.ws.spreadsheet(harness.spreadsheetId).sheetByName('Dashboard')!;
    const cells = sheet.rows.flatMap((row) => row ?? []).filter(Boolean);
    expect(cells.some((c) => c!.value === '=1+1')).toBe(true);
    expect(cells.every((c) => !c!.formula)).toBe(true);
  });

  it('is refreshed by Set up tracker', () => {
    const harness = openAddon();
    harness.addon.call('setupTracker');
    expect(harness.ws.spreadsheet(harness.spreadsheetId).sheetByName('Dashboard')).toBeDefined();
  });

  it('draws the budget and activity charts from its own tables, and a refresh replaces them but keeps a chart the user added', () => {
    const harness = trackerWith(generate(7, 200));
    refresh(harness);
    const sheet = harness.ws.spreadsheet(harness.spreadsheetId).sheetByName('Dashboard')!;
    const grid = dashboardGrid(harness);
    const titles = sheet.charts.map((c) => c.options.title).sort();
    expect(titles).toEqual(['Activity status by site', 'Budget by ROSE component', 'Budget by month: planned and spent', 'Milestones by site']);
    const budget = sheet.charts.find((c) => c.options.title === 'Budget by ROSE component')!;
    expect(budget.type).toBe('COLUMN');
    expect(grid[budget.ranges[0].row - 1].slice(0, 3)).toEqual(['ROSE component', 'Allocated', 'Spent']);
    const activity = sheet.charts.find((c) => c.options.title === 'Activity status by site')!;
    expect(grid[activity.ranges[0].row - 1][0]).toBe('Site');
    expect(activity.ranges[0].numRows).toBe(section(grid, 'Activity status by site').length + 1);

    harness.ws.execute(() => {
      const ss = (harness.ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).getActiveSpreadsheet();
      const dash = ss.getSheetByName('Dashboard')!;
      const chartsGlobal = harness.ws.globals().Charts as typeof Charts;
      dash.insertChart(dash.newChart().setChartType(chartsGlobal.ChartType.PIE).addRange(dash.getRange('A1:B3')).setOption('title', 'Mine').build());
    });
    refresh(harness);
    expect(sheet.charts.map((c) => c.options.title).sort()).toEqual(['Activity status by site', 'Budget by ROSE component', 'Budget by month: planned and spent', 'Milestones by site', 'Mine']);
  });

  it('makes the same number of service calls for 100 rows as for 5,000', () => {
    const count = (size: number): Record<string, number> => {
      const harness = trackerWith(generate(13, size));
      const mark = harness.ws.ledger.mark();
      refresh(harness);
      const calls = harness.ws.ledger.countBy(mark);
      // Growing the grid is one call either way; only whether it happens may differ.
      delete calls['Sheet.insertRowsAfter'];
      return calls;
    };
    const small = count(100);
    const large = count(5000);
    expect(large).toEqual(small);
    const total = Object.values(large).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(100);
  });

  it('writes the scorecard first, shares as coloured percentages, and staff names only in the coordinators\' section', () => {
    const g = generate(17, 200);
    const harness = trackerWith(g);
    refresh(harness);
    const sheet = harness.ws.spreadsheet(harness.spreadsheetId).sheetByName('Dashboard')!;
    const grid = dashboardGrid(harness);
    expect(grid.findIndex((r) => r[0] === 'ROSE scorecard')).toBe(3);
    const first = grid.findIndex((r) => r[0] === 'ROSE scorecard') + 2;
    const share = sheet.rows[first]![2]!;
    expect(typeof share.value).toBe('number');
    expect(share.format).toBe('0%');
    expect(share.background).toMatch(/^#[0-9a-f]{6}$/);
    const cut = grid.findIndex((r) => r[0] === 'Needs attention (coordinators)');
    expect(cut).toBeGreaterThan(first);
    const board = grid.slice(0, cut).flat().join(' ');
    for (const person of g.staff) expect(board).not.toContain(String(person['Full name']));
    expect(grid.findIndex((r) => r[0] === 'Paid below the living wage')).toBeGreaterThan(cut);
  });

  it('reads coordinators but never shows their emails on the Dashboard', () => {
    const harness = trackerWith(generate(2, 100));
    refresh(harness);
    const flat = dashboardGrid(harness).map((r) => r.join(' ')).join('\n');
    for (const email of COORDINATORS) expect(flat).not.toContain(email);
    expect(flat).not.toContain(SCORE_HEADER);
  });
});
