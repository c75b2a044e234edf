// The xlsx export: what a coordinator sees when they open the local run's spreadsheet in Excel, LibreOffice or Sheets.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Workbook, type DataValidation, type Worksheet } from 'exceljs';
import { createWorkspace, type SpreadsheetModel, type Workspace } from '../../workspace';
import {
  excelDate, excelFormula, excelNumberFormat, shiftReferences, toXlsxBuffer, writeSpreadsheetXlsx,
} from '../../workspace/export-xlsx';
import { convertWithLibreOffice, testWithLibreOffice } from '../support/libreoffice';

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

const ZONE = 'America/Vancouver';
/** 7:30 pm on 16 March in Vancouver, already 17 March in UTC. */
const EVENING_START = new Date('2026-03-17T02:30:00Z');

interface Built { ws: Workspace; model: SpreadsheetModel }

/** Builds a small tracker through the Workspace's SpreadsheetApp, the way the add-on would. */
function buildTracker(extra?: (app: SpreadsheetApp, ss: GoogleAppsScript.Spreadsheet.Spreadsheet) => void): Built {
  const ws = createWorkspace({ now: '2026-03-16T17:00:00Z', timeZone: ZONE });
  const id = ws.createSpreadsheet('Harbour Lights tracker');
  ws.openInSheets(id);
  ws.execute(() => {
    const app = ws.globals().SpreadsheetApp as SpreadsheetApp;
    const ss = app.getActiveSpreadsheet()!;

    const plan = ss.getSheets()[0].setName('Action Plan').setTabColor('#6aa84f');
    plan.getRange(1, 1, 1, 7).setValues([['Activity', 'Start', 'End', 'Budget', 'Share done', 'Status', 'Plan']])
      .setFontWeight('bold').setBackground('#cfe2f3').setFontColor('#1c4587').setWrap(true);
    plan.getRange('B2:C20').setNumberFormat('yyyy-mm-dd');
    plan.getRange('D2:D20').setNumberFormat('"$"#,##0.00');
    plan.getRange('E2:E20').setNumberFormat('0%');
    plan.getRange(2, 1, 3, 7).setValues([
      ['Naloxone refresher', EVENING_START, '2026-04-01', 1234.5, 0.25, 'In progress', '=HYPERLINK("https://example.org/plan","Open plan")'],
      ['Meet-and-greet with paramedics', '2026-04-10', '2026-04-10', '$350.00', 0, 'Not started', ''],
      ['Teambuilding day', '2026-05-02', '2026-05-02', 900, 1, 'Done', ''],
    ]);
    plan.getRange('A1').setNote('One row per activity in the action plan.');
    plan.getRange('D1').setHorizontalAlignment('right');
    plan.setFrozenRows(1);
    plan.setFrozenColumns(1);
    plan.setColumnWidth(1, 240);
    plan.getRange('F2:F20').setDataValidation(app.newDataValidation()
      .requireValueInList(['Not started', 'In progress', 'Done']).setAllowInvalid(false).setHelpText('Pick a status from the list.').build());
    plan.getRange('D2:D20').setDataValidation(app.newDataValidation().requireNumberBetween(0, 100000).build());
    plan.getRange('B2:B20').setDataValidation(app.newDataValidation().requireDate().setAllowInvalid(false).build());
    plan.getRange('C2:C20').setDataValidation(app.newDataValidation().requireFormulaSatisfied('=OR(C2="",C2>=B2)').build());
    plan.setConditionalFormatRules([
      app.newConditionalFormatRule().whenFormulaSatisfied('=AND($C2<>"",$C2<TODAY(),$F2<>"Done")')
        .setBackground('#f4cccc').setFontColor('#990000').setRanges([plan.getRange('A2:G20')]).build(),
      app.newConditionalFormatRule().whenTextEqualTo('Done').setBold(true).setRanges([plan.getRange('F2:F20')]).build(),
    ]);

    const staff = ss.insertSheet('Staff');
    staff.getRange('A1:C3').setValues([['Name', 'Peer worker', 'Hourly pay'], ['Robin Example', true, 27.85], ['Sam Placeholder', false, 26.5]]);
    staff.getRange('C2:C3').setNumberFormat('"$"#,##0.00');
    staff.getRange('B2:B20').setDataValidation(app.newDataValidation().requireCheckbox().build());
    staff.protect().setDescription('Confidential: coordinators only');
    ss.setNamedRange('StaffNames', staff.getRange('A2:A20'));
    plan.getRange('G5:G20').setDataValidation(app.newDataValidation().requireValueInRange(staff.getRange('A2:A20')).build());

    const dashboard = ss.insertSheet('Dashboard');
    dashboard.getRange('A1').setValue('Programme at a glance');
    dashboard.getRange('A1:D1').merge();
    dashboard.getRange('A2:B2').setValues([['Activities', '=COUNTA(\'Action Plan\'!A2:A)']]);

    const settings = ss.insertSheet('Settings');
    settings.getRange('A1:B1').setValues([['Living wage', 27.85]]);
    settings.hideSheet();

    ss.setActiveSheet(plan);
    extra?.(app, ss);
  });
  return { ws, model: ws.spreadsheet(id) };
}

