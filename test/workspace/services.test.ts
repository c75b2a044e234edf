// The local Workspace follows Google's documented behaviour: each test pins one behaviour the add-on relies on.
import { createWorkspace, type Workspace } from '../../workspace';
import { parseA1 } from '../../workspace/a1';

function services(ws: Workspace) {
  const g = ws.globals();
  return {
    SpreadsheetApp: g.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp,
    ScriptApp: g.ScriptApp as GoogleAppsScript.Script.ScriptApp,
    PropertiesService: g.PropertiesService as GoogleAppsScript.Properties.PropertiesService,
    LockService: g.LockService as GoogleAppsScript.Lock.LockService,
    CacheService: g.CacheService as GoogleAppsScript.Cache.CacheService,
    HtmlService: g.HtmlService as GoogleAppsScript.HTML.HtmlService,
    Utilities: g.Utilities as GoogleAppsScript.Utilities.Utilities,
    MailApp: g.MailApp as GoogleAppsScript.Mail.MailApp,
  };
}

function sheetIn(ws: Workspace): GoogleAppsScript.Spreadsheet.Sheet {
  const id = ws.createSpreadsheet('Test');
  ws.openInSheets(id);
  return services(ws).SpreadsheetApp.openById(id).getSheets()[0];
}

describe('A1 notation', () => {
  it.each([
    ['A1', { row: 1, column: 1, numRows: 1, numColumns: 1 }],
    ['$B$3', { row: 3, column: 2, numRows: 1, numColumns: 1 }],
    ['A1:C10', { row: 1, column: 1, numRows: 10, numColumns: 3 }],
    ['C10:A1', { row: 1, column: 1, numRows: 10, numColumns: 3 }],
    ['A:A', { row: 1, column: 1, numRows: null, numColumns: 1 }],
    ['2:2', { row: 2, column: 1, numRows: 1, numColumns: null }],
    ['A2:C', { row: 2, column: 1, numRows: null, numColumns: 3 }],
    ["'Action Plan'!B2:D4", { sheetName: 'Action Plan', row: 2, column: 2, numRows: 3, numColumns: 3 }],
  ])('%s', (notation, expected) => {
    expect(parseA1(notation)).toEqual({ sheetName: undefined, ...expected });
  });

  it('open-ended ranges run to the end of the sheet', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = sheetIn(ws);
      expect(sheet.getRange('A2:C').getNumRows()).toBe(999);
      expect(sheet.getRange('2:2').getNumColumns()).toBe(26);
      expect(() => sheet.getRange('nonsense!!')).toThrow('Range not found');
    });
  });
});

describe('Range values', () => {
  it("returns '' for empty cells, numbers, booleans and Dates", () => {
    const ws = createWorkspace({ timeZone: 'America/Vancouver' });
    ws.execute(() => {
      const sheet = sheetIn(ws);
      sheet.getRange('A1:D1').setValues([[1.5, true, new Date('2026-01-02T08:00:00Z'), '']]);
      const [row] = sheet.getRange('A1:E1').getValues();
      expect(row.slice(0, 2)).toEqual([1.5, true]);
      expect(row[2]).toBeInstanceOf(Date);
      expect(row.slice(3)).toEqual(['', '']);
    });
  });

  it('rejects data of the wrong size with Google\'s message and writes nothing', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = sheetIn(ws);
      expect(() => sheet.getRange('A1:B2').setValues([[1, 2]])).toThrow('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
      expect(() => sheet.getRange('A1:B1').setValues([[1, 2, 3]])).toThrow('The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.');
      expect(sheet.getLastRow()).toBe(0);
    });
  });

  it('reads strings as if typed: numbers, dates and formulas, unless plain text or an apostrophe says text', () => {
    const ws = createWorkspace({ timeZone: 'America/Vancouver' });
    ws.execute(() => {
      const sheet = sheetIn(ws);
      sheet.getRange('A1:D1').setValues([['0012', '2026-03-01', "'=1+1", 'plain']]);
      const [row] = sheet.getRange('A1:D1').getValues();
      expect(row[0]).toBe(12);
      expect(row[1]).toEqual(new Date('2026-03-01T08:00:00Z'));
      expect(row[2]).toBe('=1+1');
      expect(sheet.getRange('C1').getFormula()).toBe('');
      sheet.getRange('E1').setNumberFormat('@').setValue('0012');
      expect(sheet.getRange('E1').getValue()).toBe('0012');
      sheet.getRange('F1').setValue('=SUM(A1:A2)');
      expect(sheet.getRange('F1').getFormula()).toBe('=SUM(A1:A2)');
      expect(() => sheet.getRange('F1').getValue()).toThrow(/does not evaluate formulas/);
    });
  });

  it('shows display values through the number format', () => {
    const ws = createWorkspace({ timeZone: 'America/Vancouver' });
    ws.execute(() => {
      const sheet = sheetIn(ws);
      sheet.getRange('A1:C1').setValues([[1234.5, 0.256, new Date('2026-03-16T19:30:00Z')]]);
      sheet.getRange('A1').setNumberFormat('"$"#,##0.00');
      sheet.getRange('B1').setNumberFormat('0%');
      sheet.getRange('C1').setNumberFormat('yyyy-mm-dd');
      expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([['$1,234.50', '26%', '2026-03-16']]);
    });
  });

  it('formats several ranges in one call with a RangeList', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = sheetIn(ws);
      const mark = ws.ledger.mark();
      sheet.getRangeList(['A2:A5', 'C2:C5']).setNumberFormat('yyyy-mm-dd');
      expect(ws.ledger.since(mark)).toEqual(['Sheet.getRangeList', 'RangeList.setNumberFormat']);
      expect(sheet.getRange('A2:C2').getNumberFormats()).toEqual([['yyyy-mm-dd', 'General', 'yyyy-mm-dd']]);
    });
  });

  it('counts the last row and column with content, and appendRow writes after it', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = sheetIn(ws);
      sheet.getRange('C5').setNumberFormat('0.00');
      expect(sheet.getLastRow()).toBe(0);
      sheet.getRange('B3').setValue('x');
      sheet.appendRow(['a', 'b', 'c']);
      expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([4, 3]);
      expect(() => sheet.getRange(1001, 1)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    });
  });
});

