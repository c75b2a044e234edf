// After a person's edit: the installable on-edit trigger a coordinator's setup creates refreshes IDs, computed columns and lists as that coordinator; the simple onEdit only speaks up.
//
// A simple onEdit runs as the person editing, in AuthMode.LIMITED, for at most 30 seconds, and
// cannot use services that need authorization (developers.google.com/apps-script/guides/triggers#restrictions).
// A site lead who is not a coordinator cannot write the tabs a refresh writes (Staff is limited to
// coordinators), so a refresh run there stops half-way. An installable on-edit trigger fires on every
// person's edit and runs with the authorization of the person who created it, in an ordinary
// six-minute execution (developers.google.com/apps-script/guides/triggers/installable); an add-on
// may have one per user per document (developers.google.com/workspace/add-ons/concepts/editor-triggers).
// So setup creates one for the coordinator running it, and that run refreshes. The simple onEdit
// reads only document properties (allowed in LIMITED) and tells the person when no edit trigger is
// installed or the last refresh failed.
//
// Edits close together: a run waits a few seconds for the document lock. When another run holds it,
// it leaves its tab in the queue (edit-queue.ts) and tries once more; the run holding the lock takes
// the queue with its own tab, and looks again after releasing the lock, so every edit is refreshed
// by some run or waits in the queue, which the next run, Refresh computed columns and Check data see.
//
// Most edits change only their own rows (a wage on Staff, a milestone's dates): those are refreshed
// in two Sheets API calls (edit-rows.ts), which also show whether anything waits in the queue; the
// run then ends holding the lock, which Apps Script releases when the script ends ("The lock is
// automatically released when the script terminates", developers.google.com/apps-script/reference/lock/lock#releaseLock()).
// Every other edit, and any edit those calls cannot settle, takes the whole-tab refresh below. The
// event names the edited range and its spreadsheet (e.range, e.source:
// developers.google.com/apps-script/guides/triggers/events#edit), so no tab is looked up by name;
// e.value and e.oldValue are left alone: they exist only for a single cell, and the refresh reads the
// row anyway.
import type { TabName } from './schema';
import { editedTab, refreshScope, refreshTabs } from './actions';
import { clearPendingMarkers, queueEdit, readQueue, recordEditFailure, settle } from './edit-queue';
import { editedRows, refreshEditedRows, rowsScope } from './edit-rows';
import { PROPERTY_KEYS } from '../core/keys';
export { EDIT_TRIGGER_HANDLER } from './edit-trigger-setup';

/** How long an edit run waits for the lock before queuing: a refresh takes about a second, and a run may wait twice. */
export const EDIT_LOCK_WAIT_MS = 3000;

/** Runs that take the queue again after releasing the lock, at most (each takes what waited meanwhile). */
const FOLLOW_UPS = 3;

/** The simple onEdit: as the person editing, in AuthMode.LIMITED. It changes nothing; it says when edits are not being refreshed. */
export function handleSimpleEdit(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): void {
  if (!e || !e.range) return;
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) return;
  const installed = properties.getProperty(PROPERTY_KEYS.editTrigger);
  const failure = installed ? properties.getProperty(PROPERTY_KEYS.editFailure) : null;
  if (!installed) {
    SpreadsheetApp.getActiveSpreadsheet().toast('IDs, computed columns and dropdowns are not refreshed after edits in this Sheet yet: ask a coordinator to run ROSE Tracker → Set up tracker once.', 'ROSE Tracker', 10);
  } else if (failure) {
    SpreadsheetApp.getActiveSpreadsheet().toast(`${failure} Your edit is kept; a coordinator can run ROSE Tracker → Refresh computed columns.`, 'ROSE Tracker', 10);
  }
}

/**
 * The installable on-edit trigger: as the coordinator who set up, whoever edited. Refreshes the
 * edited tab and every tab waiting in the queue, under the document lock; queues the tab when the
 * lock stays busy. A refresh that fails leaves its tab queued and says why (Check data, next editor).
 */
export function handleTrackerEdit(e: GoogleAppsScript.Events.SheetsOnEdit | undefined): { refreshed: TabName[]; queued: boolean } {
  const edited = editedTab(e);
  if (!edited) return { refreshed: [], queued: false };
  const tab = edited.tab;
  const ss = e!.source ?? edited.sheet.getParent();
  // The edited sheet is known already (under its tracker name only when a person did not rename it).
  const known = new Map(edited.renamed ? [] : [[tab as string, edited.sheet]]);
  const lock = LockService.getDocumentLock();
  if (!lock) throw new Error('ROSE Tracker has no document lock for this edit (the trigger is not bound to a spreadsheet).');
  if (!lock.tryLock(EDIT_LOCK_WAIT_MS)) {
    queueEdit(tab, ss);
    // The holder may have looked at the queue already: try once more, then leave it queued.
    if (!lock.tryLock(EDIT_LOCK_WAIT_MS)) return { refreshed: [], queued: true };
    return { refreshed: refreshQueued(ss, lock, [], known), queued: true };
  }
  const rows = edited.renamed ? null : rowsScope(tab, refreshScope(tab));
  const span = rows ? editedRows(e!.range.getA1Notation()) : null;
  if (rows && span) {
    let outcome: ReturnType<typeof refreshEditedRows>;
    try {
      outcome = refreshEditedRows(ss.getId(), tab, span, rows);
    } catch (error) {
      // As a failed whole-tab refresh: the tab waits in the queue and Check data and the next editor are told.
      recordEditFailure([tab], [tab], typeof (error as { message?: unknown })?.message === 'string' ? (error as Error).message : String(error), ss);
      throw error;
    }
    // Edits that waited meanwhile are taken now, as the whole-tab refresh takes them.
    if (outcome.done) return { refreshed: outcome.pending ? [tab, ...refreshQueued(ss, lock, [], known).filter((t) => t !== tab)] : [tab], queued: false };
  }
  return { refreshed: refreshQueued(ss, lock, [tab], known), queued: false };
}

/** With the lock held: refreshes `own` and the queue, releases, and takes what was queued meanwhile. */
function refreshQueued(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, lock: GoogleAppsScript.Lock.Lock, own: TabName[], known: ReadonlyMap<string, GoogleAppsScript.Spreadsheet.Sheet>): TabName[] {
  const refreshed: TabName[] = [];
  let tabs = own;
  for (let run = 0; run <= FOLLOW_UPS; run += 1) {
    clearPendingMarkers(ss);
    const queue = readQueue();
    const all = [...new Set([...tabs, ...queue.tabs])];
    if (!all.length) { lock.releaseLock(); break; }
    try {
      refreshTabs(ss, all, known);
    } catch (error) {
      lock.releaseLock();
      const message = typeof (error as { message?: unknown })?.message === 'string' ? (error as Error).message : String(error);
      recordEditFailure(tabs.filter((t) => queue.tabs.indexOf(t) < 0), all, message, ss);
      throw error;
    }
    settle(queue);
    refreshed.push(...all.filter((t) => refreshed.indexOf(t) < 0));
    lock.releaseLock();
    // Runs that queued while this one worked: take them now, or the run holding the lock will.
    if (!readQueue().tabs.length || !lock.tryLock(EDIT_LOCK_WAIT_MS)) break;
    tabs = [];
  }
  return refreshed;
}
