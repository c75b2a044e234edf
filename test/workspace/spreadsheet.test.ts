// SpreadsheetApp in the local Workspace: the documented behaviours the add-on relies on, each pinned once.
import { createWorkspace, type Workspace } from '../../workspace';

function open(ws: Workspace): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const id = ws.createSpreadsheet('Pinned');
  ws.openInSheets(id);
  return (ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp).openById(id);
}

const app = (ws: Workspace) => ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;

describe('sheets of a spreadsheet', () => {
  it('inserts, finds, renames and deletes sheets, refusing a duplicate name and removing the last sheet', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const ss = open(ws);
      const staff = ss.insertSheet('Staff');
      expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Staff']);
      expect(() => ss.insertSheet('staff')).toThrow('A sheet with the name "staff" already exists. Please enter another name.');
      staff.setName('Roster');
      expect(ss.getSheetByName('Staff')).toBeNull();
      expect(ss.getSheetByName('Roster')!.getSheetId()).toBe(staff.getSheetId());
      ss.deleteSheet(ss.getSheetByName('Sheet1')!);
      expect(() => ss.deleteSheet(ss.getSheetByName('Roster')!)).toThrow("You can't remove all the sheets in a document.");
    });
  });

  it('keeps developer metadata on the spreadsheet: added with a value, read back, changed and removed, whatever the tabs are renamed to', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const ss = open(ws);
      const sheet = ss.insertSheet('Staff');
      ss.addDeveloperMetadata('rose.test', String(sheet.getSheetId())).addDeveloperMetadata('flag');
      sheet.setName('Team');
      const [first, second] = ss.getDeveloperMetadata();
      expect([first.getKey(), first.getValue(), String(first.getVisibility()), String(first.getLocation().getLocationType())])
        .toEqual(['rose.test', String(sheet.getSheetId()), 'DOCUMENT', 'SPREADSHEET']);
      expect([second.getKey(), second.getValue()]).toEqual(['flag', null]);
      expect(first.getId()).not.toBe(second.getId());
      first.setValue('7');
      second.remove();
      expect(ss.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()])).toEqual([['rose.test', '7']]);
      expect(() => ss.addDeveloperMetadata('')).toThrow('Invalid argument: key');
    });
  });

  it('hides and shows a sheet, but never the last visible one, and keeps its tab colour and frozen rows', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const ss = open(ws);
      const lists = ss.insertSheet('Lists');
      lists.hideSheet();
      expect(lists.isSheetHidden()).toBe(true);
      expect(() => ss.getSheetByName('Sheet1')!.hideSheet()).toThrow("You can't hide all the sheets in a document.");
      lists.showSheet().setTabColor('#188038').setFrozenRows(1);
      expect([lists.isSheetHidden(), lists.getTabColor(), lists.getFrozenRows()]).toEqual([false, '#188038', 1]);
    });
  });

  it('keeps named ranges and the time zone and locale', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const ss = open(ws);
      ss.setNamedRange('Coordinators', ss.getSheets()[0].getRange('B2:B5'));
      expect(ss.getRangeByName('Coordinators')!.getA1Notation()).toBe('B2:B5');
      expect(ss.getRangeByName('Nobody')).toBeNull();
      ss.setSpreadsheetTimeZone('America/Toronto');
      ss.setSpreadsheetLocale('fr_CA');
      expect([ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale()]).toEqual(['America/Toronto', 'fr_CA']);
      expect(() => ss.setSpreadsheetTimeZone('Mars/Olympus')).toThrow(/Invalid argument/);
    });
  });
});

describe('ranges', () => {
  it('gives A1 notation, offsets and row/column forms', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = open(ws).getSheets()[0];
      const range = sheet.getRange(2, 3, 4, 2);
      expect(range.getA1Notation()).toBe('C2:D5');
      expect(range.offset(1, -1).getA1Notation()).toBe('B3:C6');
      expect(range.offset(0, 0, 1, 1).getA1Notation()).toBe('C2');
      expect([range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns(), range.getLastRow(), range.getLastColumn()]).toEqual([2, 3, 4, 2, 5, 4]);
      expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
      expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    });
  });

  it('clears contents but keeps formats, and clear() removes both', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = open(ws).getSheets()[0];
      sheet.getRange('A1:B1').setValues([[1, 2]]).setNumberFormat('0.00');
      sheet.getRange('A1').clearContent();
      expect([sheet.getRange('A1').getValue(), sheet.getRange('A1').getNumberFormat()]).toEqual(['', '0.00']);
      sheet.getRange('B1').clear();
      expect([sheet.getRange('B1').getValue(), sheet.getRange('B1').getNumberFormat()]).toEqual(['', 'General']);
    });
  });

  it('sorts rows by a column, empties last, and moves whole rows', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = open(ws).getSheets()[0];
      sheet.getRange('A1:B4').setValues([['b', 2], ['', 9], ['a', 1], ['C', 3]]);
      sheet.getRange('A1:B4').sort({ column: 1, ascending: true });
      expect(sheet.getRange('A1:B4').getValues()).toEqual([['a', 1], ['b', 2], ['C', 3], ['', 9]]);
    });
  });

  it('merges cells and reports the merges a range touches', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = open(ws).getSheets()[0];
      sheet.getRange('B1:C1').merge();
      expect(sheet.getRange('A1:D1').getMergedRanges().map((r) => r.getA1Notation())).toEqual(['B1:C1']);
      expect(sheet.getRange('C1').isPartOfMerge()).toBe(true);
      expect(sheet.getRange('D1').isPartOfMerge()).toBe(false);
    });
  });
});

