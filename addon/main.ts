// The names Apps Script calls: simple triggers, menu actions, trigger handlers and sidebar calls. Each export becomes a top-level function.
import { buildMenu } from './menu';
import { setupTrackerAction, checkDataAction, refreshTracker } from './tracker/actions';
import { setUpPrivateWorkbooksAction } from './privacy/workbooks';
import { handleSimpleEdit, handleTrackerEdit } from './tracker/edit-trigger';
import { refreshDashboardAction, refreshDashboardAfter, alsoRefreshDashboard } from './dashboard/render';
import { reminderSettings, runScheduledReminders, sendRemindersNowAction, setReminderScheduleAction, showRemindersAction } from './reminders/actions';
import type { ReminderSchedule } from './reminders/trigger';
import { createOrUpdateFormsAction } from './surveys/forms';
import { handleFormSubmit, reprocessMissedAction, type FormSubmitEvent } from './surveys/intake';
import { buildEvaluationReport as writeEvaluationReport } from './surveys/report-tab';
import { installTemplatesAction, registerTemplateAction, showDocumentsSidebarAction, templatesAndPeople, documentJobsBackstop, continueSendingBackstop } from './documents/actions';
import { showTemplateAccessAction, templatePickerSetup as templatePickerSetupAction, templatesPickedAction } from './documents/actions';
import { cancelJob, jobProgress, preview, runChunk, startJob } from './documents/generate';
import { spreadsheetForRun } from './reminders/trigger';
import type { JobRequest } from './documents/types';
import { continueSending, sendDocuments, type SendRequest } from './documents/send';
import { inWorkingOrder, onDashboard } from './tracker/tab-order';
import { buildProcessReport, buildSiteReport, closeSurveyWave as closeWaveFor, closeSurveyWaveAction } from './evaluation/actions';

/** Runs when the Sheet opens; in AuthMode.NONE it may only build the menu, so that is all it does. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(SpreadsheetApp.getUi());
}

/** Runs when the add-on is installed from the Marketplace: show the menu at once. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Simple trigger (as the person editing, AuthMode.LIMITED): changes nothing, says when edits are not refreshed. */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleSimpleEdit(e);
}

/** Installable on-edit trigger setup creates (as that coordinator): new rows get IDs, computed columns and dropdowns follow edits. */
export function onTrackerEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): ReturnType<typeof handleTrackerEdit> {
  return handleTrackerEdit(e);
}

/** Menu: ROSE Tracker → Set up tracker. */
export function setupTracker(): ReturnType<typeof setupTrackerAction> {
  return onDashboard(refreshDashboardAfter(setupTrackerAction()));
}

/** Menu: ROSE Tracker → Check data. */
export function checkData(): ReturnType<typeof checkDataAction> {
  return inWorkingOrder(checkDataAction());
}

/** Menu: ROSE Tracker → Refresh computed columns. */
export function refreshComputed(): ReturnType<typeof refreshTracker> {
  return refreshTracker();
}

/** Menu: ROSE Tracker → Refresh dashboard. */
export function refreshDashboard(): ReturnType<typeof refreshDashboardAction> {
  return refreshDashboardAction();
}

/** Menu: ROSE Tracker → Reminders (opens the dialog: who receives the digest and how often). */
export function showReminders(): void {
  showRemindersAction();
}

/** Dialog call: coordinators, the saved schedule, the last runs and today's email quota. */
export function getReminderSettings(): ReturnType<typeof reminderSettings> {
  return reminderSettings();
}

/** Dialog call: save the reminder schedule and replace this user's reminder trigger. */
export function setReminderSchedule(schedule: ReminderSchedule): ReturnType<typeof setReminderScheduleAction> {
  return setReminderScheduleAction(schedule);
}

/** Menu: ROSE Tracker → Send reminders now. */
export function sendRemindersNow(): ReturnType<typeof sendRemindersNowAction> {
  // A Reminder log made by this run is placed in working order by the digest's own batch (send.ts).
  return sendRemindersNowAction();
}

/** Time-driven trigger: refresh computed columns and the Dashboard, then send the reminder digest. */
export function runDailyReminders(e?: GoogleAppsScript.Events.TimeDriven): ReturnType<typeof runScheduledReminders> {
  const sent = runScheduledReminders(e);
  // The same trigger is the backstop for document jobs left unfinished: an add-on may have one time trigger per document.
  // A trigger the schedule no longer names has just removed itself, and with it the record of its tracker.
  if (sent.outcome !== 'schedule handed over') {
    documentJobsBackstop(spreadsheetForRun(e));
    // Emails the mail quota held back yesterday go out now.
    continueSendingBackstop(spreadsheetForRun(e));
  }
  return sent;
}

/** Menu: ROSE Tracker → Create or update forms. */
export function createOrUpdateForms(): ReturnType<typeof createOrUpdateFormsAction> {
  return inWorkingOrder(createOrUpdateFormsAction());
}

