// The board's figures and how the Dashboard lays them out: each from a small tracker worked out by hand.
import { computeDashboard } from '../../addon/dashboard/compute';
import { actionPlanTimeline, budgetByMonth, monthsBetween, timelineMark } from '../../addon/dashboard/board';
import { places } from '../../addon/dashboard/compute';
import { FILLS, NEEDS_ATTENTION, SCORECARD, TIMELINE, layoutDashboard, monthLabel, shareFill } from '../../addon/dashboard/layout';
import { readSettings } from '../../addon/tracker/settings';
import { toTable, type Plain, type Tables } from '../../addon/tracker/table';
import type { TabName } from '../../addon/tracker/schema';

const TODAY = '2026-03-16';

/** A tab from header → value records, as the pure code reads it. */
function tab<N extends TabName>(name: N, records: Record<string, Plain>[]) {
  const headers = [...new Set(records.flatMap((r) => Object.keys(r)))];
  return toTable(name, headers, records.map((r) => headers.map((h) => r[h] ?? '')));
}

function tracker(): Tables {
  return {
    Settings: tab('Settings', [{ Setting: 'Living wage per hour', Value: 27.85 }, { Setting: 'Reminder lead days', Value: 30 }]),
    Sites: tab('Sites', [{ ID: 'SITE-0001', Name: 'Harbour' }, { ID: 'SITE-0002', Name: 'Cedar' }]),
    Staff: tab('Staff', [
      { ID: 'STAFF-0001', 'Full name': 'Avery Quinn', Role: 'Peer Worker', Site: 'SITE-0001', 'Contract status': 'Signed', 'Job description link': 'https://example.org/jd1' },
      { ID: 'STAFF-0002', 'Full name': 'Blair Sato', Role: 'Peer Worker', Site: 'SITE-0001', 'Contract status': 'Drafted' },
      { ID: 'STAFF-0003', 'Full name': 'Casey Roe', Role: 'Peer Worker', Site: 'SITE-0002', 'Contract status': 'Signed' },
    ]),
    'Staff pay and contacts': tab('Staff pay and contacts', [
      { 'Staff ID': 'STAFF-0001 · Avery Quinn', 'Hourly wage': 28 },
      { 'Staff ID': 'STAFF-0002 · Blair Sato', 'Hourly wage': 22 },
      { 'Staff ID': 'STAFF-0003 · Casey Roe', 'Hourly wage': 30 },
    ]),
    'Training Topics': tab('Training Topics', [{ Topic: 'Naloxone', 'Required for roles': 'Peer Worker' }]),
    'Training Log': tab('Training Log', [{ ID: 'TRN-0001', Staff: 'STAFF-0001', Topic: 'Naloxone', Date: '2026-01-10', Certified: 'Yes', Cost: 100, 'Budget line': 'BUD-0001' }]),
    'Action Plan': tab('Action Plan', [
      { ID: 'ACT-0001', Site: 'SITE-0001', 'ROSE component': 'Recognition', Strategy: 'Photo ID cards', Start: '2026-01-01', End: '2026-03-31', Status: 'Done' },
      { ID: 'ACT-0002', Site: 'SITE-0001', 'ROSE component': 'Recognition', Strategy: 'Business cards', Start: '2026-02-01', End: '2026-05-31', Status: 'In progress' },
      { ID: 'ACT-0003', Site: 'SITE-0002', 'ROSE component': 'Skill Development', Strategy: 'First aid', Start: '2025-12-01', End: '2026-02-28', Status: 'Not started' },
      { ID: 'ACT-0004', Site: 'SITE-0002', 'ROSE component': 'Skill Development', Strategy: 'Self-defence', Status: 'Cancelled' },
    ]),
    Milestones: tab('Milestones', [
      { ID: 'MS-0001', Activity: 'ACT-0002', Milestone: 'Order placed', Due: '2026-03-01' },
      { ID: 'MS-0002', Activity: 'ACT-0001', Milestone: 'Cards printed', Due: '2026-02-01', Completed: '2026-02-03' },
    ]),
    Budget: tab('Budget', [
      { ID: 'BUD-0001', Activity: 'ACT-0001', Category: 'Supplies', Description: 'Cards', Allocated: 300 },
      { ID: 'BUD-0002', Activity: 'ACT-0004', Category: 'Supplies', Description: 'Mats', Allocated: 50 },
    ]),
    Expenses: tab('Expenses', [{ ID: 'EXP-0001', Date: '2026-02-14', 'Budget line': 'BUD-0001', Amount: 75.5 }]),
    'Support Requests': tab('Support Requests', [
      { ID: 'REQ-0001', Date: '2026-03-01', Staff: 'STAFF-0002', Type: 'Housing', Status: 'New' },
      { ID: 'REQ-0002', Date: '2026-03-02', Type: 'Housing', Status: 'Waiting on others' },
      { ID: 'REQ-0003', Date: '2026-03-03', Staff: 'STAFF-0003', Type: 'Housing', Status: 'Resolved' },
    ]),
  } as Tables;
}