describe('builders stored and readable back', () => {
  it('a dropdown rule keeps its criteria, list, help text and whether other values are allowed', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = open(ws).getSheets()[0];
      const rule = app(ws).newDataValidation().requireValueInList(['Yes', 'No'], true).setAllowInvalid(false).setHelpText('Yes or No').build();
      sheet.getRange('A2:A10').setDataValidation(rule);
      const back = sheet.getRange('A5').getDataValidation()!;
      expect(back.getCriteriaType()).toBe(app(ws).DataValidationCriteria.VALUE_IN_LIST);
      expect(back.getCriteriaValues()).toEqual([['Yes', 'No'], true]);
      expect([back.getAllowInvalid(), back.getHelpText()]).toEqual([false, 'Yes or No']);
      expect(sheet.getRange('A11').getDataValidation()).toBeNull();
    });
  });

  it('a conditional format rule keeps its formula, colour and ranges', () => {
    const ws = createWorkspace();
    ws.execute(() => {
      const sheet = open(ws).getSheets()[0];
      const rule = app(ws).newConditionalFormatRule().whenFormulaSatisfied('=$E2<TODAY()').setBackground('#f4c7c3')
        .setRanges([sheet.getRange('E2:E')]).build();
      sheet.setConditionalFormatRules([rule]);
      const [back] = sheet.getConditionalFormatRules();
      expect(back.getBooleanCondition()!.getCriteriaValues()).toEqual(['=$E2<TODAY()']);
      expect(back.getBooleanCondition()!.getBackground()).toBe('#f4c7c3');
      expect(back.getRanges().map((r) => r.getA1Notation())).toEqual(['E2:E1000']);
      expect(() => app(ws).newConditionalFormatRule().whenFormulaSatisfied('no equals sign')).toThrow('Invalid argument: formula');
    });
  });
});

describe('protections', () => {
  it('protect a range to its editors; a warning-only protection lets everyone edit', () => {
    const ws = createWorkspace({ user: 'owner@example.org' });
    const id = ws.createSpreadsheet('Protected');
    ws.openInSheets(id);
    ws.share(id, 'helper@example.org');
    ws.execute(() => {
      const sheet = app(ws).openById(id).getSheets()[0];
      // A new protection mirrors the spreadsheet's editors; limiting it takes Google's sample's removeEditors(getEditors()).
      const names = sheet.getRange('A1:A5').protect().setDescription('Names');
      names.removeEditors(names.getEditors());
      sheet.getRange('B1:B5').protect().setDescription('Notes').setWarningOnly(true);
    });
    ws.execute(() => {
      const ss = app(ws).openById(id);
      const sheet = ss.getSheets()[0];
      const [names, notes] = ss.getProtections(app(ws).ProtectionType.RANGE);
      expect([names.getDescription(), names.canEdit(), notes.canEdit()]).toEqual(['Names', false, true]);
      expect(() => sheet.getRange('A2').setValue('x')).toThrow('You are trying to edit a protected cell or object.');
      sheet.getRange('B2').setValue('fine');
      expect(sheet.getRange('B2').getValue()).toBe('fine');
    }, { user: 'helper@example.org' });
  });

  it('a sheet protection can leave ranges unprotected', () => {
    const ws = createWorkspace({ user: 'owner@example.org' });
    const id = ws.createSpreadsheet('Sheet protection');
    ws.openInSheets(id);
    ws.share(id, 'helper@example.org');
    ws.execute(() => {
      const sheet = app(ws).openById(id).getSheets()[0];
      const protection = sheet.protect().setUnprotectedRanges([sheet.getRange('C1:C10')]);
      protection.removeEditors(protection.getEditors());
    });
    ws.execute(() => {
      const sheet = app(ws).openById(id).getSheets()[0];
      sheet.getRange('C3').setValue('allowed');
      expect(() => sheet.getRange('A1').setValue('no')).toThrow(/protected cell/);
    }, { user: 'helper@example.org' });
  });
});

describe('the UI', () => {
  it('records alerts, prompts, sidebars and dialogs, answering with what a test scripted', () => {
    const ws = createWorkspace();
    open(ws);
    ws.host.uiAnswers.push({ button: 'YES' }, { button: 'OK', text: 'typed' });
    ws.execute(() => {
      const ui = app(ws).getUi();
      expect(ui.alert('Title', 'Really?', ui.ButtonSet.YES_NO)).toBe('YES');
      expect(ui.prompt('Name?').getResponseText()).toBe('typed');
      const html = (ws.globals().HtmlService as GoogleAppsScript.HTML.HtmlService).createHtmlOutput('<p>Hi</p>').setTitle('Side');
      ui.showSidebar(html);
      ui.showModalDialog(html, 'Dialog');
      app(ws).getActiveSpreadsheet()!.toast('Saved', 'ROSE Tracker');
    });
    expect(ws.host.uiLog.map((e) => [e.kind, e.title])).toEqual([
      ['alert', 'Title'], ['prompt', ''], ['sidebar', 'Side'], ['modalDialog', 'Dialog'], ['toast', 'ROSE Tracker'],
    ]);
  });
});
