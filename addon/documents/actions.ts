// Document actions behind the menu and the Generate documents sidebar: install templates, register a Doc, list choices, and the backstop for unfinished jobs.
import { TrackerStore } from '../tracker/store';
import { refId } from '../tracker/table';
import { ROLES } from '../tracker/schema';
import { installTemplates, readRegistry, registerTemplate, choiceOf } from './registry';
import { readTracker, runBackstop, unfinishedJobs } from './generate';
import { continueSending, type SendResult } from './send';
import type { InstallResult, JobProgress, RegisterResult, TemplatesAndPeople } from './types';
import { documentRows, latestRows } from './jobs';
import { afterPick, pickerSetup, unreachableTemplates, type PickerSetup } from './access';

/** Menu: ROSE Tracker → Install document templates. Offers a new copy when a newer built-in version exists. */
export function installTemplatesAction(): InstallResult {
  const ui = SpreadsheetApp.getUi();
  const result = installTemplates();
  if (result.newerAvailable.length) {
    const answer = ui.alert(
      'Install document templates',
      `${result.lines.join('\n')}\n\nInstall a new copy of the ${result.newerAvailable.length} updated template(s)? Your current copies stay in the folder as they are; new documents will use the new copies.`,
      ui.ButtonSet.YES_NO,
    );
    if (answer === ui.Button.YES) {
      const again = installTemplates(result.newerAvailable);
      ui.alert('Install document templates', again.lines.join('\n'), ui.ButtonSet.OK);
      return again;
    }
    return result;
  }
  ui.alert('Install document templates', `${result.lines.join('\n')}\n\nFolder: ${result.folderLink}`, ui.ButtonSet.OK);
  return result;
}

/** Menu: ROSE Tracker → Register a Google Doc as a template. */
export function registerTemplateAction(): RegisterResult | null {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.prompt(
    'Register a Google Doc as a template',
    'Paste the link of the Google Doc. Write fields in it as {{Full name}}, {{Start}}, {{Site name}}… (the sidebar lists them).',
    ui.ButtonSet.OK_CANCEL,
  );
  if (answer.getSelectedButton() !== ui.Button.OK) return null;
  const result = registerTemplate(answer.getResponseText());
  const details = result.problems.map((p) => `• ${p.message}`).join('\n');
  ui.alert('Register a Google Doc as a template', details ? `${result.message}\n\n${details}` : result.message, ui.ButtonSet.OK);
  return result;
}

/** Menu: ROSE Tracker → Give ROSE Tracker access to templates: the Google Picker dialog (access.ts says why). */
export function showTemplateAccessAction(): void {
  const page = HtmlService.createHtmlOutputFromFile('picker').setWidth(640).setHeight(480);
  SpreadsheetApp.getUi().showModalDialog(page, 'Give ROSE Tracker access to templates');
}

/** The dialog's first call: the Picker's settings, this person's token, and what they need to pick. */
export function templatePickerSetup(): PickerSetup {
  return pickerSetup(TrackerStore.open().settings().documentsFolder, readRegistry());
}

/** The dialog's last call: checks again what this person's ROSE Tracker reaches now. */
export function templatesPickedAction(pickedIds: string[]): { ok: boolean; lines: string[] } {
  const picked = Array.isArray(pickedIds) ? pickedIds.length : 0;
  return afterPick(picked, pickerSetup(TrackerStore.open().settings().documentsFolder, readRegistry()));
}

/** Menu: ROSE Tracker → Generate documents. */
export function showDocumentsSidebarAction(): void {
  const page = HtmlService.createHtmlOutputFromFile('documents').setTitle('Generate documents');
  SpreadsheetApp.getUi().showSidebar(page);
}

/** What the sidebar offers: templates, people with their site, role and the documents they already have, and jobs left unfinished. */
export function templatesAndPeople(): TemplatesAndPeople {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const store = TrackerStore.open(ss);
  const staff = store.table('Staff');
  const sites = store.table('Sites');
  const siteNames = new Map<string, string>();
  for (const record of sites?.records ?? []) {
    const id = refId(record.values.id);
    if (id) siteNames.set(id, String(record.values.name ?? id));
  }
  const registry = readRegistry();
  // Who already has a finished document from each template: the latest Documents row per person says.
  const rows = documentRows((store.table('Documents')?.records ?? []).map((record) => record.values));
  const finished = new Map<string, string[]>();
  for (const template of registry) {
    for (const row of latestRows(rows, template.id).values()) {
      const had = finished.get(row.staffId) ?? [];
      if (row.status === 'Done' && had.indexOf(template.id) < 0) finished.set(row.staffId, [...had, template.id]);
    }
  }
  const people = (staff?.records ?? [])
    .filter((record) => refId(record.values.id) !== '')
    .map((record) => {
      const siteId = refId(record.values.site);
      return {
        staffId: refId(record.values.id), name: String(record.values.fullName ?? ''), role: String(record.values.role ?? ''),
        siteId, siteName: siteNames.get(siteId) ?? '', hasDocument: finished.get(refId(record.values.id)) ?? [],
      };
    });
  const roles: string[] = ROLES.slice();
  for (const person of people) if (person.role && roles.indexOf(person.role) < 0) roles.push(person.role);
  const templates = registry.map(choiceOf);
  // Templates another coordinator installed need picking once by this person (access.ts).
  const unreachable = unreachableTemplates(registry);
  return {
    templates, people, roles,
    sites: Array.from(siteNames, ([siteId, name]) => ({ siteId, name })),
    notice: templates.length ? unreachable.map((u) => u.message).join(' ') : 'No templates yet: choose ROSE Tracker → Install document templates first.',
    unfinished: unfinishedJobs(ss.getId()),
  };
}

/** Called from the reminders' time-driven trigger (the one time trigger an add-on may have per document). */
export function documentJobsBackstop(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): JobProgress[] {
  return runBackstop(spreadsheet);
}

/**
 * Called from the daily trigger too: emails the mail quota held back go out once it allows. The
 * registry of templates (and a contract's acknowledgement code) live in document properties, which a
 * time-driven run of an add-on does not have (FACTS: multi-user semantics); there the emails wait for
 * the sidebar's Send again, and null says nothing was tried.
 */
export function continueSendingBackstop(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SendResult | null {
  if (!PropertiesService.getDocumentProperties()) return null;
  return continueSending(readTracker(TrackerStore.open(spreadsheet)));
}
