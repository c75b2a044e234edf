// Check data's cross-checks, on tables built in memory: budget totals, permanent jobs with an end date, surveys from the future, activities never begun, and messages that name the row's person or activity.
import { checkTables, NOT_STARTED_GRACE_DAYS } from '../../addon/tracker/check';
import { tabSpec, type TabName } from '../../addon/tracker/schema';
import { readSettings } from '../../addon/tracker/settings';
import { toTable, type Plain, type Tables } from '../../addon/tracker/table';
import { addDays } from '../../addon/core/dates';

const TODAY = '2026-03-16';

/** A tab with every declared column, rows given by header. */
function tab(name: TabName, rows: Record<string, Plain>[]): Tables {
  const header = tabSpec(name).columns.map((c) => c.header);
  return { [name]: toTable(name, header, rows.map((r) => header.map((h) => (r[h] === undefined ? '' : r[h])))) } as Tables;
}

function messages(tables: Tables, today = TODAY): string[] {
  return checkTables(tables, readSettings(undefined), today).map((p) => p.message);
}

const sites = tab('Sites', [{ ID: 'SITE-0001', Name: 'Harbour' }]);

describe('Check data on pay and contacts', () => {
  it('joins them to the roster by Staff ID: a second row for one person, and a current staff member without an email', () => {
    const tables = {
      ...sites,
      ...tab('Staff', [
        { ID: 'STAFF-0001', 'Full name': 'Avery Lin', Role: 'Peer Worker' },
        { ID: 'STAFF-0002', 'Full name': 'Blake Ray', Role: 'Peer Worker' },
        { ID: 'STAFF-0003', 'Full name': 'Cass Orr', Role: 'Peer Worker', End: '2025-01-31' },
      ]),
      ...tab('Staff pay and contacts', [
        { 'Staff ID': 'STAFF-0001 · Avery Lin', 'Full name': 'Avery Lin', Email: 'avery@example.org', 'Hourly wage': 30 },
        { 'Staff ID': 'STAFF-0001 · Avery Lin', 'Full name': 'Avery Lin', 'Hourly wage': 31 },
      ]),
    };
    const found = checkTables(tables, readSettings(undefined), TODAY).filter((p) => p.tab === 'Staff pay and contacts').map((p) => p.message);
    expect(found).toEqual([
      'Staff pay and contacts row 3 (Avery Lin): STAFF-0001 also has row 2. Keep one row per person: move what this row holds into row 2, then delete this row.',
      // Blake has no row yet; Cass has left, so no email is asked for.
      'STAFF-0002 (Blake Ray) has no email (no row here yet): contracts and letters cannot be sent to them. Add it on Staff pay and contacts.',
    ]);
  });
});

