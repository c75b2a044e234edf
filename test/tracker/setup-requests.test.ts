// The pure part of setup: a plan turned into Sheets API requests, so a width or a protection declared once is one request, and a person's own settings stay.
import { planSetup, type TabState } from '../../addon/tracker/plan';
import { declaredHeaders } from '../../addon/tracker/table';
import { protectionRequests, structureRequests, wrapRequests, type Request, type TabTarget } from '../../addon/tracker/setup-requests';
import type { SheetFacts } from '../../addon/tracker/setup-io';
import { TYPE_WIDTHS, tabSpec, type TabSpec } from '../../addon/tracker/schema';

function target(name: string, facts: SheetFacts | null, state?: Partial<TabState>, widen?: (spec: TabSpec) => TabSpec): TabTarget {
  const states = new Map<string, TabState>();
  if (state) states.set(name, { sheetName: name, headerRow: [], rows: [], mergedHeader: false, blockedBy: null, ...state });
  const tab = planSetup(states).tabs.find((t) => t.spec.name === name)!;
  const plan = widen ? { ...tab, spec: widen(tab.spec) } : tab;
  return { plan, sheetId: facts?.sheetId ?? 77, facts, layout: declaredHeaders(plan.spec, plan.header), seedRow: 1 };
}

function facts(sheetId: number, overrides: Partial<SheetFacts> = {}): SheetFacts {
  return { sheetId, title: 'Staff', hidden: false, tabColored: true, rows: 1000, columns: 26, frozenRows: 1, merges: [], protections: [], ruleFormulas: [], ...overrides };
}

/** [header, width] of each column a request sizes, for a tab setup creates (so the plan's header is the schema's). */
function sizedHeaders(requests: Request[]): [string, number][] {
  const headers = tabSpec('Staff').columns.map((c) => c.header);
  return requests.filter((r) => 'updateDimensionProperties' in r)
    .map((r) => (r as { updateDimensionProperties: { range: { startIndex: number }; properties: { pixelSize: number } } }).updateDimensionProperties)
    .map((u) => [headers[u.range.startIndex], u.properties.pixelSize]);
}

const withWidth = (header: string, width: number) => (spec: TabSpec): TabSpec => ({ ...spec, columns: spec.columns.map((c) => (c.header === header ? { ...c, width } : c)) });

describe('setup\'s requests', () => {
  it('gives a column the width the schema declares when setup creates it, and never to a column a person has had', () => {
    const created = structureRequests(target('Events', null, undefined, withWidth('Partners', 240)));
    expect(created).toContainEqual({ updateDimensionProperties: { range: { sheetId: 77, dimension: 'COLUMNS', startIndex: 4, endIndex: 5 }, properties: { pixelSize: 240 }, fields: 'pixelSize' } });
    const existing = structureRequests(target('Events', facts(5, { title: 'Events' }), { headerRow: ['ID', 'Site', 'Type', 'Date', 'Partners'] }, withWidth('Partners', 240)));
    const sized = (requests: Record<string, unknown>[]) => requests.filter((r) => 'updateDimensionProperties' in r)
      .map((r) => (r as { updateDimensionProperties: { range: { startIndex: number }; properties: { pixelSize: number } } }).updateDimensionProperties)
      .map((u) => [u.range.startIndex, u.properties.pixelSize]);
    // Only the columns setup added after the person's five: Attendance (a number) and Notes (long text).
    expect(sized(existing)).toEqual([[5, 92], [6, 320]]);
    // A column of ours still at Sheets' default width is sized; one a person widened or narrowed keeps theirs.
    const unsized = structureRequests(target('Events', facts(5, { title: 'Events', columnWidths: [100, 300, 100, 60, 100, 100, 100] }), { headerRow: ['ID', 'Site', 'Type', 'Date', 'Partners', 'Attendance', 'Notes'] }));
    expect(sized(unsized)).toEqual([[0, 110], [2, 160], [4, 160], [5, 92], [6, 320]]);
  });

  it('sizes each column by its type, never narrower than its header, and wraps long text', () => {
    const widths = new Map(sizedHeaders(structureRequests(target('Staff', null))));
    expect(widths.get('Start')).toBe(TYPE_WIDTHS.date);
    expect(widths.get('Hourly wage')).toBe(TYPE_WIDTHS.money);
    expect(widths.get('Notes')).toBe(TYPE_WIDTHS.longText);
    for (const [header, px] of widths) expect(px).toBeGreaterThanOrEqual(header.length * 8 + 12);
    expect(widths.get('Business cards issued')).toBe('Business cards issued'.length * 8 + 12);
    expect(widths.size).toBe(tabSpec('Staff').columns.length);
    const wraps = wrapRequests(target('Staff', null), 1000);
    // Notes, the Staff tab's one long-text column, wherever the schema puts it.
    const notes = tabSpec('Staff').columns.findIndex((c) => c.key === 'notes');
    expect(wraps).toEqual([{ repeatCell: { range: { sheetId: 77, startRowIndex: 1, startColumnIndex: notes, endColumnIndex: notes + 1 }, cell: { userEnteredFormat: { wrapStrategy: 'WRAP' } }, fields: 'userEnteredFormat.wrapStrategy' } }]);
  });

  it('limits a confidential tab to the coordinators and the person running setup, domain editing off, in the request that makes it', () => {
    const { requests } = protectionRequests(target('Staff', null), 1000, ['lee@example.org', 'coordinator@example.org', 'lee@example.org']);
    expect(requests).toContainEqual({
      addProtectedRange: { protectedRange: { range: { sheetId: 77 }, description: 'ROSE Tracker: confidential (Staff)', editors: { users: ['coordinator@example.org', 'lee@example.org'], domainUsersCanEdit: false } } },
    });
    expect(requests).toContainEqual({ addProtectedRange: { protectedRange: { range: { sheetId: 77, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: tabSpec('Staff').columns.length }, description: 'ROSE Tracker: header row (Staff)', warningOnly: true } } });
  });

  it('updates its own confidential protection\'s editors only when they differ, and leaves a person\'s own protection with a message', () => {
    const ours = { id: 9, description: 'ROSE Tracker: confidential (Staff)', sheetLevel: true, range: { sheetId: 5 }, warningOnly: false, editors: ['coordinator@example.org'], domainEdit: false, canEdit: true };
    const same = protectionRequests(target('Staff', facts(5, { protections: [ours] }), { headerRow: ['ID'] }), 1000, ['coordinator@example.org']);
    expect(same.requests.filter((r) => 'updateProtectedRange' in r)).toEqual([]);
    const more = protectionRequests(target('Staff', facts(5, { protections: [ours] }), { headerRow: ['ID'] }), 1000, ['coordinator@example.org', 'lee@example.org']);
    expect(more.requests).toContainEqual({ updateProtectedRange: { protectedRange: { protectedRangeId: 9, editors: { users: ['coordinator@example.org', 'lee@example.org'], domainUsersCanEdit: false } }, fields: 'editors' } });
    const theirs = protectionRequests(target('Staff', facts(5, { protections: [{ ...ours, description: 'HR only' }] }), { headerRow: ['ID'] }), 1000, ['coordinator@example.org']);
    expect(theirs.requests.filter((r) => JSON.stringify(r).includes('"protectedRangeId":9'))).toEqual([]);
    expect(theirs.lines.join('\n')).toMatch(/already has a protection of your own \("HR only"\)/);
  });
});
