// Fills a set-up tracker with the fictional sample organization, as a coordinator would paste it in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../workspace';

export interface SampleOrganization {
  about: string;
  /** The day the sample's story is told on: as written in the file, or the day asked for. */
  today: string;
  /** Days every date of the file was moved by to tell the story on `today` (0 as written). */
  shiftDays: number;
  settings: Record<string, string | number>;
  tabs: Record<string, Record<string, string | number>[]>;
}

export interface SampleOptions {
  path?: string;
  /** Tell the story on this day (YYYY-MM-DD): every date in the sample moves by the same number of days. */
  today?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** A YYYY-MM-DD date, or an ISO date-time, moved by whole days (the time of day kept). */
export function shiftSampleDate(text: string, days: number): string {
  const match = ISO_DATE.exec(text);
  if (!match || days === 0) return text;
  const moved = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return moved.toISOString().slice(0, 10) + text.slice(10);
}

function daysFrom(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/**
 * The fictional organization. With `today`, its whole story (starts, deadlines, trainings, surveys)
 * is moved so that it is told on that day: what was three days overdue on the file's day is three
 * days overdue on `today`, so the tracker opened later still looks live.
 */
export function loadSampleOrganization(options: SampleOptions = {}): SampleOrganization {
  const path = options.path ?? join(__dirname, '..', '..', 'templates', 'sample', 'organization.json');
  const written = JSON.parse(readFileSync(path, 'utf8')) as Omit<SampleOrganization, 'shiftDays'>;
  if (options.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.today)) {
    throw new Error(`The sample's day must be written YYYY-MM-DD, not "${options.today}"`);
  }
  const shiftDays = options.today === undefined ? 0 : daysFrom(written.today, options.today);
  const shift = (value: string | number): string | number => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? shiftSampleDate(value, shiftDays) : value);
  const tabs: SampleOrganization['tabs'] = {};
  for (const [tab, rows] of Object.entries(written.tabs)) {
    tabs[tab] = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, shift(value)])));
  }
  const settings = Object.fromEntries(Object.entries(written.settings).map(([key, value]) => [key, shift(value)]));
  return { ...written, today: shiftSampleDate(written.today, shiftDays), shiftDays, settings, tabs };
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
