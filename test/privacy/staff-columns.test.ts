// The rule that moves an older Staff tab's contacts and pay into Staff pay and contacts: by Staff ID, filling blanks only, and nothing at all when a cell would be overwritten.
import { planStaffMigration } from '../../addon/privacy/staff-columns';

const STAFF_HEADER = ['ID', 'Full name', 'Role', 'Email', 'Wage', 'Below living wage'];
const PAY_HEADER = ['Staff ID', 'Full name', 'Email', 'Phone', 'Hourly wage', 'Hours per week', 'Below living wage'];

describe('moving Staff\'s old contact and pay columns', () => {
  it('fills the person\'s row by Staff ID (or adds one), keeps what already agrees, and clears every moved cell, the old flag too', () => {
    const plan = planStaffMigration(
      [STAFF_HEADER, ['STAFF-0001', 'Ana Fictional', 'Peer Worker', 'ana@example.org', 28, 'No'], ['STAFF-0002', 'Ben Fictional', 'Peer Worker', '', 25, 'Yes'], ['STAFF-0003', 'Cy', 'Peer Worker', '', '', '']],
      [PAY_HEADER, ['STAFF-0001 · Ana Fictional', 'Ana Fictional', 'ana@example.org', '604-555-0101', '', 20, 'No']],
    );
    expect(plan.problems).toEqual([]);
    expect(plan.people).toBe(2);
    expect(plan.payRows).toEqual([
      ['STAFF-0001 · Ana Fictional', 'Ana Fictional', 'ana@example.org', '604-555-0101', 28, 20, 'No'],
      ['STAFF-0002 · Ben Fictional', '', '', '', 25, '', ''],
    ]);
    expect(plan.clears.map((c) => [c.row, c.column])).toEqual([[2, 4], [2, 5], [2, 6], [3, 5], [3, 6]]);
  });

  it('moves nothing when a value would overwrite another, and says which cells', () => {
    const plan = planStaffMigration(
      [STAFF_HEADER, ['STAFF-0001', 'Ana Fictional', 'Peer Worker', 'ana@example.org', 28, '']],
      [PAY_HEADER, ['STAFF-0001', 'Ana Fictional', 'ana.new@example.org', '', 28, '', '']],
    );
    expect(plan.problems).toEqual([
      'Staff row 2 (Ana Fictional), column Email, holds "ana@example.org", but Staff pay and contacts row 2, column Email, holds "ana.new@example.org" for STAFF-0001. Nothing was moved or cleared: keep the right value on Staff pay and contacts, clear the Staff cell, then run it again.',
    ]);
    expect(plan.clears).toEqual([]);
    expect(plan.payRows).toEqual([]);
  });

  it('waits for a row without an ID, and for a Staff pay and contacts tab missing a column', () => {
    expect(planStaffMigration([STAFF_HEADER, ['', 'New Person', 'Peer Worker', 'new@example.org', '', '']], [PAY_HEADER]).problems)
      .toEqual(['Staff row 2 (New Person) has pay or contacts but no ID yet, so nothing was moved: run Set up tracker again once the row has its ID.']);
    expect(planStaffMigration([STAFF_HEADER, ['STAFF-0001', 'Ana', 'Peer Worker', 'ana@example.org', 28, '']], [['Staff ID', 'Email']]).problems)
      .toEqual(['The Staff pay and contacts tab has no "Hourly wage" column, so the Staff tab\'s pay and contacts were not moved. Add the column there (row 1), then run it again.']);
  });

  it('does nothing to a Staff tab without those columns or values', () => {
    expect(planStaffMigration([['ID', 'Full name', 'Email'], ['STAFF-0001', 'Ana', '']], [PAY_HEADER])).toMatchObject({ clears: [], problems: [], changed: false });
  });
});