/** Installable form-submit trigger of this spreadsheet: stores one submission in its tab. */
export function onFormSubmitTrigger(e: FormSubmitEvent): ReturnType<typeof handleFormSubmit> {
  return handleFormSubmit(e);
}

/** Menu: ROSE Tracker → Set up private workbooks (in the tracker: create, share, link, move; in a private workbook: intake on). */
export function setUpPrivateWorkbooks(): ReturnType<typeof setUpPrivateWorkbooksAction> {
  return setUpPrivateWorkbooksAction();
}

/** Menu: ROSE Tracker → Process missed form responses. */
export function reprocessMissedResponses(): ReturnType<typeof reprocessMissedAction> {
  return alsoRefreshDashboard(reprocessMissedAction());
}

/** Menu: ROSE Tracker → Evaluation report. */
export function buildEvaluationReport(): ReturnType<typeof writeEvaluationReport> {
  return inWorkingOrder(writeEvaluationReport());
}

/** Menu: ROSE Tracker → Close a survey wave… (asks which site's follow-up, freezes its report, then rewrites the Evaluation report). */
export function closeSurveyWaveMenu(): ReturnType<typeof closeSurveyWaveAction> {
  const closed = closeSurveyWaveAction();
  if (closed) inWorkingOrder(writeEvaluationReport());
  return closed;
}

/** Closes one site's follow-up wave (the menu item's work, for a coordinator or the evaluator), then rewrites the Evaluation report. */
export function closeSurveyWave(site: string, wave: string): ReturnType<typeof closeWaveFor> {
  const closed = closeWaveFor(site, wave);
  inWorkingOrder(writeEvaluationReport());
  return closed;
}

/** Menu: ROSE Tracker → Process evaluation report. */
export function buildProcessEvaluationReport(): ReturnType<typeof buildProcessReport> {
  return buildProcessReport();
}

/** Menu: ROSE Tracker → Site report (one page). */
export function buildSiteReportPage(): ReturnType<typeof buildSiteReport> {
  return buildSiteReport();
}

/** Menu: ROSE Tracker → Install document templates. */
export function installDocumentTemplates(): ReturnType<typeof installTemplatesAction> {
  return installTemplatesAction();
}

/** Menu: ROSE Tracker → Register a Google Doc as a template. */
export function registerDocumentTemplate(): ReturnType<typeof registerTemplateAction> {
  return registerTemplateAction();
}

/** Menu: ROSE Tracker → Generate documents (opens the sidebar). */
export function showGenerateDocuments(): void {
  showDocumentsSidebarAction();
}

/** Menu: ROSE Tracker → Give ROSE Tracker access to templates (a Google Picker dialog). */
export function showTemplateAccess(): void {
  showTemplateAccessAction();
}

/** Picker dialog: its settings and what this person needs to pick. */
export function templatePickerSetup(): ReturnType<typeof templatePickerSetupAction> {
  return templatePickerSetupAction();
}

/** Picker dialog: after the pick, what is still out of reach. */
export function templatesPicked(pickedIds: string[]): ReturnType<typeof templatesPickedAction> {
  return templatesPickedAction(pickedIds);
}

/** Sidebar call: templates, people, sites, roles and unfinished jobs. */
export function listTemplatesAndPeople(): ReturnType<typeof templatesAndPeople> {
  return templatesAndPeople();
}

/** Sidebar call: the filled fields of one person for one template. */
export function previewDocument(templateId: string, staffId: string): ReturnType<typeof preview> {
  return preview(templateId, staffId);
}

/** Sidebar call: check the template and start a job (nothing is made yet). */
export function startDocumentJob(request: JobRequest): ReturnType<typeof startJob> {
  return startJob(request);
}

/** Sidebar call: make the next chunk of documents (its share when `lanes` chunks run at once); returns progress. */
export function runDocumentJobChunk(jobId: string, lanes?: number): ReturnType<typeof runChunk> {
  return runChunk(jobId, undefined, Math.max(1, Math.min(10, Math.floor(Number(lanes) || 1))));
}

/** Sidebar call: where a job stands. */
export function getDocumentJob(jobId: string): ReturnType<typeof jobProgress> {
  return jobProgress(jobId);
}

/** Sidebar call: stop a job; what was made stays. */
export function cancelDocumentJob(jobId: string): ReturnType<typeof cancelJob> {
  return cancelJob(jobId);
}

/** Sidebar call: email finished documents to the people who asked (or to an address a person named). */
export function sendDocumentsByEmail(request: SendRequest): ReturnType<typeof sendDocuments> {
  return sendDocuments(request);
}

/** Sidebar call: send the emails still waiting for the daily mail quota. */
export function continueSendingDocuments(): ReturnType<typeof continueSending> {
  return continueSending();
}
