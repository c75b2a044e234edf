// The one place that names every property and metadata key ROSE Tracker keeps, and in which store it lives.
//
// Document properties belong to the spreadsheet (shared by every user of the add-on in it); user
// properties belong to one person. Every key starts with "rose." so our keys never meet another
// script's in the same store.

export const PROPERTY_KEYS = {
  /** Document: where older versions kept the reminder schedule (a time-driven run cannot read it); read once and moved to METADATA_KEYS.reminderSchedule. */
  reminderSchedule: 'rose.reminders',
  /** Document: form responses whose trigger run failed, waiting for Process missed form responses. */
  unprocessedSubmissions: 'rose.unprocessedSubmissions',
  /** Document: the highest RESP- number intake has issued. */
  surveyHighestId: 'rose.survey.highestId',
  /** Document: no longer kept (older versions' bounded dedupe list; the target tab's Submission key column replaced it). Process missed form responses removes it. */
  surveyRecentKeys: 'rose.survey.recentKeys',
  /** Document: the templates registered for documents. */
  documentTemplates: 'rose.documents.templates',
  /** Document: each site's folder for generated documents. */
  documentSiteFolders: 'rose.documents.siteFolders',
  /** Document: who made the Documents folder (an email), so a person who cannot reach it is told whom to ask. */
  documentsFolderBy: 'rose.documents.folderBy',
  /** Script: the Cloud project number the Google Picker grants files to (PickerBuilder.setAppId); set at deployment. */
  pickerProjectNumber: 'rose.picker.projectNumber',
  /** Script: the Picker's API key (PickerBuilder.setDeveloperKey), from the same standard Cloud project; set at deployment. */
  pickerApiKey: 'rose.picker.apiKey',
  /** Document: who owns the tracker's one form-submit trigger (a second coordinator does not add another). */
  formTriggerOwner: 'rose.forms.triggerOwner',
  /** Document: no longer written (older versions listed the protections a setup run was about to create; setup now makes each one with its description in one atomic batch). */
  setupProtecting: 'rose.setup.protecting',
  /** Document: who installed the on-edit trigger that refreshes the tracker after edits (the simple onEdit reads it). */
  editTrigger: 'rose.edit.trigger',
  /** Document: why the last refresh after an edit failed, until a refresh succeeds (Check data and the next editor see it). */
  editFailure: 'rose.edit.failure',
  /** Document: the form people answer to acknowledge a contract sent to them (its ID, items and link). */
  acknowledgementForm: 'rose.documents.acknowledgementForm',
} as const;

/**
 * Keys of developer metadata on the spreadsheet itself. Unlike document properties it travels with
 * the file and is there in every run (a time-driven run has no document properties).
 */
export const METADATA_KEYS = {
  /** Tracker: the ID of its Support requests workbook, made by Set up private workbooks. */
  supportWorkbook: 'rose.privacy.supportWorkbook',
  /** Tracker: the ID of its Evaluation workbook, made by Set up private workbooks. */
  evaluationWorkbook: 'rose.privacy.evaluationWorkbook',
  /** Private workbook: the ID of the tracker that made it; marks the file as a companion, not a tracker. */
  companionOf: 'rose.privacy.companionOf',
  /** Private workbook: the form records whose answers land in it and the document properties intake needs (JSON), copied to its document properties when intake is turned on there. */
  companionForms: 'rose.privacy.forms',
  /** Spreadsheet: each tracker tab's sheet ID by its tracker name, so a tab a person renamed is still found. */
  trackerTabs: 'rose.trackerTabs',
  /** Spreadsheet: the reminder schedule (frequency, hour, recipients) and whose trigger sends it, readable by that trigger's run. */
  reminderSchedule: 'rose.reminders.schedule',
  /** Spreadsheet: an edit waits in the queue or the last refresh after an edit failed (edit-queue.ts); read with an edit's first Sheets API call. */
  editPending: 'rose.edit.pending',
  /** Spreadsheet (PROJECT visibility): the coordinator list as a coordinator last confirmed it, and who did (tracker/coordinators.ts). */
  confirmedCoordinators: 'rose.coordinators.confirmed',
  /** Spreadsheet (PROJECT visibility): which answers the last Evaluation report counted, by site and wave (surveys/release.ts). */
  evaluationRelease: 'rose.evaluation.released',
  /** Spreadsheet (PROJECT visibility): the values of other access-widening Settings rows (Documents folder) as a coordinator confirmed them (tracker/coordinators.ts). */
  confirmedSettings: 'rose.settings.confirmed',
  /** Spreadsheet (PROJECT visibility): each closed follow-up wave's frozen figures (evaluation/waves.ts ClosedWave, a JSON list). */
  closedWaves: 'rose.evaluation.closedWaves',
  /** Spreadsheet (PROJECT visibility): each site's follow-up dates as the last Evaluation report found them, and the evaluators then named, for the reminders (no answer in it). */
  followUpSchedule: 'rose.evaluation.followUpSchedule',
} as const;

/** Keys made per thing: one form, one raw response row, one document job, one reminder trigger. */
export const PROPERTY_KEY_PREFIXES = {
  /** Document: a form ROSE Tracker made, by survey ID. */
  form: 'rose.form.',
  /** Document: older versions' cursor, a raw response row number (rows shift when people delete some); read once to start settledAt. */
  settledRow: 'rose.settledRow.',
  /** User: a document job, by job ID. */
  documentJob: 'rose.documents.job.',
  /** User: which spreadsheet a reminder trigger belongs to, by trigger ID. */
  reminderTrigger: 'rose.reminders.trigger.',
  /** Document: by survey ID, the time of the latest form response Process missed form responses has settled. */
  settledAt: 'rose.settledAt.',
  /** Document: by tab, the column letter where intake last found the Submission key column (checked on every read). */
  submissionKeyColumn: 'rose.submissionKeyColumn.',
  /** Document: an edited tab waiting for a refresh (another run held the lock), one key per waiting edit. */
  editQueue: 'rose.edit.queue.',
  /** Document: by DOC- ID, the one-time code that lets the person a contract was sent to acknowledge it. */
  acknowledgementCode: 'rose.documents.ackCode.',
} as const;

export type PropertyKeyPrefix = keyof typeof PROPERTY_KEY_PREFIXES;

/** The key of one thing: `propertyKey('form', 'rose-evaluation')` → "rose.form.rose-evaluation". */
export function propertyKey(prefix: PropertyKeyPrefix, id: string): string {
  return PROPERTY_KEY_PREFIXES[prefix] + id;
}
