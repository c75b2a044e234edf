// CSV for the scripts: RFC 4180 round trips, line numbers that survive quoted line breaks, and the Excel guard.
import { parseCsv, toCsv } from '../../scripts/lib/csv';

describe('csv', () => {
  it('round-trips commas, quotes and line breaks, and keeps the line a record starts on', () => {
    const rows = [['Full name', 'Notes'], ['Lee, Jordan', 'said "hi"\non two lines'], ['Sam', '']];
    const text = toCsv(rows);
    expect(text).toBe('Full name,Notes\r\n"Lee, Jordan","said ""hi""\non two lines"\r\nSam,\r\n');
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: rows[0] }, { line: 2, cells: rows[1] }, { line: 4, cells: rows[2] },
    ]);
  });

  it('guards formula-like text only for Excel, and reads a BOM and LF line ends', () => {
    expect(toCsv([['=1+1', '@x', 5]])).toBe('=1+1,@x,5\r\n');
    expect(toCsv([['=1+1', '@x', 5]], { excel: true })).toBe("\uFEFF'=1+1,'@x,5\r\n");
    expect(parseCsv('\uFEFFa,b\n1,2\n\n3,4')).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }, { line: 4, cells: ['3', '4'] }]);
    expect(() => parseCsv('a,"b\n1,2')).toThrow('a quoted value that starts on line 1 is never closed');
  });
});
