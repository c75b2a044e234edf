// The one place that names every property key ROSE Tracker keeps, and in which store it lives.
//
// Document properties belong to the spreadsheet (shared by every user of the add-on in it); user
// properties belong to one person. Every key starts with "rose." so our keys never meet another
// script's in the same store.

export const PROPERTY_KEYS = {
  /** Document: the reminder schedule (recipients, frequency, hour). */
  reminderSchedule: 'rose.reminders',
  /** Document: form responses whose trigger run failed, waiting for Process missed form responses. */
  unprocessedSubmissions: 'rose.unprocessedSubmissions',
  /** Document: the highest RESP- number intake has issued. */
  surveyHighestId: 'rose.survey.highestId',
  /** Document: submission keys of recent deliveries, to drop a repeated form-submit firing. */
  surveyRecentKeys: 'rose.survey.recentKeys',
  /** Document: the templates registered for documents. */
  documentTemplates: 'rose.documents.templates',
  /** Document: each site's folder for generated documents. */
  documentSiteFolders: 'rose.documents.siteFolders',
  /** Document: the protections a setup run is about to create, so a rerun after a cut can tell them from a person's own. */
  setupProtecting: 'rose.setup.protecting',
} as const;

/** Keys made per thing: one form, one raw response row, one document job, one reminder trigger. */
export const PROPERTY_KEY_PREFIXES = {
  /** Document: a form ROSE Tracker made, by survey ID. */
  form: 'rose.form.',
  /** Document: a raw response row already stored (so a re-run does not store it twice). */
  settledRow: 'rose.settledRow.',
  /** User: a document job, by job ID. */
  documentJob: 'rose.documents.job.',
  /** User: which spreadsheet a reminder trigger belongs to, by trigger ID. */
  reminderTrigger: 'rose.reminders.trigger.',
} as const;

export type PropertyKeyPrefix = keyof typeof PROPERTY_KEY_PREFIXES;

/** The key of one thing: `propertyKey('form', 'rose-evaluation')` → "rose.form.rose-evaluation". */
export function propertyKey(prefix: PropertyKeyPrefix, id: string): string {
  return PROPERTY_KEY_PREFIXES[prefix] + id;
}
