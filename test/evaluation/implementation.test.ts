// The ROSE implementation index comes from the tracker's own tabs: one Staff change moves exactly its indicator.
import { implementationIndex, indicatorStatus, publishableIndex, quarterEnds, type IndicatorName, type SiteIndex } from '../../addon/evaluation/implementation';
import { readSettings } from '../../addon/tracker/settings';
import { tables, type Row } from './tables';

const settings = readSettings(undefined); // living wage 27.85 (the dated default)
const periods = ['2025-03-31', '2025-12-31'];

function staffRows(): Row[] {
  const base = { Site: 'SITE-0001 · Harbour', Start: '2024-01-01', 'Contract status': 'Signed', 'Job description link': 'https://example.org/jd', 'Hourly wage': 28 };
  return [
    { ...base, ID: 'STAFF-0001', 'Full name': 'Ana Fictional', Role: 'Peer Worker', 'Photo ID issued': '2025-01-10', 'Business cards issued': '2025-01-10' },
    { ...base, ID: 'STAFF-0002', 'Full name': 'Ben Fictional', Role: 'Peer Worker', 'Photo ID issued': '2025-06-01' },
    { ...base, ID: 'STAFF-0003', 'Full name': 'Cy Fictional', Role: 'Peer Supporter', 'Hourly wage': 25 },
    { ...base, ID: 'STAFF-0004', 'Full name': 'Dee Fictional', Role: 'Peer Worker', 'Contract status': 'Drafted', 'Job description link': '' },
    { ...base, ID: 'STAFF-0005', 'Full name': 'Eli Fictional', Role: 'Systems Navigator', Start: '2025-07-01' },
    { ...base, ID: 'STAFF-0006', 'Full name': 'Fay Fictional', Role: 'Peer Worker', Site: 'SITE-0002 · Ridge', 'Photo ID issued': '2024-05-01' },
  ];
}

function tracker(staff: Row[] = staffRows(), targets: Row[] = []) {
  return tables({
    Sites: [{ ID: 'SITE-0001', Name: 'Harbour' }, { ID: 'SITE-0002', Name: 'Ridge', 'Living wage per hour': 23.23 }],
    // Wages are on Staff pay and contacts, by Staff ID.
    Staff: staff.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'Hourly wage'))),
    'Staff pay and contacts': staff.map((row) => ({ 'Staff ID': row.ID, 'Hourly wage': row['Hourly wage'] })),
    Events: [
      { ID: 'EVT-0001', Site: 'SITE-0001', Type: 'Teambuilding day', Date: '2025-02-01' },
      { ID: 'EVT-0002', Site: 'SITE-0001', Type: 'Teambuilding day', Date: '2025-08-01' },
      { ID: 'EVT-0003', Site: 'SITE-0001', Type: 'Meet-and-greet', Date: '2024-03-01' }, // more than a year before both periods
      { ID: 'EVT-0004', Site: 'SITE-0002', Type: 'Teambuilding day', Date: '2025-08-01' },
    ],
    'Training Topics': [
      { Topic: 'Naloxone administration', 'Required for roles': 'Peer Worker, Peer Supporter' },
      { Topic: 'First aid and CPR', 'Validity (months)': 36, 'Required for roles': 'Peer Worker' },
    ],
    'Training Log': [
      { ID: 'TRN-0001', Staff: 'STAFF-0001 · Ana Fictional', Topic: 'Naloxone administration', Date: '2024-06-01' },
      { ID: 'TRN-0002', Staff: 'STAFF-0001', Topic: 'First aid and CPR', Date: '2021-06-01' }, // expired 2024-06-01
      { ID: 'TRN-0003', Staff: 'STAFF-0002', Topic: 'Naloxone administration', Date: '2025-05-01' },
      { ID: 'TRN-0004', Staff: 'STAFF-0003', Topic: 'Naloxone administration', Date: '2025-01-05', Certified: 'No' },
    ],
    'Implementation Targets': targets,
  });
}

function figure(index: SiteIndex[], site: string, name: IndicatorName, period = 0): number | null {
  return index.find((s) => s.site === site)!.indicators.find((i) => i.name === name)!.periods[period].value;
}

function figures(index: SiteIndex[]): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = {};
  for (const site of index) for (const indicator of site.indicators) out[`${site.site}: ${indicator.name}`] = indicator.periods.map((p) => p.value);
  return out;
}

