// Headers that differ only in case, spacing or line breaks are the tracker's columns, kept as the person typed them.
import { openAddon, type Harness } from '../support/addon';
import { asUser, tabRecords, tabValues } from '../support/tracker';

type SetupResult = { ok: boolean; lines: string[]; problems: string[] };
type Found = { tab: string; row: number; column: string; message: string };

describe('headers a person typed differently', () => {
  function trackerWithStaffHeaders(header: string[], row: (string | number)[]): Harness {
    const h = openAddon();
    asUser(h, (ss) => ss.insertSheet('Staff').getRange(1, 1, 2, header.length).setValues([header, row]));
    return h;
  }

  it('are read as the tracker\'s columns: setup adds no look-alike column and says how it read them', () => {
    const h = trackerWithStaffHeaders(['ID', 'full name', ' Role ', 'Hourly\nwage', 'SITE'], ['STAFF-0001', 'Pat Example', 'Peer Worker', 20, '']);
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(true);
    const header = tabValues(h, 'Staff')[0].map(String);
    expect(header.slice(0, 5)).toEqual(['ID', 'full name', ' Role ', 'Hourly\nwage', 'SITE']);
    expect(header.filter((x) => /^(full name|role|site)$/i.test(x.replace(/\s+/g, ' ').trim()))).toHaveLength(3);
    expect(result.lines).toContain('Staff: reading "full name" as "Full name", " Role " as "Role", "SITE" as "Site". Your headers were kept.');
    // The wage under a header typed another way still moves to Staff pay and contacts, where it is flagged and checked.
    expect(tabRecords(h, 'Staff')[0]['Hourly\nwage']).toBe('');
    const pay = tabRecords(h, 'Staff pay and contacts')[0];
    expect(pay).toMatchObject({ 'Staff ID': 'STAFF-0001 · Pat Example', 'Full name': 'Pat Example', 'Hourly wage': 20, 'Below living wage': 'Yes' });
    const problems = h.addon.call<{ problems: Found[] }>('checkData').problems;
    expect(problems.filter((p) => p.tab === 'Staff' && /missing|required/.test(p.message))).toEqual([]);
    expect(problems).toContainEqual(expect.objectContaining({ tab: 'Staff pay and contacts', row: 2, column: 'Hourly wage', message: expect.stringMatching(/below the living wage/) }));
  });

  it('that differ only in case count as the same header: two of them stop setup', () => {
    const h = trackerWithStaffHeaders(['ID', 'Full name', 'FULL NAME'], ['', 'A', 'B']);
    const result = h.addon.call<SetupResult>('setupTracker');
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(/two columns named "Full name" \(columns 2 and 3\)/);
  });
});