describe('Check data across tabs', () => {
  it('says when the Action Plan\'s allocated budget adds up to another total than the Budget tab', () => {
    const tables = {
      ...sites,
      ...tab('Action Plan', [
        { ID: 'ACT-0001', Site: 'SITE-0001 · Harbour', 'ROSE component': 'Recognition', Strategy: 'Photo ID cards', Status: 'Done', 'Allocated budget': 10000 },
        { ID: 'ACT-0002', Site: 'SITE-0001 · Harbour', 'ROSE component': 'Recognition', Strategy: 'Business cards', Status: 'Done', 'Allocated budget': 200 },
      ]),
      ...tab('Budget', [
        { ID: 'BUD-0001', Category: 'Materials', Description: 'Cards', Allocated: 7000 },
        { ID: 'BUD-0002', Category: 'Materials', Description: 'Lanyards', Allocated: 250 },
      ]),
    };
    expect(messages(tables)).toContain('The Action Plan\'s "Allocated budget" adds up to $10,200.00, but the Budget tab\'s "Allocated" adds up to $7,250.00 ($2,950.00 apart). Make the two agree: the Budget tab holds the lines, the Action Plan what each activity may spend.');
    const agreeing = { ...tables, ...tab('Budget', [{ ID: 'BUD-0001', Category: 'Materials', Description: 'Cards', Allocated: 10200 }]) };
    expect(messages(agreeing).filter((m) => /adds up to/.test(m))).toEqual([]);
  });

  it('flags a permanent employee with a contract end date, naming the person', () => {
    const tables = {
      ...sites,
      ...tab('Staff', [
        { ID: 'STAFF-0001', 'Full name': 'Avery Lin', Role: 'Peer Worker', 'Employment type': 'Permanent part-time', 'Contract end': '2026-08-31' },
        { ID: 'STAFF-0002', 'Full name': 'Sam Okafor', Role: 'Peer Worker', 'Employment type': 'Fixed term', 'Contract end': '2026-08-31' },
        { ID: 'STAFF-0003', 'Full name': 'Jo Ridge', Role: 'Peer Worker', 'Employment type': 'Permanent full-time' },
      ]),
    };
    expect(messages(tables).filter((m) => /permanent/i.test(m))).toEqual([
      'Staff row 2 (Avery Lin): Employment type is Permanent part-time, but Contract end is 2026-08-31. A permanent job has no end date: clear Contract end, or choose Fixed term or Casual if the job does end.',
    ]);
  });

  it('flags a survey dated after today and none dated today', () => {
    const tables = tab('Survey Responses', [
      { ID: 'RESP-0001', Submitted: '2026-03-16T20:00:00.000Z', Survey: 'Wellbeing', Wave: 'Baseline' },
      { ID: 'RESP-0002', Submitted: '2026-09-01T17:00:00.000Z', Survey: 'Wellbeing', Wave: 'Baseline' },
    ]);
    expect(messages(tables).filter((m) => /future/.test(m))).toEqual([
      'Survey Responses row 3: Submitted is 2026-09-01, after today (2026-03-16). A survey cannot be answered in the future: correct the date.',
    ]);
  });

  it(`flags an activity still "Not started" more than ${NOT_STARTED_GRACE_DAYS} days after its start, and says how long`, () => {
    const activity = (id: string, strategy: string, start: string, status: string) => ({ ID: id, Site: 'SITE-0001 · Harbour', 'ROSE component': 'Skill Development', Strategy: strategy, Start: start, Status: status });
    const tables = {
      ...sites,
      ...tab('Action Plan', [
        activity('ACT-0001', 'Naloxone training', '2025-06-16', 'Not started'),
        activity('ACT-0002', 'Cultural safety', addDays(TODAY, -NOT_STARTED_GRACE_DAYS), 'Not started'),
        activity('ACT-0003', 'Self-defence', '2025-06-16', 'In progress'),
      ]),
    };
    expect(messages(tables).filter((m) => /Not started/.test(m))).toEqual([
      `Action Plan row 2 (Naloxone training): Still "Not started" 273 days after its Start date (2025-06-16); more than ${NOT_STARTED_GRACE_DAYS} days is flagged. Set the Status to In progress, Blocked or Cancelled, or move the Start date.`,
    ]);
  });

  it('names the person in every row message, not only the row', () => {
    const tables = {
      ...sites,
      ...tab('Staff', [{ ID: 'STAFF-0001', 'Full name': 'Avery Lin', Role: 'Peer Worker', Start: 'soon' }]),
      ...tab('Staff pay and contacts', [{ 'Staff ID': 'STAFF-0001 · Avery Lin', 'Hourly wage': 20, Email: 'avery@example.org' }]),
      ...tab('Training Log', [{ ID: 'TRN-0001', Staff: 'STAFF-0001 · Avery Lin', Topic: 'First aid and CPR', Date: 'later' }]),
    };
    const found = checkTables(tables, readSettings(undefined), TODAY).filter((p) => p.row > 1);
    expect(found.length).toBeGreaterThan(2);
    for (const p of found) expect(p.message).toMatch(new RegExp(`^${p.tab} row ${p.row} \\(Avery Lin[,)]`));
    expect(found.map((p) => p.message)).toContain('Staff pay and contacts row 2 (Avery Lin): $20.00 an hour is below the living wage in Settings ($27.85).');
  });
});