async function reread(model: SpreadsheetModel): Promise<Workbook> {
  const bytes = await toXlsxBuffer(model);
  const workbook = new Workbook();
  // exceljs types its input as an ArrayBuffer; hand it exactly the bytes of the file.
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

function sheet(workbook: Workbook, name: string): Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`No tab ${name} in the workbook`);
  return found;
}

/** exceljs reads conditional formats back but leaves them out of its types. */
function conditionalFormats(ws: Worksheet): { ref: string; rules: { type: string; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } }; font?: { bold?: boolean; color?: { argb?: string } } } }[] }[] {
  return (ws as unknown as { conditionalFormattings: ReturnType<typeof conditionalFormats> }).conditionalFormattings;
}

describe('xlsx export', () => {
  let built: Built;
  let workbook: Workbook;

  beforeAll(async () => {
    built = buildTracker();
    workbook = await reread(built.model);
  });

  test('keeps every tab in order with its name, tab colour and hidden state', () => {
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Action Plan', 'Staff', 'Dashboard', 'Settings']);
    expect(sheet(workbook, 'Action Plan').properties.tabColor).toEqual({ argb: 'FF6AA84F' });
    expect(sheet(workbook, 'Settings').state).toBe('hidden');
    expect(sheet(workbook, 'Staff').state).toBe('visible');
  });

  test('writes headers, text, numbers and booleans as they are', () => {
    const plan = sheet(workbook, 'Action Plan');
    expect((plan.getRow(1).values as unknown[]).slice(1)).toEqual(['Activity', 'Start', 'End', 'Budget', 'Share done', 'Status', 'Plan']);
    expect(plan.getCell('A3').value).toBe('Meet-and-greet with paramedics');
    expect(plan.getCell('D2').value).toBe(1234.5);
    expect(plan.getCell('D3').value).toBe(350); // typed as "$350.00", stored by Sheets as a number
    expect(sheet(workbook, 'Staff').getCell('B2').value).toBe(true);
    expect(sheet(workbook, 'Staff').getCell('B3').value).toBe(false);
  });

  test('a date keeps the calendar day it has in the spreadsheet time zone, even when UTC is already on the next day', () => {
    const plan = sheet(workbook, 'Action Plan');
    // Excel dates have no zone: the wall-clock time in Vancouver is what must arrive.
    expect(plan.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 2, 16, 19, 30)));
    // A date typed as text is midnight in Vancouver, which must be a whole day in Excel.
    expect(plan.getCell('C2').value).toEqual(new Date(Date.UTC(2026, 3, 1)));
    expect(excelDate(new Date('2026-07-01T06:59:00Z'), ZONE)).toEqual(new Date(Date.UTC(2026, 5, 30, 23, 59)));
  });

  test('a date cell without a number format shows the way Sheets shows it', async () => {
    const { model } = buildTracker((_app, ss) => {
      ss.getSheetByName('Dashboard')!.getRange('A4:B4').setValues([[new Date('2026-03-16T19:00:00Z'), new Date('2026-03-16T07:00:00Z')]]);
    });
    const dashboard = sheet(await reread(model), 'Dashboard');
    expect(dashboard.getCell('A4').numFmt).toBe('yyyy-mm-dd h:mm:ss');
    expect(dashboard.getCell('B4').numFmt).toBe('yyyy-mm-dd');
  });

  test('number formats arrive in Excel syntax', () => {
    const plan = sheet(workbook, 'Action Plan');
    expect(plan.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(plan.getCell('D2').numFmt).toBe('"$"#,##0.00');
    expect(plan.getCell('E2').numFmt).toBe('0%');
    // An empty cell keeps its format, so a date typed later in Excel shows as a date too.
    expect(plan.getCell('B10').numFmt).toBe('yyyy-mm-dd');
  });

  test.each([
    ['yyyy-mm-dd', 'yyyy-mm-dd'],
    ['YYYY-MM-DD', 'yyyy-mm-dd'],
    ['"$"#,##0.00', '"$"#,##0.00'],
    ['0%', '0%'],
    ['@', '@'],
    ['dddddd, mmmmmm d, yyyyy', 'dddd, mmmm d, yyyy'],
    ['hhh:mm am/pm', 'hh:mm AM/PM'],
    ['[h+]:mm', '[h]:mm'],
    ['0.00E+00', '0.00E+00'],
    ['#,##0 kg', '#,##0 \\k\\g'],
    ['#,##0.00;[Red](#,##0.00)', '#,##0.00;[Red](#,##0.00)'],
  ])('the Sheets format %s is %s in Excel', (sheets, excel) => {
    expect(excelNumberFormat(sheets)).toBe(excel);
  });

  test('General and an empty format leave the cell to Excel', () => {
    expect(excelNumberFormat('General')).toBeUndefined();
    expect(excelNumberFormat('')).toBeUndefined();
  });

  test('a list that rejects other values stops them, with the help text as prompt and message', () => {
    const status = sheet(workbook, 'Action Plan').getCell('F20').dataValidation as DataValidation;
    expect(status).toMatchObject({ type: 'list', formulae: ['"Not started,In progress,Done"'], errorStyle: 'stop', showErrorMessage: true });
    expect(status.prompt).toBe('Pick a status from the list.');
    expect(status.error).toBe('Pick a status from the list.');
    expect(sheet(workbook, 'Action Plan').getCell('F21').dataValidation).toBeUndefined();
  });

  test('a list from a range points at the same cells, fixed, with a warning for other values', () => {
    const owner = sheet(workbook, 'Action Plan').getCell('G7').dataValidation as DataValidation;
    expect(owner).toMatchObject({ type: 'list', formulae: ["'Staff'!$A$2:$A$20"], errorStyle: 'warning' });
  });

  test('numbers, dates, checkboxes and custom formulas keep their rules', () => {
    const plan = sheet(workbook, 'Action Plan');
    expect(plan.getCell('D5').dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100000] });
    expect(plan.getCell('B5').dataValidation).toMatchObject({ type: 'date', operator: 'greaterThanOrEqual', errorStyle: 'stop' });
    expect(plan.getCell('C5').dataValidation).toMatchObject({ type: 'custom', formulae: ['OR(C2="",C2>=B2)'] });
    expect(sheet(workbook, 'Staff').getCell('B9').dataValidation).toMatchObject({ type: 'list', formulae: ['"TRUE,FALSE"'] });
  });

  test('a list too long or with commas for Excel moves to a hidden tab of lists', async () => {
    const services = ['Naloxone, training and kits', 'ID and housing help', 'Income assistance forms'];
    const { model } = buildTracker((app, ss) => {
      ss.getSheetByName('Staff')!.getRange('D2:D20').setDataValidation(app.newDataValidation().requireValueInList(services).build());
    });
    const reopened = await reread(model);
    expect(reopened.worksheets.map((w) => w.name)).toEqual(['Action Plan', 'Staff', 'Dashboard', 'Settings', 'Dropdown lists']);
    const lists = sheet(reopened, 'Dropdown lists');
    expect(lists.state).toBe('veryHidden');
    expect([1, 2, 3].map((r) => lists.getCell(r, 1).value)).toEqual(services);
    expect(sheet(reopened, 'Staff').getCell('D2').dataValidation).toMatchObject({ type: 'list', formulae: ["'Dropdown lists'!$A$1:$A$3"] });
  });

  test('a custom validation rule split by inserted rows keeps pointing at its own row', async () => {
    const { model } = buildTracker((_app, ss) => ss.getSheetByName('Action Plan')!.insertRowsAfter(10, 2));
    const plan = sheet(await reread(model), 'Action Plan');
    expect(plan.getCell('C2').dataValidation).toMatchObject({ formulae: ['OR(C2="",C2>=B2)'] });
    expect(plan.getCell('C13').dataValidation).toMatchObject({ formulae: ['OR(C13="",C13>=B13)'] });
    expect(plan.getCell('C11').dataValidation).toBeUndefined();
  });

  test('frozen rows and columns stay frozen, on the tab that was open', () => {
    const plan = sheet(workbook, 'Action Plan');
    expect(plan.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 1 });
    expect(sheet(workbook, 'Staff').views[0].state).toBe('normal');
    expect(workbook.views[0].activeTab).toBe(0);
  });

  test('conditional formats keep their formula, range and colours', () => {
    const [overdue, done] = conditionalFormats(sheet(workbook, 'Action Plan'));
    expect(overdue.ref).toBe('A2:G20');
    expect(overdue.rules[0]).toMatchObject({ type: 'expression', formulae: ['AND($C2<>"",$C2<TODAY(),$F2<>"Done")'] });
    expect(overdue.rules[0].style?.fill?.bgColor?.argb).toBe('FFF4CCCC');
    expect(overdue.rules[0].style?.font?.color?.argb).toBe('FF990000');
    expect(done.ref).toBe('F2:F20');
    expect(done.rules[0]).toMatchObject({ formulae: ['F2="Done"'] });
    expect(done.rules[0].style?.font?.bold).toBe(true);
  });

  test('HYPERLINK stays a formula whose result is the label', () => {
    expect(sheet(workbook, 'Action Plan').getCell('G2').value)
      .toEqual({ formula: 'HYPERLINK("https://example.org/plan","Open plan")', result: 'Open plan' });
    // Excel cannot read Sheets' open-ended A2:A; it ends at Excel's last row instead.
    expect(sheet(workbook, 'Dashboard').getCell('B2').value).toEqual({ formula: 'COUNTA(\'Action Plan\'!A2:A1048576)' });
  });

  test('bold headers, colours, wrap, alignment, notes, widths, merges and named ranges come across', () => {
    const plan = sheet(workbook, 'Action Plan');
    const header = plan.getCell('B1');
    expect(header.font).toMatchObject({ bold: true, color: { argb: 'FF1C4587' } });
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFCFE2F3' } });
    expect(header.alignment).toMatchObject({ wrapText: true });
    expect(plan.getCell('D1').alignment).toMatchObject({ horizontal: 'right' });
    expect(plan.getCell('A2').font?.bold).toBeFalsy();
    expect(plan.getCell('A1').note).toBe('One row per activity in the action plan.');
    expect(plan.getColumn(1).width).toBeCloseTo(33.57, 1); // 240 px
    expect(sheet(workbook, 'Dashboard').getCell('B1').isMerged).toBe(true);
    expect(sheet(workbook, 'Dashboard').getCell('B1').master.address).toBe('A1');
    expect(workbook.definedNames.getRanges('StaffNames').ranges).toEqual([expect.stringMatching(/^'?Staff'?!\$A\$2:\$A\$20$/)]);
  });

  test('protections and charts are not put into the file, and its description says so', async () => {
    const { model } = buildTracker();
    model.sheetByName('Dashboard')!.charts.push({
      id: 1, type: 'COLUMN', ranges: [{ row: 1, column: 1, numRows: 3, numColumns: 2 }],
      position: { row: 5, column: 1, offsetX: 0, offsetY: 0 }, options: {},
    });
    const reopened = await reread(model);
    expect((sheet(reopened, 'Staff') as unknown as { sheetProtection?: unknown }).sheetProtection).toBeFalsy();
    expect(reopened.description).toContain('Protected in Google Sheets, not in this file: the Staff tab (Confidential: coordinators only).');
    expect(reopened.description).toContain('1 chart from Google Sheets is not in this file.');
    // Nothing is written into the grid in place of the chart.
    expect(sheet(reopened, 'Dashboard').getCell('A5').value).toBeNull();
  });

  test('newer Excel functions get the prefix Excel needs, and text in quotes is left alone', () => {
    expect(excelFormula('=IFNA(VLOOKUP(A2,Staff!A:C,3,FALSE),"")')).toBe('_xlfn.IFNA(VLOOKUP(A2,Staff!A:C,3,FALSE),"")');
    expect(excelFormula('=TEXTJOIN(", ",TRUE,FILTER(A2:A9,B2:B9="IFS("))')).toBe('_xlfn.TEXTJOIN(", ",TRUE,_xlfn._xlws.FILTER(A2:A9,B2:B9="IFS("))');
    expect(excelFormula('=SUM(\'MAXIFS(\'!A1:A3)')).toBe('SUM(\'MAXIFS(\'!A1:A3)');
    expect(excelFormula(excelFormula('=IFS(A1>0,"yes",TRUE,"no")'))).toBe('_xlfn.IFS(A1>0,"yes",TRUE,"no")');
  });

  test('open-ended Sheets ranges are closed at Excel\'s last row, whole columns are left as they are', () => {
    expect(excelFormula('=COUNTIF(Staff!$B2:B,TRUE)+SUM(A:A)+SUM(C2:D)')).toBe('COUNTIF(Staff!$B2:B1048576,TRUE)+SUM(A:A)+SUM(C2:D1048576)');
    expect(excelFormula('=COUNTA(A2:A10,"B2:B")')).toBe('COUNTA(A2:A10,"B2:B")');
  });

  test('moving a formula shifts relative references only', () => {
    expect(shiftReferences('=AND($C2<>"",C2<TODAY(),"B2"<>B$2,LOG10(A1))', 3, 1)).toBe('=AND($C5<>"",D5<TODAY(),"B2"<>C$2,LOG10(B4))');
  });

  test('a tab name Excel cannot hold stops the export and names the tab', async () => {
    const { model } = buildTracker((_app, ss) => { ss.insertSheet('Budget 2026/27'); });
    await expect(toXlsxBuffer(model)).rejects.toThrow('The tab "Budget 2026/27" cannot be saved to .xlsx');
  });

  test('a colour or validation the export does not know is refused by name, not dropped', async () => {
    const colour = buildTracker((_app, ss) => { ss.getSheetByName('Staff')!.getRange('A1').setBackground('cornflowerblue'); });
    await expect(toXlsxBuffer(colour.model)).rejects.toThrow('the colour "cornflowerblue" (the background of Staff!A1) is not implemented');
    const rule = buildTracker((app, ss) => {
      ss.getSheetByName('Staff')!.getRange('E2').setDataValidation(app.newDataValidation().withCriteria('TEXT_LENGTH_AT_MOST' as never, [5]).build());
    });
    await expect(toXlsxBuffer(rule.model)).rejects.toThrow('the data validation TEXT_LENGTH_AT_MOST at Staff!E2 is not implemented');
  });

  test('writeSpreadsheetXlsx creates the folder and writes a file that reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rose-xlsx-'));
    try {
      const path = join(dir, 'out', 'rose-tracker.xlsx');
      await writeSpreadsheetXlsx(built.model, path, { now: built.ws.host.now() });
      const reopened = new Workbook();
      await reopened.xlsx.readFile(path);
      expect(reopened.worksheets.map((w) => w.name)).toEqual(['Action Plan', 'Staff', 'Dashboard', 'Settings']);
      expect(reopened.modified).toEqual(new Date('2026-03-16T17:00:00Z'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('xlsx export opened by LibreOffice', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'rose-xlsx-lo-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  testWithLibreOffice('shows every tab with the dates, money and labels a person would see', async (soffice) => {
    const { model } = buildTracker();
    const path = join(dir, 'rose-tracker.xlsx');
    await writeSpreadsheetXlsx(model, path);
    // Sheet option -1 writes one csv per tab; "save as shown" (true) keeps the formatted text.
    const csvs = await convertWithLibreOffice(soffice, path, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', dir);
    const byTab = new Map(await Promise.all(csvs.map(async (f) => [basename(f, '.csv').replace(/^rose-tracker-/, ''), await readFile(f, 'utf8')] as const)));
    expect([...byTab.keys()].sort()).toEqual(['Action Plan', 'Dashboard', 'Settings', 'Staff']);
    const plan = byTab.get('Action Plan')!.split(/\r?\n/);
    expect(plan[0]).toBe('Activity,Start,End,Budget,Share done,Status,Plan');
    expect(plan[1]).toBe('Naloxone refresher,2026-03-16,2026-04-01,"$1,234.50",25%,In progress,Open plan');
    expect(plan[2]).toBe('Meet-and-greet with paramedics,2026-04-10,2026-04-10,$350.00,0%,Not started,');
    expect(byTab.get('Staff')).toContain('Robin Example,TRUE,$27.85');
    // LibreOffice calculated the formula the model could not.
    expect(byTab.get('Dashboard')).toContain('Activities,3');
  });

  testWithLibreOffice('keeps the dropdowns, formats and conditional formats when it saves the file again', async (soffice) => {
    const { model } = buildTracker();
    const source = join(dir, 'round-trip.xlsx');
    await writeSpreadsheetXlsx(model, source);
    const outDir = await mkdtemp(join(dir, 'saved-'));
    const [saved] = await convertWithLibreOffice(soffice, source, 'xlsx:Calc Office Open XML', outDir);
    const reopened = new Workbook();
    await reopened.xlsx.readFile(saved);
    const plan = sheet(reopened, 'Action Plan');
    expect(plan.getCell('F2').dataValidation?.type).toBe('list');
    expect(plan.getCell('F2').dataValidation?.formulae[0]).toBe('"Not started,In progress,Done"');
    expect(plan.getCell('B2').numFmt).toBe('yyyy-mm-dd');
    expect(plan.getCell('B2').value).toEqual(new Date(Date.UTC(2026, 2, 16, 19, 30)));
    expect(conditionalFormats(plan).map((cf) => cf.rules[0].formulae?.[0])).toContain('AND($C2<>"",$C2<TODAY(),$F2<>"Done")');
    expect(sheet(reopened, 'Settings').state).toBe('hidden');
  });
});
