// The names Apps Script calls: simple triggers, menu actions, trigger handlers and sidebar calls. Each export becomes a top-level function.
import { buildMenu } from './menu';
import { setupTrackerAction, checkDataAction, refreshTracker, handleEdit } from './tracker/actions';

/** Runs when the Sheet opens; in AuthMode.NONE it may only build the menu, so that is all it does. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu(SpreadsheetApp.getUi());
}

/** Runs when the add-on is installed from the Marketplace: show the menu at once. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

/** Simple trigger: new rows get IDs and computed columns follow edits. */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  handleEdit(e);
}

/** Menu: ROSE Tracker → Set up tracker. */
export function setupTracker(): ReturnType<typeof setupTrackerAction> {
  return setupTrackerAction();
}

/** Menu: ROSE Tracker → Check data. */
export function checkData(): ReturnType<typeof checkDataAction> {
  return checkDataAction();
}

/** Menu: ROSE Tracker → Refresh computed columns. */
export function refreshComputed(): ReturnType<typeof refreshTracker> {
  return refreshTracker();
}
