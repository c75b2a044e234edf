// Fills a set-up tracker with the fictional sample organization, as a coordinator would paste it in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../workspace';

export interface SampleOrganization {
  about: string;
  today: string;
  settings: Record<string, string | number>;
  tabs: Record<string, Record<string, string | number>[]>;
}

export function loadSampleOrganization(path = join(__dirname, '..', '..', 'templates', 'sample', 'organization.json')): SampleOrganization {
  return JSON.parse(readFileSync(path, 'utf8')) as SampleOrganization;
}

/** Writes Settings values and appends each tab's rows by header name (one setValues per tab). */
export function fillSampleOrganization(ws: Workspace, spreadsheetId: string, sample: SampleOrganization): void {
  const SpreadsheetApp = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  ws.execute(() => {
    const ss = SpreadsheetApp.openById(spreadsheetId);
    const settings = ss.getSheetByName('Settings');
    if (!settings) throw new Error('Run Set up tracker before filling the sample organization.');
    const values = settings.getDataRange().getValues();
    const keyColumn = values[0].indexOf('Setting');
    const valueColumn = values[0].indexOf('Value');
    for (const [key, value] of Object.entries(sample.settings)) {
      const row = values.findIndex((r) => r[keyColumn] === key);
      if (row < 1) throw new Error(`Settings has no row "${key}"`);
      values[row][valueColumn] = value;
    }
    settings.getRange(1, valueColumn + 1, values.length, 1).setValues(values.map((r): unknown[] => [r[valueColumn]]));
    for (const [tab, rows] of Object.entries(sample.tabs)) {
      const sheet = ss.getSheetByName(tab);
      if (!sheet) throw new Error(`The tracker has no tab "${tab}"`);
      const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
      for (const row of rows) {
        const unknown = Object.keys(row).filter((h) => !header.includes(h));
        if (unknown.length) throw new Error(`Sample data for ${tab} has columns the tab does not: ${unknown.join(', ')}`);
      }
      const grid = rows.map((row) => header.map((h) => (row[h] === undefined ? '' : row[h])));
      sheet.getRange(sheet.getLastRow() + 1, 1, grid.length, header.length).setValues(grid);
    }
  });
}