describe('the ledger and loud failures', () => {
  it('records every call and throws on a method nobody implemented', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = sheetIn(ws);
      const mark = ws.ledger.mark();
      sheet.getRange('A1').getValues();
      expect(ws.ledger.since(mark)).toEqual(['Sheet.getRange', 'Range.getValues']);
      expect(() => (sheet.getRange('A1') as unknown as { setRichTextValue: () => void }).setRichTextValue()).toThrow('Range.setRichTextValue is not implemented by the local Workspace');
    });
  });

  it('injects a fault on the nth call of a method', () => {
    const ws = createWorkspace();
    ws.ledger.failOn('Range.setValue', { nth: 2, error: 'Service Spreadsheets failed while accessing document' });
    ws.execute(() => {
      const sheet = sheetIn(ws);
      sheet.getRange('A1').setValue(1);
      expect(() => sheet.getRange('A2').setValue(2)).toThrow('Service Spreadsheets failed');
      sheet.getRange('A3').setValue(3);
      expect(sheet.getRange('A1:A3').getValues()).toEqual([[1], [''], [3]]);
    });
  });

  it('ends an execution after six modelled minutes', () => {
    const ws = createWorkspace();
    expect(() => ws.execute(() => {
      const sheet = sheetIn(ws);
      for (let i = 1; i <= 3000; i += 1) sheet.getRange(1, 1).setValue(i);
    })).toThrow('Exceeded maximum execution time');
  });
});