describe('implementationIndex', () => {
  const { sites, problems } = implementationIndex(tracker(), settings, { periodEnds: periods });

  it("computes each indicator from the tracker's tabs for the staff on the roster at each period's end", () => {
    expect(problems).toEqual([]);
    // 2025-03-31: staff 1-4 at Harbour (Eli starts in July). 2025-12-31: staff 1-5.
    expect(figure(sites, 'Harbour', 'Photo ID issued')).toBe(1 / 4);
    expect(figure(sites, 'Harbour', 'Photo ID issued', 1)).toBe(2 / 5);
    expect(figure(sites, 'Harbour', 'Business cards issued', 1)).toBe(1 / 5);
    expect(figure(sites, 'Harbour', 'Contract signed')).toBe(3 / 4);
    expect(figure(sites, 'Harbour', 'Job description in place')).toBe(3 / 4);
    expect(figure(sites, 'Harbour', 'Paid at or above the living wage')).toBe(3 / 4); // Cy earns 25 < 27.85
    expect(figure(sites, 'Ridge', 'Paid at or above the living wage')).toBe(1); // 28 ≥ Ridge's own 23.23
    expect(figure(sites, 'Harbour', 'Peer Supporter role filled')).toBe(1);
    expect(figure(sites, 'Harbour', 'Systems Navigator role filled')).toBe(0);
    expect(figure(sites, 'Harbour', 'Systems Navigator role filled', 1)).toBe(1);
    expect(figure(sites, 'Harbour', 'Teambuilding days a year')).toBe(1);
    expect(figure(sites, 'Harbour', 'Teambuilding days a year', 1)).toBe(2);
    expect(figure(sites, 'Harbour', 'Meet-and-greets held')).toBe(0);
    // Required pairs on 2025-03-31: Ana 2, Ben 2, Cy 1, Dee 2 = 7; held and valid: Ana's naloxone only (her first aid expired, Ben's is later, Cy's is not certified).
    expect(figure(sites, 'Harbour', 'Required training covered')).toBe(1 / 7);
    expect(figure(sites, 'Harbour', 'Required training covered', 1)).toBe(2 / 7);
  });

  it('moves exactly the right indicator when one Staff row changes', () => {
    const before = figures(sites);
    const changed = staffRows();
    changed[3]['Photo ID issued'] = '2025-02-15'; // Dee gets her photo ID
    const afterId = figures(implementationIndex(tracker(changed), settings, { periodEnds: periods }).sites);
    expect(afterId['Harbour: Photo ID issued']).toEqual([2 / 4, 3 / 5]);
    const moved = Object.keys(before).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(afterId[key]));
    expect(moved).toEqual(['Harbour: Photo ID issued']);

    const raised = staffRows();
    raised[2]['Hourly wage'] = 28.5; // Cy is raised above the living wage
    const afterWage = figures(implementationIndex(tracker(raised), settings, { periodEnds: periods }).sites);
    expect(Object.keys(before).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(afterWage[key]))).toEqual(['Harbour: Paid at or above the living wage']);
    expect(afterWage['Harbour: Paid at or above the living wage']).toEqual([1, 1]);
  });

  it('takes targets and baselines per site from the Implementation Targets tab, with traffic lights and the share in place', () => {
    const targets: Row[] = [
      { ID: 'TGT-0001', Site: 'SITE-0001', Indicator: 'Photo ID issued', Target: '80%', Baseline: 0 },
      { ID: 'TGT-0002', Site: 'SITE-0001', Indicator: 'Teambuilding days a year', Target: 2, 'Baseline date': '2024-12-31' },
      { ID: 'TGT-0003', Site: 'SITE-0001', Indicator: 'Contract signed', Target: 75 },
    ];
    const index = implementationIndex(tracker(staffRows(), targets), settings, { periodEnds: periods }).sites;
    const harbour = index.find((s) => s.site === 'Harbour')!;
    const photo = harbour.indicators.find((i) => i.name === 'Photo ID issued')!;
    expect(photo).toMatchObject({ target: 0.8, targetFrom: 'Implementation Targets row 2', baseline: { value: 0, typed: true } });
    expect(photo.periods.map((p) => p.status)).toEqual(['red', 'amber']); // 25 % then 40 %: half of 80 % is 40 %
    const teambuilding = harbour.indicators.find((i) => i.name === 'Teambuilding days a year')!;
    expect(teambuilding.baseline).toMatchObject({ value: 0, date: '2024-12-31', typed: false });
    expect(teambuilding.periods.map((p) => p.status)).toEqual(['amber', 'green']);
    expect(harbour.indicators.find((i) => i.name === 'Contract signed')!.periods[0].status).toBe('green'); // 75 % of 75 %
    // Period 2 meets: contracts (4 of 5 ≥ 75 %), both roles and teambuilding: 4 of the 10 indicators.
    expect(harbour.inPlace[1]).toBe(4 / 10);
  });

  it('names the Implementation Targets row and column of a target it cannot use', () => {
    const { problems: found } = implementationIndex(tracker(staffRows(), [
      { ID: 'TGT-0001', Site: 'SITE-0009', Indicator: 'Photo ID issued', Target: 1 },
      { ID: 'TGT-0002', Site: 'SITE-0001', Indicator: 'Free lunches', Target: 1 },
      { ID: 'TGT-0003', Site: 'SITE-0001', Indicator: 'Photo ID issued', Target: 'most' },
    ]), settings, { periodEnds: periods });
    expect(found).toEqual([
      'Implementation Targets, row 2, column Site: "SITE-0009" is not a site on the Sites tab.',
      expect.stringContaining('Implementation Targets, row 3, column Indicator: "Free lunches" is not one of Photo ID issued,'),
      'Implementation Targets, row 4, column Target: type a number (a share such as 80% for staff indicators, a count for events); using 1 until then.',
    ]);
  });

  it('refuses periods that are not dates in order', () => {
    expect(() => implementationIndex(tracker(), settings, { periodEnds: [] })).toThrow('at least one period');
    expect(() => implementationIndex(tracker(), settings, { periodEnds: ['2025-12-31', '2025-03-31'] })).toThrow('forward in time');
  });
});

