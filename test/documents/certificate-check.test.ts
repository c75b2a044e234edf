// Check data names a completed internal training that lacks what its certificate prints: the facilitator or the hours.
import { checkTables } from '../../addon/tracker/check';
import { tabSpec, type TabName } from '../../addon/tracker/schema';
import { readSettings } from '../../addon/tracker/settings';
import { toTable, type Plain, type Tables } from '../../addon/tracker/table';

function tab(name: TabName, rows: Record<string, Plain>[]): Tables {
  const header = tabSpec(name).columns.map((c) => c.header);
  return { [name]: toTable(name, header, rows.map((r) => header.map((h) => (r[h] === undefined ? '' : r[h])))) } as Tables;
}

describe('Check data and training certificates', () => {
  it('warns on a completed internal training without facilitator or hours, naming row and column, and leaves other trainings alone', () => {
    const base = { Staff: 'STAFF-0001 · Avery Lin', Topic: 'Peer debriefing', Date: '2026-03-02' };
    const tables = {
      ...tab('Staff', [{ ID: 'STAFF-0001', 'Full name': 'Avery Lin', Role: 'Peer Worker' }]),
      ...tab('Training Topics', [{ Topic: 'Peer debriefing' }]),
      ...tab('Training Log', [
        { ID: 'TRN-0001', ...base, 'Internal training': 'Yes', Completed: 'Yes', Hours: 3 },
        { ID: 'TRN-0002', ...base, 'Internal training': 'Yes', Completed: 'Yes', Facilitator: 'Robin Okafor' },
        { ID: 'TRN-0003', ...base, 'Internal training': 'No', Completed: 'Yes' },
        { ID: 'TRN-0004', ...base, 'Internal training': 'Yes', Completed: 'No' },
        { ID: 'TRN-0005', ...base, 'Internal training': 'Yes', Completed: 'Yes', Facilitator: 'Robin Okafor', Hours: 3 },
      ]),
    };
    const problems = checkTables(tables, readSettings(undefined), '2026-03-16').filter((p) => p.tab === 'Training Log' && /certificate/.test(p.detail));
    expect(problems.map((p) => [p.row, p.column, p.severity, p.detail])).toEqual([
      [2, 'Facilitator', 'warning', 'Facilitator is blank on a completed internal training, so no certificate can be made for it yet. Fill it in.'],
      [3, 'Hours', 'warning', 'Hours is blank on a completed internal training, so no certificate can be made for it yet. Fill it in.'],
    ]);
    expect(problems[0].message).toContain('Avery Lin');
  });
});
