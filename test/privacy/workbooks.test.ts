// The pure parts of Set up private workbooks: who the support workbook is shared with, and the cell-by-cell check a move waits for.
import { firstDifference, workbookReaders } from '../../addon/privacy/workbooks';

describe('who may read a private workbook', () => {
  it('is the coordinators and the people its setting names, each once, whatever the case typed', () => {
    expect(workbookReaders(['Ada@example.org', 'bo@example.org'], ['dee@example.org', 'ada@example.org', ' '])).toEqual(['ada@example.org', 'bo@example.org', 'dee@example.org']);
  });
});

describe('the check before the tracker is cleared', () => {
  const when = new Date('2026-03-16T17:00:00Z');
  it('passes a copy that matches, dates compared by their time', () => {
    expect(firstDifference([['REQ-0001', when, 'Text me']], [['REQ-0001', new Date(when.getTime()), 'Text me']])).toBeNull();
  });

  it('names the first cell that differs: text Sheets read as a date, a lost value, a shifted day', () => {
    expect(firstDifference([['REQ-0001', '3/4']], [['REQ-0001', new Date('2026-03-04T00:00:00Z')]])).toBe('row 2, column 2');
    expect(firstDifference([['a'], ['b']], [['a']])).toBe('row 3, column 1');
    expect(firstDifference([[when]], [[new Date(when.getTime() + 86400000)]])).toBe('row 2, column 1');
  });
});