const model = () => { const tables = tracker(); return computeDashboard({ tables, settings: readSettings(tables.Settings), today: TODAY }); };

describe('the ROSE scorecard', () => {
  it('gives each site its staff, shares and counts, and All sites the open requests made without a name too', () => {
    const [harbour, cedar, all] = model().scorecard;
    expect(harbour).toEqual({ site: 'Harbour', staff: 2, livingWage: 0.5, contracts: 0.5, jobDescriptions: 0.5, training: 0.5, openSupport: 1, actionPlan: 0.5, milestonesOverdue: 1 });
    // A cancelled activity is not counted as undone work.
    expect(cedar).toMatchObject({ site: 'Cedar', staff: 1, livingWage: 1, contracts: 1, jobDescriptions: 0, training: 0, openSupport: 0, actionPlan: 0, milestonesOverdue: 0 });
    expect(all).toMatchObject({ site: 'All sites', staff: 3, openSupport: 2, actionPlan: 1 / 3, milestonesOverdue: 1 });
    expect(all.livingWage).toBeCloseTo(2 / 3, 10);
  });
});

describe('budget by month', () => {
  it('spreads an allocation over its activity\'s months and counts expenses and training costs by date', () => {
    const tables = tracker();
    const byMonth = budgetByMonth({ budget: tables.Budget, expenses: tables.Expenses, training: tables['Training Log'] }, places(tables));
    expect(byMonth.months).toEqual([
      { month: '2026-01', planned: 100, spent: 100 },
      { month: '2026-02', planned: 100, spent: 75.5 },
      { month: '2026-03', planned: 100, spent: 0 },
    ]);
    expect(byMonth.unplaced).toBe(50);
  });

  it('counts months across a year end', () => {
    expect(monthsBetween('2025-11-20', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('the Action Plan timeline', () => {
  it('marks each planned month by what happened, and where milestones fall', () => {
    const tables = tracker();
    const timeline = actionPlanTimeline(tables['Action Plan'], tables.Milestones, places(tables), TODAY);
    expect(timeline.months[0]).toBe('2025-12');
    // The window ends with the plan's last month (at most a year).
    expect(timeline.months).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect(timeline.undated).toBe(1);
    const row = (activity: string) => timeline.rows.find((r) => r.activity === activity)!;
    const marks = (activity: string) => row(activity).cells.map((c) => c.mark);
    expect(marks('First aid')).toEqual(['Late', 'Late', 'Late', '', '', '']);
    expect(marks('Photo ID cards')).toEqual(['', 'Done', 'Done', 'Done', '', '']);
    expect(marks('Business cards')).toEqual(['', '', 'On track', 'On track', 'Planned', 'Planned']);
    expect(row('Business cards').cells[3].milestone).toBe('◆');
    expect(row('Photo ID cards').cells[2].milestone).toBe('✓');
  });

  it('calls a month of work not yet begun late once it has come, and planned before', () => {
    expect(timelineMark('Not started', '2026-04', '2026-06-30', TODAY)).toBe('Planned');
    expect(timelineMark('Not started', '2026-03', '2026-06-30', TODAY)).toBe('Late');
    expect(timelineMark('In progress', '2026-03', '2026-03-01', TODAY)).toBe('Late');
    expect(timelineMark('Blocked', '2026-05', '2026-06-30', TODAY)).toBe('Blocked');
  });
});

describe('the Dashboard layout', () => {
  const layout = layoutDashboard(model());
  const rowOf = (first: string): number => layout.rows.findIndex((r) => r[0] === first);

  it('opens with the scorecard, before any other table', () => {
    const titles = layout.titleRows.map((r) => layout.rows[r - 1][0]);
    expect(titles[1]).toBe(SCORECARD);
    expect(titles.indexOf(TIMELINE)).toBeGreaterThan(1);
  });

  it('stores shares as numbers formatted as percent, coloured by how complete they are, and counts as whole numbers', () => {
    const r = rowOf('Harbour');
    expect(layout.rows[r].slice(1, 4)).toEqual([2, 0.5, 0.5]);
    expect(layout.formats[r].slice(1, 4)).toEqual(['0', '0%', '0%']);
    expect(layout.fills[r][2]).toBe(FILLS.poor);
    expect(shareFill(0.9)).toBe(FILLS.good);
    expect(shareFill(0.75)).toBe(FILLS.fair);
    expect(shareFill(null)).toBe('');
  });

  it('shows money in the currency format and an average change with two decimals', () => {
    const budget = rowOf('Budget by ROSE component') + 2;
    expect(layout.formats[budget][1]).toBe('"$"#,##0.00');
    const m = model();
    m.evaluation = [{ measure: 'Burnout: average change for matched people', value: 1.11, digits: 2 }];
    const withChange = layoutDashboard(m);
    const at = withChange.rows.findIndex((r) => r[0] === 'Burnout: average change for matched people');
    expect(withChange.rows[at][1]).toBe(1.11);
    expect(withChange.formats[at][1]).toBe('0.00');
  });

  it('colours the timeline and the coverage matrices and gives each a key', () => {
    const first = rowOf('First aid (Cedar)');
    expect(layout.fills[first][2]).toBe(FILLS.Late);
    expect(layout.rows.find((r) => r[0] === 'Key' && r[1] === 'Done')).toBeDefined();
    expect(layout.rows.some((r) => String(r[0]).includes('Blank: the topic is not required'))).toBe(true);
    const avery = rowOf('Avery Quinn');
    expect(layout.fills[avery][3]).toBe(FILLS.Valid);
    expect(layout.rows[rowOf('Blair Sato')][3]).toBe('Missing');
  });

  it('names people only after the coordinators\' heading, and names no one as paid below the living wage', () => {
    const cut = layout.coordinatorsRow - 1;
    expect(layout.rows[cut][0]).toBe(NEEDS_ATTENTION);
    const board = layout.rows.slice(0, cut).flat().join(' ');
    for (const name of ['Avery Quinn', 'Blair Sato', 'Casey Roe']) expect(board).not.toContain(name);
    const paidBelow = layout.rows.findIndex((r) => r[0] === 'Paid below the living wage');
    expect(paidBelow).toBeGreaterThan(cut);
    // Everyone the tracker is shared with reads the Dashboard: a count per site, and where the names are kept.
    expect(layout.rows[paidBelow + 1].slice(0, 2)).toEqual(['Site', 'People paid below the living wage']);
    expect(layout.rows[paidBelow + 2].slice(0, 2)).toEqual(['Harbour', 1]);
    const section = layout.rows.slice(paidBelow, paidBelow + 4).flat().join(' ');
    expect(section).not.toContain('Blair Sato');
    expect(section).toContain('Staff records workbook');
  });

  it('labels months with the year where it starts or changes', () => {
    expect(monthLabel('2026-03', true)).toBe('Mar 2026');
    expect(monthLabel('2026-04', false)).toBe('Apr');
    expect(monthLabel('2027-01', false)).toBe('Jan 2027');
  });
});

describe('the site summaries', () => {
  it('give each site its own block of figures and its part of the timeline, without names', () => {
    const layout = layoutDashboard(model());
    const start = layout.rows.findIndex((r) => r[0] === 'Site summary: Cedar');
    expect(start).toBeGreaterThan(0);
    expect(start).toBeLessThan(layout.coordinatorsRow - 1);
    const block = layout.rows.slice(start, layout.rows.findIndex((r, i) => i > start && String(r[0]).startsWith('Site summary') || r[0] === NEEDS_ATTENTION));
    const value = (figure: string) => block.find((r) => r[0] === figure)?.[1];
    expect(value('Staff')).toBe(1);
    expect(value('Paid at or above the living wage')).toBe(1);
    expect(value('Activities blocked')).toBe(0);
    expect(value('Budget allocated')).toBe(50);
    expect(block.some((r) => r[0] === 'First aid')).toBe(true);
    expect(block.some((r) => r[0] === 'Photo ID cards')).toBe(false);
    expect(block.flat().join(' ')).not.toContain('Casey Roe');
  });
});