describe('the index beyond the organization', () => {
  it('hides staff shares resting on fewer people than the minimum group size, and recounts the share in place', () => {
    const { sites } = implementationIndex(tracker(), settings, { periodEnds: periods });
    const shown = publishableIndex(sites, 5);
    const harbour = shown.find((s) => s.site === 'Harbour')!;
    const wage = harbour.indicators.find((i) => i.name === 'Paid at or above the living wage')!;
    expect(wage.periods.map((p) => [p.value, p.status])).toEqual([[null, 'none'], [4 / 5, 'red']]);
    expect(harbour.indicators.find((i) => i.name === 'Teambuilding days a year')!.periods[0].value).toBe(1); // a site figure, not a person's
    const ridge = shown.find((s) => s.site === 'Ridge')!;
    expect(ridge.indicators.filter((i) => i.kind === 'share').every((i) => i.periods.every((p) => p.value === null))).toBe(true);
    // Ridge shows only its roles and events: 4 indicators, of which teambuilding is not met in period 1 and roles are unfilled.
    expect(ridge.inPlace).toEqual([0, 0]);
  });
});

describe('the training share beyond the organization', () => {
  // Three people at a site, each with three required topics held: nine person × topic pairs, three people.
  const topics = ['Naloxone administration', 'First aid and CPR', 'Trauma-informed practice'];
  const small = tables({
    Sites: [{ ID: 'SITE-0001', Name: 'Small site' }],
    Staff: [1, 2, 3].map((n) => ({ ID: `STAFF-000${n}`, 'Full name': `Person ${n} Fictional`, Role: 'Peer Worker', Site: 'SITE-0001', Start: '2025-01-01' })),
    'Training Topics': topics.map((topic) => ({ Topic: topic, 'Required for roles': 'Peer Worker' })),
    'Training Log': [1, 2, 3].flatMap((n) => topics.map((topic, t) => ({ ID: `TRN-${n}${t}`, Staff: `STAFF-000${n}`, Topic: topic, Date: '2025-06-01' }))),
  });

  it('rests on the people whose role requires training, so 3 people with 3 topics each do not pass a minimum of 5', () => {
    const { sites } = implementationIndex(small, settings, { periodEnds: ['2026-03-31'] });
    const training = (index: SiteIndex[]) => index[0].indicators.find((i) => i.name === 'Required training covered')!;
    expect(training(sites).periods[0]).toMatchObject({ value: 1, basis: 3, status: 'green' });
    const shown = publishableIndex(sites, 5);
    expect(training(shown).periods[0]).toMatchObject({ value: null, status: 'none' });
    expect(training(shown).baseline.value).toBeNull();
    // At a minimum of 3 the three people are enough.
    expect(training(publishableIndex(sites, 3)).periods[0]).toMatchObject({ value: 1, status: 'green' });
  });
});

describe('helpers', () => {
  it('lists quarter ends and colours a figure against its target and baseline', () => {
    expect(quarterEnds('2025-02-10', '2025-11-01')).toEqual(['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-31']);
    expect(indicatorStatus(null, 1, null)).toBe('none');
    expect(indicatorStatus(1, 1, null)).toBe('green');
    expect(indicatorStatus(0.7, 1, 0.4)).toBe('amber'); // halfway from 0.4 to 1 is 0.7
    expect(indicatorStatus(0.69, 1, 0.4)).toBe('red');
  });
});