describe('other services', () => {
  it('PropertiesService refuses a value over 9 KB', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      sheetIn(ws);
      const props = services(ws).PropertiesService.getDocumentProperties()!;
      props.setProperty('cursor', '12');
      expect(props.getProperty('cursor')).toBe('12');
      expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Argument too large: value');
    });
  });

  it('refuses calls the manifest\'s scopes do not cover: currentonly cannot open a spreadsheet by ID', () => {
    const ws = createWorkspace({ scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    const id = ws.createSpreadsheet('Scoped');
    ws.openInSheets(id);
    ws.execute(() => {
      expect(services(ws).SpreadsheetApp.getActiveSpreadsheet()!.getId()).toBe(id);
      expect(() => services(ws).SpreadsheetApp.openById(id)).toThrow('You do not have permission to call SpreadsheetApp.openById. Required permissions: https://www.googleapis.com/auth/spreadsheets');
      expect(() => services(ws).MailApp.sendEmail('a@example.org', 's', 'b')).toThrow(/script.send_mail/);
    });
  });

  it('forbids everything but the menu in AuthMode.NONE', () => {
    const ws = createWorkspace();
    sheetIn(ws);
    ws.execute(() => {
      expect(() => services(ws).SpreadsheetApp.getActiveSpreadsheet()).toThrow(/You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/);
      expect(() => services(ws).PropertiesService.getDocumentProperties()).toThrow(/permission/);
      services(ws).SpreadsheetApp.getUi().createAddonMenu().addItem('Set up', 'setupTracker').addToUi();
    }, { authMode: 'NONE' });
    expect(ws.host.menus[0].items[0]).toEqual({ caption: 'Set up', functionName: 'setupTracker' });
  });

  it('LockService releases a lock when the execution ends; another execution times out while it is held', () => {
    const ws = createWorkspace();
    sheetIn(ws);
    ws.execute(() => {
      const lock = services(ws).LockService.getDocumentLock()!;
      lock.waitLock(1000);
      expect(lock.hasLock()).toBe(true);
      ws.execute(() => {
        expect(services(ws).LockService.getDocumentLock()!.tryLock(500)).toBe(false);
      });
    });
    ws.execute(() => expect(services(ws).LockService.getDocumentLock()!.tryLock(10)).toBe(true));
  });

  it('CacheService forgets entries after their time', () => {
    const ws = createWorkspace({ now: '2026-01-01T00:00:00Z' });
    ws.execute(() => {
      const cache = services(ws).CacheService.getScriptCache();
      cache.put('k', 'v', 60);
      expect(cache.get('k')).toBe('v');
      ws.host.advance(61000);
      expect(cache.get('k')).toBeNull();
    });
  });

  it('HtmlService escapes <?= ?> and leaves <?!= ?> raw', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const template = services(ws).HtmlService.createTemplate('<p><?= name ?></p><?!= raw ?>');
      (template as unknown as Record<string, string>).name = '<script>alert(1)</script>';
      (template as unknown as Record<string, string>).raw = '<b>ok</b>';
      expect(template.evaluate().getContent()).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><b>ok</b>');
    });
  });

  it('Utilities.formatDate follows Java patterns in the given time zone', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const date = new Date('2026-03-17T03:30:00Z');
      expect(services(ws).Utilities.formatDate(date, 'America/Vancouver', "yyyy-MM-dd HH:mm 'PT'")).toBe('2026-03-16 20:30 PT');
      expect(services(ws).Utilities.formatDate(date, 'UTC', 'EEE, d MMM yyyy')).toBe('Tue, 17 Mar 2026');
    });
  });

  it('an add-on may create one trigger of each type per user per document', () => {
    const ws = createWorkspace();
    const id = ws.createSpreadsheet('T');
    ws.openInSheets(id);
    ws.execute(() => {
      const { ScriptApp, SpreadsheetApp } = services(ws);
      ScriptApp.newTrigger('daily').timeBased().everyDays(1).atHour(7).create();
      expect(() => ScriptApp.newTrigger('again').timeBased().everyHours(1).create()).toThrow(/too many time-based triggers/);
      ScriptApp.newTrigger('onSubmit').forSpreadsheet(SpreadsheetApp.getActive()!).onFormSubmit().create();
      expect(ScriptApp.getUserTriggers(SpreadsheetApp.getActive()!).length).toBe(2);
    });
  });

  it('a weekly clock trigger runs on a ScriptApp.WeekDay, and refuses a day that is not one', () => {
    const ws = createWorkspace();
    const id = ws.createSpreadsheet('T');
    ws.openInSheets(id);
    ws.execute(() => {
      const { ScriptApp } = services(ws);
      const builder = () => ScriptApp.newTrigger('weekly').timeBased();
      expect(() => builder().onWeekDay('FUNDAY' as unknown as GoogleAppsScript.Base.Weekday)).toThrow('Invalid argument: day');
      expect(() => builder().everyWeeks(0)).toThrow('Invalid argument: weeks');
      builder().everyWeeks(1).onWeekDay(ScriptApp.WeekDay.THURSDAY).atHour(9).create();
    });
    expect(ws.triggers.triggers[0]).toMatchObject({ everyWeeks: 1, weekDay: 'THURSDAY', atHour: 9 });
  });

  it('MailApp keeps an outbox and counts the daily quota by recipient', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const { MailApp } = services(ws);
      const before = MailApp.getRemainingDailyQuota();
      MailApp.sendEmail('a@example.org,b@example.org', 'Subject', 'Body');
      expect(MailApp.getRemainingDailyQuota()).toBe(before - 2);
      expect(ws.outbox[0].to).toBe('a@example.org,b@example.org');
    });
  });
});
