// Test fixture for the reading commands: trackers set up and filled by the built add-on inside the Workspace behind the REST server.
import { join } from 'node:path';
import type { Workspace } from '../../workspace';
import { AddOn } from '../../workspace/bundle';
import { localToken } from '../../workspace/rest';
import { fillSampleOrganization, loadSampleOrganization, type SampleOrganization } from '../../scripts/sample/organization';
import { submitSampleResponses } from '../../scripts/sample/surveys';
import { COORDINATOR, type RestHarness } from '../support/rest-harness';

export const DIST_CODE = join(__dirname, '..', '..', 'dist', 'Code.js');
export const TODAY = '2026-03-16';

/** The add-on run on an existing spreadsheet: set up, then (optionally) the sample organization and its survey answers. */
export function prepareTracker(ws: Workspace, addon: AddOn, spreadsheetId: string, options: { sample?: SampleOrganization | null; surveys?: boolean } = {}): void {
  ws.openInSheets(spreadsheetId);
  const setup = addon.call<{ ok: boolean; problems: string[] }>('setupTracker');
  if (!setup.ok) throw new Error(`Set up tracker stopped: ${setup.problems.join(' ')}`);
  const sample = options.sample === undefined ? loadSampleOrganization() : options.sample;
  if (sample) fillSampleOrganization(ws, spreadsheetId, sample);
  addon.call('refreshComputed');
  if (options.surveys ?? Boolean(sample)) submitSampleResponses(ws, addon, spreadsheetId);
  addon.call('refreshComputed');
}

/** A new tracker spreadsheet in the harness's Workspace, prepared by the built add-on. */
export function sampleTracker(h: RestHarness, name: string, options: { sample?: SampleOrganization | null; surveys?: boolean } = {}): { id: string; addon: AddOn } {
  const addon = AddOn.load(h.ws, DIST_CODE);
  const id = h.ws.createSpreadsheet(name);
  prepareTracker(h.ws, addon, id, options);
  return { id, addon };
}

/** The sample organization under another name, with its sites and people renamed, so two trackers differ. */
export function otherOrganization(name: string): SampleOrganization {
  const sample = loadSampleOrganization();
  return {
    ...sample,
    settings: { ...sample.settings, 'Organization name': name },
    tabs: { ...sample.tabs, Staff: sample.tabs.Staff.slice(0, 5), 'Staff pay and contacts': (sample.tabs['Staff pay and contacts'] ?? []).slice(0, 5) },
  };
}

export function env(h: RestHarness, user = COORDINATOR): Record<string, string> {
  return { ROSE_API_ROOT: h.server.rootUrl, ROSE_ACCESS_TOKEN: localToken(user) };
}

/** The values of a tab as the add-on sees them (header row first). */
export function tabValues(ws: Workspace, spreadsheetId: string, tab: string): unknown[][] {
  const SpreadsheetApp = ws.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  return ws.execute(() => SpreadsheetApp.openById(spreadsheetId).getSheetByName(tab)!.getDataRange().getValues());
}
