// Setup's part of the edit design (edit-trigger.ts): the installable on-edit trigger that refreshes the tracker as the coordinator who set up.
import { PROPERTY_KEYS } from '../core/keys';

/** The bundle's top-level function the installable trigger calls (addon/main.ts). */
export const EDIT_TRIGGER_HANDLER = 'onTrackerEdit';

/**
 * Makes sure this Sheet has an on-edit trigger refreshing it: creates one for the person running
 * setup unless they have one, or the one recorded is another coordinator's (an add-on may have one
 * trigger of each type per user per document; one for the Sheet is enough). Returns a line for the
 * coordinator, or null when nothing changed. `runBy`: the email setup already read, saving two calls.
 */
export function ensureEditTrigger(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, runBy?: string): string | null {
  const properties = PropertiesService.getDocumentProperties();
  const me = runBy || Session.getEffectiveUser().getEmail();
  const recorded = properties ? properties.getProperty(PROPERTY_KEYS.editTrigger) : null;
  const mine = ScriptApp.getUserTriggers(ss).some((t) => t.getHandlerFunction() === EDIT_TRIGGER_HANDLER);
  if (mine) {
    if (properties && recorded !== me) properties.setProperty(PROPERTY_KEYS.editTrigger, me);
    return null;
  }
  if (recorded && recorded !== me) return null;
  try {
    ScriptApp.newTrigger(EDIT_TRIGGER_HANDLER).forSpreadsheet(ss).onEdit().create();
  } catch (error) {
    // Setup's own work is done; without the trigger edits are not refreshed, and Check data keeps saying so.
    const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as Error).message : String(error);
    return `Edits will not refresh IDs and computed columns by themselves: Google refused the edit trigger (${message}). Remove ROSE Tracker triggers you no longer use (Extensions → Apps Script → Triggers, or uninstall it from Sheets you left), then run Set up tracker again.`;
  }
  if (properties) properties.setProperty(PROPERTY_KEYS.editTrigger, me);
  return `Edits by anyone now refresh IDs, computed columns and dropdowns, run as you (${me}).`;
}
