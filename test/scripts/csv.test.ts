// CSV for the scripts: RFC 4180 round trips, line numbers that survive quoted line breaks, and the formula guard on every file.
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

  it('guards formula-like text in every file, with or without --excel, and keeps numbers numeric', () => {
    const hostile = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1', '  =1+1'];
    const guarded = parseCsv(toCsv([hostile]))[0].cells;
    expect(guarded).toEqual(hostile.map((cell) => `'${cell}`));
    expect(toCsv([['=1+1', '@x', 5]], { excel: true })).toBe("\uFEFF'=1+1,'@x,5\r\n");
    // A negative number is a number, whether it comes as one or as the text a cell held.
    expect(toCsv([[-2, '-2', -0.5, '-0.5', '+3', '-1e-3']])).toBe('-2,-2,-0.5,-0.5,+3,-1e-3\r\n');
    // Text that merely contains a trigger later on is left alone, and so is a leading apostrophe.
    expect(toCsv([['Lee =1', 'a-b', "'=1"]])).toBe("Lee =1,a-b,'=1\r\n");
  });

  it('reads a BOM, LF line ends, and says where an unclosed quote starts', () => {
    expect(parseCsv('\uFEFFa,b\n1,2\n\n3,4')).toEqual([{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }, { line: 4, cells: ['3', '4'] }]);
    expect(() => parseCsv('a,"b\n1,2')).toThrow('a quoted value that starts on line 1 is never closed');
  });
});
